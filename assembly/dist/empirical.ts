import { ld, st } from './column';
import { rngNextF64 } from '../rng/xoshiro256pp';

/**
 * Empirical marginal on knots q₀ ≤ … ≤ q_{m−1}: the sorted data, or, above EMPIRICAL_MAX_KNOTS values,
 * the sample quantiles at i/(K−1) (linear interpolation, Hyndman & Fan type 7 = NumPy's default).
 * Quantile: type-7 interpolation Q(u) = q_⌊h⌋ + (h − ⌊h⌋)(q_⌊h⌋+1 − q_⌊h⌋), h = u(m−1).
 * CDF: mid-rank, F(x) = (#{q < x} + ½#{q = x})/m — so tied values get the centre of their step.
 * log-density: the density of Q (1/((m−1)·(q_{k+1} − q_k)) on each gap), −∞ outside [q₀, q_{m−1}],
 * +∞ on an atom (a run of ties with zero gap).
 */
export const EMPIRICAL_MAX_KNOTS: i32 = 4096;

/** Writes the knots of `n` sorted finite values to `knots` (≥ min(n, K) doubles) and returns their count. */
export function distEmpiricalKnots(sorted: usize, n: i32, knots: usize): i32 {
  if (n <= EMPIRICAL_MAX_KNOTS) { memory.copy(knots, sorted, <usize>n << 3); return n; }
  const k = EMPIRICAL_MAX_KNOTS;
  for (let i = 0; i < k; i++) {
    const h = <f64>i * <f64>(n - 1) / <f64>(k - 1);
    const j = <i32>h;
    const f = h - <f64>j;
    st(knots, i, j + 1 < n ? ld(sorted, j) + f * (ld(sorted, j + 1) - ld(sorted, j)) : ld(sorted, n - 1));
  }
  return k;
}

/** Count of knots strictly below x (lower bound). */
@inline function lowerBound(q: usize, m: i32, x: f64): i32 {
  let a = 0, b = m;
  while (a < b) { const c = (a + b) >>> 1; if (ld(q, c) < x) a = c + 1; else b = c; }
  return a;
}

/** Count of knots ≤ x (upper bound). */
@inline function upperBound(q: usize, m: i32, x: f64): i32 {
  let a = 0, b = m;
  while (a < b) { const c = (a + b) >>> 1; if (ld(q, c) <= x) a = c + 1; else b = c; }
  return a;
}

export function distEmpiricalCdf(q: usize, m: i32, inp: usize, out: usize, n: i32): void {
  const inv = 1.0 / <f64>m;
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    if (x != x) { st(out, i, x); continue; }
    const lb = lowerBound(q, m, x), ub = upperBound(q, m, x);
    st(out, i, (<f64>lb + 0.5 * <f64>(ub - lb)) * inv);
  }
}

@inline function quantileAt(q: usize, m: i32, u: f64): f64 {
  if (!(u >= 0 && u <= 1)) return NaN;
  const h = u * <f64>(m - 1);
  const j = <i32>h;
  if (j >= m - 1) return ld(q, m - 1);
  return ld(q, j) + (h - <f64>j) * (ld(q, j + 1) - ld(q, j));
}

export function distEmpiricalQuantile(q: usize, m: i32, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, quantileAt(q, m, ld(inp, i)));
}

export function distEmpiricalLogPdf(q: usize, m: i32, inp: usize, out: usize, n: i32): void {
  const lm = Math.log(<f64>(m - 1));
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    if (x != x) { st(out, i, x); continue; }
    if (m < 2 || x < ld(q, 0) || x > ld(q, m - 1)) { st(out, i, -Infinity); continue; }
    let k = upperBound(q, m, x) - 1; // q_k ≤ x < q_{k+1}
    if (k >= m - 1) k = m - 2;
    const gap = ld(q, k + 1) - ld(q, k);
    st(out, i, gap > 0 ? -lm - Math.log(gap) : Infinity);
  }
}

export function distEmpiricalSample(q: usize, m: i32, rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, quantileAt(q, m, rngNextF64(rng)));
}
