/** Routing rows through a fitted tree (assembly/trees/predict.ts). */
import { EngineError, type Core } from '../wasm';
import type { Tree } from './trees-fit';
import { allocBytes, NODE_STRIDE, treeKernels } from './trees-exports';

/** Copies a tree into WASM memory; returns its two pointers (free both). */
export function treeIn(core: Core, tree: Tree): { nodes: number; cats: number } {
  if (tree.nodes.length !== tree.nodeCount * NODE_STRIDE || tree.nodeCount < 1) {
    throw new EngineError('trees/bad-model', `tree has ${tree.nodes.length} node numbers for ${tree.nodeCount} nodes`);
  }
  const nodes = core.copyIn(tree.nodes);
  const cats = allocBytes(core, tree.cats.length);
  new Uint8Array(core.exports.memory.buffer, cats, tree.cats.length).set(tree.cats);
  return { nodes, cats };
}

/**
 * Leaf ids of rows whose features sit in WASM memory at `xPtr` (column-major, leading dimension `ld`,
 * at least `tree.p` features). Low-level: used by the sequential sampler, which keeps its matrix in WASM.
 */
export function predictLeavesAt(core: Core, tree: { nodes: number; cats: number }, xPtr: number, n: number, ld: number): Float64Array {
  const out = core.allocF64(n);
  try {
    treeKernels(core).treePredictLeaf(tree.nodes, tree.cats, xPtr, n, ld, out);
    return Float64Array.from(core.f64(out, n));
  } finally {
    core.free(out);
  }
}

/** Leaf id of each row; `columns` are the features in fit order (numeric values or category codes). */
export function predictLeaves(core: Core, tree: Tree, columns: ArrayLike<number>[]): Float64Array {
  if (columns.length < tree.p) throw new EngineError('trees/bad-shape', `predictLeaves: the tree reads ${tree.p} features, got ${columns.length}`);
  const n = columns.length ? columns[0].length : 0;
  const t = treeIn(core, tree);
  const x = core.allocF64(n * Math.max(1, tree.p));
  try {
    const v = core.f64(x, n * tree.p);
    for (let f = 0; f < tree.p; f++) {
      if (columns[f].length !== n) throw new EngineError('trees/bad-shape', `predictLeaves: column ${f} has ${columns[f].length} rows, expected ${n}`);
      v.set(columns[f], f * n);
    }
    return predictLeavesAt(core, t, x, n, n);
  } finally {
    core.free(x); core.free(t.nodes); core.free(t.cats);
  }
}
