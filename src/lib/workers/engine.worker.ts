/**
 * The Comlink boundary: the only door from the page to the engine. No logic here — each method
 * loads the core, forwards progress through a Comlink-proxied callback and supports cancel by job id.
 */
import * as Comlink from 'comlink';
import { loadCoreBrowser } from '$lib/engine/wasm-browser';
import { normalSampleStats } from '$lib/engine/normal-sample';
import type { Progress } from '$lib/engine/progress';
import { generateData, sampleFromModel, type GenerationInput, type SampleFromModelOptions } from '$lib/engine/generate';
import { checkCrossRule, checkTableRule, suggestTableRules, type CrossRuleCheck, type TableRuleCheck } from '$lib/engine/rules-for-schema';
import type { ColumnarTable, GenerationSettings, Schema } from '$lib/schema/model';
import { sendTables, type TableShape, type TableSlice } from './table-stream';

const running = new Map<string, AbortController>();

async function withSlices<T extends { tables: Record<string, ColumnarTable> }>(result: T, onSlice?: TableSlice): Promise<T & { tableShapes?: Record<string, TableShape> }> {
  if (!onSlice) return result;
  const tableShapes = await sendTables(result.tables, onSlice);
  return { ...result, tables: {}, tableShapes };
}

function control(jobId: string, onProgress?: (p: Progress) => void) {
  const ac = new AbortController();
  running.set(jobId, ac);
  return { signal: ac.signal, onProgress: onProgress ? (p: Progress) => void onProgress(p) : undefined };
}

const api = {
  async engineInfo() {
    const core = await loadCoreBrowser();
    return { flavour: core.flavour, memoryBytes: core.memoryBytes };
  },
  async normalSampleStats(jobId: string, n: number, seed: number, onProgress?: (p: Progress) => void) {
    const core = await loadCoreBrowser();
    try {
      return await normalSampleStats(core, n, seed, control(jobId, onProgress));
    } finally {
      running.delete(jobId);
    }
  },
  /**
   * Fits and samples every table of the schema and scores the result. With `onSlice`, the tables
   * travel in slices (see table-stream.ts) and come back empty here, with `tableShapes` to rebuild them.
   */
  async generate(jobId: string, input: GenerationInput, onProgress?: (p: Progress) => void, onSlice?: TableSlice) {
    const core = await loadCoreBrowser();
    try {
      return await withSlices(await generateData(core, input, control(jobId, onProgress)), onSlice);
    } finally {
      running.delete(jobId);
    }
  },
  /** New rows from a saved/loaded model without refitting (scored when `opts.samples` match its tables). */
  async sampleFromModel(jobId: string, model: unknown, settings: GenerationSettings, onProgress?: (p: Progress) => void, opts: SampleFromModelOptions = {}, onSlice?: TableSlice) {
    const core = await loadCoreBrowser();
    try {
      return await withSlices(await sampleFromModel(core, model, settings, opts, control(jobId, onProgress)), onSlice);
    } finally {
      running.delete(jobId);
    }
  },
  /** Business rules the table's sample suggests (Schema tab; never applied here). */
  suggestRules(schema: Schema, samples: Record<string, ColumnarTable>, table: string) {
    return suggestTableRules(schema, samples, table);
  },
  /** Whether a new table rule may be added (columns, keys, the sample obeys it). */
  checkTableRule(input: TableRuleCheck) {
    return checkTableRule(input);
  },
  /** Whether a new cross-table rule may be added (the two samples obey it). */
  checkCrossRule(input: CrossRuleCheck) {
    return checkCrossRule(input);
  },
  cancel(jobId: string): boolean {
    const ac = running.get(jobId);
    ac?.abort();
    return !!ac;
  }
};

export type EngineWorkerApi = typeof api;
Comlink.expose(api);
