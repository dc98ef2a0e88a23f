import { ld, st } from './column';
import { normCdf, normLogPdf } from '../special/normal';
import { rngNextOpen01 } from '../rng/xoshiro256pp';
import { rngNextNormal } from '../rng/normal';

/**
 * Gaussian kernel density estimate (as `scipy.stats.gaussian_kde`, Scott's rule): bandwidth
 * h = σ·n^(−1/5), σ the sample standard deviation (divisor n − 1).
 *
 * Support: the sorted data with duplicates merged into weights (SDV copulas PR #218); above
 * KDE_MAX_SUPPORT distinct points, consecutive sorted values are grouped into equal-count groups
 * represented by their mean (CDF error ≲ 0.12·var(group)/h² per group weight).
 *
 * Fast CDF/quantile (SciPy/SDV evaluate all n kernels per point and root-find the inverse): the exact
 * KDE CDF F and density f are tabulated on a uniform grid over [min − 9h, max + 9h] with spacing ≤ h/8
 * (≤ KDE_MAX_GRID nodes), each support point touching only the nodes within ±9h (Φ(−9) < 1e-18).
 * Between nodes F is the cubic Hermite interpolant of (F, f), with the Fritsch–Carlson limiter so it
 * stays monotone; the quantile inverts that cubic (Newton inside the bracket, bisection fallback).
 * Cost: O(P·145) to build, O(log G) per evaluated point.
 */

export const KDE_MAX_SUPPORT: i32 = 4096;
export const KDE_MAX_GRID: i32 = 16384;
const WINDOW: f64 = 9.0;
const INV_SQRT_2PI: f64 = 0.39894228040143267794;

/**
 * Builds the support from `n` sorted finite values: writes points to `pts`, weights (summing to 1) to
 * `wts` (both ≥ min(n, KDE_MAX_SUPPORT) doubles) and returns the support size P.
 */
export function distKdeSupport(sorted: usize, n: i32, pts: usize, wts: usize): i32 {
  let distinct = 0;
  for (let i = 0; i < n; i++) if (i == 0 || ld(sorted, i) != ld(sorted, i - 1)) distinct++;
  const inv = 1.0 / <f64>n;
  let p = 0;
  if (distinct <= KDE_MAX_SUPPORT) {
    for (let i = 0; i < n; i++) {
      const v = ld(sorted, i);
      if (p > 0 && ld(pts, p - 1) == v) st(wts, p - 1, ld(wts, p - 1) + inv);
      else { st(pts, p, v); st(wts, p, inv); p++; }
    }
    return p;
  }
  const g = (n + KDE_MAX_SUPPORT - 1) / KDE_MAX_SUPPORT; // group size
  for (let s = 0; s < n; s += g) {
    const e = min(n, s + g);
    let sum: f64 = 0;
    for (let i = s; i < e; i++) sum += ld(sorted, i);
    st(pts, p, sum / <f64>(e - s));
    st(wts, p, <f64>(e - s) * inv);
    p++;
  }
  return p;
}

/** Scott's bandwidth σ·n^(−1/5) of `n` finite values (σ with divisor n − 1). */
export function distKdeBandwidth(x: usize, n: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += ld(x, i);
  const m = s / <f64>n;
  let v: f64 = 0;
  for (let i = 0; i < n; i++) { const d = ld(x, i) - m; v += d * d; }
  return Math.sqrt(v / <f64>(n - 1)) * Math.pow(<f64>n, -0.2);
}

/** Number of grid nodes for the table of a support spanning [lo, hi] with bandwidth h. */
export function distKdeGridSize(first: f64, last: f64, h: f64): i32 {
  const span = (last - first) + 2.0 * WINDOW * h;
  const g = Math.ceil(span / (h / 8.0)) + 1.0;
  return <i32>Math.max(64.0, Math.min(<f64>KDE_MAX_GRID, g));
}

/**
 * Tabulates F and f at G nodes lo + kδ, lo = pts[0] − 9h, δ = (pts[P−1] − pts[0] + 18h)/(G − 1).
 * `cdf` and `pdf` hold G doubles each.
 */
