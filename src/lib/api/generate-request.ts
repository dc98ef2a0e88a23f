/**
 * `POST /api/sdv/generate` body → a generation run on the device → the status `result`:
 * `{ tables: {name: records}, quality: {...}, diagnostic, privacy, threshold }`.
 */
import type { Core } from '../engine/wasm';
import type { RunControl } from '../engine/progress';
import { generateData } from '../engine/generate';
import { parseRulesFile } from '../engine/rules';
import { parseRequestJson } from '../schema/formats/request-json';
import { recordsToTable, tableToRecords } from '../schema/records';
import { AppError, type ColumnarTable, type DataType } from '../schema/model';
import type { GenerateRequest } from './request-schema';

/** Loads a sample stored in the app (a table of a saved project) by table id. */
export type StoredSampleLoader = (tableId: string) => Promise<ColumnarTable | undefined>;

export async function runGenerateRequest(core: Core, req: GenerateRequest, loadStored: StoredSampleLoader, ctl?: RunControl) {
  const { schema, settings } = parseRequestJson(req);
  const samples: Record<string, ColumnarTable | undefined> = {};
  for (const [i, t] of req.tables.entries()) {
    if (!t.data) continue;
    if (Array.isArray(t.data)) samples[t.name] = recordsToTable(t.data, t.columns.map((c) => c.name));
    else {
      const stored = await loadStored(t.data.stored_table_id);
      if (!stored) throw new AppError('request/unknown-stored-table', `tables[${i}].data.stored_table_id: no stored sample for table id "${t.data.stored_table_id}"`, { path: `tables[${i}].data.stored_table_id` });
      samples[t.name] = stored;
    }
  }
  const result = await generateData(core, { schema, samples, settings, synthesizer: req.synthesizer, rules: req.rules === undefined ? undefined : parseRulesFile(req.rules) }, ctl);
  const types = new Map(schema.tables.map((t) => [t.name, Object.fromEntries(t.columns.map((c) => [c.name, c.data_type])) as Record<string, DataType>]));
  return {
    tables: Object.fromEntries(Object.entries(result.tables).map(([name, t]) => [name, tableToRecords(t, types.get(name))])),
    quality: result.summary?.quality ?? null,
    diagnostic: result.summary?.diagnostic ?? null,
    privacy: result.summary?.privacy ?? null,
    threshold: result.threshold,
    rules: result.rules
  };
}
