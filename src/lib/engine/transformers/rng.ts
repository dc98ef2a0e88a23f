/**
 * The one randomness interface of the transformer layer, and a seeded implementation.
 * Every random choice (uniform draws inside category intervals, missing-value fills, key order,
 * Faker output) goes through an `Rng`, so the same input + seed gives byte-identical output.
 * The lead may swap `seededRng` for the WASM stream; only `nextFloat` is required.
 */
export interface Rng {
  /** Uniform in [0, 1). */
  nextFloat(): number;
}

/** SplitMix32 step (Vigna's SplitMix adapted to 32-bit words; used to expand seeds). */
function splitmix32(state: number): [number, number] {
  state = (state + 0x9e3779b9) | 0;
  let z = state;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [state, (z ^ (z >>> 16)) >>> 0];
}

/**
 * xoshiro128** (Blackman & Vigna, 2018), seeded by SplitMix32 from the low and high 32 bits of
 * `seed`. `nextFloat` combines two outputs into 53 random bits.
 */
export class Xoshiro128 implements Rng {
  private s = new Uint32Array(4);
  /** `stream` selects an independent sequence for the same seed. */
  constructor(seed: number, stream = 0) {
    const lo = seed >>> 0;
    const hi = Math.floor(Math.abs(seed) / 4294967296) >>> 0;
    const words = [lo, hi, stream >>> 0];
    let st = 0;
    for (let i = 0; i < 4; i++) {
      // Absorb one seed word per step, then draw: different (seed, stream) pairs give different states.
      if (i < words.length) st ^= splitmix32(words[i] ^ Math.imul(i + 1, 0x632be5ab))[1];
      const [next, out] = splitmix32(st);
      st = next;
      this.s[i] = out;
    }
    if (!(this.s[0] | this.s[1] | this.s[2] | this.s[3])) this.s[0] = 1;
  }
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }
  nextFloat(): number {
    const a = this.nextUint32() >>> 5; // 27 bits
    const b = this.nextUint32() >>> 6; // 26 bits
    return (a * 67108864 + b) / 9007199254740992;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

export function seededRng(seed: number, stream = 0): Rng {
  return new Xoshiro128(seed, stream);
}

/** Accepts an Rng or a numeric seed. */
export function toRng(r: Rng | number): Rng {
  return typeof r === 'number' ? seededRng(r) : r;
}

/** 32-bit FNV-1a of a string (labels for derived streams, hashed PII look-ups). */
export function fnv1a(text: string, h = 0x811c9dc5): number {
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Independent per-column streams: one base draw from `parent`, then a stream per label.
 * Column streams do not depend on column order, so adding a column leaves the others unchanged.
 */
export function streamFactory(parent: Rng | number): (label: string) => Rng {
  const base = Math.floor(toRng(parent).nextFloat() * 4294967296);
  return (label) => seededRng(base, fnv1a(label));
}

/** Uniform integer in [0, n). */
export function nextInt(rng: Rng, n: number): number {
  return Math.min(n - 1, Math.floor(rng.nextFloat() * n));
}
