/**
 * Typed wrappers of the assembly/metrics kernels. Each takes JS typed arrays, copies them into WASM
 * memory, runs the kernel and frees the buffers (even on error). Missing = NaN; category codes are
 * integers stored in f64.
 */
import type { Core } from '../wasm';

export interface MetricsExports {
  sortF64(p: number, n: number): void;
  coSortF64(keys: number, vals: number, n: number): void;
  dropNaN(p: number, n: number): number;
  partitionNaN(keys: number, vals: number, n: number, scratch: number): number;
  ksStatistic(a: number, na: number, b: number, nb: number): number;
  tvComplement(a: number, na: number, b: number, nb: number, k: number, counts: number): number;
  contingencyDense(a: number, b: number, n: number, ka: number, kb: number, out: number): void;
  contingencySimilarityDense(tr: number, nr: number, ts: number, ns: number, cells: number): number;
  cramersVDense(t: number, rows: number, cols: number, scratch: number): number;
  pairKeys(a: number, b: number, n: number, ka: number, kb: number, out: number): void;
  contingencySimilaritySorted(kr: number, nr: number, ks: number, ns: number): number;
  cramersVSorted(keys: number, n: number, ka: number, kb: number, scratch: number): number;
  pearson(x: number, y: number, n: number): number;
  minMax(x: number, n: number, out: number): void;
  binEqualWidth(x: number, n: number, bins: number, out: number): void;
  histogramCounts(x: number, n: number, lo: number, hi: number, bins: number, out: number): void;
  dcrEncodeMissing(p: number, n: number): void;
  dcrBlockBoxes(ref: number, nr: number, m: number, B: number, boxes: number): void;
  dcrSearch(syn: number, ns: number, i0: number, i1: number, ref: number, nr: number, m: number, B: number, boxes: number, keyCol: number, out: number): void;
  dcrSearchBestFirst(syn: number, ns: number, i0: number, i1: number, ref: number, nr: number, m: number, B: number, boxes: number, pos: number, work: number, out: number): void;
  newRowMatches(real: number, nr: number, syn: number, ns: number, m: number, tol: number, keyCol: number, keys: number, order: number, nKey: number, i0: number, i1: number, out: number): number;
  newRowCandidates(keys: number, nKey: number, nr: number, s: number, tol: number): number;
  newRowMatchesGrouped(real: number, nr: number, syn: number, ns: number, m: number, tol: number, groupCol: number, keyCol: number, groups: number, keys: number, order: number, i0: number, i1: number, out: number): number;
}

export function mx(core: Core): MetricsExports {
  return core.exports as unknown as MetricsExports;
}

/** Sorted copy without NaN (WASM introsort). */
export function sortedFinite(core: Core, x: ArrayLike<number>): Float64Array {
  return core.withBuffers([x.length], (p) => {
    core.f64(p, x.length).set(x);
    const m = mx(core).dropNaN(p, x.length);
    mx(core).sortF64(p, m);
    return core.f64(p, m).slice();
  });
}

/** Two-sample KS statistic D (values rounded to 14 decimals, NaN dropped); NaN if a side is empty. */
export function ksStatistic(core: Core, a: ArrayLike<number>, b: ArrayLike<number>): number {
  return core.withBuffers([a.length, b.length], (pa, pb) => {
    core.f64(pa, a.length).set(a);
    core.f64(pb, b.length).set(b);
    return mx(core).ksStatistic(pa, a.length, pb, b.length);
  });
}

/** SDMetrics KSComplement = 1 − D. */
export function ksComplement(core: Core, a: ArrayLike<number>, b: ArrayLike<number>): number {
  return 1 - ksStatistic(core, a, b);
}

/** SDMetrics TVComplement over codes 0..k−1. */
export function tvComplement(core: Core, a: ArrayLike<number>, b: ArrayLike<number>, k: number): number {
  return core.withBuffers([a.length, b.length, 2 * Math.max(k, 1)], (pa, pb, pc) => {
    core.f64(pa, a.length).set(a);
    core.f64(pb, b.length).set(b);
    return mx(core).tvComplement(pa, a.length, pb, b.length, k, pc);
  });
}

