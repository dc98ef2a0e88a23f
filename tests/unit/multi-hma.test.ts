/**
 * HMA-compatible mode (synthesizer 'hma', sdv-algorithms.md §B): per-parent child parameters as
 * extension columns, shrunk toward the table-wide values; the up-front width estimate (warning and
 * hard cap). World against SDV HMA's own scores (sdv-baseline.md: Cardinality 0.745, Intertable
 * Trends 0.230 / all pairs 0.300, quality 0.505). Measured, fit and sample seed 0: Cardinality 0.889,
 * Intertable Trends 0.295 / 0.394, quality 0.588 (seeds 0–4: Cardinality 0.763–0.889, Intertable
 * 0.285–0.325); floors a little under the seed-0 values.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import type { Core } from '../../src/lib/engine/wasm';
import { buildGraph, estimateHmaWidths, fitMulti, hmaExtensionWidth, sampleMulti, type MultiModel } from '../../src/lib/engine/multi';
import { hmaEdgeLayout, hmaExtensionColumns } from '../../src/lib/engine/multi/hma-params';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { evaluate, summary } from '../../src/lib/engine/metrics';
import { badPrimaryKeys, danglingPerRelationship, rows, fitWorld } from '../fixtures/multi/checks';
import { makeShop, SHOP_META } from '../fixtures/multi/make-shop';

let core: Core;
let meta: SdvMetadata;
let real: Record<string, ColumnarTable>;
let model: MultiModel;

beforeAll(async () => {
  ({ core, meta, real, model } = await fitWorld({ synthesizer: 'hma' }));
}, 120_000);

/** parent (p rows, `pc` numeric columns) → child (3 rows per parent, `cc` numeric columns). */
function wideSchema(cc: number, p = 10, pc = 1): { meta: SdvMetadata; tables: Record<string, ColumnarTable> } {
  const r = seededRng(5);
  const num = { sdtype: 'numerical', computer_representation: 'Float' } as const;
  const pcols = Array.from({ length: pc }, (_, i) => `a${i}`), ccols = Array.from({ length: cc }, (_, i) => `x${i}`);
  const m: SdvMetadata = {
    METADATA_SPEC_VERSION: 'V1',
    tables: {
      parent: { primary_key: 'id', columns: { id: { sdtype: 'id' }, ...Object.fromEntries(pcols.map((c) => [c, num])) } },
      child: { primary_key: 'id', columns: { id: { sdtype: 'id' }, pid: { sdtype: 'id' }, ...Object.fromEntries(ccols.map((c) => [c, num])) } }
    },
    relationships: [{ parent_table_name: 'parent', parent_primary_key: 'id', child_table_name: 'child', child_foreign_key: 'pid' }]
  };
  const parent: ColumnarTable = { names: ['id', ...pcols], columns: [Array.from({ length: p }, (_, i) => String(i)), ...pcols.map(() => Array.from({ length: p }, () => (r.nextFloat() * 100).toFixed(2)))] };
  const n = 3 * p;
  const child: ColumnarTable = { names: ['id', 'pid', ...ccols], columns: [Array.from({ length: n }, (_, i) => String(i)), Array.from({ length: n }, (_, i) => String(i % p)), ...ccols.map(() => Array.from({ length: n }, () => (r.nextFloat() * 10).toFixed(3)))] };
  return { meta: m, tables: { parent, child } };
}

