/**
 * Marginal distributions of the WASM core (assembly/dist): fit, select, CDF, quantile, log-density,
 * sampling and the Gaussian-copula normal-score transforms — array- and pointer-level.
 * Pointer-level functions work on buffers the caller owns (`core.allocF64`); `in` and `out` may be
 * the same buffer. Every temporary WASM buffer is freed before returning.
 */
import type { Core } from '../wasm';
import { distExports } from './dist-exports';
import { withPrepared, type Marginal, type PreparedMarginal } from './dist-marginal';

export { MARGINAL_KINDS, prepareMarginal, withPrepared, type Marginal, type MarginalKind, type FittableKind, type PreparedMarginal } from './dist-marginal';
export { fitMarginal, fitMarginalPtr, selectMarginal, selectMarginalPtr, ksStatistic, DEFAULT_CANDIDATES, type MarginalSelection } from './dist-fit';

type Op = 'cdf' | 'quantile' | 'logPdf';

function mapPtr(core: Core, m: Marginal, op: Op, inPtr: number, outPtr: number, n: number): void {
  withPrepared(core, m, (pm) => pm[op](inPtr, outPtr, n));
}

function mapArray(core: Core, m: Marginal, op: Op, x: ArrayLike<number>): Float64Array {
  const n = x.length;
  return withPrepared(core, m, (pm) => core.withBuffers([n, n], (inp, out) => {
    core.f64(inp, n).set(x);
    pm[op](inp, out, n);
    return core.f64(out, n).slice();
  }));
}

export const marginalCdfPtr = (core: Core, m: Marginal, inPtr: number, outPtr: number, n: number) => mapPtr(core, m, 'cdf', inPtr, outPtr, n);
export const marginalQuantilePtr = (core: Core, m: Marginal, inPtr: number, outPtr: number, n: number) => mapPtr(core, m, 'quantile', inPtr, outPtr, n);
export const marginalLogPdfPtr = (core: Core, m: Marginal, inPtr: number, outPtr: number, n: number) => mapPtr(core, m, 'logPdf', inPtr, outPtr, n);

/** F(x) for every x. */
export const marginalCdf = (core: Core, m: Marginal, x: ArrayLike<number>) => mapArray(core, m, 'cdf', x);
/** F⁻¹(u) for every u ∈ [0, 1]. */
export const marginalQuantile = (core: Core, m: Marginal, u: ArrayLike<number>) => mapArray(core, m, 'quantile', u);
/** log f(x) for every x. */
export const marginalLogPdf = (core: Core, m: Marginal, x: ArrayLike<number>) => mapArray(core, m, 'logPdf', x);

/** Draws `n` values into `outPtr` from the seeded stream `rng`. */
export function sampleMarginalPtr(core: Core, m: Marginal, rng: number, outPtr: number, n: number): void {
  withPrepared(core, m, (pm) => pm.sample(rng, outPtr, n));
}

/** Draws `n` values from the seeded stream `rng` (a pointer from `core.newRng`). */
export function sampleMarginal(core: Core, m: Marginal, n: number, rng: number): Float64Array {
  return core.withBuffers([n], (out) => {
    sampleMarginalPtr(core, m, rng, out, n);
    return core.f64(out, n).slice();
  });
}

/** z = Φ⁻¹(clip(F(x), ε, 1 − ε)), ε = 2⁻²³ (SDV); NaN inputs map to z = 0. */
export function toNormalScoresPtr(core: Core, m: Marginal, inPtr: number, outPtr: number, n: number): void {
  withPrepared(core, m, (pm) => toNormalScoresPrepared(core, pm, inPtr, outPtr, n));
}

/** `toNormalScoresPtr` with an already prepared marginal. */
export function toNormalScoresPrepared(core: Core, pm: PreparedMarginal, inPtr: number, outPtr: number, n: number): void {
  pm.cdf(inPtr, outPtr, n);
  distExports(core).copulaUniformToNormal(outPtr, outPtr, n);
}

/** x = F⁻¹(Φ(z)), with Φ(z) kept inside (0, 1) so results are finite. */
export function fromNormalScoresPtr(core: Core, m: Marginal, inPtr: number, outPtr: number, n: number): void {
  distExports(core).copulaNormalToUniform(inPtr, outPtr, n);
  withPrepared(core, m, (pm) => pm.quantile(outPtr, outPtr, n));
}

export function toNormalScores(core: Core, m: Marginal, x: ArrayLike<number>): Float64Array {
  const n = x.length;
  return core.withBuffers([n], (buf) => {
    core.f64(buf, n).set(x);
    toNormalScoresPtr(core, m, buf, buf, n);
    return core.f64(buf, n).slice();
  });
}

export function fromNormalScores(core: Core, m: Marginal, z: ArrayLike<number>): Float64Array {
  const n = z.length;
  return core.withBuffers([n], (buf) => {
    core.f64(buf, n).set(z);
    fromNormalScoresPtr(core, m, buf, buf, n);
    return core.f64(buf, n).slice();
  });
}

export { normalCdf, normalQuantile, normalSf, normalLogCdf, logGamma, incompleteBeta, incompleteBetaInverse, incompleteGamma, incompleteGammaInverse } from './special';
