import { ld, st, FIT_OK } from './column';
import { rngNextF64 } from '../rng/xoshiro256pp';

/**
 * Uniform marginal on [loc, loc + scale]. Fit: loc = min, scale = max − min (the MLE, as SDV/copulas).
 * Parameters written to `params` as [loc, scale].
 */
export function distUniformFit(x: usize, n: i32, params: usize): i32 {
  let mn = Infinity, mx = -Infinity;
  for (let i = 0; i < n; i++) { const v = ld(x, i); if (v < mn) mn = v; if (v > mx) mx = v; }
  store<f64>(params, mn);
  store<f64>(params, mx - mn, 8);
  return FIT_OK;
}

export function distUniformCdf(loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    const u = (x - loc) / scale;
    st(out, i, x != x ? x : u <= 0 ? 0.0 : u >= 1 ? 1.0 : u);
  }
}

export function distUniformQuantile(loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const u = ld(inp, i);
    st(out, i, u >= 0 && u <= 1 ? loc + scale * u : NaN);
  }
}

export function distUniformLogPdf(loc: f64, scale: f64, inp: usize, out: usize, n: i32): void {
  const l = -Math.log(scale);
  for (let i = 0; i < n; i++) {
    const x = ld(inp, i);
    st(out, i, x != x ? x : x >= loc && x <= loc + scale ? l : -Infinity);
  }
}

export function distUniformSample(loc: f64, scale: f64, rng: usize, out: usize, n: i32): void {
  for (let i = 0; i < n; i++) st(out, i, loc + scale * rngNextF64(rng));
}
