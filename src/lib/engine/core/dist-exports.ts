/**
 * Typed view of the WASM exports of assembly/{rng,special,dist,stats} (the loader's `CoreExports`
 * keeps an index signature for later modules). Pointers are byte offsets into linear memory.
 */
import type { Core } from '../wasm';

type P = number; // pointer
type Col = (inp: P, out: P, n: number) => void;

export interface DistExports {
  rngSeed(st: P, seed: number): void;
  rngJump(st: P): void;
  rngFillUniform(st: P, out: P, n: number): void;
  rngFillNormal(st: P, out: P, n: number): void;
  // special
  erf(x: number): number;
  erfc(x: number): number;
  erfcx(x: number): number;
  normCdf(x: number): number;
  normSf(x: number): number;
  normLogCdf(x: number): number;
  normLogSf(x: number): number;
  normQuantile(p: number): number;
  normQuantileFromLogCdf(lp: number): number;
  normQuantileColumn: Col;
  normCdfColumn: Col;
  lgamma(x: number): number;
  digamma(x: number): number;
  trigamma(x: number): number;
  lbeta(a: number, b: number): number;
  gammaP(a: number, x: number): number;
  gammaQ(a: number, x: number): number;
  gammaPInv(a: number, p: number): number;
  betaInc(a: number, b: number, x: number): number;
  betaIncComplement(a: number, b: number, x: number): number;
  betaIncInv(a: number, b: number, p: number): number;
  truncnormLogMass(a: number, b: number): number;
  truncnormStdCdf(x: number, a: number, b: number, logZ: number): number;
  truncnormStdQuantile(u: number, a: number, b: number, logZ: number): number;
  truncnormStdLogPdf(x: number, a: number, b: number, logZ: number): number;
  // stats
  sortF64(ptr: P, n: number): void;
  compactFinite(inp: P, out: P, n: number): number;
  describeFinite(inp: P, n: number, out: P): void;
  ksOneSample(sortedCdf: P, n: number): number;
  // dist
  distNormFit(x: P, n: number, params: P): number;
  distNormCdf(loc: number, scale: number, inp: P, out: P, n: number): void;
  distNormQuantile(loc: number, scale: number, inp: P, out: P, n: number): void;
  distNormLogPdf(loc: number, scale: number, inp: P, out: P, n: number): void;
  distNormSample(loc: number, scale: number, rng: P, out: P, n: number): void;
  distUniformFit(x: P, n: number, params: P): number;
  distUniformCdf(loc: number, scale: number, inp: P, out: P, n: number): void;
  distUniformQuantile(loc: number, scale: number, inp: P, out: P, n: number): void;
  distUniformLogPdf(loc: number, scale: number, inp: P, out: P, n: number): void;
  distUniformSample(loc: number, scale: number, rng: P, out: P, n: number): void;
  distConstantCdf(c: number, inp: P, out: P, n: number): void;
  distConstantQuantile(c: number, inp: P, out: P, n: number): void;
  distConstantLogPdf(c: number, inp: P, out: P, n: number): void;
  distConstantSample(c: number, out: P, n: number): void;
  distGammaFit(x: P, n: number, params: P): number;
  distGammaCdf(a: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distGammaQuantile(a: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distGammaLogPdf(a: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distGammaSample(a: number, loc: number, scale: number, rng: P, out: P, n: number): void;
  distBetaFit(x: P, n: number, params: P): number;
  distBetaCdf(a: number, b: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distBetaQuantile(a: number, b: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distBetaLogPdf(a: number, b: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distBetaSample(a: number, b: number, loc: number, scale: number, rng: P, out: P, n: number): void;
  distTruncnormFit(x: P, n: number, params: P): number;
  distTruncnormCdf(a: number, b: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distTruncnormQuantile(a: number, b: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distTruncnormLogPdf(a: number, b: number, loc: number, scale: number, inp: P, out: P, n: number): void;
  distTruncnormSample(a: number, b: number, loc: number, scale: number, rng: P, out: P, n: number): void;
  KDE_MAX_SUPPORT: WebAssembly.Global;
  distKdeSupport(sorted: P, n: number, pts: P, wts: P): number;
  distKdeBandwidth(x: P, n: number): number;
  distKdeGridSize(first: number, last: number, h: number): number;
  distKdeTable(pts: P, wts: P, p: number, h: number, g: number, cdf: P, pdf: P): void;
  distKdeCdf(first: number, last: number, h: number, g: number, cdf: P, pdf: P, inp: P, out: P, n: number, scratch: P): void;
  distKdeQuantile(first: number, last: number, h: number, g: number, cdf: P, pdf: P, inp: P, out: P, n: number, scratch: P): void;
  distKdeLogPdf(pts: P, wts: P, p: number, h: number, inp: P, out: P, n: number): void;
  distKdeSample(pts: P, wts: P, p: number, h: number, cum: P, rng: P, out: P, n: number): void;
  EMPIRICAL_MAX_KNOTS: WebAssembly.Global;
  distEmpiricalKnots(sorted: P, n: number, knots: P): number;
  distEmpiricalCdf(q: P, m: number, inp: P, out: P, n: number): void;
  distEmpiricalQuantile(q: P, m: number, inp: P, out: P, n: number): void;
  distEmpiricalLogPdf(q: P, m: number, inp: P, out: P, n: number): void;
  distEmpiricalSample(q: P, m: number, rng: P, out: P, n: number): void;
  copulaUniformToNormal: Col;
  copulaNormalToUniform: Col;
}

export function distExports(core: Core): DistExports {
  return core.exports as unknown as DistExports;
}

/** Runs `fn` on a WASM copy of `values` and a same-sized output buffer; returns a JS copy of the output. */
export function mapColumn(core: Core, values: ArrayLike<number>, fn: (inp: number, out: number, n: number) => void): Float64Array {
  const n = values.length;
  return core.withBuffers([n, n], (inp, out) => {
    core.f64(inp, n).set(values);
    fn(inp, out, n);
    return core.f64(out, n).slice();
  });
}
