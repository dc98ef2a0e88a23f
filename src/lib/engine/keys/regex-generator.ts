/**
 * Values from a regex subset (see regex-pattern.ts), like RDT's RegexGenerator with
 * cardinality_rule='unique' and a scrambled order: n distinct values drawn uniformly at random
 * among all the pattern's values, or a clear error when the pattern has fewer than n values.
 */
import { AppError } from '../../schema/model';
import { nextInt, type Rng } from '../transformers/rng';
import { atomCount, parseRegex, patternCount, patternValue, patternValueSmall, type RegexAtom } from './regex-pattern';

const SAFE = 2n ** 53n;

/** A uniform BigInt in [0, n) from 32-bit chunks (64 extra bits make the modulo bias negligible). */
function randomBigInt(rng: Rng, n: bigint): bigint {
  const words = Math.ceil(n.toString(2).length / 32) + 2;
  let r = 0n;
  for (let i = 0; i < words; i++) r = (r << 32n) | BigInt(Math.floor(rng.nextFloat() * 4294967296));
  return r % n;
}

export interface RegexGenerateOptions {
  unique: boolean;
  column?: string;
}

/** How many distinct values `pattern` can produce. */
export function regexCapacity(pattern: string, column?: string): bigint {
  return patternCount(parseRegex(pattern, column));
}

export function generateFromRegex(pattern: string, n: number, rng: Rng, opts: RegexGenerateOptions): string[] {
  const atoms = parseRegex(pattern, opts.column);
  return generateFromAtoms(atoms, pattern, n, rng, opts);
}

export function generateFromAtoms(atoms: RegexAtom[], pattern: string, n: number, rng: Rng, opts: RegexGenerateOptions): string[] {
  const total = patternCount(atoms);
  const tooFew = (capacity: string) => new AppError(
    'keys/not-enough-unique',
    `${opts.column ? `Column "${opts.column}": ` : ''}the pattern "${pattern}" can produce only ${capacity} distinct values, but ${n} unique keys are needed`,
    opts.column ? { column: opts.column } : {},
    { pattern, capacity, requested: n }
  );
  if (opts.unique && total < BigInt(n)) throw tooFew(total.toString());
  const out: string[] = [];
  // Optional parts can spell the same text two ways ("a?a?"), so uniqueness is checked on the text.
  const seen = new Set<string>();
  const accept = (s: string) => {
    if (opts.unique) { if (seen.has(s)) return; seen.add(s); }
    out.push(s);
  };
  if (total <= SAFE) {
    const N = Number(total);
    const counts = atoms.map((a) => Number(atomCount(a)));
    if (opts.unique && N <= 2 * n) {
      // Dense: Fisher–Yates over all indices, stopping once n distinct values are found.
      const idx = new Float64Array(N);
      for (let i = 0; i < N; i++) idx[i] = i;
      for (let i = 0; i < N && out.length < n; i++) {
        const j = i + nextInt(rng, N - i);
        const t = idx[i]; idx[i] = idx[j]; idx[j] = t;
        accept(patternValueSmall(atoms, counts, idx[i]));
      }
      if (out.length < n) throw tooFew(String(seen.size));
      return out;
    }
    let attempts = 0;
    while (out.length < n) {
      if (++attempts > 50 * n + 1000) throw tooFew(`about ${seen.size}`);
      accept(patternValueSmall(atoms, counts, nextInt(rng, N)));
    }
    return out;
  }
  const counts = atoms.map(atomCount);
  let attempts = 0;
  while (out.length < n) {
    if (++attempts > 50 * n + 1000) throw tooFew(`about ${seen.size}`);
    accept(patternValue(atoms, counts, randomBigInt(rng, total)));
  }
  return out;
}
