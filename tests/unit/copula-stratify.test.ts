/**
 * Stratified (Latin-hypercube) marginals of the copula's unconditional draw (copula/stratify.ts):
 * ranks kept, category shares exact to one row, KS to the fitted marginal ≤ 1/n, conditional draws
 * untouched, deterministic, and models saved without the flag sampling exactly as before.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula, sampleCopulaChunks } from '../../src/lib/engine/copula/sample';
import { rowConditionalSampler } from '../../src/lib/engine/copula/row-conditional';
import { stratifies, stratifyScoresPtr, STRATIFY_MAX_ROWS } from '../../src/lib/engine/copula/stratify';
import { normalArgsort } from '../../src/lib/engine/copula/normal-argsort';
import { stableArgsort } from '../../src/lib/engine/copula/stable-argsort';
import { marginalCdf, normalCdf } from '../../src/lib/engine/core/distributions';
import { randomNormals } from '../../src/lib/engine/core/random';
import { fitMulti, sampleMulti, type MultiModel } from '../../src/lib/engine/multi';
import { evaluateTable, summary } from '../../src/lib/engine/metrics';
import { toCsvText } from '../../src/lib/schema/csv';
import type { ColumnarTable } from '../../src/lib/schema/model';
import type { Conditions, CopulaModel } from '../../src/lib/engine/copula/types';
import type { UniformEncoderState } from '../../src/lib/engine/transformers/types';
import { column, ksUniform, loadFixture } from '../fixtures/single/load';
import { loadWorld } from '../fixtures/multi/checks';

let core: Core;
beforeAll(async () => { core = await loadCoreNode(); });

const withFlag = (m: CopulaModel, stratify: boolean | undefined): CopulaModel => {
  const settings = { ...m.settings };
  if (stratify === undefined) delete settings.stratify; else settings.stratify = stratify;
  return { ...m, settings };
};

/** Every category-like output column with its interval probabilities: categorical columns and missing indicators. */
function categoryShares(model: CopulaModel): { column: string; values: (string | null)[]; p: number[]; missing: boolean }[] {
  const out: { column: string; values: (string | null)[]; p: number[]; missing: boolean }[] = [];
  const widths = (e: UniformEncoderState) => e.cumulative.map((c, k) => c - (k ? e.cumulative[k - 1] : 0));
  for (const t of model.transformer.transformers) {
    if (t.kind === 'categorical') out.push({ column: t.column, values: t.encoder.categories, p: widths(t.encoder), missing: false });
    if ('missing' in t && t.missing) out.push({ column: t.column, values: t.missing.encoder.categories, p: widths(t.missing.encoder), missing: true });
  }
  return out;
}

/** Largest |count − n·p| over the categories (missing indicators: null count vs the '1' interval). */
function worstShareError(model: CopulaModel, t: ColumnarTable): { column: string; err: number }[] {
  const n = t.columns[0].length;
  return categoryShares(model).map((c) => {
    const cells = column(t, c.column);
    let err = 0;
    c.values.forEach((v, k) => {
      const count = c.missing ? cells.filter((x) => (v === '1' ? x === null : x !== null)).length : cells.filter((x) => x === v).length;
      err = Math.max(err, Math.abs(count - n * c.p[k]));
    });
    return { column: c.column, err };
  });
}

describe('normalArgsort (the ranks of the stratified draw)', () => {
  it('gives exactly the order of stableArgsort: normal scores, ties, ±0, infinities, non-normal data, NaN', () => {
    const rng = core.newRng(1);
    const normal = randomNormals(core, rng, 5000);
    core.free(rng);
    const cases: Float64Array[] = [
      normal,
      Float64Array.from(normal, (z) => Math.round(z * 4) / 4), // many ties
      Float64Array.from([0, -0, 1, -1, 0, -0, Infinity, -Infinity, 1e300, -1e300, 5e-324, 7, 7, 7]),
      Float64Array.from({ length: 3000 }, (_, i) => ((i * 7919) % 1009) * 3.7), // far from N(0, 1)
      new Float64Array(100).fill(2.5),
      Float64Array.from([3, NaN, 1, 2]),
      new Float64Array(0),
      Float64Array.from([-4])
    ];
    for (const z of cases) expect(Array.from(normalArgsort(z))).toEqual(Array.from(stableArgsort(z)));
  });
});

