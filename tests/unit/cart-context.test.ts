/**
 * CART context features (the multi-table hook): categorical context columns split as category sets
 * (`contextClasses`), and pooled rare categories as ONE feature value for later trees, drawn
 * stratified across the pool.
 */
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCart, sampleCart } from '../../src/lib/engine/cart';
import type { ModelMatrix } from '../../src/lib/engine/transformers';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { seededRng } from '../../src/lib/engine/transformers/rng';

const MEANS = [50, 0, 80, 10, 60, 30]; // not monotone in the code: a numeric split needs many cuts

function ctxMatrix(codes: number[]): ModelMatrix {
  return { rows: codes.length, columns: [{ name: 'parent.kind', source: 'parent.kind', role: 'value', values: Float64Array.from(codes), marginalHint: 'auto' }] };
}

describe('CART context features', () => {
  it('splits a categorical context as category sets and reproduces the per-category means', async () => {
    const core = await loadCoreNode();
    const r = seededRng(1);
    const codes = Array.from({ length: 600 }, (_, i) => i % 6);
    const table: ColumnarTable = { names: ['y'], columns: [codes.map((c) => (MEANS[c] + (r.nextFloat() - 0.5) * 4).toFixed(2))] };
    const meta: SdvTable = { columns: { y: { sdtype: 'numerical', computer_representation: 'Float' } } };
    const model = await fitCart(core, table, meta, { seed: 0, context: ctxMatrix(codes), contextClasses: [6] });
    expect(model.contextClasses).toEqual([6]);
    const root = model.columns[0].tree!.nodes;
    expect(root[0]).toBe(0); // the root splits on the context column …
    expect(root[3]).toBe(1); // … as a categorical feature
    const want = Array.from({ length: 300 }, (_, i) => (i * 7) % 6);
    const syn = await sampleCart(core, model, 300, 2, { context: ctxMatrix(want) });
    const y = syn.columns[0].map(Number);
    for (let c = 0; c < 6; c++) {
      const v = y.filter((_, i) => want[i] === c);
      expect(v.reduce((a, b) => a + b, 0) / v.length).toBeCloseTo(MEANS[c], 0);
    }
    await expect(fitCart(core, table, meta, { context: ctxMatrix(codes), contextClasses: [6, 2] })).rejects.toMatchObject({ code: 'cart/context-columns' });
    await expect(fitCart(core, table, meta, { context: ctxMatrix(codes), contextClasses: [-1] })).rejects.toMatchObject({ code: 'cart/bad-option' });
  });

  it('never splits on a fully pooled (near-unique) column and spreads its synthetic values over the pool', async () => {
    const core = await loadCoreNode();
    const r = seededRng(2);
    const n = 300;
    const g = Array.from({ length: n }, (_, i) => ['a', 'b', 'c'][i % 3]);
    const table: ColumnarTable = {
      names: ['name', 'g', 'x'],
      columns: [Array.from({ length: n }, (_, i) => `n${i}`), g, g.map((v) => ((v === 'a' ? 10 : v === 'b' ? 20 : 30) + r.nextFloat()).toFixed(3))]
    };
    const meta: SdvTable = { columns: { name: { sdtype: 'categorical' }, g: { sdtype: 'categorical' }, x: { sdtype: 'numerical', computer_representation: 'Float' } } };
    const model = await fitCart(core, table, meta, { seed: 0, order: ['name', 'g', 'x'] });
    expect(model.columns[0].name).toBe('name');
    expect(model.columns[0].rarePool).toHaveLength(n);
    for (const col of model.columns.slice(1)) {
      const nodes = col.tree?.nodes ?? [];
      for (let i = 0; i < nodes.length; i += 8) expect(nodes[i], col.name).not.toBe(0); // feature 0 = name
    }
    const syn = await sampleCart(core, model, n, 4);
    // stratified pool draws: nearly every name once (independent draws would repeat ~37 % of them)
    expect(new Set(syn.columns[0]).size).toBeGreaterThan(0.9 * n);
    // the dependence x ↔ g survives
    const xs = syn.columns[2].map(Number), gs = syn.columns[1];
    const meanOf = (k: string) => { const v = xs.filter((_, i) => gs[i] === k); return v.reduce((a, b) => a + b, 0) / v.length; };
    expect(meanOf('a')).toBeLessThan(12);
    expect(meanOf('c')).toBeGreaterThan(28);
  });
});
