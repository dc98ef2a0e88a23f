/**
 * Pre-binning of a feature matrix in WASM memory (assembly/trees/binning.ts): once per fit, shared by
 * every tree fitted on a prefix of its features.
 */
import { EngineError, type Core } from '../wasm';
import { allocBytes, MAX_CATEGORIES, MAX_NUMERIC_BINS, treeKernels } from './trees-exports';

/** Binned features living in WASM memory; release with `freeBinned`. */
export interface BinnedFeatures {
  n: number;
  p: number;
  maxBins: number;
  /** 0 = numeric, K > 0 = categorical with codes 0..K−1, per feature. */
  featK: Int32Array;
  /** Non-missing bins per feature (numeric: edges; categorical: K). */
  nBins: Int32Array;
  /** Upper bin edges of each numeric feature (real values: bin b holds edge[b−1] < x ≤ edge[b]). */
  edges: Float64Array[];
  ptr: { x: number; bins: number; edges: number; nBins: number; featK: number };
}

/**
 * Copies the features (numeric values, or category codes when featK[f] > 0; NaN = missing) into WASM
 * memory and bins them into at most `maxBins` (≤ 256) quantile bins per numeric feature.
 * The raw values stay in memory too (`ptr.x`, column-major) for predictions on the training rows.
 */
export function binFeatures(core: Core, columns: ArrayLike<number>[], featK: ArrayLike<number>, maxBins = MAX_NUMERIC_BINS): BinnedFeatures {
  const p = columns.length;
  const n = p > 0 ? columns[0].length : 0;
  if (featK.length !== p) throw new EngineError('trees/bad-shape', `binFeatures: ${p} columns but ${featK.length} feature kinds`);
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_NUMERIC_BINS) {
    throw new EngineError('trees/bad-option', `maxBins must be an integer in 2..${MAX_NUMERIC_BINS} (got ${maxBins})`);
  }
  for (let f = 0; f < p; f++) {
    if (columns[f].length !== n) throw new EngineError('trees/bad-shape', `binFeatures: column ${f} has ${columns[f].length} rows, expected ${n}`);
    const k = featK[f];
    if (!Number.isInteger(k) || k < 0 || k > MAX_CATEGORIES) throw new EngineError('trees/bad-option', `feature ${f}: category count must be an integer in 0..${MAX_CATEGORIES} (got ${k})`);
  }
  const mb = maxBins;
  const ptr = { x: 0, bins: 0, edges: 0, nBins: 0, featK: 0 };
  try {
    ptr.x = core.allocF64(n * p);
    ptr.bins = allocBytes(core, n * p * 2);
    ptr.edges = core.allocF64(p * mb);
    ptr.nBins = allocBytes(core, p * 4);
    ptr.featK = allocBytes(core, p * 4);
    const x = core.f64(ptr.x, n * p);
    for (let f = 0; f < p; f++) x.set(columns[f], f * n);
    const fk = Int32Array.from(featK);
    new Int32Array(core.exports.memory.buffer, ptr.featK, p).set(fk);
    const rc = treeKernels(core).treeBin(ptr.x, n, p, n, ptr.featK, mb, ptr.bins, ptr.edges, ptr.nBins);
    if (rc < 0) {
      const f = -rc - 1;
      throw new EngineError('trees/bad-category', `feature ${f}: category codes must be integers in 0..${fk[f] - 1} or NaN`, { feature: f });
    }
    const nBins = Int32Array.from(new Int32Array(core.exports.memory.buffer, ptr.nBins, p));
    const allEdges = core.f64(ptr.edges, p * mb);
    const edges: Float64Array[] = [];
    for (let f = 0; f < p; f++) edges.push(fk[f] > 0 ? new Float64Array(0) : allEdges.slice(f * mb, f * mb + nBins[f]));
    return { n, p, maxBins: mb, featK: fk, nBins, edges, ptr };
  } catch (err) {
    for (const q of Object.values(ptr)) core.free(q);
    throw err;
  }
}

/** Frees the WASM buffers of `binFeatures`. Safe to call twice. */
export function freeBinned(core: Core, b: BinnedFeatures): void {
  for (const k of Object.keys(b.ptr) as (keyof BinnedFeatures['ptr'])[]) {
    core.free(b.ptr[k]);
    b.ptr[k] = 0;
  }
}
