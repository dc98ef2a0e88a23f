import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { generateData, sampleFromModel, type GenerationInput } from '../../src/lib/engine/generate';
import { parseLearnedModel } from '../../src/lib/engine/learned-model';
import { parseCsvText } from '../../src/lib/schema/csv';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { parseRequestJson } from '../../src/lib/schema/formats/request-json';
import { parseRulesFile } from '../../src/lib/engine/rules';
import type { ColumnarTable, Schema } from '../../src/lib/schema/model';

const csv = (p: string) => parseCsvText(readFileSync(p, 'utf8'));
const single = (name: string, data: ColumnarTable): Schema => ({ tables: [{ ...inferTable(name, data).table, name }], relationships: [] });
/** JSON text and back: what "Download model" / "Load model" do. */
const roundTrip = <T>(x: T): T => JSON.parse(JSON.stringify(x));

describe('learned model: generateData returns it, sampleFromModel reproduces the run', () => {
  const iris = csv('tests/fixtures/single/iris.csv');
  const weather = csv('tests/fixtures/single/seattle-weather.csv');
  const settings = { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 11 };
  const input = (over: Partial<GenerationInput> = {}): GenerationInput => ({ schema: single('iris', iris), samples: { iris }, settings, ...over });

  for (const synthesizer of ['copula', 'cart'] as const) {
    it(`${synthesizer}: the JSON round trip of the model samples the same rows for the same seed, other rows for another`, async () => {
      const core = await loadCoreNode();
      const run = await generateData(core, input({ synthesizer }));
      expect(run.model.synthesizer).toBe(synthesizer);
      const model = roundTrip(run.model);
      expect(model).toEqual(run.model);
      const again = await sampleFromModel(core, model, settings, { samples: { iris } });
      expect(again.tables).toEqual(run.tables);
      expect(again.summary!.quality.score).toBeCloseTo(run.summary!.quality.score!, 12);
      expect(again.seconds.fit).toBe(0);
      const other = await sampleFromModel(core, model, { ...settings, seed: 12 });
      expect(other.tables.iris.columns[0]).toHaveLength(150);
      expect(other.tables.iris).not.toEqual(run.tables.iris);
      expect(other.report).toBeNull();
      const half = await sampleFromModel(core, model, { ...settings, scale: 0.5 });
      expect(half.tables.iris.columns[0]).toHaveLength(75);
    });
  }

  it('copula model: a marginal and the KS of each candidate per value column, a k×k correlation', async () => {
    const run = await generateData(await loadCoreNode(), input());
    const cop = run.model.multi!.tables.iris.copula!;
    const sepal = cop.columns.find((c) => c.name === 'sepalLength')!;
    expect(Object.keys(sepal.candidates ?? {}).length).toBeGreaterThan(1);
    expect(sepal.candidates![sepal.marginal.kind]).toBe(Math.min(...Object.values(sepal.candidates!)));
    expect(cop.correlation).toHaveLength(cop.columns.length ** 2);
  });

  it('keeps rule plans in the model: a saved model with rules still holds them', async () => {
    const core = await loadCoreNode();
    const rules = parseRulesFile({ version: 1, tables: { weather: [{ type: 'inequality', low: 'temp_min', high: 'temp_max' }] } });
    const s = { ...settings, seed: 5 };
    const run = await generateData(core, { schema: single('weather', weather), samples: { weather }, settings: s, rules });
    // Given the sample, the saved model replaces the same reproduced rows as the run did.
    const again = await sampleFromModel(core, roundTrip(run.model), s, { samples: { weather } });
    expect(again.tables).toEqual(run.tables);
    expect(again.copies).toEqual(run.copies);
    const t = again.tables.weather, hi = t.columns[t.names.indexOf('temp_max')].map(Number), lo = t.columns[t.names.indexOf('temp_min')].map(Number);
    expect(hi.every((h, i) => h >= lo[i])).toBe(true);
  });

  it('multi-table (world, CART with parent context): the saved model gives the same tables; Data Scale applies', async () => {
    const core = await loadCoreNode();
    const { schema, settings: st } = parseRequestJson(JSON.parse(readFileSync('tests/fixtures/data/world/schema.request.json', 'utf8')));
    const samples = Object.fromEntries(schema.tables.map((t) => [t.name, csv(`tests/fixtures/data/world/${t.name}.csv`)]));
    const s = { ...st, seed: 5 };
    // CART on a schema with relationships: one multi-table model whose child trees see the parent row.
    const run = await generateData(core, { schema, samples, settings: s, synthesizer: 'cart', report: false });
    expect(run.model.synthesizer).toBe('cart');
    expect(run.model.multi?.synthesizer).toBe('cart');
    expect(run.model.cart).toBeUndefined();
    // Given the samples, New rows only replaces the same rows (keys kept) as in the run.
    const again = await sampleFromModel(core, roundTrip(run.model), s, { samples });
    expect(again.tables).toEqual(run.tables);
    expect(again.copies).toEqual(run.copies);
    const twice = await sampleFromModel(core, roundTrip(run.model), { ...s, scale: 2 });
    for (const t of schema.tables) expect(twice.tables[t.name].columns[0].length).toBeGreaterThan(run.tables[t.name].columns[0].length);
  });
});

describe('parseLearnedModel: a bad file gets a specific message', () => {
  it('refuses non-JSON, other formats, versions and broken parameters', async () => {
    expect(() => parseLearnedModel('{not json')).toThrow(/not JSON/);
    expect(() => parseLearnedModel('[1,2]')).toThrow(/must be an object/);
    expect(() => parseLearnedModel({ format: 'synthetic-data-studio/cart' })).toThrow(/not a saved model of this app/);
    const iris = csv('tests/fixtures/single/iris.csv');
    const run = await generateData(await loadCoreNode(), { schema: single('iris', iris), samples: { iris }, settings: { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 1 } });
    const m = roundTrip(run.model) as unknown as Record<string, any>;
    expect(() => parseLearnedModel({ ...m, version: 2 })).toThrow(/version 2/);
    const broken = roundTrip(m);
    broken.multi.tables.iris.copula.columns[0].marginal.params.scale = null;
    expect(() => parseLearnedModel(broken)).toThrow(/multi\.tables\.iris\.copula\.columns\[0\]\.marginal\.params\.scale must be a finite number/);
    const short = roundTrip(m);
    short.multi.tables.iris.copula.correlation.pop();
    expect(() => parseLearnedModel(short)).toThrow(/correlation must hold 5×5 numbers/);
    expect(parseLearnedModel(JSON.stringify(m)).synthesizer).toBe('copula');
  });
});
