/**
 * Fitting marginals in WASM, and choosing among them by the one-sample KS statistic.
 * Fitting never throws on data: NaN/±Inf are ignored; an empty column becomes `constant 0`, a
 * one-value or constant column `constant <value>`; a fit whose parameters come out invalid falls back
 * to `norm` (as SDV's `_fit_with_fallback_distribution`), with `note` saying why.
 */
import { EngineError, type Core } from '../wasm';
import { distExports } from './dist-exports';
import { MARGINAL_KINDS, prepareMarginal, withPrepared, type FittableKind, type Marginal, type PreparedMarginal } from './dist-marginal';

/** The distributions SDV lets users choose (its `numerical_distributions`), minus the KDE. */
export const DEFAULT_CANDIDATES: FittableKind[] = ['norm', 'beta', 'truncnorm', 'gamma', 'uniform'];

function checkKind(kind: string): asserts kind is FittableKind {
  if (!(MARGINAL_KINDS as readonly string[]).includes(kind) || kind === 'constant') {
    throw new EngineError('dist/unknown-kind', `Cannot fit marginal kind '${kind}'; expected one of ${MARGINAL_KINDS.filter((k) => k !== 'constant').join(', ')}`, { kind });
  }
}

/** Fits `kind` to `n` finite, non-constant values at `x` (sorted iff `sorted`). */
function fitClean(core: Core, kind: FittableKind, x: number, n: number, sorted: boolean): Marginal {
  const e = distExports(core);
  const out = (m: Marginal, status: number): Marginal => (status === 0 ? m : { ...m, note: 'moment estimates (the MLE refinement did not converge)' });
  return core.withBuffers([8], (pp) => {
    const p = () => core.f64(pp, 8);
    switch (kind) {
      case 'norm': {
        const s = e.distNormFit(x, n, pp);
        return out({ kind, params: { loc: p()[0], scale: p()[1] } }, s);
      }
      case 'uniform': {
        const s = e.distUniformFit(x, n, pp);
        return out({ kind, params: { loc: p()[0], scale: p()[1] } }, s);
      }
      case 'gamma': {
        const s = e.distGammaFit(x, n, pp);
        return out({ kind, params: { a: p()[0], loc: p()[1], scale: p()[2] } }, s);
      }
      case 'beta': {
        const s = e.distBetaFit(x, n, pp);
        return out({ kind, params: { a: p()[0], b: p()[1], loc: p()[2], scale: p()[3] } }, s);
      }
      case 'truncnorm': {
        const s = e.distTruncnormFit(x, n, pp);
        return out({ kind, params: { a: p()[0], b: p()[1], loc: p()[2], scale: p()[3] } }, s);
      }
      case 'gaussian_kde': {
        if (!sorted) e.sortF64(x, n);
        const h = e.distKdeBandwidth(x, n);
        const cap = Math.min(n, Number(e.KDE_MAX_SUPPORT.value));
        return core.withBuffers([cap, cap], (pts, wts) => {
          const k = e.distKdeSupport(x, n, pts, wts);
          return { kind, params: { bandwidth: h, n }, points: Array.from(core.f64(pts, k)), weights: Array.from(core.f64(wts, k)) };
        });
      }
      case 'empirical': {
        if (!sorted) e.sortF64(x, n);
        const cap = Math.min(n, Number(e.EMPIRICAL_MAX_KNOTS.value));
        return core.withBuffers([cap], (q) => {
          const k = e.distEmpiricalKnots(x, n, q);
          return { kind, params: { n }, points: Array.from(core.f64(q, k)) };
        });
      }
    }
  });
}

function validParams(m: Marginal): boolean {
  const v = Object.values(m.params);
  if (!v.every((x) => Number.isFinite(x))) return false;
  for (const k of ['scale', 'a', 'b', 'bandwidth'] as const) {
    if (k in m.params && !(m.params[k] > 0) && !(m.kind === 'truncnorm' && (k === 'a' || k === 'b'))) return false;
  }
  if (m.kind === 'truncnorm' && !(m.params.a < m.params.b)) return false;
  return true;
}

/** Copies finite values of `n` doubles at `ptr` into a new buffer; returns [buffer, count]. Caller frees. */
function compact(core: Core, ptr: number, n: number): [number, number] {
  const buf = core.allocF64(Math.max(n, 1));
  return [buf, distExports(core).compactFinite(ptr, buf, n)];
}

/** Constant fallbacks; returns null when the data carry at least two distinct finite values. */
function degenerate(core: Core, x: number, m: number): Marginal | null {
  if (m === 0) return { kind: 'constant', params: { value: 0 }, note: 'no finite values: constant 0' };
  return core.withBuffers([5], (d) => {
    distExports(core).describeFinite(x, m, d);
    const [mn, mx] = core.f64(d, 2);
    if (mn === mx) return { kind: 'constant', params: { value: mn }, note: m === 1 ? 'one value: constant' : 'all values equal: constant' };
    return null;
  });
}