describe('world, HMA-compatible mode', () => {
  it('adds the children\'s per-parent parameters to the parents, and warns about the width', () => {
    expect(model.synthesizer).toBe('hma');
    const states = model.tables.states.hma!;
    const k = model.tables.states.copula!.columns.length;
    expect(states.columns).toHaveLength(k);
    const countryCols = model.tables.countries.copula!.columns.map((c) => c.name);
    for (const c of [...states.mean, ...states.sd, ...states.corr]) expect(countryCols).toContain(c);
    expect(states.corr).toHaveLength((k * (k - 1)) / 2);
    // no parent context in HMA: the relation is carried by the parameters only
    expect(countryCols.some((c) => c.startsWith('__parent.'))).toBe(false);
    // continents receives the countries' parameters: 1 + 2n + n(n−1)/2 with n = countries' columns
    const n = model.tables.countries.copula!.columns.length;
    expect(model.tables.continents.copula!.columns.length).toBe(1 + hmaExtensionWidth(n));
    expect(model.warnings).toEqual([expect.objectContaining({ code: 'multi/hma-wide', table: 'continents' })]);
    expect(model.warnings![0].columns).toBe(model.tables.continents.copula!.columns.length);
  });

  it('keeps integrity and unique keys and scores at or above SDV HMA', async () => {
    const synth = await sampleMulti(core, model, { seed: 0 });
    for (const t of Object.keys(meta.tables)) expect(rows(synth[t]), t).toBe(rows(real[t]));
    expect(Object.values(danglingPerRelationship(meta, synth))).toEqual([0, 0, 0, 0]);
    expect(badPrimaryKeys(meta, synth)).toEqual([]);
    const data = Object.fromEntries(Object.keys(meta.tables).map((t) => [t, { real: real[t], synth: synth[t] }]));
    const used = await evaluate(core, data, meta, { privacy: false });
    const all = summary(await evaluate(core, data, meta, { privacy: false, correlationThreshold: 0, associationThreshold: 0 }));
    const s = summary(used);
    expect(s.diagnostic.relationship_validity).toBe(1);
    expect(s.quality.cardinality!).toBeGreaterThan(0.85); // measured 0.889 (HMA 0.745)
    expect(s.quality.intertable_trends!).toBeGreaterThan(0.27); // 0.295 (HMA 0.230)
    expect(all.quality.intertable_trends!).toBeGreaterThan(0.37); // 0.394 (HMA 0.300)
    expect(s.quality.score!).toBeGreaterThan(0.56); // 0.588 (HMA 0.505)
  }, 60_000);

  it('is deterministic, also after a JSON round trip; works without relationships', async () => {
    const a = await sampleMulti(core, model, { seed: 3 });
    const b = await sampleMulti(core, JSON.parse(JSON.stringify(model)), { seed: 3 });
    expect(b).toEqual(a);
    const off = await sampleMulti(core, model, { seed: 3, include_relationships: false });
    expect(Object.values(danglingPerRelationship(meta, off))).toEqual([0, 0, 0, 0]);
    expect(badPrimaryKeys(meta, off)).toEqual([]);
  }, 60_000);
});

