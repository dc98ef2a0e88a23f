/**
 * Fitting one CART tree on binned features (assembly/trees/fit.ts). The tree comes back as a plain,
 * serialisable object.
 */
import { EngineError, type Core } from '../wasm';
import type { BinnedFeatures } from './trees-bin';
import { allocBytes, NODE_STRIDE, treeKernels } from './trees-exports';

export interface TreeOptions {
  /** 0 = regression (variance reduction); C > 0 = classification (Gini) with y = class codes 0..C−1. */
  nClasses: number;
  /** Minimum rows per leaf (synthpop's minbucket, default 5). */
  minLeaf?: number;
  /** Minimum rows to try a split (rpart's minsplit; default 2·minLeaf... at least 2). */
  minSplit?: number;
  /** Maximum depth (root = 0; default 30). */
  maxDepth?: number;
  /** Complexity: a split must reduce the impurity by cp × the root impurity (rpart's cp; default 1e-8). */
  cp?: number;
  /** Only these feature indices (all < p) may be split on; default: all features 0..p−1. */
  features?: number[];
}

/** A fitted tree: NODE_STRIDE numbers per node (see trees-exports.ts) and the category-direction bytes. */
export interface Tree {
  nodes: number[];
  cats: number[];
  nodeCount: number;
  leafCount: number;
  /** Number of features the tree may read (a prefix of the feature matrix). */
  p: number;
}

export interface TreeFit {
  tree: Tree;
  /** Leaf id of every training row (−1 for rows left out by `rows`). */
  leafOfRow: Int32Array;
}

function intOption(v: number | undefined, dflt: number, lo: number, what: string): number {
  const x = v ?? dflt;
  if (!Number.isInteger(x) || x < lo) throw new EngineError('trees/bad-option', `${what} must be an integer ≥ ${lo} (got ${x})`);
  return x;
}

/**
 * Fits a tree of target `y` (length n) on the first `p` binned features. `rows` optionally restricts the
 * training rows. Throws `trees/bad-target` for NaN targets or class codes outside 0..C−1.
 */
export function fitTree(core: Core, binned: BinnedFeatures, p: number, y: ArrayLike<number>, options: TreeOptions, rows?: ArrayLike<number>): TreeFit {
  const n = binned.n;
  if (!Number.isInteger(p) || p < 0 || p > binned.p) throw new EngineError('trees/bad-shape', `fitTree: feature count ${p} outside 0..${binned.p}`);
  if (y.length !== n) throw new EngineError('trees/bad-shape', `fitTree: target has ${y.length} values, expected ${n}`);
  const nClasses = intOption(options.nClasses, 0, 0, 'nClasses');
  const minLeaf = intOption(options.minLeaf, 5, 1, 'minLeaf');
  const minSplit = intOption(options.minSplit, Math.max(2, 2 * minLeaf), 2, 'minSplit');
  const maxDepth = intOption(options.maxDepth, 30, 0, 'maxDepth');
  const cp = options.cp ?? 1e-8;
  if (!(cp >= 0) || !Number.isFinite(cp)) throw new EngineError('trees/bad-option', `cp must be a finite number ≥ 0 (got ${cp})`);
  const m = rows ? rows.length : n;
  if (m < 1) throw new EngineError('trees/empty', 'fitTree: no training rows');
  const maxNodes = 2 * Math.floor(m / minLeaf) + 1;
  let maxK = 0;
  for (const f of options.features ?? Array.from({ length: p }, (_, i) => i)) maxK = Math.max(maxK, binned.featK[f]);
  const worstCats = maxK > 0 ? Math.floor(maxNodes / 2) * (maxK + 2) : 8;
  const k = treeKernels(core);

  let catCap = Math.min(worstCats, 1 << 20);
  for (;;) {
    const ptrs: number[] = [];
    try {
      const yPtr = core.copyIn(y); ptrs.push(yPtr);
      let rowsPtr = 0;
      if (rows) { rowsPtr = allocBytes(core, m * 4); ptrs.push(rowsPtr); new Int32Array(core.exports.memory.buffer, rowsPtr, m).set(rows); }
      const feats = options.features;
      let featsPtr = 0;
      if (feats) {
        for (const f of feats) if (!Number.isInteger(f) || f < 0 || f >= p) throw new EngineError('trees/bad-option', `fitTree: feature ${f} outside 0..${p - 1}`);
        featsPtr = allocBytes(core, feats.length * 4); ptrs.push(featsPtr);
        new Int32Array(core.exports.memory.buffer, featsPtr, feats.length).set(feats);
      }
      const nodesPtr = core.allocF64(maxNodes * NODE_STRIDE); ptrs.push(nodesPtr);
      const catsPtr = allocBytes(core, catCap); ptrs.push(catsPtr);
      const leafPtr = allocBytes(core, n * 4); ptrs.push(leafPtr);
      const rc = k.treeFit(binned.ptr.bins, n, p, binned.ptr.nBins, binned.ptr.featK, binned.ptr.edges, binned.maxBins,
        featsPtr, feats ? feats.length : 0, yPtr, nClasses, rowsPtr, m, minLeaf, minSplit, maxDepth, cp, nodesPtr, maxNodes, catsPtr, catCap, leafPtr);
      if (rc === -2 && catCap < worstCats) { catCap = worstCats; continue; }
      if (rc === -3) {
        throw new EngineError('trees/bad-target', nClasses > 0
          ? `fitTree: targets must be class codes 0..${nClasses - 1} (no missing values), and rows valid indices`
          : 'fitTree: targets must be numbers (no missing values), and rows valid indices');
      }
      if (rc < 0) throw new EngineError('trees/capacity', `fitTree: internal capacity exceeded (code ${rc})`);
      const nodes = Array.from(core.f64(nodesPtr, rc * NODE_STRIDE));
      let catsUsed = 0, leafCount = 0;
      for (let i = 0; i < rc; i++) {
        const b = i * NODE_STRIDE;
        if (nodes[b] < 0) leafCount++;
        else if (nodes[b + 3] === 1) catsUsed = Math.max(catsUsed, nodes[b + 1] + nodes[b + 2] + 2);
      }
      const cats = Array.from(new Uint8Array(core.exports.memory.buffer, catsPtr, catsUsed));
      const leafOfRow = Int32Array.from(new Int32Array(core.exports.memory.buffer, leafPtr, n));
      return { tree: { nodes, cats, nodeCount: rc, leafCount, p }, leafOfRow };
    } finally {
      for (const q of ptrs) core.free(q);
    }
  }
}
