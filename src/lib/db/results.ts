/**
 * The last generation run of each project, kept on this device so a reload (or a crash) does not
 * lose it (issue 8). The run's header — report, summary, settings, model, whatever the caller
 * passes as `payload` — is a `runs` row with the project's id; the synthetic tables are stored in
 * `resultChunks` (Dexie v4), one row per column slice of RESULT_CHUNK_ROWS values, packed as one
 * string plus an Int32Array of lengths (-1 = missing).
 *
 * Why packed slices: a 1M-row × 10-column result is 10M strings. One structured clone of that
 * blocks the page for seconds and may exceed the browser's per-value limits; 200 slices of one
 * string each are cheap to clone, written a few per transaction with a pause in between.
 *
 * Crash safety: the slices are written first, the header last, in one transaction that also
 * deletes the project's older runs and any slice not belonging to the new run. Until the header
 * lands, the previous run stays the one that loads. API jobs of the service worker share `runs`
 * with `project_id` undefined, so no per-project query ever touches them.
 */
import type { ColumnarTable } from '../schema/model';
import type { RunRow, StudioDB } from './db';

/** Values per column slice (the same slice size the worker streams tables in). */
export const RESULT_CHUNK_ROWS = 50_000;

/**
 * Above this estimated size the synthetic rows are not kept (only the header: report, settings,
 * model) and the load tells the user to regenerate or export. 128 MiB ≈ 1M rows × 10 columns of
 * ~9-character cells. Estimate: 1 byte per character (V8 stores Latin-1 text one byte per char)
 * + 4 bytes per cell for its length.
 */
export const RESULTS_SIZE_CAP_BYTES = 128 * 1024 * 1024;

/** Slices per write transaction: small enough that one transaction's clone stays brief. */
const CHUNKS_PER_WRITE = 8;

/** A packed column slice. */
export interface PackedColumn { text: string; lens: Int32Array }

export interface ResultChunkRow extends PackedColumn {
  run_id: string;
  project_id: string;
  table: string;
  column: number;
  part: number;
}

/** What a stored run says about its tables (kept in the header). */
export interface StoredTables {
  /** Table name → column names and row count, in the original order. */
  shapes: Record<string, { names: string[]; rows: number }>;
  /** Slices written (checked on load: fewer = incomplete, the rows are not shown). */
  chunks: number;
  /** Estimated size of the rows (see RESULTS_SIZE_CAP_BYTES). */
  bytes: number;
  /** False when the rows were over the cap (or not written): only the header is kept. */
  kept: boolean;
}

/** The header of a stored run: a `runs` row with `kind: 'results'`. */
export interface StoredRunRow<P = unknown> extends RunRow {
  kind: 'results';
  project_id: string;
  payload: P;
  tables: StoredTables;
}

export interface LoadedRun<P> {
  id: string;
  projectId: string;
  createdAt: string;
  payload: P;
  /** The synthetic tables, or null when they were not kept (too large) or are incomplete. */
  tables: Record<string, ColumnarTable> | null;
  info: StoredTables;
  /** Why `tables` is null: 'too-large' (over the cap when saved) or 'incomplete' (slices missing). */
  missing: 'too-large' | 'incomplete' | null;
}

export interface SaveOptions {
  capBytes?: number;
  chunkRows?: number;
  /** Checked between writes; false abandons the save (its slices are removed). */
  shouldContinue?: () => boolean;
  /** Awaited between writes so the page stays responsive (default: a macrotask). */
  pause?: () => Promise<void>;
}

export type SaveOutcome =
  | { status: 'saved'; id: string; bytes: number }
  | { status: 'report-only'; id: string; bytes: number }
  | { status: 'abandoned' };

const macrotask = () => new Promise<void>((r) => setTimeout(r, 0));

/** Packs a column slice: all present values joined, their lengths (-1 = null). */
export function packColumn(values: readonly (string | null)[]): PackedColumn {
  const lens = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) { const v = values[i]; lens[i] = v === null || v === undefined ? -1 : v.length; }
  // join('') writes null/undefined as '', which is what the lengths expect.
  return { text: values.join(''), lens };
}

/** Inverse of packColumn. */
export function unpackColumn(p: PackedColumn): (string | null)[] {
  const out: (string | null)[] = new Array(p.lens.length);
  let at = 0;
  for (let i = 0; i < p.lens.length; i++) {
    const n = p.lens[i];
    if (n < 0) out[i] = null;
    else { out[i] = p.text.slice(at, at + n); at += n; }
  }
  return out;
}

/** Estimated stored size of `tables` in bytes: characters + 4 per cell (see RESULTS_SIZE_CAP_BYTES). */
export function estimateTablesBytes(tables: Record<string, ColumnarTable>): number {
  let bytes = 0;
  for (const t of Object.values(tables)) {
    for (const col of t.columns) {
      bytes += 4 * col.length;
      for (let i = 0; i < col.length; i++) bytes += col[i]?.length ?? 0;
    }
  }
  return bytes;
}

function shapesOf(tables: Record<string, ColumnarTable>): StoredTables['shapes'] {
  return Object.fromEntries(Object.entries(tables).map(([name, t]) => [name, { names: [...t.names], rows: t.columns[0]?.length ?? 0 }]));
}

/** Deletes the slices of the given runs (by index, without reading them). */
async function deleteChunksOf(d: StudioDB, runIds: string[]): Promise<void> {
  if (runIds.length) await d.resultChunks.where('run_id').anyOf(runIds).delete();
}

