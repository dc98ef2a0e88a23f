/**
 * xoshiro256++ (Blackman & Vigna, 2019, https://prng.di.unimi.it/xoshiro256plusplus.c).
 * A stream is 48 bytes in linear memory: 4 × u64 state, one cached normal (f64), one flag (u64).
 * Seeding expands a 53-bit integer seed with SplitMix64, as the reference implementation advises.
 * `rngJump` advances 2^128 steps, giving non-overlapping streams for parallel or per-table work.
 */

export const RNG_STATE_BYTES: usize = 48;

@inline function rotl(x: u64, k: u64): u64 {
  return (x << k) | (x >> (64 - k));
}

function splitmix64(state: u64): u64 {
  let z = state;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Initialises the stream at `st` from `seed` (an integer-valued double, up to 2^53). */
export function rngSeed(st: usize, seed: f64): void {
  let s: u64 = <u64>seed;
  const golden: u64 = 0x9e3779b97f4a7c15;
  for (let i: usize = 0; i < 4; i++) {
    s += golden;
    store<u64>(st + (i << 3), splitmix64(s));
  }
  store<f64>(st + 32, 0.0);
  store<u64>(st + 40, 0);
}

/** Next raw 64-bit output. */
@inline export function rngNextU64(st: usize): u64 {
  const s0 = load<u64>(st), s1 = load<u64>(st, 8), s2 = load<u64>(st, 16), s3 = load<u64>(st, 24);
  const result = rotl(s0 + s3, 23) + s0;
  const t = s1 << 17;
  let n2 = s2 ^ s0;
  let n3 = s3 ^ s1;
  const n1 = s1 ^ n2;
  const n0 = s0 ^ n3;
  n2 ^= t;
  n3 = rotl(n3, 45);
  store<u64>(st, n0);
  store<u64>(st, n1, 8);
  store<u64>(st, n2, 16);
  store<u64>(st, n3, 24);
  return result;
}

/** Uniform double in [0, 1) with 53 random bits. */
@inline export function rngNextF64(st: usize): f64 {
  return <f64>(rngNextU64(st) >> 11) * 1.1102230246251565e-16; // 2^-53
}

/** Jump: equivalent to 2^128 calls of next(); used to derive independent streams. */
export function rngJump(st: usize): void {
  const J0: u64 = 0x180ec6d33cfd0aba, J1: u64 = 0xd5a61266f0c9392c, J2: u64 = 0xa9582618e03fc9aa, J3: u64 = 0x39abdc4529b1661c;
  let a: u64 = 0, b: u64 = 0, c: u64 = 0, d: u64 = 0;
  for (let w = 0; w < 4; w++) {
    const jw = w == 0 ? J0 : w == 1 ? J1 : w == 2 ? J2 : J3;
    for (let bit: u64 = 0; bit < 64; bit++) {
      if ((jw & ((<u64>1) << bit)) != 0) {
        a ^= load<u64>(st); b ^= load<u64>(st, 8); c ^= load<u64>(st, 16); d ^= load<u64>(st, 24);
      }
      rngNextU64(st);
    }
  }
  store<u64>(st, a); store<u64>(st, b, 8); store<u64>(st, c, 16); store<u64>(st, d, 24);
  store<u64>(st + 40, 0);
}

/** Fills `n` doubles at `out` with uniforms in [0, 1). */
export function rngFillUniform(st: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), rngNextF64(st));
}

/** Uniform double in the open interval (0, 1): (k + ½)·2⁻⁵³ — safe to feed into quantile functions. */
@inline export function rngNextOpen01(st: usize): f64 {
  return (<f64>(rngNextU64(st) >> 11) + 0.5) * 1.1102230246251565e-16;
}
