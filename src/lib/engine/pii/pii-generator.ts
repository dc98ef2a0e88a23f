/**
 * PII columns (SDV's AnonymizedFaker): never modelled, regenerated with a seeded, locale-aware Faker,
 * and never equal to a sample value for providers with a large value space. The sample values are
 * remembered only as 64-bit hashes (two FNV-1a seeds), so a saved model holds no PII.
 */
import { AppError } from '../../schema/model';
import { fnv1a, seededRng, type Rng } from '../transformers/rng';
import { makeFaker } from './faker-instance';
import { customProvider, PII_PROVIDERS, type PiiProvider } from './providers';

const normalise = (v: string) => v.trim().toLowerCase();

/** Hash of a normalised value, as stored in `PiiState.avoidHashes`. */
export function piiHash(value: string): string {
  const t = normalise(value);
  return `${fnv1a(t).toString(36)}:${fnv1a(t, 0x2545f491).toString(36)}`;
}

export function resolveProvider(sdtype: string, column: string, providerPath?: string): PiiProvider {
  if (providerPath) return customProvider(providerPath, column);
  const p = PII_PROVIDERS[sdtype];
  if (!p) throw new AppError('pii/unknown-sdtype', `Column "${column}": no Faker provider for sdtype "${sdtype}"`, { column }, { sdtype });
  return p;
}

/** Hashes of the distinct sample values to avoid (empty for vocabulary providers). */
export function sampleHashes(provider: PiiProvider, cells: readonly (string | null)[]): string[] {
  if (!provider.avoidSample) return [];
  const set = new Set<string>();
  for (const c of cells) if (c !== null && c.trim() !== '') set.add(piiHash(c));
  return [...set];
}

/** Checks a provider once at fit time, so a bad custom path fails before sampling. */
export function validateProvider(provider: PiiProvider, locale: string): void {
  provider.generate(makeFaker(locale, seededRng(0)));
}

const MAX_TRIES = 100;

/** n values (null where `isMissing`), none of which hashes to a sample value. */
export function generatePii(column: string, provider: PiiProvider, avoidHashes: readonly string[], n: number, locale: string, rng: Rng, isMissing: Uint8Array | null): (string | null)[] {
  const faker = makeFaker(locale, rng);
  const avoid = new Set(avoidHashes);
  const out: (string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    if (isMissing && isMissing[r]) { out[r] = null; continue; }
    let v = provider.generate(faker);
    let tries = 1;
    while (avoid.size && avoid.has(piiHash(v))) {
      if (++tries > MAX_TRIES) {
        throw new AppError('pii/exhausted', `Column "${column}": ${MAX_TRIES} values from ${provider.path} in a row were all sample values; choose another provider or set pii: false`, { column });
      }
      // Skip draws before retrying: a sample written by the same seeded stream would otherwise be
      // replayed value for value after the first hit.
      for (let k = 0; k < tries; k++) rng.nextFloat();
      v = provider.generate(faker);
    }
    out[r] = v;
  }
  return out;
}
