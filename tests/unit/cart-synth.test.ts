import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCart, sampleCart, privacyKnobs, DEFAULT_PRIVACY, type CartModel } from '../../src/lib/engine/cart';
import { fitTransformers, transformTable } from '../../src/lib/engine/transformers';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { column, loadFixture } from '../fixtures/single/load';

function lcg(seed: number) {
  let s = seed;
  return () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
}
const nums = (c: (string | null)[]) => c.filter((v): v is string => v !== null).map(Number);
const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
function corr(a: number[], b: number[]) {
  const ma = mean(a), mb = mean(b);
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < a.length; i++) { sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) ** 2; sbb += (b[i] - mb) ** 2; }
  return sab / Math.sqrt(saa * sbb);
}

describe('sequential CART synthesizer', () => {
  it('samples the table shape, formats, categories and missing values of the sample', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('cars');
    const model = await fitCart(core, table, metadata);
    const syn = await sampleCart(core, model, 500, 3);
    expect(syn.names).toEqual(table.names);
    for (const c of syn.columns) expect(c.length).toBe(500);
    const origins = new Set(column(table, 'Origin'));
    for (const v of column(syn, 'Origin')) expect(origins.has(v)).toBe(true);
    for (const v of column(syn, 'Year')) expect(v).toMatch(/^\d{4}-01-01$/);
    // Horsepower has missing values in the sample (6 of 406): some synthetic rows are missing too, not all
    const hpMissing = column(syn, 'Horsepower').filter((v) => v === null).length;
    expect(hpMissing).toBeLessThan(50);
    const hp = nums(column(table, 'Horsepower'));
    for (const v of nums(column(syn, 'Horsepower'))) { expect(v).toBeGreaterThanOrEqual(Math.min(...hp)); expect(v).toBeLessThanOrEqual(Math.max(...hp)); }
    expect(model.settings.privacy).toBe(DEFAULT_PRIVACY);
  });

  it('keeps a strong dependence (temp_max ↔ temp_min) at every privacy level', async () => {
    // privacy 1 blends in noise whose weak correlations are shrunk (blend.ts): r = 0.87 keeps ≈ 0.76 there
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('seattle-weather');
    const real = corr(nums(column(table, 'temp_max')), nums(column(table, 'temp_min')));
    for (const privacy of [0, DEFAULT_PRIVACY, 1]) {
      const syn = await sampleCart(core, await fitCart(core, table, metadata, { privacy }), 1461, 2);
      const r = corr(nums(column(syn, 'temp_max')), nums(column(syn, 'temp_min')));
      expect(Math.abs(r - real)).toBeLessThan(privacy < 1 ? 0.05 : 0.15);
    }
  });

  it('is deterministic for a seed, different across seeds, and samples a saved (JSON) model identically', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('cars');
    const m1 = await fitCart(core, table, metadata, { seed: 4 });
    const m2 = await fitCart(core, table, metadata, { seed: 4 });
    expect(JSON.stringify(m1)).toBe(JSON.stringify(m2));
    const a = await sampleCart(core, m1, 200, 9);
    const b = await sampleCart(core, m2, 200, 9);
    expect(b).toEqual(a);
    const c = await sampleCart(core, m1, 200, 10);
    expect(c).not.toEqual(a);
    const loaded = JSON.parse(JSON.stringify(m1)) as CartModel;
    expect(await sampleCart(core, loaded, 200, 9)).toEqual(a);
    // privacy 0 (maxParents = all) survives JSON too
    const m0 = await fitCart(core, table, metadata, { privacy: 0 });
    expect(await sampleCart(core, JSON.parse(JSON.stringify(m0)), 50, 1)).toEqual(await sampleCart(core, m0, 50, 1));
  });

  it('maps the privacy setting onto the protections, monotonically', () => {
    expect(privacyKnobs(0)).toEqual({ minLeaf: 5, smoothing: 0, rareMin: 1, maxParents: null, minDependence: 0, matchMarginals: false, blend: 0, blendIndependence: 0 });
    expect(privacyKnobs(DEFAULT_PRIVACY).blend).toBe(0);
    const lo = privacyKnobs(0.3), hi = privacyKnobs(1);
    expect(hi.minLeaf).toBeGreaterThan(lo.minLeaf);
    expect(hi.smoothing).toBeGreaterThan(lo.smoothing);
    expect(hi.rareMin).toBeGreaterThan(lo.rareMin);
    expect(hi.maxParents!).toBeLessThan(lo.maxParents!);
    expect(hi.blend).toBeGreaterThan(lo.blend);
    expect(hi.blendIndependence).toBeGreaterThan(lo.blendIndependence);
    expect(() => privacyKnobs(1.5)).toThrow(expect.objectContaining({ code: 'cart/bad-privacy' }));
    expect(() => privacyKnobs(Number.NaN)).toThrow(expect.objectContaining({ code: 'cart/bad-privacy' }));
  });

  it('blending moves rows off the real ones but keeps strong correlations and the marginals', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('us-employment');
    const real = ['nonfarm', 'construction', 'manufacturing'].map((c) => nums(column(table, c)));
    const opts = { privacy: DEFAULT_PRIVACY, seed: 0 };
    const plain = await sampleCart(core, await fitCart(core, table, metadata, { ...opts, blend: 0 }), 120, 3);
    const model = await fitCart(core, table, metadata, { ...opts, blend: 0.6 });
    expect(model.blend!.columns.length).toBe(24);
    const syn = await sampleCart(core, model, 120, 3);
    const cols = ['nonfarm', 'construction', 'manufacturing'].map((c) => nums(column(syn, c)));
    // pairwise Pearson correlations within 0.1 of the real ones; marginals = the real values' quantiles
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]]) expect(Math.abs(corr(cols[a], cols[b]) - corr(real[a], real[b]))).toBeLessThan(0.15);
    for (let c = 0; c < 3; c++) {
      const s = cols[c].slice().sort((x, y) => x - y), r = real[c].slice().sort((x, y) => x - y);
      expect(Math.abs(s[60] - r[60])).toBeLessThan(0.05 * (r[119] - r[0]));
    }
    // mean distance of a synthetic row to its nearest real row (range-scaled): clearly larger with blending
    const scaled = (t: typeof table) => table.names.slice(1).map((c) => { const r = nums(column(table, c)); const lo = Math.min(...r), hi = Math.max(...r); return nums(column(t, c)).map((v) => (v - lo) / (hi - lo)); });
    const R = scaled(table);
    const nn = (t: typeof table) => { const S = scaled(t); let sum = 0; for (let i = 0; i < 120; i++) { let best = Infinity; for (let k = 0; k < 120; k++) { let d = 0; for (let c = 0; c < S.length; c++) d += Math.abs(S[c][i] - R[c][k]); best = Math.min(best, d / S.length); } sum += best; } return sum / 120; };
    expect(nn(syn)).toBeGreaterThan(1.3 * nn(plain)); // measured 0.112 vs 0.075
    await expect(fitCart(core, table, metadata, { blend: 1 })).rejects.toMatchObject({ code: 'cart/bad-option' });
  });

  it('pools rare categories: a rare name no longer follows its own rows', async () => {
    const core = await loadCoreNode();
    // 300 rows: 30 names of 10 consecutive x each; with rareMin 11 every name is rare and pooled
    const n = 300;
    const ids = Array.from({ length: n }, (_, i) => `p${Math.floor(i / 10) * 10 + 5}`);
    const x = ids.map((_, i) => String(i));
    const table: ColumnarTable = { names: ['name', 'x'], columns: [ids, x] };
    const meta: SdvTable = { columns: { name: { sdtype: 'categorical' }, x: { sdtype: 'numerical' } } };
    const open = await sampleCart(core, await fitCart(core, table, meta, { privacy: 0, order: ['x'] }), n, 1);
    const pooled = await sampleCart(core, await fitCart(core, table, meta, { privacy: 0, rareMin: 11, order: ['x'] }), n, 1);
    const dist = (t: ColumnarTable) => mean(t.columns[0].map((nm, i) => Math.abs(Number(nm!.slice(1)) - Number(t.columns[1][i]))));
    expect(dist(open)).toBeLessThan(8);       // the tree keeps each name with its own x block
    expect(dist(pooled)).toBeGreaterThan(60); // pooled: the name is independent of x (≈ n/3 for uniform)
  });

  it('conditions on the first columns of the visit order, and says so otherwise', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('seattle-weather');
    const model = await fitCart(core, table, metadata, { order: ['weather'] });
    const snow = await sampleCart(core, model, 300, 1, { conditions: { weather: 'snow' } });
    expect(new Set(column(snow, 'weather'))).toEqual(new Set(['snow']));
    const all = await sampleCart(core, model, 300, 1);
    expect(mean(nums(column(snow, 'temp_max')))).toBeLessThan(mean(nums(column(all, 'temp_max'))) - 5);
    await expect(sampleCart(core, model, 10, 1, { conditions: { wind: 3 } })).rejects.toMatchObject({ code: 'condition/not-first' });
    await expect(sampleCart(core, model, 10, 1, { conditions: { nope: 3 } })).rejects.toMatchObject({ code: 'condition/unknown-column' });
  });

  it('uses context (parent) columns as features without synthesising them', async () => {
    const core = await loadCoreNode();
    const rnd = lcg(21);
    const n = 800;
    const parent = Float64Array.from({ length: n }, () => rnd());
    const y = Array.from(parent, (p) => (p * 100 + rnd() * 5).toFixed(1));
    const table: ColumnarTable = { names: ['y'], columns: [y] };
    const meta: SdvTable = { columns: { y: { sdtype: 'numerical' } } };
    const ctx = { rows: n, columns: [{ name: 'parent.p', source: 'p', role: 'value' as const, values: parent, marginalHint: 'auto' as const }] };
    const model = await fitCart(core, table, meta, { context: ctx });
    expect(model.context).toEqual(['parent.p']);
    const newParent = Float64Array.from({ length: 400 }, () => rnd());
    const syn = await sampleCart(core, model, 400, 5, { context: { rows: 400, columns: [{ ...ctx.columns[0], values: newParent }] } });
    expect(syn.names).toEqual(['y']);
    expect(corr(Array.from(newParent), nums(syn.columns[0]))).toBeGreaterThan(0.95);
    await expect(sampleCart(core, model, 400, 5)).rejects.toMatchObject({ code: 'cart/context-missing' });
    await expect(sampleCart(core, model, 10, 5, { context: ctx })).rejects.toMatchObject({ code: 'cart/context-rows' });
  });

  it('reuses the transformers: keys regenerated, matrix columns all modelled', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('cars');
    const model = await fitCart(core, table, metadata);
    const tt = fitTransformers(table, metadata, {});
    expect(model.columns.map((c) => c.name).sort()).toEqual(transformTable(tt, table, 0).columns.map((c) => c.name).sort());
    // an indicator comes right before its value column
    const names = model.columns.map((c) => c.name);
    expect(names.indexOf('Horsepower.is_null')).toBe(names.indexOf('Horsepower') - 1);
  });

  it('rejects bad options and models with clear errors', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('iris');
    await expect(fitCart(core, table, metadata, { privacy: 2 })).rejects.toMatchObject({ code: 'cart/bad-privacy' });
    await expect(fitCart(core, table, metadata, { minLeaf: 0 })).rejects.toMatchObject({ code: 'cart/bad-option' });
    await expect(fitCart(core, table, metadata, { order: ['nope'] })).rejects.toMatchObject({ code: 'cart/bad-order' });
    const model = await fitCart(core, table, metadata);
    await expect(sampleCart(core, model, -1)).rejects.toMatchObject({ code: 'sample/bad-rows' });
    await expect(sampleCart(core, { ...model, format: 'x' } as unknown as CartModel, 5)).rejects.toMatchObject({ code: 'cart/bad-model' });
    expect((await sampleCart(core, model, 0)).columns.every((c) => c.length === 0)).toBe(true);
  });
});
