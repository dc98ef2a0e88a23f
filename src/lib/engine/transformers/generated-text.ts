/**
 * Columns regenerated instead of modelled:
 * - free text (sdtype `text`, or any column with option `text: 'faker'`): Faker lorem text with the
 *   sample's word-count distribution, as sentences when most sample values end with a full stop;
 * - `unknown` sdtype: random text with the sample's lengths, digits when the sample was all digits
 *   (SDV writes `sdv-pii-?????` or a digit pattern of the original width).
 * Their missingness is still an indicator inside the copula.
 */
import { makeFaker } from '../pii/faker-instance';
import { drawFromHistogram, histogramOf } from './histogram';
import { fitMissingIndicator } from './missing';
import type { Rng } from './rng';
import type { FreeTextState, UnknownState } from './types';

const isPresent = (c: string | null): c is string => c !== null && c.trim() !== '';
const maskOf = (cells: readonly (string | null)[]) => Uint8Array.from(cells, (c) => (isPresent(c) ? 0 : 1));

export function fitFreeText(column: string, cells: readonly (string | null)[]): FreeTextState {
  const present = cells.filter(isPresent);
  const words = present.map((t) => t.trim().split(/\s+/).length);
  const sentences = present.filter((t) => t.trim().endsWith('.')).length * 2 >= present.length && present.length > 0;
  return { kind: 'text', column, wordCounts: histogramOf(words.length ? words : [3]), sentences, missing: fitMissingIndicator(column, maskOf(cells)) };
}

export function generateFreeText(state: FreeTextState, n: number, locale: string, rng: Rng, isMissing: Uint8Array | null): (string | null)[] {
  const faker = makeFaker(locale, rng);
  const out: (string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    if (isMissing && isMissing[r]) { out[r] = null; continue; }
    const k = drawFromHistogram(state.wordCounts, rng);
    out[r] = state.sentences ? faker.lorem.sentence(k) : faker.lorem.words(k);
  }
  return out;
}

export function fitUnknown(column: string, cells: readonly (string | null)[]): UnknownState {
  const present = cells.filter(isPresent).map((t) => t.trim());
  return {
    kind: 'unknown', column,
    lengths: histogramOf(present.length ? present.map((t) => t.length) : [5]),
    digitsOnly: present.length > 0 && present.every((t) => /^\d+$/.test(t)),
    missing: fitMissingIndicator(column, maskOf(cells))
  };
}

export function generateUnknown(state: UnknownState, n: number, locale: string, rng: Rng, isMissing: Uint8Array | null): (string | null)[] {
  const faker = makeFaker(locale, rng);
  const out: (string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    if (isMissing && isMissing[r]) { out[r] = null; continue; }
    const length = Math.max(1, drawFromHistogram(state.lengths, rng));
    out[r] = state.digitsOnly ? faker.string.numeric({ length, allowLeadingZeros: true }) : faker.string.alphanumeric({ length, casing: 'lower' });
  }
  return out;
}
