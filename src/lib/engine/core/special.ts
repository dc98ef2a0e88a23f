/**
 * Special functions of the WASM core over arrays (one WASM call per array). Scalar versions are the
 * raw exports (`distExports(core).normCdf(x)` etc.). Definitions and sources: assembly/special/*.
 */
import type { Core } from '../wasm';
import { distExports, mapColumn } from './dist-exports';

/** Φ(x), standard normal CDF (Cody's erfc; ≤ 1e-14 relative down to 1e-300). */
export function normalCdf(core: Core, x: ArrayLike<number>): Float64Array {
  return mapColumn(core, x, (i, o, n) => distExports(core).normCdfColumn(i, o, n));
}

/** Φ⁻¹(p), Wichura AS241 (SIMD central region in the SIMD build, identical results). */
export function normalQuantile(core: Core, p: ArrayLike<number>): Float64Array {
  return mapColumn(core, p, (i, o, n) => distExports(core).normQuantileColumn(i, o, n));
}

function mapScalar(core: Core, x: ArrayLike<number>, f: (v: number) => number): Float64Array {
  void core;
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = f(x[i]);
  return out;
}

/** Φc(x) = 1 − Φ(x), accurate in the right tail. */
export function normalSf(core: Core, x: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, x, (v) => e.normSf(v));
}

/** log Φ(x), finite for all finite x. */
export function normalLogCdf(core: Core, x: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, x, (v) => e.normLogCdf(v));
}

/** log Γ(x), x > 0 (Lanczos, NR3 `gammln`). */
export function logGamma(core: Core, x: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, x, (v) => e.lgamma(v));
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(core: Core, a: number, b: number, x: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, x, (v) => e.betaInc(a, b, v));
}

/** Inverse of I_x(a, b) in x. */
export function incompleteBetaInverse(core: Core, a: number, b: number, p: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, p, (v) => e.betaIncInv(a, b, v));
}

/** Regularised lower incomplete gamma P(a, x). */
export function incompleteGamma(core: Core, a: number, x: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, x, (v) => e.gammaP(a, v));
}

/** Inverse of P(a, x) in x. */
export function incompleteGammaInverse(core: Core, a: number, p: ArrayLike<number>): Float64Array {
  const e = distExports(core);
  return mapScalar(core, p, (v) => e.gammaPInv(a, v));
}