export function distKdeTable(pts: usize, wts: usize, p: i32, h: f64, g: i32, cdf: usize, pdf: usize): void {
  const lo = ld(pts, 0) - WINDOW * h;
  const delta = (ld(pts, p - 1) + WINDOW * h - lo) / <f64>(g - 1);
  memory.fill(cdf, 0, <usize>g << 3);
  memory.fill(pdf, 0, <usize>g << 3);
  const invh = 1.0 / h;
  // pass 1: weight of kernels lying entirely left of a node (step at the first node beyond the window)
  for (let j = 0; j < p; j++) {
    const kh = <i32>Math.floor((ld(pts, j) + WINDOW * h - lo) / delta) + 1;
    if (kh < g) st(cdf, max(kh, 0), ld(cdf, max(kh, 0)) + ld(wts, j));
  }
  let acc: f64 = 0;
  for (let k = 0; k < g; k++) { acc += ld(cdf, k); st(cdf, k, acc); }
  // pass 2: kernels whose window covers the node
  for (let j = 0; j < p; j++) {
    const c = ld(pts, j), w = ld(wts, j);
    const k0 = max(0, <i32>Math.ceil((c - WINDOW * h - lo) / delta));
    const k1 = min(g - 1, <i32>Math.floor((c + WINDOW * h - lo) / delta));
    for (let k = k0; k <= k1; k++) {
      const z = (lo + <f64>k * delta - c) * invh;
      st(cdf, k, ld(cdf, k) + w * normCdf(z));
      st(pdf, k, ld(pdf, k) + w * invh * INV_SQRT_2PI * Math.exp(-0.5 * z * z));
    }
  }
  // the table is a CDF: clamp the last node and rounding excursions
  let prev: f64 = 0;
  for (let k = 0; k < g; k++) {
    let v = ld(cdf, k);
    if (v < prev) v = prev;
    if (v > 1.0) v = 1.0;
    st(cdf, k, v);
    prev = v;
  }
}

/** Fritsch–Carlson-limited end slopes (in units of F per node step) of interval k. */
@inline function limitedSlopes(f0: f64, f1: f64, d0: f64, d1: f64, out: usize): void {
  const df = f1 - f0;
  if (df <= 0) { store<f64>(out, 0.0); store<f64>(out, 0.0, 8); return; }
  const al = d0 / df, be = d1 / df;
  const s = al * al + be * be;
  if (s > 9.0) { const t = 3.0 / Math.sqrt(s); d0 = t * al * df; d1 = t * be * df; }
  store<f64>(out, d0); store<f64>(out, d1, 8);
}

@inline function hermite(f0: f64, f1: f64, d0: f64, d1: f64, t: f64): f64 {
  const t2 = t * t, t3 = t2 * t;
  return (2.0 * t3 - 3.0 * t2 + 1.0) * f0 + (t3 - 2.0 * t2 + t) * d0 + (-2.0 * t3 + 3.0 * t2) * f1 + (t3 - t2) * d1;
}

/** KDE CDF at n points (table from `distKdeTable`; `scratch` holds 2 doubles). */
export function distKdeCdf(first: f64, last: f64, h: f64, g: i32, cdf: usize, pdf: usize, inp: usize, out: usize, n: i32, scratch: usize): void {
  const lo = first - WINDOW * h;
  const delta = (last + WINDOW * h - lo) / <f64>(g - 1);
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    if (x != x) { st(out, i, x); continue; }
    const pos = (x - lo) / delta;
    if (pos <= 0) { st(out, i, 0.0); continue; }
    if (pos >= <f64>(g - 1)) { st(out, i, 1.0); continue; }
    const k = <i32>pos;
    const t = pos - <f64>k;
    const f0 = ld(cdf, k), f1 = ld(cdf, k + 1);
    limitedSlopes(f0, f1, ld(pdf, k) * delta, ld(pdf, k + 1) * delta, scratch);
    const v = hermite(f0, f1, load<f64>(scratch), load<f64>(scratch, 8), t);
    st(out, i, Math.min(f1, Math.max(f0, v)));
  }
}

