/**
 * A 12-table invented sample (tests/fixtures/multi/make-shop.ts): depth 4, a junction table with a
 * composite primary key, a composite FK, two FKs to one parent, a second parent, a nullable FK with
 * orphans and a self-reference. Integrity and key rules must hold on every run.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { buildGraph, fitMulti, sampleMulti, type MultiModel } from '../../src/lib/engine/multi';
import { learnSelfRef } from '../../src/lib/engine/multi/self-ref';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { evaluate, summary } from '../../src/lib/engine/metrics';
import { makeShop, SHOP_META } from '../fixtures/multi/make-shop';
import { badPrimaryKeys, col, danglingPerRelationship, rows, tuples } from '../fixtures/multi/checks';

let core: Core;
let real: Record<string, ColumnarTable>;
let model: MultiModel;

beforeAll(async () => {
  core = await loadCoreNode();
  real = makeShop(7, 1);
  model = await fitMulti(core, real, SHOP_META, { seed: 4 });
});

const selfParents = (t: ColumnarTable) => {
  const idx = new Map(col(t, 'employee_id').map((k, i) => [k, i]));
  return Int32Array.from(col(t, 'manager_id'), (k) => (k === null ? -1 : idx.get(k) ?? -2));
};

describe('12-table schema, depth 4', () => {
  it('is the intended shape (depth 4, junction, two FKs to one parent, self-reference)', () => {
    const g = buildGraph(SHOP_META, () => true);
    expect(Math.max(...g.depth.values())).toBe(4);
    expect(g.selfRefs.get('employees')).toHaveLength(1);
    expect(g.secondary.get('flights')?.[0].parent).toBe('airports');
    expect(g.secondary.get('order_items')?.[0].parent).toBe('products');
  });

  it.each([1, 2, 3])('seed %i: integrity 1.0 on all 15 relationships, unique (composite) keys, valid metrics', async (seed) => {
    const s = await sampleMulti(core, model, { seed });
    const dangling = danglingPerRelationship(SHOP_META, s);
    expect(Object.keys(dangling)).toHaveLength(15);
    expect(Object.values(dangling).every((v) => v === 0)).toBe(true);
    expect(badPrimaryKeys(SHOP_META, s)).toEqual([]);
    const pairs = tuples(s.order_items, ['order_id', 'product_id']);
    expect(new Set(pairs).size).toBe(pairs.length);
    for (const t of Object.keys(SHOP_META.tables)) expect(rows(s[t]), t).toBeGreaterThan(0);
    const report = await evaluate(core, Object.fromEntries(Object.keys(real).map((t) => [t, { real: real[t], synth: s[t] }])), SHOP_META, { privacy: false });
    for (const d of report.diagnostic.relationship_validity ?? []) expect(d.score, `${d.child_table}.${d.child_foreign_key} ${d.metric}`).toBe(1);
    expect(summary(report).quality.cardinality!).toBeGreaterThan(0.6);
  });

  it('keeps the orphan rate of the nullable FK (orders.employee_id ≈ 30 % null)', async () => {
    const realRate = col(real.orders, 'employee_id').filter((v) => v === null).length / rows(real.orders);
    expect(model.edges['orders.employee_id->employees'].orphanRate).toBeCloseTo(realRate, 10);
    const s = await sampleMulti(core, model, { seed: 9, scale: 3 });
    const rate = col(s.orders, 'employee_id').filter((v) => v === null).length / rows(s.orders);
    expect(Math.abs(rate - realRate)).toBeLessThan(0.02);
    expect(col(s.orders, 'customer_id').every((v) => v !== null)).toBe(true);
  });

  it('builds the self-reference as a forest: roots at the sample rate, parents earlier, no cycles, depth like the sample', async () => {
    const s = await sampleMulti(core, model, { seed: 5, scale: 4 });
    const parentOf = selfParents(s.employees);
    parentOf.forEach((p, i) => { expect(p).not.toBe(-2); if (p >= 0) expect(p).toBeLessThan(i); });
    const learned = learnSelfRef('x', parentOf);
    const sample = model.selfRefs['employees.manager_id->employees'];
    expect(Math.abs(learned.rootRate - sample.rootRate)).toBeLessThan(0.03);
    expect(learned.maxDepth).toBeGreaterThanOrEqual(1);
    expect(learned.maxDepth).toBeLessThanOrEqual(sample.maxDepth);
    const meanFan = (f: [number, number][]) => f.reduce((a, [v, c]) => a + v * c, 0) / f.reduce((a, [, c]) => a + c, 0);
    expect(Math.abs(meanFan(learned.fanOut) - meanFan(sample.fanOut))).toBeLessThan(0.05);
  });

  it('fills the composite FK returns → order_items from existing (order, product) pairs', async () => {
    const s = await sampleMulti(core, model, { seed: 6 });
    const items = new Set(tuples(s.order_items, ['order_id', 'product_id']));
    const refs = tuples(s.returns, ['order_id', 'product_id']);
    expect(refs.length).toBeGreaterThan(50);
    expect(refs.every((r) => r !== null && items.has(r))).toBe(true);
  });

  it('keeps both FKs to one parent valid and the second parent within its learned capacities', async () => {
    const s = await sampleMulti(core, model, { seed: 8 });
    const codes = new Set(col(s.airports, 'code'));
    expect(col(s.flights, 'from_airport').every((c) => codes.has(c))).toBe(true);
    expect(col(s.flights, 'to_airport').every((c) => codes.has(c))).toBe(true);
    const cnt = model.edges['flights.to_airport->airports'].count;
    expect(cnt.kind).toBe('column');
    const per = new Map<string | null, number>();
    for (const c of col(s.flights, 'to_airport')) per.set(c, (per.get(c) ?? 0) + 1);
    if (cnt.kind === 'column') expect(Math.max(...per.values())).toBeLessThanOrEqual(cnt.max);
  });

  it('is deterministic for the same seed', async () => {
    expect(await sampleMulti(core, model, { seed: 21 })).toEqual(await sampleMulti(core, model, { seed: 21 }));
  });
});
