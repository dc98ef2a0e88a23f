import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { generateData, type GenerationInput } from '../../src/lib/engine/generate';
import { parseCsvText } from '../../src/lib/schema/csv';
import { parseRequestJson } from '../../src/lib/schema/formats/request-json';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { AppError, type ColumnarTable, type Schema } from '../../src/lib/schema/model';
import { parseRulesFile } from '../../src/lib/engine/rules';

const csv = (p: string) => parseCsvText(readFileSync(p, 'utf8'));
const col = (t: ColumnarTable, n: string) => t.columns[t.names.indexOf(n)];

function singleTable(name: string, data: ColumnarTable): Schema {
  return { tables: [{ ...inferTable(name, data).table, name }], relationships: [] };
}

describe('generateData (the app, worker and API entry point)', () => {
  const weather = csv('tests/fixtures/single/seattle-weather.csv');
  const base = (over: Partial<GenerationInput> = {}): GenerationInput => ({
    schema: singleTable('weather', weather), samples: { weather }, settings: { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 3 }, ...over
  });

  it('generates a single table with the copula and scores it; same seed ⇒ same data', async () => {
    const core = await loadCoreNode();
    const a = await generateData(core, base());
    const b = await generateData(core, base());
    expect(a.tables.weather.names).toEqual(weather.names);
    expect(a.tables.weather.columns[0]).toHaveLength(weather.columns[0].length);
    expect(b.tables.weather).toEqual(a.tables.weather);
    expect(a.summary!.quality.score).toBeGreaterThan(0.8);
    expect(a.threshold).toMatchObject({ value: 0.5, met: true, retried: false });
  });

  it('retries below the Quality Threshold and reports both scores', async () => {
    const r = await generateData(await loadCoreNode(), base({ settings: { scale: 0.5, quality_threshold: 0.999, include_relationships: true, seed: 1 } }));
    expect(r.tables.weather.columns[0]).toHaveLength(Math.round(weather.columns[0].length * 0.5));
    expect(r.threshold.retried).toBe(true);
    expect(r.threshold.scores).toHaveLength(2);
    expect(r.threshold.met).toBe(false);
    expect(r.summary!.quality.score).toBe(Math.max(...(r.threshold.scores as number[])));
  });

  it('holds business rules in every synthetic row (copula and CART) and reports them', async () => {
    const rules = parseRulesFile({ version: 1, tables: { weather: [{ type: 'inequality', low: 'temp_min', high: 'temp_max' }] } });
    for (const synthesizer of ['copula', 'cart'] as const) {
      const r = await generateData(await loadCoreNode(), base({ rules, synthesizer }));
      const hi = col(r.tables.weather, 'temp_max').map(Number), lo = col(r.tables.weather, 'temp_min').map(Number);
      expect(hi.every((h, i) => h >= lo[i]), synthesizer).toBe(true);
      expect(r.rules).toEqual([{ rule: expect.stringContaining('temp_max'), real: 1, synthetic: 1 }]);
    }
  });

  it('refuses a rule the sample contradicts before any work', async () => {
    const rules = parseRulesFile({ version: 1, tables: { weather: [{ type: 'inequality', low: 'temp_max', high: 'temp_min', strict: true }] } });
    const progress: number[] = [];
    await expect(generateData(await loadCoreNode(), base({ rules }), { onProgress: (p) => void progress.push(p.fraction) })).rejects.toBeInstanceOf(AppError);
    expect(progress).toEqual([]);
  });

  it('generates the world schema from the request JSON with every foreign key resolving', async () => {
    const { schema, settings } = parseRequestJson(JSON.parse(readFileSync('tests/fixtures/data/world/schema.request.json', 'utf8')));
    const samples = Object.fromEntries(schema.tables.map((t) => [t.name, csv(`tests/fixtures/data/world/${t.name}.csv`)]));
    const r = await generateData(await loadCoreNode(), { schema, samples, settings: { ...settings, seed: 5 } });
    const byId = new Map(schema.tables.flatMap((t) => t.columns.map((c) => [c.id, { t: t.name, c: c.name }] as const)));
    for (const rel of schema.relationships) {
      const p = byId.get(rel.source_column_id)!, c = byId.get(rel.target_column_id)!;
      const keys = new Set(col(r.tables[p.t], p.c));
      expect(col(r.tables[c.t], c.c).filter((v) => v !== null && !keys.has(v))).toEqual([]);
    }
    expect(r.summary!.quality.cardinality).toBeGreaterThan(0.745); // SDV HMA on world
  });

  it('generates a table that has no sample from its declared types', async () => {
    const schema: Schema = { tables: [{ id: 't1', name: 'people', columns: [
      { id: 'c1', name: 'id', data_type: 'integer', is_nullable: false, is_primary_key: true, is_unique: true },
      { id: 'c2', name: 'email', data_type: 'email', is_nullable: false, is_primary_key: false, is_unique: false },
      { id: 'c3', name: 'age', data_type: 'integer', is_nullable: false, is_primary_key: false, is_unique: false, hints: { min: 18, max: 90 } }
    ] }], relationships: [] };
    const r = await generateData(await loadCoreNode(), { schema, samples: {}, settings: { scale: 1, sample_size: 50, quality_threshold: 0.8, include_relationships: true, seed: 1 } });
    const t = r.tables.people;
    expect(col(t, 'id')).toHaveLength(50);
    expect(new Set(col(t, 'id')).size).toBe(50);
    expect(col(t, 'email').every((e) => /@/.test(e!))).toBe(true);
    expect(col(t, 'age').every((a) => Number(a) >= 18 && Number(a) <= 90)).toBe(true);
    expect(r.summary).toBeNull();
  });
});