/** KDE quantile at n probabilities (inverse of the interpolated CDF of `distKdeCdf`). */
export function distKdeQuantile(first: f64, last: f64, h: f64, g: i32, cdf: usize, pdf: usize, inp: usize, out: usize, n: i32, scratch: usize): void {
  const lo = first - WINDOW * h;
  const delta = (last + WINDOW * h - lo) / <f64>(g - 1);
  for (let i = 0; i < n; i++) {
    const u = ld(inp, i);
    if (!(u >= 0 && u <= 1)) { st(out, i, NaN); continue; }
    if (u <= ld(cdf, 0)) { st(out, i, lo); continue; }
    if (u >= ld(cdf, g - 1)) { st(out, i, lo + <f64>(g - 1) * delta); continue; }
    // largest k with cdf[k] ≤ u  (cdf[0] ≤ u < cdf[g−1])
    let a = 0, b = g - 1;
    while (b - a > 1) { const m = (a + b) >>> 1; if (ld(cdf, m) <= u) a = m; else b = m; }
    const f0 = ld(cdf, a), f1 = ld(cdf, a + 1);
    limitedSlopes(f0, f1, ld(pdf, a) * delta, ld(pdf, a + 1) * delta, scratch);
    const d0 = load<f64>(scratch), d1 = load<f64>(scratch, 8);
    let tl: f64 = 0, th: f64 = 1;
    let t = f1 > f0 ? (u - f0) / (f1 - f0) : 0.5;
    for (let it = 0; it < 60; it++) {
      const v = hermite(f0, f1, d0, d1, t) - u;
      if (v > 0) th = t; else tl = t;
      const t2 = t * t;
      const dv = (6.0 * t2 - 6.0 * t) * f0 + (3.0 * t2 - 4.0 * t + 1.0) * d0 + (-6.0 * t2 + 6.0 * t) * f1 + (3.0 * t2 - 2.0 * t) * d1;
      let tn = dv > 0 ? t - v / dv : 0.5 * (tl + th);
      if (!(tn > tl && tn < th)) tn = 0.5 * (tl + th);
      if (Math.abs(tn - t) < 1e-15 || th - tl < 1e-15) { t = tn; break; }
      t = tn;
    }
    st(out, i, lo + (<f64>a + t) * delta);
  }
}

/**
 * KDE log-density, exact: sums the kernels of the support points within ±9h (binary search in the
 * sorted support); beyond every window it uses the nearest point alone, in log space (no −∞ from underflow).
 */
export function distKdeLogPdf(pts: usize, wts: usize, p: i32, h: f64, inp: usize, out: usize, n: i32): void {
  const invh = 1.0 / h, lh = Math.log(h);
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    if (x != x) { st(out, i, x); continue; }
    // first index with pts ≥ x − 9h
    let a = 0, b = p;
    const left = x - WINDOW * h, right = x + WINDOW * h;
    while (a < b) { const m = (a + b) >>> 1; if (ld(pts, m) < left) a = m + 1; else b = m; }
    let s: f64 = 0;
    for (let j = a; j < p && ld(pts, j) <= right; j++) {
      const z = (x - ld(pts, j)) * invh;
      s += ld(wts, j) * Math.exp(-0.5 * z * z);
    }
    if (s > 0) { st(out, i, Math.log(s * INV_SQRT_2PI) - lh); continue; }
    // nearest support point: a−1 or a
    let best = -Infinity;
    for (let j = max(0, a - 1); j <= min(p - 1, a); j++) {
      const z = (x - ld(pts, j)) * invh;
      const l = Math.log(ld(wts, j)) + normLogPdf(z);
      if (l > best) best = l;
    }
    st(out, i, best - lh);
  }
}

/** Exact KDE draws: a support point by weight (binary search in cumulative weights `cum`, P doubles), plus h·N(0,1). */
export function distKdeSample(pts: usize, wts: usize, p: i32, h: f64, cum: usize, rng: usize, out: usize, n: i32): void {
  let acc: f64 = 0;
  for (let j = 0; j < p; j++) { acc += ld(wts, j); st(cum, j, acc); }
  for (let i = 0; i < n; i++) {
    const u = rngNextOpen01(rng) * acc;
    let a = 0, b = p - 1;
    while (a < b) { const m = (a + b) >>> 1; if (ld(cum, m) < u) a = m + 1; else b = m; }
    st(out, i, ld(pts, a) + h * rngNextNormal(rng));
  }
}
