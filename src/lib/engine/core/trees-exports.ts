/**
 * Typed view of the tree kernels exported by assembly/trees/index.ts, and the node layout they share
 * (assembly/trees/layout.ts): NODE_STRIDE doubles per node —
 * [feature (−1 leaf), threshold | category offset, nanLeft | K, isCategorical, left, right, leafId, rows].
 */
import type { Core } from '../wasm';

export const NODE_STRIDE = 8;
export const MAX_NUMERIC_BINS = 256;
export const MAX_CATEGORIES = 65534;

export interface TreeExports {
  treeBin(x: number, n: number, p: number, ld: number, featK: number, maxBins: number, bins: number, edges: number, nBins: number): number;
  treeFit(
    bins: number, n: number, p: number, nBins: number, featK: number, edges: number, edgeStride: number,
    feats: number, q: number, y: number, nClasses: number, rows: number, m: number,
    minLeaf: number, minSplit: number, maxDepth: number, cp: number,
    nodes: number, maxNodes: number, cats: number, catCap: number, leafOfRow: number
  ): number;
  treePredictLeaf(nodes: number, cats: number, x: number, n: number, ld: number, out: number): void;
}

export function treeKernels(core: Core): TreeExports {
  return core.exports as unknown as TreeExports;
}

/** Allocates `bytes` bytes (at least 8) or throws `wasm/oom`. */
export function allocBytes(core: Core, bytes: number): number {
  return core.allocF64(Math.ceil(Math.max(bytes, 8) / 8));
}
