/** Real generation runs (iris, seattle-weather) for the report tests: the engine's own output, not hand-made numbers. */
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { generateData, type GenerationResult } from '../../src/lib/engine/generate';
import { parseCsvText } from '../../src/lib/schema/csv';
import { sdvMetadataToSchema } from '../../src/lib/schema/formats';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';

export const EVIL = '<img src=x onerror=alert(1)>';

function fixture(name: string): { table: ColumnarTable; meta: SdvMetadata } {
  const dir = new URL('../fixtures/single/', import.meta.url);
  return {
    table: parseCsvText(readFileSync(new URL(`${name}.csv`, dir), 'utf8'), `${name}.csv`),
    meta: JSON.parse(readFileSync(new URL(`${name}.metadata.json`, dir), 'utf8'))
  };
}

/**
 * Generates from a fixture; `rename` renames columns (old → new) in data and metadata, `mapCells`
 * rewrites cells of one column (to put hostile text into category values).
 */
export async function generated(name: string, opts: { rename?: Record<string, string>; mapCells?: { column: string; f: (v: string | null) => string | null }; threshold?: number; rows?: number } = {}): Promise<{ result: GenerationResult; sample: ColumnarTable }> {
  const { table, meta } = fixture(name);
  const rename = opts.rename ?? {};
  const names = table.names.map((n) => rename[n] ?? n);
  const columns = table.columns.map((c, i) => (opts.mapCells && table.names[i] === opts.mapCells.column ? c.map(opts.mapCells.f) : c));
  const sample: ColumnarTable = { names, columns };
  const t = meta.tables[name];
  const renamedMeta: SdvMetadata = { ...meta, tables: { [name]: { ...t, columns: Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [rename[k] ?? k, v])) } } };
  const schema = sdvMetadataToSchema(renamedMeta);
  const settings = { scale: 1, quality_threshold: opts.threshold ?? 0.8, include_relationships: true, seed: 7, ...(opts.rows ? { sample_size: opts.rows } : {}) };
  const result = await generateData(await loadCoreNode(), { schema, samples: { [name]: sample }, settings });
  return { result, sample };
}

/** A real multi-table report: the world tables against SDV's HMA output (tests/fixtures/sdmetrics/world). */
export async function worldReport() {
  const { evaluate, normalizeMetadata, summary } = await import('../../src/lib/engine/metrics/index');
  const F = new URL('../fixtures/sdmetrics/world/', import.meta.url);
  const read = (p: string) => readFileSync(new URL(p, F), 'utf8');
  const meta = normalizeMetadata(JSON.parse(read('metadata.json')));
  const data = Object.fromEntries(Object.keys(meta.tables).map((t) => [t, { real: parseCsvText(read(`real/${t}.csv`)), synth: parseCsvText(read(`synthetic_hma/${t}.csv`)) }]));
  const report = await evaluate(await loadCoreNode(), data, meta, { seed: 3 });
  return { report, summary: summary(report) };
}
