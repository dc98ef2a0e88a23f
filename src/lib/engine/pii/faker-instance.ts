/**
 * A Faker whose every random draw comes from our seeded `Rng` (Faker's `Randomizer` hook), so PII
 * output is reproducible and follows the lead's generator. Locales are imported statically (a fixed
 * list keeps the offline bundle small); each falls back to English, then to Faker's base data.
 */
import { Faker, base, de, de_AT, de_CH, en, en_GB, en_US, es, fr, fr_CH, it, nl, pl, pt_BR, sv, type LocaleDefinition, type Randomizer } from '@faker-js/faker';
import { AppError } from '../../schema/model';
import type { Rng } from '../transformers/rng';

export const LOCALES: Record<string, LocaleDefinition> = { en, en_US, en_GB, de, de_AT, de_CH, fr, fr_CH, es, it, nl, pl, pt_BR, sv };

/** Normalises "de-DE"/"de_de" style tags to a supported key, or throws a clear error. */
export function resolveLocale(locale: string | undefined): string {
  if (!locale) return 'en';
  const parts = locale.replace('-', '_').split('_');
  const full = parts.length > 1 ? `${parts[0].toLowerCase()}_${parts[1].toUpperCase()}` : parts[0].toLowerCase();
  if (full in LOCALES) return full;
  if (parts[0].toLowerCase() in LOCALES) return parts[0].toLowerCase();
  throw new AppError('pii/unknown-locale', `Locale "${locale}" is not supported; use one of ${Object.keys(LOCALES).join(', ')}`, {}, { locale });
}

export function makeFaker(locale: string, rng: Rng): Faker {
  const key = resolveLocale(locale);
  const randomizer: Randomizer = { next: () => rng.nextFloat(), seed: () => {} };
  const chain = key.startsWith('en') ? [LOCALES[key], base] : [LOCALES[key], en, base];
  return new Faker({ locale: key === 'en' ? [en, base] : chain, randomizer });
}