function fitCompacted(core: Core, kind: FittableKind, x: number, m: number, sorted: boolean): Marginal {
  const deg = degenerate(core, x, m);
  if (deg) return deg;
  const fit = fitClean(core, kind, x, m, sorted);
  if (validParams(fit)) return fit;
  const norm = fitClean(core, 'norm', x, m, sorted);
  if (validParams(norm)) return { ...norm, note: `${kind} fit gave invalid parameters: fell back to norm` };
  return { kind: 'constant', params: { value: 0 }, note: 'no valid fit: constant 0' };
}

/** Fits a marginal to `n` doubles at `ptr` (unchanged). Never throws on data; see the module doc. */
export function fitMarginalPtr(core: Core, kind: FittableKind, ptr: number, n: number): Marginal {
  checkKind(kind);
  const [x, m] = compact(core, ptr, n);
  try {
    return fitCompacted(core, kind, x, m, false);
  } finally {
    core.free(x);
  }
}

/** Fits a marginal to `values`. */
export function fitMarginal(core: Core, kind: FittableKind, values: ArrayLike<number>): Marginal {
  checkKind(kind);
  return core.withBuffers([Math.max(values.length, 1)], (ptr) => {
    core.f64(ptr, values.length).set(values);
    return fitMarginalPtr(core, kind, ptr, values.length);
  });
}

/** One-sample KS statistic of `n` *sorted* finite values at `x` against `m`. */
function ksSorted(core: Core, m: Marginal, x: number, n: number): number {
  return withPrepared(core, m, (pm) => ksSortedPrepared(core, pm, x, n));
}

function ksSortedPrepared(core: Core, pm: PreparedMarginal, x: number, n: number): number {
  return core.withBuffers([n], (f) => {
    pm.cdf(x, f, n);
    return distExports(core).ksOneSample(f, n);
  });
}

/** KS statistic D = sup|F_n − F| of the finite values of `values` against the marginal `m`. */
export function ksStatistic(core: Core, m: Marginal, values: ArrayLike<number>): number {
  const e = distExports(core);
  return core.withBuffers([Math.max(values.length, 1)], (ptr) => {
    core.f64(ptr, values.length).set(values);
    const k = e.compactFinite(ptr, ptr, values.length);
    if (k === 0) return NaN;
    e.sortF64(ptr, k);
    return ksSorted(core, m, ptr, k);
  });
}

/** Order statistics scored when ranking candidate marginals on large columns. */
export const SELECT_POINTS = 20_000;

export interface MarginalSelection {
  marginal: Marginal;
  /** KS statistic of every candidate that was fitted (lower is better). */
  ks: Record<string, number>;
}

/**
 * Fits every candidate and keeps the one with the lowest one-sample KS statistic against the data
 * (copulas' `select_univariate`, which SDV does not expose). Degenerate data return the constant
 * fallback with an empty `ks`. `useWinner`, if given, is called with the winning candidate still
 * prepared (saves re-building a KDE table to evaluate it again); it is not called for fallbacks.
 */
export function selectMarginalPtr(core: Core, ptr: number, n: number, candidates: FittableKind[] = DEFAULT_CANDIDATES, useWinner?: (pm: PreparedMarginal) => void): MarginalSelection {
  if (candidates.length === 0) throw new EngineError('dist/no-candidates', 'selectMarginal needs at least one candidate distribution');
  candidates.forEach(checkKind);
  const [x, m] = compact(core, ptr, n);
  try {
    const deg = degenerate(core, x, m);
    if (deg) return { marginal: deg, ks: {} };
    distExports(core).sortF64(x, m);
    // Selection only needs to rank candidates: above SELECT_POINTS values, score the KS statistic on
    // evenly spaced order statistics (within 1/SELECT_POINTS of the full statistic); fits use all data.
    const kPts = Math.min(m, SELECT_POINTS);
    const sub = kPts < m ? core.allocF64(kPts) : x;
    if (sub !== x) {
      const all = core.f64(x, m), dst = core.f64(sub, kPts);
      for (let j = 0; j < kPts; j++) dst[j] = all[Math.floor(((j + 0.5) * m) / kPts)];
    }
    const ks: Record<string, number> = {};
    let best: PreparedMarginal | null = null;
    let bestD = Infinity;
    try {
      for (const kind of candidates) {
        const pm = prepareMarginal(core, fitCompacted(core, kind, x, m, true));
        let d: number;
        try { d = ksSortedPrepared(core, pm, sub, kPts); } catch (err) { pm.free(); throw err; }
        ks[kind] = d;
        if (d < bestD) { bestD = d; best?.free(); best = pm; } else pm.free();
      }
      if (best && useWinner) useWinner(best);
    } finally {
      best?.free();
      if (sub !== x) core.free(sub);
    }
    return { marginal: best?.marginal ?? fitCompacted(core, 'norm', x, m, true), ks };
  } finally {
    core.free(x);
  }
}

export function selectMarginal(core: Core, values: ArrayLike<number>, candidates?: FittableKind[]): MarginalSelection {
  return core.withBuffers([Math.max(values.length, 1)], (ptr) => {
    core.f64(ptr, values.length).set(values);
    return selectMarginalPtr(core, ptr, values.length, candidates);
  });
}
