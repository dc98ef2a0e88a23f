/** File I/O shared by the CLI commands: CSV in (with file/line/column in errors), metadata, CSV out. */
import { readFileSync, statSync, createWriteStream, type WriteStream } from 'node:fs';
import { basename } from 'node:path';
import { parseCsvText } from '../../src/lib/schema/csv';
import { AppError, type ColumnarTable, type SdvMetadata } from '../../src/lib/schema/model';
import { parseSdvMetadata } from '../../src/lib/schema/formats/sdv-metadata';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { exportCsvChunks } from '../../src/lib/schema/formats/export-csv';

export function readText(path: string, what: string): string {
  let st;
  try { st = statSync(path); } catch { throw new Error(`${what} file not found: ${path}`); }
  if (!st.isFile()) throw new Error(`${what} is not a file: ${path}`);
  return readFileSync(path, 'utf8');
}

export function readCsv(path: string): ColumnarTable {
  const text = readText(path, 'data');
  if (text.slice(0, 4096).includes('\u0000')) throw new Error(`${path}: this looks like a binary file, not CSV text`);
  try {
    const t = parseCsvText(text, basename(path));
    if (!t.names.length || t.names.every((n) => !n)) throw new AppError('csv/no-header', `${path}: the first line has no column names`);
    if (!t.columns.length || t.columns[0].length === 0) throw new AppError('csv/header-only', 'the file has a header but no data rows — there is nothing to learn from', { file: path });
    const dup = t.names.find((n, i) => t.names.indexOf(n) !== i);
    if (dup !== undefined) throw new AppError('csv/duplicate-column', `${path} line 1: column "${dup}" appears twice in the header`, { file: path, line: 1, column: dup });
    return t;
  } catch (e) {
    if (e instanceof AppError) {
      const where = [e.where.file ?? path, e.where.line ? `line ${e.where.line}` : '', e.where.column ? `column "${e.where.column}"` : ''].filter(Boolean).join(', ');
      throw new Error(`${where}: ${e.message}`);
    }
    throw e;
  }
}

/** Re-throws an engine error about a cell as `file line L, column "c": message` (line counts the header). */
export function withFileLocation<T>(path: string, fn: () => Promise<T>): Promise<T> {
  return fn().catch((e: unknown) => {
    if (e instanceof AppError && e.where.column) {
      const row = (e.details as { row?: number } | undefined)?.row;
      throw new Error(`${path}${row ? ` line ${row + 1}` : ''}, column "${e.where.column}": ${e.message}`);
    }
    throw e;
  });
}

/** Reads SDV metadata (current V1 or legacy SINGLE_TABLE_V1 / MULTI_TABLE_V1). */
export function readMetadata(path: string, singleTableName = 'table'): SdvMetadata {
  const text = readText(path, 'metadata');
  try {
    return parseSdvMetadata(text, singleTableName, path).metadata;
  } catch (e) {
    if (e instanceof AppError) {
      const details = Array.isArray(e.details) ? (e.details as { path?: string; message: string }[]).slice(0, 3).map((d) => `${d.path ?? ''} ${d.message}`.trim()).join('; ') : '';
      throw new Error(`${path}: ${e.message}${details ? ` (${details})` : ''}`);
    }
    throw e;
  }
}

/** Detects column sdtypes from the data when no metadata is given. */
export function detectMetadata(name: string, table: ColumnarTable): SdvMetadata {
  return { METADATA_SPEC_VERSION: 'V1', tables: { [name]: inferTable(name, table).sdv }, relationships: [] };
}

/** Streams tables (chunks of one table) to a CSV file; the header is written once. */
export class CsvWriter {
  private out: WriteStream;
  private headerDone = false;
  constructor(path: string) {
    this.out = createWriteStream(path, { encoding: 'utf8' });
  }
  async write(chunk: ColumnarTable): Promise<void> {
    let first = true;
    for await (const piece of exportCsvChunks(chunk, { chunkRows: 20_000 })) {
      if (first) { first = false; if (this.headerDone) continue; this.headerDone = true; }
      if (!this.out.write(piece)) await new Promise<void>((r) => this.out.once('drain', () => r()));
    }
  }
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
}
