import { ld, st } from './column';

/**
 * Degenerate (point-mass) marginal at `c` — the fallback for empty, one-value and constant columns.
 * CDF: 0 below c, ½ at c (mid-rank, so the copula maps it to z = 0), 1 above. Quantile: c for every u.
 * log-density: 0 at c, −∞ elsewhere (density with respect to the point mass).
 */
export function distConstantCdf(c: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    st(out, i, x != x ? x : x < c ? 0.0 : x > c ? 1.0 : 0.5);
  }
}

export function distConstantQuantile(c: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) { const u = ld(inp, i); st(out, i, u >= 0 && u <= 1 ? c : NaN); }
}

export function distConstantLogPdf(c: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) { const x = ld(inp, i); st(out, i, x != x ? x : x == c ? 0.0 : -Infinity); }
}

export function distConstantSample(c: f64, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, c);
}
