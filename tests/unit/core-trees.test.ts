import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { binFeatures, fitTree, freeBinned, predictLeaves, NODE_STRIDE, type Tree } from '../../src/lib/engine/core/trees';
import type { Core } from '../../src/lib/engine/wasm';

const node = (t: Tree, i: number) => {
  const b = i * NODE_STRIDE;
  const [feature, a, c, isCat, left, right, leaf, rows] = t.nodes.slice(b, b + NODE_STRIDE);
  return { feature, a, c, isCat, left, right, leaf, rows };
};
const leaves = (t: Tree) => Array.from({ length: t.nodeCount }, (_, i) => node(t, i)).filter((n) => n.feature < 0);

function fit(core: Core, cols: number[][], kinds: number[], y: number[], opts: Parameters<typeof fitTree>[4], rows?: number[]) {
  const b = binFeatures(core, cols, kinds);
  try { return fitTree(core, b, cols.length, y, opts, rows); } finally { freeBinned(core, b); }
}

function lcg(seed: number) {
  let s = seed;
  return () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
}

describe('CART tree kernel', () => {
  it('finds the perfect split on the informative feature (regression)', async () => {
    const core = await loadCoreNode();
    const x = Array.from({ length: 20 }, (_, i) => i);
    const noise = x.map((i) => (i * 7) % 3);
    const y = x.map((v) => (v > 5 ? 10 : 0));
    const { tree, leafOfRow } = fit(core, [noise, x], [0, 0], y, { nClasses: 0, minLeaf: 2 });
    expect(tree.nodeCount).toBe(3);           // one split, two pure leaves
    const root = node(tree, 0);
    expect(root.feature).toBe(1);
    expect(root.a).toBe(5);                   // x ≤ 5 goes left: an observed value, exact
    expect(Array.from(leafOfRow)).toEqual(x.map((v) => (v > 5 ? 1 : 0)));
  });

  it('finds the perfect split with Gini (classification)', async () => {
    const core = await loadCoreNode();
    const x = Array.from({ length: 30 }, (_, i) => i);
    const y = x.map((v) => (v < 10 ? 0 : v < 20 ? 1 : 2));
    const { tree, leafOfRow } = fit(core, [x], [0], y, { nClasses: 3, minLeaf: 1 });
    expect(leaves(tree).length).toBe(3);
    // every leaf is pure
    for (let l = 0; l < 3; l++) expect(new Set(x.filter((_, i) => leafOfRow[i] === l).map((v) => y[v])).size).toBe(1);
  });

  it('respects the minimum leaf size', async () => {
    const core = await loadCoreNode();
    const rnd = lcg(3);
    const x = Array.from({ length: 500 }, () => rnd());
    const y = x.map((v) => Math.sin(10 * v) + 0.1 * rnd());
    for (const minLeaf of [1, 5, 17, 60]) {
      const { tree, leafOfRow } = fit(core, [x], [0], y, { nClasses: 0, minLeaf });
      const counts = new Map<number, number>();
      for (const l of leafOfRow) counts.set(l, (counts.get(l) ?? 0) + 1);
      expect(Math.min(...counts.values())).toBeGreaterThanOrEqual(minLeaf);
      for (const lf of leaves(tree)) expect(lf.rows).toBe(counts.get(lf.leaf));
    }
  });

  it('respects maxDepth and the complexity threshold', async () => {
    const core = await loadCoreNode();
    const x = Array.from({ length: 64 }, (_, i) => i);
    const y = x.map((v) => v);
    expect(fit(core, [x], [0], y, { nClasses: 0, minLeaf: 1, maxDepth: 2 }).tree.leafCount).toBe(4);
    expect(fit(core, [x], [0], y, { nClasses: 0, minLeaf: 1, maxDepth: 0 }).tree.leafCount).toBe(1);
    // the first split of a line removes 75% of the impurity; cp = 0.8 forbids it
    expect(fit(core, [x], [0], y, { nClasses: 0, minLeaf: 1, cp: 0.8 }).tree.leafCount).toBe(1);
  });

  it('sends missing values down a learned branch', async () => {
    const core = await loadCoreNode();
    // NaN rows have a high target: the split separates them whichever side they go to
    const x = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? NaN : i));
    const y = x.map((v) => (Number.isNaN(v) ? 100 : 0));
    const { tree, leafOfRow } = fit(core, [x], [0], y, { nClasses: 0, minLeaf: 2 });
    expect(tree.nodeCount).toBe(3);
    const nanLeaf = leafOfRow[0];
    x.forEach((v, i) => expect(leafOfRow[i] === nanLeaf).toBe(Number.isNaN(v)));
    const pred = predictLeaves(core, tree, [[NaN, 4, 1e9]]);
    expect(pred[0]).toBe(nanLeaf);
    expect(pred[1]).not.toBe(nanLeaf);
    // NaN together with the low values: the direction flag is learned, not fixed
    const y2 = x.map((v) => (Number.isNaN(v) || v < 15 ? 0 : 50));
    const t2 = fit(core, [x], [0], y2, { nClasses: 0, minLeaf: 2 });
    const root = node(t2.tree, 0);
    expect(root.a).toBe(14);
    expect(root.c).toBe(1); // missing values go left, with x ≤ 14
    expect(new Set(x.map((v, i) => (Number.isNaN(v) || v < 15 ? t2.leafOfRow[i] : -1)).filter((l) => l >= 0)).size).toBe(1);
  });

  it('groups categories by mean target (categorical split)', async () => {
    const core = await loadCoreNode();
    // categories 1 and 3 have the high mean: one split must put {1,3} against {0,2} (not contiguous codes)
    const c = Array.from({ length: 40 }, (_, i) => i % 4);
    const y = c.map((v) => (v === 1 || v === 3 ? 5 : 1));
    const { tree } = fit(core, [c], [4], y, { nClasses: 0, minLeaf: 2 });
    expect(tree.nodeCount).toBe(3);
    expect(node(tree, 0).isCat).toBe(1);
    const p = predictLeaves(core, tree, [[0, 1, 2, 3]]);
    expect(p[0]).toBe(p[2]);
    expect(p[1]).toBe(p[3]);
    expect(p[0]).not.toBe(p[1]);
    // unseen and missing categories go somewhere valid
    const q = predictLeaves(core, tree, [[7, NaN, 1.5]]);
    for (const l of q) expect([p[0], p[1]]).toContain(l);
  });

  it('groups categories by class share (classification on a categorical feature)', async () => {
    const core = await loadCoreNode();
    const c = Array.from({ length: 60 }, (_, i) => i % 6);
    const y = c.map((v) => (v % 3 === 0 ? 1 : 0)); // categories 0 and 3 → class 1
    const { tree } = fit(core, [c], [6], y, { nClasses: 2, minLeaf: 2 });
    const p = predictLeaves(core, tree, [[0, 1, 2, 3, 4, 5]]);
    expect(p[0]).toBe(p[3]);
    expect(new Set([p[1], p[2], p[4], p[5]]).size).toBe(1);
    expect(p[0]).not.toBe(p[1]);
  });

  it('uses only the allowed features and the given rows', async () => {
    const core = await loadCoreNode();
    const x = Array.from({ length: 40 }, (_, i) => i);
    const z = x.map((v) => (v * 13) % 40);
    const y = x.map((v) => (v < 20 ? 0 : 1));
    const { tree } = fit(core, [x, z], [0, 0], y, { nClasses: 0, minLeaf: 2, features: [1] });
    for (let i = 0; i < tree.nodeCount; i++) expect([-1, 1]).toContain(node(tree, i).feature);
    const sub = fit(core, [x], [0], y, { nClasses: 0, minLeaf: 2 }, [0, 1, 2, 3, 30, 31, 32, 33]);
    expect(Array.from(sub.leafOfRow).filter((l) => l >= 0).length).toBe(8);
    expect(sub.leafOfRow[10]).toBe(-1);
  });

  it('rejects bad input with typed errors', async () => {
    const core = await loadCoreNode();
    const b = binFeatures(core, [[1, 2, 3]], [0]);
    try {
      expect(() => fitTree(core, b, 1, [0, NaN, 1], { nClasses: 0 })).toThrow(expect.objectContaining({ code: 'trees/bad-target' }));
      expect(() => fitTree(core, b, 1, [0, 2, 1], { nClasses: 2 })).toThrow(expect.objectContaining({ code: 'trees/bad-target' }));
      expect(() => fitTree(core, b, 1, [0, 1], { nClasses: 0 })).toThrow(expect.objectContaining({ code: 'trees/bad-shape' }));
      expect(() => fitTree(core, b, 1, [0, 1, 1], { nClasses: 0, minLeaf: 0 })).toThrow(expect.objectContaining({ code: 'trees/bad-option' }));
    } finally { freeBinned(core, b); }
    expect(() => binFeatures(core, [[0, 1, 5]], [3])).toThrow(expect.objectContaining({ code: 'trees/bad-category' }));
    expect(() => binFeatures(core, [[0, 1.5]], [3])).toThrow(expect.objectContaining({ code: 'trees/bad-category' }));
  });

  it('bins into at most 256 quantile bins with real-valued edges', async () => {
    const core = await loadCoreNode();
    const rnd = lcg(11);
    const x = Array.from({ length: 5000 }, () => rnd());
    const few = x.map((v) => Math.floor(v * 7));
    const b = binFeatures(core, [x, few], [0, 0]);
    try {
      expect(b.nBins[0]).toBeLessThanOrEqual(256);
      expect(b.nBins[0]).toBeGreaterThan(200);
      expect(b.edges[0][b.nBins[0] - 1]).toBe(Math.max(...x));
      for (const e of b.edges[0]) expect(x).toContain(e);
      expect(Array.from(b.edges[1])).toEqual([0, 1, 2, 3, 4, 5, 6]); // few distinct values: exact bins
    } finally { freeBinned(core, b); }
  });

  it('is deterministic, and the SIMD and scalar builds agree exactly', async () => {
    const rnd = lcg(5);
    const n = 3000;
    const a = Array.from({ length: n }, () => rnd());
    const c = Array.from({ length: n }, () => Math.floor(rnd() * 9));
    const m = a.map((v, i) => (i % 17 === 0 ? NaN : v * 2));
    const y = a.map((v, i) => v + (c[i] % 2) + 0.3 * rnd());
    const yc = y.map((v) => Math.min(3, Math.floor(v * 1.5)));
    const results: string[] = [];
    for (const flavour of ['simd', 'scalar', 'simd'] as const) {
      const core = await loadCoreNode(flavour);
      const r = fit(core, [a, c, m], [0, 9, 0], y, { nClasses: 0, minLeaf: 5 });
      const k = fit(core, [a, c, m], [0, 9, 0], yc, { nClasses: 4, minLeaf: 5 });
      results.push(JSON.stringify([r.tree, Array.from(r.leafOfRow), k.tree, Array.from(k.leafOfRow)]));
    }
    expect(results[1]).toBe(results[0]);
    expect(results[2]).toBe(results[0]);
  });
});
