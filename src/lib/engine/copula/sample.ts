/**
 * Samples a fitted Gaussian copula in chunks: z ~ N(0, R) through the Cholesky factor (WASM),
 * x = F⁻¹(Φ(z)) per column, then the reverse transformers write text in the sample's formats.
 * Chunks keep memory flat (1M rows never sit twice in memory); keys are drawn once for all rows so
 * they stay unique across chunks. Same model + seed + chunk size ⇒ byte-identical output.
 * Without conditions, a model fitted with `stratify` (the default) gets stratified marginals per chunk
 * (stratify.ts: draws of up to 131,072 rows); conditional draws stay the exact conditional Gaussian.
 */
import { AppError, type ColumnarTable } from '../../schema/model';
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { NormalToValue } from './normal-to-value';
import { cholesky, sampleMvnInto } from '../core/linalg';
import { reverseTable, seededRng, type ModelMatrix } from '../transformers';
import { generateKeys } from '../keys/key-generator';
import { streamFactory } from '../transformers/rng';
import { prepareConditions } from './conditions';
import { stratifies, stratifyScoresPtr } from './stratify';
import type { Conditions, CopulaModel } from './types';

export const DEFAULT_CHUNK_ROWS = 65_536;

export interface SampleOptions {
  seed?: number;
  conditions?: Conditions;
  chunkRows?: number;
  /** Stratified marginals (stratify.ts; draws of ≤ STRATIFY_MAX_ROWS rows); default: the model's `settings.stratify`. */
  stratify?: boolean;
}


/** Keys for all `n` rows up front (unique across chunks). */
function precomputeKeys(model: CopulaModel, n: number, seed: number): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  const stream = streamFactory(seededRng(seed, 0x6b657973));
  for (const t of model.transformer.transformers) {
    if (t.kind === 'key') keys.set(t.column, generateKeys(t.column, t.style, n, stream(t.column), t.unique));
  }
  return keys;
}

export async function* sampleCopulaChunks(core: Core, model: CopulaModel, n: number, opts: SampleOptions = {}, ctl?: RunControl): AsyncGenerator<ColumnarTable> {
  if (!Number.isInteger(n) || n < 0) throw new AppError('sample/bad-rows', `The number of rows must be a whole number ≥ 0 (got ${n})`);
  const seed = opts.seed ?? 0;
  const chunk = Math.max(1, opts.chunkRows ?? DEFAULT_CHUNK_ROWS);
  const k = model.columns.length;
  const keys = precomputeKeys(model, n, seed);
  const cond = opts.conditions && Object.keys(opts.conditions).length ? prepareConditions(core, model, opts.conditions) : null;
  const L = k > 0 && !cond?.constrains ? cholesky(core, model.correlation, k).L : null;
  const toValue = model.columns.map((c) => new NormalToValue(core, c.marginal));
  const strat = stratifies(model, n, opts.stratify) && !cond?.constrains;
  const roles = model.columns.map((c) => c.role);
  const rng = core.newRng(seed);
  const buf = core.allocF64(Math.max(1, Math.min(chunk, Math.max(n, 1)) * k));
  try {
    let chunkIndex = 0;
    for (let offset = 0; offset < n || (n === 0 && chunkIndex === 0); offset += chunk, chunkIndex++) {
      const m = Math.min(chunk, n - offset);
      if (k > 0 && m > 0) {
        if (cond?.constrains) cond.sampleInto(rng, buf, m);
        else {
          sampleMvnInto(core, L!, k, m, rng, buf, m);
          if (strat) stratifyScoresPtr(core, roles, (j) => buf + j * m * 8, m, rng);
        }
        for (let j = 0; j < k; j++) toValue[j].applyPtr(buf + j * m * 8, m);
        cond?.overrideValues(buf, m);
      }
      const matrix: ModelMatrix = { rows: m, columns: model.transformer.modelColumns.map((s, j) => ({ ...s, values: core.f64(buf + j * m * 8, m).slice() })) };
      const chunkKeys = new Map([...keys].map(([col, values]) => [col, values.slice(offset, offset + m)]));
      const table = reverseTable(model.transformer, matrix, seededRng(seed, chunkIndex + 1), { keys: chunkKeys });
      cond?.overrideText(table);
      yield table;
      await checkpoint(ctl, Math.min(1, (offset + m) / Math.max(n, 1)), `sampling rows ${offset + 1}–${offset + m}`);
      if (n === 0) break;
    }
  } finally {
    core.free(buf);
    core.free(rng);
    cond?.free();
  }
}

/** Samples `n` rows into one table. */
export async function sampleCopula(core: Core, model: CopulaModel, n: number, opts: SampleOptions = {}, ctl?: RunControl): Promise<ColumnarTable> {
  const parts: ColumnarTable[] = [];
  for await (const t of sampleCopulaChunks(core, model, n, opts, ctl)) parts.push(t);
  return concatTables(parts, model.transformer.names);
}

export function concatTables(parts: ColumnarTable[], names: string[]): ColumnarTable {
  if (parts.length === 1) return parts[0];
  return { names: [...names], columns: names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
}
