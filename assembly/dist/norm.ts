import { ld, st, FIT_OK } from './column';
import { normCdf, normLogPdf } from '../special/normal';
import { normQuantile } from '../special/normal-quantile';
import { rngNextNormal } from '../rng/normal';
import { describeFinite } from '../stats/finite';

/**
 * Normal marginal N(loc, scale²). Fit: maximum likelihood (closed form) — loc = mean, scale = standard
 * deviation with divisor n, as `scipy.stats.norm.fit`. Sampling uses the RNG's normal generator.
 * Parameters are written to `params` as [loc, scale]. Input: n ≥ 2 finite, non-constant values.
 */
export function distNormFit(x: usize, n: i32, params: usize): i32 {
  describeFinite(x, n, params); // [min, max, mean, var, m3] — 5 doubles of scratch in params
  const mean = load<f64>(params, 16), v = load<f64>(params, 24);
  store<f64>(params, mean);
  store<f64>(params, Math.sqrt(v), 8);
  return FIT_OK;
}

export function distNormCdf(loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const inv = 1.0 / scale;
  for (let i = 0; i < n; i++) st(out, i, normCdf((ld(inp, i) - loc) * inv));
}

export function distNormQuantile(loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, loc + scale * normQuantile(ld(inp, i)));
}

export function distNormLogPdf(loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const inv = 1.0 / scale, ls = Math.log(scale);
  for (let i = 0; i < n; i++) st(out, i, normLogPdf((ld(inp, i) - loc) * inv) - ls);
}

export function distNormSample(loc: f64, scale: f64, rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, loc + scale * rngNextNormal(rng));
}