/**
 * Saves a finished run as the project's latest: slices first (a few per transaction, pausing in
 * between), then the header, deleting older runs of the project in the same transaction. Over the
 * cap, only the header is stored (`report-only`). Throws the storage error (e.g. QuotaExceededError)
 * after removing what it wrote; the project's schema and samples are in other stores and untouched.
 */
export async function saveLatestRun<P>(d: StudioDB, projectId: string, payload: P, tables: Record<string, ColumnarTable>, opts: SaveOptions = {}): Promise<SaveOutcome> {
  const cap = opts.capBytes ?? RESULTS_SIZE_CAP_BYTES;
  const chunkRows = opts.chunkRows ?? RESULT_CHUNK_ROWS;
  const go = opts.shouldContinue ?? (() => true);
  const pause = opts.pause ?? macrotask;
  const id = crypto.randomUUID();
  const bytes = estimateTablesBytes(tables);
  const keep = bytes <= cap;
  let chunks = 0;
  try {
    if (keep) {
      let batch: ResultChunkRow[] = [];
      const flush = async () => {
        if (!batch.length) return true;
        await pause();
        if (!go()) return false;
        await d.resultChunks.bulkPut(batch);
        chunks += batch.length;
        batch = [];
        return true;
      };
      for (const [table, t] of Object.entries(tables)) {
        const rows = t.columns[0]?.length ?? 0;
        for (let column = 0; column < t.columns.length; column++) {
          for (let part = 0, off = 0; off < rows; part++, off += chunkRows) {
            batch.push({ run_id: id, project_id: projectId, table, column, part, ...packColumn(t.columns[column].slice(off, off + chunkRows)) });
            if (batch.length >= CHUNKS_PER_WRITE && !(await flush())) { await deleteChunksOf(d, [id]); return { status: 'abandoned' }; }
          }
        }
      }
      if (!(await flush())) { await deleteChunksOf(d, [id]); return { status: 'abandoned' }; }
    }
    if (!go()) { await deleteChunksOf(d, [id]); return { status: 'abandoned' }; }
    const now = new Date().toISOString();
    const row: StoredRunRow<P> = {
      id, kind: 'results', project_id: projectId, status: 'completed', progress: 1, created_at: now, finished_at: now,
      payload, tables: { shapes: shapesOf(tables), chunks, bytes, kept: keep }
    };
    const written = await d.transaction('rw', [d.projects, d.runs, d.resultChunks], async () => {
      // The project may have been deleted while the slices were written.
      if (!(await d.projects.get(projectId))) return false;
      const older = (await d.runs.where('project_id').equals(projectId).primaryKeys()).filter((k) => k !== id);
      await d.runs.bulkDelete(older);
      // Older runs' slices and any left by an interrupted save.
      const stale = (await d.resultChunks.where('project_id').equals(projectId).primaryKeys()).filter((k) => (k as unknown as [string])[0] !== id);
      await d.resultChunks.bulkDelete(stale);
      await d.runs.put(row);
      return true;
    });
    if (!written) { await deleteChunksOf(d, [id]); return { status: 'abandoned' }; }
    return { status: keep ? 'saved' : 'report-only', id, bytes };
  } catch (e) {
    // Free what this save wrote (best effort: under quota pressure a delete still succeeds).
    await deleteChunksOf(d, [id]).catch(() => {});
    throw e;
  }
}

/** The project's latest stored run (header and, when kept and complete, its tables), or null. */
export async function loadLatestRun<P>(d: StudioDB, projectId: string, opts: { pause?: () => Promise<void> } = {}): Promise<LoadedRun<P> | null> {
  const pause = opts.pause ?? macrotask;
  const rows = (await d.runs.where('project_id').equals(projectId).toArray()) as StoredRunRow<P>[];
  const row = rows.filter((r) => r.kind === 'results' && r.status === 'completed').sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
  if (!row) return null;
  const base = { id: row.id, projectId, createdAt: row.finished_at ?? row.created_at, payload: row.payload, info: row.tables };
  if (!row.tables.kept) return { ...base, tables: null, missing: 'too-large' };
  const keys = await d.resultChunks.where('run_id').equals(row.id).primaryKeys();
  if (keys.length !== row.tables.chunks) return { ...base, tables: null, missing: 'incomplete' };
  // Slices land in their place by (table, column, part); read a few per transaction.
  const parts = new Map<string, (string | null)[][][]>();
  for (let i = 0; i < keys.length; i += CHUNKS_PER_WRITE) {
    if (i) await pause();
    const got = await d.resultChunks.bulkGet(keys.slice(i, i + CHUNKS_PER_WRITE));
    for (const c of got) {
      if (!c) return { ...base, tables: null, missing: 'incomplete' };
      let cols = parts.get(c.table);
      if (!cols) parts.set(c.table, (cols = []));
      (cols[c.column] ??= [])[c.part] = unpackColumn(c);
    }
  }
  const tables: Record<string, ColumnarTable> = {};
  for (const [name, shape] of Object.entries(row.tables.shapes)) {
    const cols = parts.get(name) ?? [];
    const columns = shape.names.map((_, c) => (cols[c] ?? []).flat());
    if (columns.some((col) => col.length !== shape.rows)) return { ...base, tables: null, missing: 'incomplete' };
    tables[name] = { names: [...shape.names], columns };
  }
  return { ...base, tables, missing: null };
}

/** Removes every stored run of the project (header and slices). */
export async function clearStoredRuns(d: StudioDB, projectId: string): Promise<void> {
  await d.transaction('rw', [d.runs, d.resultChunks], async () => {
    await d.runs.where('project_id').equals(projectId).delete();
    await d.resultChunks.where('project_id').equals(projectId).delete();
  });
}
