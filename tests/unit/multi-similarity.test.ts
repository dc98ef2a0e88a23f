/**
 * Secondary parents linked by similarity (similarity.ts + assign.ts): the child row's own values
 * choose among parents with free capacity, so a trend between a child and its SECOND parent survives
 * (the 12-table fixture: order_items.unit_price is its product's price). Measured on seeds 1–3,
 * Intertable Trends of (products.price, order_items.unit_price): 0.50 at random, 0.987 (copula) /
 * 0.984 (cart) by similarity; capacities and integrity unchanged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { fitMulti, sampleMulti } from '../../src/lib/engine/multi';
import { assignParents } from '../../src/lib/engine/multi/assign';
import { evaluate } from '../../src/lib/engine/metrics';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { makeShop, SHOP_META } from '../fixtures/multi/make-shop';
import { badPrimaryKeys, col, danglingPerRelationship } from '../fixtures/multi/checks';

let core: Core;
let real: Record<string, ColumnarTable>;
beforeAll(async () => {
  core = await loadCoreNode();
  real = makeShop(7, 1);
});

async function priceTrend(s: Record<string, ColumnarTable>): Promise<number> {
  const rep = await evaluate(core, Object.fromEntries(Object.keys(SHOP_META.tables).map((t) => [t, { real: real[t], synth: s[t] }])), SHOP_META, { privacy: false, correlationThreshold: 0, associationThreshold: 0 });
  return rep.quality.intertable_trends!.find((p) => p.parent_table === 'products' && p.child_table === 'order_items' && p.child_column === 'unit_price')!.score!;
}

const perParent = (t: ColumnarTable, fk: string) => {
  const m = new Map<string, number>();
  for (const k of col(t, fk)) if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

describe('secondary parents by similarity', () => {
  it.each(['copula', 'cart'] as const)('%s: keeps the child ↔ second-parent trend, with the same capacities and integrity', async (synthesizer) => {
    const on = await fitMulti(core, real, SHOP_META, { seed: 2, synthesizer });
    const off = await fitMulti(core, real, SHOP_META, { seed: 2, synthesizer, similarity_linking: false });
    expect(on.edges['order_items.product_id->products'].link).toMatchObject({ parentColumn: 'price' });
    expect(on.edges['order_items.product_id->products'].link!.r2).toBeGreaterThan(0.9);
    expect(off.edges['order_items.product_id->products'].link).toBeUndefined();
    const a = await sampleMulti(core, on, { seed: 2 }), b = await sampleMulti(core, off, { seed: 2 });
    for (const s of [a, b]) {
      expect(Object.values(danglingPerRelationship(SHOP_META, s)).every((d) => d === 0)).toBe(true);
      expect(badPrimaryKeys(SHOP_META, s)).toEqual([]); // (order, product) pairs stay distinct
    }
    expect(await priceTrend(a)).toBeGreaterThan(0.95); // measured 0.99 (seed 2)
    expect(await priceTrend(b)).toBeLessThan(0.8); // at random: about 0.5
    // capacities are the same: every product keeps its number of order lines
    expect(perParent(a.order_items, 'product_id')).toEqual(perParent(b.order_items, 'product_id'));
  }, 60_000);

  it('assignParents with scores couples ranks and never exceeds a capacity', () => {
    const n = 50;
    const capacity = new Int32Array(10).fill(5);
    const parentScore = Float64Array.from({ length: 10 }, (_, p) => (p * 7) % 10); // a permuted order
    const rowScore = Float64Array.from({ length: n }, (_, i) => n - i);
    const out = assignParents({ rows: Array.from({ length: n }, (_, i) => i), childRows: n, parents: 10, capacity, rowScore, parentScore }, seededRng(1));
    const used = new Int32Array(10);
    for (const p of out) used[p]++;
    expect(Array.from(used)).toEqual(Array(10).fill(5));
    // the row with the highest score goes to the parent with the highest score, the lowest to the lowest
    expect(parentScore[out[0]]).toBe(9);
    expect(parentScore[out[n - 1]]).toBe(0);
    for (let i = 1; i < n; i++) expect(parentScore[out[i]]).toBeLessThanOrEqual(parentScore[out[i - 1]]);
  });
});