describe('HMA width estimate', () => {
  it('compounds up the tree: 1 + 2n + n(n−1)/2 per (child, FK), n including the child\'s own extensions', () => {
    expect(hmaExtensionWidth(20)).toBe(231); // sdv-algorithms.md §B2
    const g = buildGraph(meta, () => false);
    const fk = new Map<string, Set<string>>();
    for (const e of g.edges) (fk.get(e.child) ?? fk.set(e.child, new Set()).get(e.child)!).add(e.childKey[0]);
    const w = estimateHmaWidths(g, meta, (t) => real[t], fk);
    // the estimate equals the fitted widths on world
    for (const t of Object.keys(meta.tables)) expect(w.get(t), t).toBe(model.tables[t].copula!.columns.length);
  });

  it('stops a schema above the hard cap before any fitting, with a typed error', async () => {
    const wide = wideSchema(50); // child adds 1 + 100 + 1225 = 1326 columns to its parent
    const steps: string[] = [];
    await expect(fitMulti(core, wide.tables, wide.meta, { synthesizer: 'hma' }, { onProgress: (p) => { steps.push(p.step); } }))
      .rejects.toMatchObject({ code: 'multi/hma-too-wide', details: { table: "parent", columns: 1327, max: 1000 } });
    expect(steps.filter((s) => s.startsWith('fitting'))).toEqual([]);
    // the same schema is fine for the default model, whose width grows linearly
    const m = await fitMulti(core, wide.tables, wide.meta, {});
    expect(m.tables.parent.copula!.columns.length).toBeLessThanOrEqual(2); // a0 (+ the count column, constant here)
    await expect(fitMulti(core, wideSchema(8).tables, wideSchema(8).meta, { synthesizer: 'hma', hma: { maxColumns: 30 } })).rejects.toMatchObject({ code: 'multi/hma-too-wide' });
    // the 12-table depth-4 fixture: widths compound to ~1,230 columns in customers (SDV ≥ 1.38 refuses depth > 2 outright)
    await expect(fitMulti(core, makeShop(7, 1), SHOP_META, { synthesizer: 'hma' })).rejects.toMatchObject({ code: 'multi/hma-too-wide', details: { table: 'customers' } });
  });

  it('warns between the warning level and the cap, and still generates', async () => {
    const wide = wideSchema(20); // a0 + 1 + 40 + 190 = 232 columns
    const m = await fitMulti(core, wide.tables, wide.meta, { synthesizer: 'hma', seed: 1 });
    expect(m.warnings).toEqual([{ code: 'multi/hma-wide', table: 'parent', columns: 232, message: expect.stringContaining('232') }]);
    // fitted: 231 (every parent has 3 children, so the count column is a constant, not modelled)
    expect(m.tables.parent.copula!.columns.length).toBe(231);
    const s = await sampleMulti(core, m, { seed: 1 });
    expect(rows(s.child)).toBe(30);
    expect(danglingPerRelationship(wide.meta, s)).toEqual({ 'child.pid->parent': 0 });
    const quiet = await fitMulti(core, wide.tables, wide.meta, { synthesizer: 'hma', hma: { warnColumns: 500 } });
    expect(quiet.warnings).toBeUndefined();
  }, 60_000);
});

describe('HMA per-parent parameters', () => {
  it('shrinks parents with few children toward the table-wide values (weights m/(m+κ), (m−1)/(m−1+κ))', () => {
    // parent 0: one child; parent 1: 40 children around (1, −1) with spread 0.5 and correlation +; parent 2: none
    const r = seededRng(3);
    const z0: number[] = [2], z1: number[] = [0.5], parentOf: number[] = [0];
    for (let i = 0; i < 40; i++) {
      const a = (r.nextFloat() - 0.5) * Math.sqrt(12) * 0.5, b = (r.nextFloat() - 0.5) * Math.sqrt(12) * 0.5;
      z0.push(1 + a); z1.push(-1 + 0.8 * a + 0.6 * b); parentOf.push(1);
    }
    const layout = hmaEdgeLayout('c.fk->p', ['u', 'v']);
    const ext = hmaExtensionColumns(layout, [Float64Array.from(z0), Float64Array.from(z1)], Int32Array.from(parentOf), 3, 3);
    const get = (name: string) => ext.columns[ext.names.indexOf(name)].map(Number);
    const [meanU, meanV, sdU, corr] = [get(layout.mean[0]), get(layout.mean[1]), get(layout.sd[0]), get(layout.corr[0])];
    expect(meanU[0]).toBeCloseTo(2 * (1 / 4), 5); // m = 1: weight 1/(1+3)
    expect(meanV[0]).toBeCloseTo(0.5 * (1 / 4), 5);
    const m1 = z0.slice(1).reduce((a, b) => a + b, 0) / 40;
    expect(meanU[1]).toBeCloseTo(m1 * (40 / 43), 4);
    expect(meanU[2]).toBe(0); // no children: the table-wide mean
    // one child or none: no own spread, the pooled within-parent spread and correlation
    expect(sdU[0]).toBeCloseTo(sdU[2], 6);
    expect(corr[0]).toBeCloseTo(corr[2], 6);
    expect(sdU[1]).toBeGreaterThan(0.4);
    expect(sdU[1]).toBeLessThan(0.6);
    expect(corr[1]).toBeGreaterThan(0.6);
    for (const c of ext.columns) for (const v of c) expect(Number.isFinite(Number(v))).toBe(true);
  });
});
