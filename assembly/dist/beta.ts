import { ld, st, FIT_OK, FIT_MOMENTS } from './column';
import { betaInc, betaIncInv } from '../special/incomplete-beta';
import { lbeta, digamma, trigamma } from '../special/gamma';
import { rngNextOpen01 } from '../rng/xoshiro256pp';
import { sampleStdGamma } from './gamma';

/**
 * Four-parameter beta marginal (SciPy's `beta(a, b, loc, scale)`), SDV's default distribution.
 *
 * Fit (SDV runs a 4-parameter Nelder–Mead MLE that is slow and often fails — SDV issues #1686, #2391):
 *  1. support: loc = min − range/(n+1), scale = range·(n+3)/(n+1), i.e. the sample range widened by one
 *     expected spacing on each side, so every observation is strictly inside (log-likelihood finite);
 *  2. method of moments on y = (x − loc)/scale: c = m(1−m)/v − 1, a = m·c, b = (1−m)·c;
 *  3. up to 50 Newton steps on the MLE equations for (a, b) given the support,
 *     ψ(a) − ψ(a+b) = mean log y, ψ(b) − ψ(a+b) = mean log(1−y) (Jacobian from trigamma),
 *     with step halving to keep a, b > 0; if it fails, the moment estimates are kept (status 1).
 * Parameters written to `params` as [a, b, loc, scale]. Input: n ≥ 2 finite, non-constant values.
 */
export function distBetaFit(x: usize, n: i32, params: usize): i32 {
  let mn = Infinity, mx = -Infinity;
  for (let i = 0; i < n; i++) { const v = ld(x, i); if (v < mn) mn = v; if (v > mx) mx = v; }
  const range = mx - mn;
  const pad = range / <f64>(n + 1);
  const loc = mn - pad, scale = range + 2.0 * pad;
  let s: f64 = 0;
  for (let i = 0; i < n; i++) s += (ld(x, i) - loc) / scale;
  const m = s / <f64>n;
  let v: f64 = 0, l1: f64 = 0, l2: f64 = 0;
  for (let i = 0; i < n; i++) {
    const y = (ld(x, i) - loc) / scale;
    v += (y - m) * (y - m);
    l1 += Math.log(y);
    l2 += Math.log1p(-y);
  }
  v /= <f64>n; l1 /= <f64>n; l2 /= <f64>n;
  const common = m * (1.0 - m) / v - 1.0;
  const a0 = m * common, b0 = (1.0 - m) * common;
  let a = a0, b = b0;
  let status = FIT_MOMENTS;
  if (a > 0 && b > 0 && isFinite(l1) && isFinite(l2)) {
    for (let it = 0; it < 50; it++) {
      const pab = digamma(a + b), tab = trigamma(a + b);
      const f1 = digamma(a) - pab - l1, f2 = digamma(b) - pab - l2;
      const j11 = trigamma(a) - tab, j22 = trigamma(b) - tab, j12 = -tab;
      const det = j11 * j22 - j12 * j12;
      if (!(det != 0) || !isFinite(det)) break;
      let da = (j22 * f1 - j12 * f2) / det;
      let db = (j11 * f2 - j12 * f1) / det;
      let an = a - da, bn = b - db;
      for (let h = 0; h < 60 && !(an > 0 && bn > 0); h++) { da *= 0.5; db *= 0.5; an = a - da; bn = b - db; }
      if (!(an > 0 && bn > 0)) break;
      const done = Math.abs(an - a) <= 1e-12 * a && Math.abs(bn - b) <= 1e-12 * b;
      a = an; b = bn;
      if (done) { status = FIT_OK; break; }
    }
    if (!(isFinite(a) && isFinite(b) && a > 0 && b > 0)) { a = a0; b = b0; status = FIT_MOMENTS; }
    else if (status != FIT_OK) status = FIT_OK; // iterations ran out close to the root: keep the last iterate
  }
  if (!(a > 0 && b > 0 && isFinite(a) && isFinite(b))) { a = 1.0; b = 1.0; status = FIT_MOMENTS; }
  store<f64>(params, a);
  store<f64>(params, b, 8);
  store<f64>(params, loc, 16);
  store<f64>(params, scale, 24);
  return status;
}

export function distBetaCdf(a: f64, b: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    st(out, i, x != x ? x : betaInc(a, b, (x - loc) / scale));
  }
}

export function distBetaQuantile(a: f64, b: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, loc + scale * betaIncInv(a, b, ld(inp, i)));
}

export function distBetaLogPdf(a: f64, b: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const c = -lbeta(a, b) - Math.log(scale);
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    const y = (x - loc) / scale;
    let r: f64;
    if (x != x) r = x;
    else if (y < 0 || y > 1) r = -Infinity;
    else if (y == 0) r = a == 1 ? c + 0 : a < 1 ? Infinity : -Infinity;
    else if (y == 1) r = b == 1 ? c : b < 1 ? Infinity : -Infinity;
    else r = (a - 1.0) * Math.log(y) + (b - 1.0) * Math.log1p(-y) + c;
    st(out, i, r);
  }
}

/** X/(X+Y) with X ~ Γ(a), Y ~ Γ(b); inversion when both gammas underflow (tiny a and b). */
export function distBetaSample(a: f64, b: f64, loc: f64, scale: f64, rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const gx = sampleStdGamma(rng, a), gy = sampleStdGamma(rng, b);
    const s = gx + gy;
    const y = s > 0 ? gx / s : betaIncInv(a, b, rngNextOpen01(rng));
    st(out, i, loc + scale * y);
  }
}