describe('stratifyScoresPtr', () => {
  it('keeps every column\'s ranks and puts one score in each 1/m slice (one shared offset for categories)', () => {
    const m = 997, roles = ['value', 'category', 'missing', 'value'] as const;
    const rng = core.newRng(7);
    core.withBuffers([m * roles.length], (buf) => {
      (core.exports as unknown as { rngFillNormal(st: number, out: number, n: number): void }).rngFillNormal(rng, buf, m * roles.length);
      const before = Array.from({ length: roles.length }, (_, j) => core.f64(buf + j * m * 8, m).slice());
      stratifyScoresPtr(core, roles, (j) => buf + j * m * 8, m, rng);
      roles.forEach((role, j) => {
        const after = core.f64(buf + j * m * 8, m).slice();
        const order = stableArgsort(before[j]);
        expect(Array.from(stableArgsort(after))).toEqual(Array.from(order));
        const u = normalCdf(core, Array.from(order, (i) => after[i]));
        for (let r = 0; r < m; r++) {
          expect(u[r]).toBeGreaterThanOrEqual(r / m - 1e-9);
          expect(u[r]).toBeLessThanOrEqual((r + 1) / m + 1e-9);
          if (role !== 'value' && r) expect(u[r] - u[r - 1]).toBeCloseTo(1 / m, 9);
        }
      });
    });
    core.free(rng);
  });
});

