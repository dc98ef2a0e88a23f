/**
 * The last generation run of each project, kept on this device so a reload (or a crash) does not
 * lose it (issue 8). The run's header — report, summary, settings, model, whatever the caller
 * passes as `payload` — is a `runs` row with the project's id; the synthetic tables are stored in
 * `resultChunks` (Dexie v4), one row per column slice of RESULT_CHUNK_ROWS values, packed as one
 * string plus an Int32Array of lengths (-1 = missing).
 *
 * Why packed slices: a 1M-row × 10-column result is 10M strings. One structured clone of that
 * blocks the page for seconds and may exceed the browser's per-value limits; 200 slices of one
 * string each are cheap to clone, written a few per transaction. Packing, unpacking and the size
 * estimate are time-sliced (a pause every TIME_SLICE_MS) so the page keeps drawing frames.
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

/** Slices per read: each read deserialises them in one go. */
const CHUNKS_PER_READ = 4;

/** Work between two pauses, in ms: well under the 50 ms of a "long task" (W3C Long Tasks). */
const TIME_SLICE_MS = 12;

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
  /** Values per slice (the last slice of a column may be shorter). */
  chunkRows: number;
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
  /** Awaited every TIME_SLICE_MS of work so the page stays responsive (default: a macrotask). */
  pause?: () => Promise<void>;
}

export type SaveOutcome =
  | { status: 'saved'; id: string; bytes: number }
  | { status: 'report-only'; id: string; bytes: number }
  | { status: 'abandoned' };

/** A new task without setTimeout's 4 ms clamp (MessageChannel), so hundreds of pauses cost little. */
function macrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); r(); };
    ch.port2.postMessage(null);
  });
}

/** Returns `tick()`: pauses when more than TIME_SLICE_MS of work has run since the last pause. */
function timeSlicer(pause: () => Promise<void>): () => Promise<void> | void {
  let since = performance.now();
  return () => {
    if (performance.now() - since < TIME_SLICE_MS) return;
    return pause().then(() => void (since = performance.now()));
  };
}

/** Packs values[start, end) of a column: the present values concatenated, their lengths (-1 = null). */
export function packColumn(values: readonly (string | null)[], start = 0, end = values.length): PackedColumn {
  const lens = new Int32Array(Math.max(0, end - start));
  let text = '';
  for (let i = start; i < end; i++) {
    const v = values[i];
    if (v === null || v === undefined) lens[i - start] = -1;
    else { lens[i - start] = v.length; text += v; }
  }
  return { text, lens };
}

/** Inverse of packColumn; with `into`, writes the values there from index `offset`. */
export function unpackColumn(p: PackedColumn, into?: (string | null)[], offset = 0): (string | null)[] {
  const out: (string | null)[] = into ?? new Array(p.lens.length);
  let at = 0;
  for (let i = 0; i < p.lens.length; i++) {
    const n = p.lens[i];
    if (n < 0) out[offset + i] = null;
    else { out[offset + i] = p.text.slice(at, at + n); at += n; }
  }
  return out;
}

function columnBytes(col: readonly (string | null)[]): number {
  let bytes = 4 * col.length;
  for (let i = 0; i < col.length; i++) bytes += col[i]?.length ?? 0;
  return bytes;
}

/** Estimated stored size of `tables` in bytes: characters + 4 per cell (see RESULTS_SIZE_CAP_BYTES). */
export function estimateTablesBytes(tables: Record<string, ColumnarTable>): number {
  let bytes = 0;
  for (const t of Object.values(tables)) for (const col of t.columns) bytes += columnBytes(col);
  return bytes;
}

/** estimateTablesBytes, pausing between columns when they take long. */
async function estimateSliced(tables: Record<string, ColumnarTable>, tick: () => Promise<void> | void): Promise<number> {
  let bytes = 0;
  for (const t of Object.values(tables)) for (const col of t.columns) { bytes += columnBytes(col); await tick(); }
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
  const tick = timeSlicer(opts.pause ?? macrotask);
  const id = crypto.randomUUID();
  let chunks = 0;
  try {
    const bytes = await estimateSliced(tables, tick);
    const keep = bytes <= cap;
    if (keep) {
      let batch: ResultChunkRow[] = [];
      const flush = async () => {
        if (!batch.length) return true;
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
            batch.push({ run_id: id, project_id: projectId, table, column, part, ...packColumn(t.columns[column], off, Math.min(rows, off + chunkRows)) });
            await tick();
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
      payload, tables: { shapes: shapesOf(tables), chunks, chunkRows, bytes, kept: keep }
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
  const tick = timeSlicer(opts.pause ?? macrotask);
  const rows = (await d.runs.where('project_id').equals(projectId).toArray()) as StoredRunRow<P>[];
  const row = rows.filter((r) => r.kind === 'results' && r.status === 'completed').sort((a, b) => b.created_at.localeCompare(a.created_at))[0];
  if (!row) return null;
  const info = row.tables;
  const base = { id: row.id, projectId, createdAt: row.finished_at ?? row.created_at, payload: row.payload, info };
  if (!info.kept) return { ...base, tables: null, missing: 'too-large' };
  const incomplete = { ...base, tables: null, missing: 'incomplete' as const };
  const keys = await d.resultChunks.where('run_id').equals(row.id).primaryKeys();
  if (keys.length !== info.chunks) return incomplete;
  // Every column is allocated at its full length and each slice unpacked into its place.
  const tables: Record<string, ColumnarTable> = {};
  for (const [name, shape] of Object.entries(info.shapes)) {
    tables[name] = { names: [...shape.names], columns: shape.names.map(() => new Array<string | null>(shape.rows)) };
  }
  let filled = 0;
  for (let i = 0; i < keys.length; i += CHUNKS_PER_READ) {
    const got = await d.resultChunks.bulkGet(keys.slice(i, i + CHUNKS_PER_READ));
    for (const c of got) {
      const target = c && tables[c.table]?.columns[c.column];
      const at = c ? c.part * info.chunkRows : 0;
      if (!c || !target || at + c.lens.length > target.length) return incomplete;
      unpackColumn(c, target, at);
      filled += c.lens.length;
      await tick();
    }
  }
  const cells = Object.values(info.shapes).reduce((n, s) => n + s.rows * s.names.length, 0);
  if (filled !== cells) return incomplete;
  return { ...base, tables, missing: null };
}

/** Removes every stored run of the project (header and slices). */
export async function clearStoredRuns(d: StudioDB, projectId: string): Promise<void> {
  await d.transaction('rw', [d.runs, d.resultChunks], async () => {
    await d.runs.where('project_id').equals(projectId).delete();
    await d.resultChunks.where('project_id').equals(projectId).delete();
  });
}
