import { ld, st, FIT_OK, FIT_MOMENTS } from './column';
import { truncnormLogMass, truncnormStdCdf, truncnormStdQuantile, truncnormStdLogPdf, truncnormStdMoments } from '../special/truncated-normal';
import { rngNextOpen01 } from '../rng/xoshiro256pp';
import { describeFinite } from '../stats/finite';

/**
 * Truncated normal marginal in SciPy's parametrisation `truncnorm(a, b, loc, scale)`: the normal
 * N(loc, scale²) restricted to [loc + a·scale, loc + b·scale].
 *
 * Fit: the bounds are the sample min and max (SDV fixes them at min − ε, max + ε). With fixed bounds
 * the truncated normal is an exponential family in (x, x²), so its MLE is exactly the moment match
 * E[X] = x̄, Var[X] = s² (divisor n). We solve those two equations by damped Newton in (loc, log scale)
 * with a finite-difference Jacobian, starting from (x̄, s) — instead of SDV's SLSQP on the likelihood.
 * Data whose variance reaches the uniform limit range²/12 push scale → ∞; scale is capped at
 * 1e3·range (then the fit is the uniform it tends to) and the best iterate is kept (status 1).
 * Parameters written to `params` as [a, b, loc, scale]; `params` must hold 8 doubles.
 */

function residual(lo: f64, hi: f64, mu: f64, sigma: f64, mean: f64, vr: f64, range: f64, tmp: usize): f64 {
  truncnormStdMoments((lo - mu) / sigma, (hi - mu) / sigma, tmp);
  const m = mu + sigma * load<f64>(tmp);
  const v = sigma * sigma * load<f64>(tmp, 8);
  store<f64>(tmp, (m - mean) / range);
  store<f64>(tmp, (v - vr) / (range * range), 8);
  return 0;
}

export function distTruncnormFit(x: usize, n: i32, params: usize): i32 {
  describeFinite(x, n, params);
  const lo = load<f64>(params), hi = load<f64>(params, 8), mean = load<f64>(params, 16), vr = load<f64>(params, 24);
  const range = hi - lo;
  const tmp = params + 48; // two doubles of scratch at params[6..7]
  let mu = mean, ls = Math.log(Math.sqrt(vr));
  const lsMax = Math.log(1e3 * range);
  if (ls > lsMax) ls = lsMax;
  residual(lo, hi, mu, Math.exp(ls), mean, vr, range, tmp);
  let r1 = load<f64>(tmp), r2 = load<f64>(tmp, 8);
  let norm = Math.abs(r1) + Math.abs(r2);
  let status = FIT_MOMENTS;
  for (let it = 0; it < 100 && norm > 1e-13; it++) {
    const hm = 1e-6 * range, hs = 1e-6;
    residual(lo, hi, mu + hm, Math.exp(ls), mean, vr, range, tmp);
    const a11 = (load<f64>(tmp) - r1) / hm, a21 = (load<f64>(tmp, 8) - r2) / hm;
    residual(lo, hi, mu, Math.exp(ls + hs), mean, vr, range, tmp);
    const a12 = (load<f64>(tmp) - r1) / hs, a22 = (load<f64>(tmp, 8) - r2) / hs;
    const det = a11 * a22 - a12 * a21;
    if (!(det != 0) || !isFinite(det)) break;
    let dm = (a22 * r1 - a12 * r2) / det, dl = (a11 * r2 - a21 * r1) / det;
    let improved = false;
    for (let h = 0; h < 40; h++) {
      let nl = ls - dl;
      if (nl > lsMax) nl = lsMax;
      const nm = mu - dm;
      residual(lo, hi, nm, Math.exp(nl), mean, vr, range, tmp);
      const q1 = load<f64>(tmp), q2 = load<f64>(tmp, 8);
      const nn = Math.abs(q1) + Math.abs(q2);
      if (nn < norm) { mu = nm; ls = nl; r1 = q1; r2 = q2; norm = nn; improved = true; break; }
      dm *= 0.5; dl *= 0.5;
    }
    if (!improved) break;
  }
  if (norm <= 1e-9) status = FIT_OK;
  const sigma = Math.exp(ls);
  store<f64>(params, (lo - mu) / sigma);
  store<f64>(params, (hi - mu) / sigma, 8);
  store<f64>(params, mu, 16);
  store<f64>(params, sigma, 24);
  return status;
}

export function distTruncnormCdf(a: f64, b: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const lz = truncnormLogMass(a, b);
  for (let i = 0; i < n; i++) st(out, i, truncnormStdCdf((ld(inp, i) - loc) / scale, a, b, lz));
}

export function distTruncnormQuantile(a: f64, b: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const lz = truncnormLogMass(a, b);
  for (let i = 0; i < n; i++) st(out, i, loc + scale * truncnormStdQuantile(ld(inp, i), a, b, lz));
}

export function distTruncnormLogPdf(a: f64, b: f64, loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const lz = truncnormLogMass(a, b), ls = Math.log(scale);
  for (let i = 0; i < n; i++) st(out, i, truncnormStdLogPdf((ld(inp, i) - loc) / scale, a, b, lz) - ls);
}

/** Inverse-transform sampling (exact in the tails, one uniform per draw). */
export function distTruncnormSample(a: f64, b: f64, loc: f64, scale: f64, rng: usize, out: usize, n: i32): void {
  const lz = truncnormLogMass(a, b);
  for (let i = 0; i < n; i++) st(out, i, loc + scale * truncnormStdQuantile(rngNextOpen01(rng), a, b, lz));
}
