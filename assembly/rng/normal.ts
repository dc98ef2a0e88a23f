import { rngNextF64 } from './xoshiro256pp';

/**
 * Standard normal variates by Marsaglia's polar method (Marsaglia & Bray, 1964).
 * Each accepted pair yields two normals; the second is cached in the stream (bytes 32..47),
 * so the sequence is a pure function of the seed.
 */
export function rngNextNormal(st: usize): f64 {
  if (load<u64>(st + 40) != 0) {
    store<u64>(st + 40, 0);
    return load<f64>(st + 32);
  }
  let u: f64, v: f64, s: f64;
  do {
    u = 2.0 * rngNextF64(st) - 1.0;
    v = 2.0 * rngNextF64(st) - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  const m = Math.sqrt(-2.0 * Math.log(s) / s);
  store<f64>(st + 32, v * m);
  store<u64>(st + 40, 1);
  return u * m;
}

/** Fills `n` doubles at `out` with standard normals. */
export function rngFillNormal(st: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) store<f64>(out + (<usize>i << 3), rngNextNormal(st));
}
