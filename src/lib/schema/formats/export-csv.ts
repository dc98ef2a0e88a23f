/**
 * Table data → CSV text, streamed in chunks of rows (RFC 4180 quoting via PapaParse; null → empty
 * cell; every other cell written exactly as held, so dates and booleans come out as they came in).
 */
import Papa from 'papaparse';
import type { ColumnarTable } from '../model';

export interface CsvExportOptions {
  /** Rows per chunk (default 10 000). */
  chunkRows?: number;
  delimiter?: string;
  /** Line ending (default "\n"). */
  newline?: string;
  /** Start with a UTF-8 byte-order mark (helps Excel read UTF-8). */
  bom?: boolean;
}

export async function* exportCsvChunks(t: ColumnarTable, opts: CsvExportOptions = {}): AsyncGenerator<string> {
  const newline = opts.newline ?? '\n';
  const cfg = { delimiter: opts.delimiter ?? ',', newline, header: false };
  const n = t.columns.length ? t.columns[0].length : 0;
  const step = Math.max(1, opts.chunkRows ?? 10_000);
  yield (opts.bom ? '\ufeff' : '') + Papa.unparse([t.names], cfg) + newline;
  for (let start = 0; start < n; start += step) {
    const end = Math.min(n, start + step);
    const rows: string[][] = new Array(end - start);
    for (let r = start; r < end; r++) {
      const row = new Array<string>(t.columns.length);
      for (let c = 0; c < t.columns.length; c++) row[c] = t.columns[c][r] ?? '';
      rows[r - start] = row;
    }
    yield Papa.unparse(rows, cfg) + newline;
  }
}
