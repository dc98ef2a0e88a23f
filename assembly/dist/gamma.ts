import { ld, st, FIT_OK, FIT_MOMENTS } from './column';
import { gammaP, gammaPInv } from '../special/incomplete-gamma';
import { lgamma, digamma, trigamma } from '../special/gamma';
import { rngNextOpen01 } from '../rng/xoshiro256pp';
import { rngNextNormal } from '../rng/normal';
import { describeFinite } from '../stats/finite';

/**
 * Gamma marginal with shape a, location loc and scale (SciPy's `gamma(a, loc, scale)`).
 *
 * Fit (instead of SciPy's 3-parameter Nelder–Mead MLE, which is slow and unstable for a < 1):
 *  1. method of moments: skewness g ⇒ a = 4/g², scale = σ/√a, loc = mean − a·scale;
 *  2. loc is capped at min − range/(n+1) so that every observation lies strictly inside the support;
 *  3. given loc, (a, scale) are the exact MLE: log a − ψ(a) = log ȳ − mean(log y) (y = x − loc), solved by
 *     Newton's method from Minka's (2002) closed-form start, scale = ȳ/a.
 * Parameters written to `params` as [a, loc, scale]. Input: n ≥ 2 finite, non-constant values; `params`
 * must hold 8 doubles (used as scratch).
 */
export function distGammaFit(x: usize, n: i32, params: usize): i32 {
  describeFinite(x, n, params);
  const mn = load<f64>(params), mx = load<f64>(params, 8), mean = load<f64>(params, 16);
  const v = load<f64>(params, 24), m3 = load<f64>(params, 32);
  const sd = Math.sqrt(v);
  const skew = m3 / (v * sd);
  let a = skew > 0 ? 4.0 / (skew * skew) : 1e4;
  if (a > 1e4) a = 1e4; // beyond this the gamma is indistinguishable from a normal
  let loc = mean - sd * Math.sqrt(a);
  const pad = (mx - mn) / <f64>(n + 1);
  if (!(loc <= mn - pad)) loc = mn - pad;
  // conditional MLE of (a, scale) given loc
  let sy: f64 = 0, sly: f64 = 0;
  for (let i = 0; i < n; i++) { const y = ld(x, i) - loc; sy += y; sly += Math.log(y); }
  const ybar = sy / <f64>n;
  const s = Math.log(ybar) - sly / <f64>n;
  let status = FIT_OK;
  if (s > 0 && isFinite(s)) {
    a = (3.0 - s + Math.sqrt((s - 3.0) * (s - 3.0) + 24.0 * s)) / (12.0 * s);
    for (let it = 0; it < 50; it++) {
      const f = Math.log(a) - digamma(a) - s;
      const df = 1.0 / a - trigamma(a);
      let an = a - f / df;
      if (!(an > 0)) an = 0.5 * a;
      const done = Math.abs(an - a) <= 1e-12 * a;
      a = an;
      if (done) break;
    }
  } else status = FIT_MOMENTS;
  store<f64>(params, a);
  store<f64>(params, loc, 8);
  store<f64>(params, ybar / a, 16);
  return status;
}

export function distGammaCdf(a: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    st(out, i, x != x ? x : gammaP(a, (x - loc) / scale));
  }
}

export function distGammaQuantile(a: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, loc + scale * gammaPInv(a, ld(inp, i)));
}

export function distGammaLogPdf(a: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const c = -lgamma(a) - Math.log(scale);
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    const y = (x - loc) / scale;
    let r: f64;
    if (x != x) r = x;
    else if (y < 0) r = -Infinity;
    else if (y == 0) r = a == 1 ? c : a < 1 ? Infinity : -Infinity;
    else r = (a - 1.0) * Math.log(y) - y + c;
    st(out, i, r);
  }
}

/** Standard gamma variate, Marsaglia & Tsang (2000); a < 1 via G(a+1)·U^{1/a}. */
export function sampleStdGamma(rng: usize, a: f64): f64 {
  let boost: f64 = 1.0;
  if (a < 1.0) {
    boost = Math.pow(rngNextOpen01(rng), 1.0 / a);
    a += 1.0;
  }
  const d = a - 1.0 / 3.0, c = 1.0 / Math.sqrt(9.0 * d);
  while (true) {
    const z = rngNextNormal(rng);
    let v = 1.0 + c * z;
    if (v <= 0) continue;
    v = v * v * v;
    const u = rngNextOpen01(rng);
    const z2 = z * z;
    if (u < 1.0 - 0.0331 * z2 * z2 || Math.log(u) < 0.5 * z2 + d * (1.0 - v + Math.log(v))) return d * v * boost;
  }
}

export function distGammaSample(a: f64, loc: f64, scale: f64, rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, loc + scale * sampleStdGamma(rng, a));
}