describe('stratified copula sampling', () => {
  it('category and missing-value shares are within one row of n·p (per chunk too); plain draws are not', async () => {
    for (const name of ['cars', 'seattle-weather', 'iris']) {
      const { table, metadata } = loadFixture(name);
      const model = await fitCopula(core, name, table, metadata, { seed: 2 });
      expect(model.settings.stratify).toBe(true);
      for (const n of [table.columns[0].length, 1000]) {
        for (const e of worstShareError(model, await sampleCopula(core, model, n, { seed: 5 }))) expect(e.err, `${name} ${e.column} n=${n}`).toBeLessThan(1);
      }
      for await (const chunk of sampleCopulaChunks(core, model, 1000, { seed: 6, chunkRows: 300 })) {
        for (const e of worstShareError(model, chunk)) expect(e.err, `${name} ${e.column} chunk`).toBeLessThan(1);
      }
      const plain = worstShareError(model, await sampleCopula(core, model, 1000, { seed: 5, stratify: false }));
      expect(Math.max(...plain.map((e) => e.err)), name).toBeGreaterThan(3);
    }
  });

  it('each value column is within KS 1/n of its fitted marginal (plain draws: ~0.87/√n)', async () => {
    const { table, metadata } = loadFixture('cars');
    const model = await fitCopula(core, 'cars', table, metadata, { seed: 3 });
    const n = 1000;
    const draw = (m: CopulaModel) => { const rng = core.newRng(5); try { return rowConditionalSampler(core, m, []).sample(rng, n, []); } finally { core.free(rng); } };
    const strat = draw(model), plain = draw(withFlag(model, false));
    let plainWorst = 0;
    model.columns.forEach((c, j) => {
      if (c.role !== 'value') return;
      expect(ksUniform(marginalCdf(core, c.marginal, strat[j])), c.name).toBeLessThanOrEqual(1 / n + 1e-4);
      plainWorst = Math.max(plainWorst, ksUniform(marginalCdf(core, c.marginal, plain[j])));
    });
    expect(plainWorst).toBeGreaterThan(0.01);
  });

  it('conditional draws stay the exact conditional Gaussian: the same rows with the flag on or off', async () => {
    const { table, metadata } = loadFixture('seattle-weather');
    const model = await fitCopula(core, 'seattle-weather', table, metadata, { seed: 3 });
    for (const conditions of [{ weather: 'snow' }, { temp_max: 20 }] as Conditions[]) {
      const a = toCsvText(await sampleCopula(core, model, 400, { seed: 1, conditions }));
      const b = toCsvText(await sampleCopula(core, withFlag(model, false), 400, { seed: 1, conditions }));
      expect(a).toBe(b);
    }
    const snow = await sampleCopula(core, model, 400, { seed: 1, conditions: { weather: 'snow' } });
    expect(new Set(column(snow, 'weather'))).toEqual(new Set(['snow']));
    // Per-row conditioning (multi-table children): untouched too.
    const zc = [Float64Array.from({ length: 300 }, (_, i) => Math.sin(i))];
    const rowDraw = (m: CopulaModel) => { const rng = core.newRng(4); try { return rowConditionalSampler(core, m, [1]).sample(rng, 300, zc); } finally { core.free(rng); } };
    expect(rowDraw(model)).toEqual(rowDraw(withFlag(model, false)));
  });

  it('is deterministic: same model + seed ⇒ byte-identical, in both WASM builds and after JSON; another seed differs', async () => {
    const { table, metadata } = loadFixture('cars');
    const simd = await loadCoreNode('simd'), scalar = await loadCoreNode('scalar');
    const m1 = await fitCopula(simd, 'cars', table, metadata, { seed: 5 });
    const m2 = await fitCopula(scalar, 'cars', table, metadata, { seed: 5 });
    const a = toCsvText(await sampleCopula(simd, m1, 700, { seed: 9, chunkRows: 256 }));
    expect(toCsvText(await sampleCopula(scalar, m2, 700, { seed: 9, chunkRows: 256 }))).toBe(a);
    expect(toCsvText(await sampleCopula(simd, JSON.parse(JSON.stringify(m1)), 700, { seed: 9, chunkRows: 256 }))).toBe(a);
    expect(toCsvText(await sampleCopula(simd, m1, 700, { seed: 10, chunkRows: 256 }))).not.toBe(a);
    expect(toCsvText(await sampleCopula(simd, m1, 700, { seed: 9, chunkRows: 256, stratify: false }))).not.toBe(a);
  });

  it('a model saved without the flag (or fitted with stratify: false) samples byte-identically to the code before stratification', async () => {
    // Written by the plain sampler at commit a5a3669: fitCopula(cars, { seed: 3 }), sampleCopula(60 rows, { seed: 4, chunkRows: 25 }).
    const golden = readFileSync(new URL('../fixtures/copula/plain-sample-cars-fit3-seed4.csv', import.meta.url), 'utf8');
    const { table, metadata } = loadFixture('cars');
    const model = await fitCopula(core, 'cars', table, metadata, { seed: 3 });
    const old = JSON.parse(JSON.stringify(withFlag(model, undefined)));
    expect(toCsvText(await sampleCopula(core, old, 60, { seed: 4, chunkRows: 25 }))).toBe(golden);
    const off = await fitCopula(core, 'cars', table, metadata, { seed: 3, stratify: false });
    expect(off.settings.stratify).toBe(false);
    expect(toCsvText(await sampleCopula(core, off, 60, { seed: 4, chunkRows: 25 }))).toBe(golden);
    expect(toCsvText(await sampleCopula(core, model, 60, { seed: 4, chunkRows: 25 }))).not.toBe(golden);
  });

  it('applies to draws of at most STRATIFY_MAX_ROWS rows and only when the model (or the option) says so', async () => {
    const { table, metadata } = loadFixture('iris');
    const model = await fitCopula(core, 'iris', table, metadata, { seed: 1 });
    expect(stratifies(model, STRATIFY_MAX_ROWS)).toBe(true);
    expect(stratifies(model, STRATIFY_MAX_ROWS + 1)).toBe(false);
    expect(stratifies(withFlag(model, undefined), 100)).toBe(false);
    expect(stratifies(withFlag(model, undefined), 100, true)).toBe(true);
    expect(stratifies(model, 100, false)).toBe(false);
  });

  it('raises Column Shapes on the small tables (iris, cars; 3 seeds) without lowering DCRBaselineProtection', async () => {
    for (const name of ['iris', 'cars']) {
      const { table, metadata } = loadFixture(name);
      const n = table.columns[0].length;
      let gain = 0, dcr = 0;
      for (const seed of [1, 2, 3]) {
        const model = await fitCopula(core, name, table, metadata, { seed });
        const score = async (stratify: boolean) => summary(await evaluateTable(core, name, table, await sampleCopula(core, model, n, { seed: seed + 10, stratify }), metadata));
        const [s, p] = [await score(true), await score(false)];
        gain += (s.quality.column_shapes! - p.quality.column_shapes!) / 3;
        dcr += (s.privacy.dcr_baseline_protection! - p.privacy.dcr_baseline_protection!) / 3;
      }
      // Measured: +0.040 (iris) / +0.051 (cars) Column Shapes; DCR change +0.011 / +0.007.
      expect(gain, name).toBeGreaterThan(0.02);
      expect(dcr, name).toBeGreaterThan(-0.02);
    }
  });
});

describe('stratified multi-table sampling', () => {
  it('world: a model without the flags samples as one fitted with stratify: false; the default differs', async () => {
    const { meta, real } = loadWorld();
    const strip = (m: MultiModel): MultiModel => JSON.parse(JSON.stringify(m, (k, v) => (k === 'stratify' ? undefined : v)));
    const on = await fitMulti(core, real, meta, { seed: 1 });
    const off = await fitMulti(core, real, meta, { seed: 1, copula: { stratify: false } });
    const csv = async (m: MultiModel) => Object.entries(await sampleMulti(core, m, { seed: 2 })).map(([t, d]) => `${t}\n${toCsvText(d)}`).join('\n');
    const plain = await csv(off);
    expect(await csv(strip(on))).toBe(plain);
    expect(await csv(on)).not.toBe(plain);
  });
});