/** Pearson r over pairwise-complete rows (scipy.stats.pearsonr semantics). */
export function pearson(core: Core, x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError('pearson: columns differ in length');
  return core.withBuffers([x.length, x.length], (px, py) => {
    core.f64(px, x.length).set(x);
    core.f64(py, y.length).set(y);
    return mx(core).pearson(px, py, x.length);
  });
}

/** Bin numbers 1..bins+1 (numpy histogram_bin_edges + digitize; max and missing → bins+1). */
export function binEqualWidth(core: Core, x: ArrayLike<number>, bins = 10): Float64Array {
  return core.withBuffers([x.length, x.length], (px, po) => {
    core.f64(px, x.length).set(x);
    mx(core).binEqualWidth(px, x.length, bins, po);
    return core.f64(po, x.length).slice();
  });
}

export function histogramCounts(core: Core, x: ArrayLike<number>, lo: number, hi: number, bins: number): number[] {
  return core.withBuffers([x.length, bins], (px, po) => {
    core.f64(px, x.length).set(x);
    mx(core).histogramCounts(px, x.length, lo, hi, bins, po);
    return Array.from(core.f64(po, bins));
  });
}

export interface ContingencyResult {
  /** ContingencySimilarity */
  score: number;
  /** Cramér's V of the real and of the synthetic table (NaN if < 2 observed rows or columns). */
  realV: number;
  synthV: number;
}

/** Largest dense table (cells) before switching to the sort-based sparse path. */
const DENSE_LIMIT = 1 << 20;

/**
 * ContingencySimilarity and Cramér's V for two code columns of the real and of the synthetic table.
 * Codes of column a are in 0..ka−1, of b in 0..kb−1; NaN is a value of its own.
 */
export function contingency(core: Core, ra: ArrayLike<number>, rb: ArrayLike<number>, sa: ArrayLike<number>, sb: ArrayLike<number>, ka: number, kb: number): ContingencyResult {
  const nr = ra.length, ns = sa.length;
  const cells = (ka + 1) * (kb + 1);
  const e = mx(core);
  if (cells <= DENSE_LIMIT && cells <= 8 * (nr + ns) + 4096) {
    return core.withBuffers([nr, nr, ns, ns, cells, cells, ka + kb + 2], (pra, prb, psa, psb, tr, ts, scratch) => {
      core.f64(pra, nr).set(ra); core.f64(prb, nr).set(rb);
      core.f64(psa, ns).set(sa); core.f64(psb, ns).set(sb);
      e.contingencyDense(pra, prb, nr, ka, kb, tr);
      e.contingencyDense(psa, psb, ns, ka, kb, ts);
      return {
        score: e.contingencySimilarityDense(tr, nr, ts, ns, cells),
        realV: e.cramersVDense(tr, ka + 1, kb + 1, scratch),
        synthV: e.cramersVDense(ts, ka + 1, kb + 1, scratch)
      };
    });
  }
  return core.withBuffers([nr, nr, ns, ns, nr, ns, ka + kb + 2], (pra, prb, psa, psb, kr, ks, scratch) => {
    core.f64(pra, nr).set(ra); core.f64(prb, nr).set(rb);
    core.f64(psa, ns).set(sa); core.f64(psb, ns).set(sb);
    e.pairKeys(pra, prb, nr, ka, kb, kr);
    e.pairKeys(psa, psb, ns, ka, kb, ks);
    e.sortF64(kr, nr);
    e.sortF64(ks, ns);
    return {
      score: e.contingencySimilaritySorted(kr, nr, ks, ns),
      realV: e.cramersVSorted(kr, nr, ka, kb, scratch),
      synthV: e.cramersVSorted(ks, ns, ka, kb, scratch)
    };
  });
}
