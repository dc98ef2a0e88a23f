/**
 * CSV text → columnar table with PapaParse. A basic in-memory reader used by the CLI, tests and the
 * engine; the streaming, worker-based importer with ragged-row handling builds on it (import issue).
 * Only an empty cell is a missing value here: "NA", "null" etc. stay text until type inference
 * decides (a continent code NA is North America).
 */
import Papa from 'papaparse';
import { AppError, type ColumnarTable } from './model';

export function parseCsvText(text: string, file?: string): ColumnarTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) throw new AppError('csv/empty', `${file ?? 'The file'} is empty`, { file });
  const res = Papa.parse<string[]>(text, { header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  const rows = res.data;
  if (!rows.length) throw new AppError('csv/empty', `${file ?? 'The file'} has no rows`, { file });
  const names = rows[0].map((h) => h.trim());
  const width = names.length;
  const columns: (string | null)[][] = names.map(() => new Array(rows.length - 1));
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length !== width) {
      throw new AppError('csv/ragged-row', `${file ?? 'CSV'} line ${r + 1}: expected ${width} fields, found ${row.length}`, { file, line: r + 1 });
    }
    for (let c = 0; c < width; c++) columns[c][r - 1] = row[c] === '' ? null : row[c];
  }
  return { names, columns };
}

/** Columnar table → CSV text (RFC 4180 quoting; null → empty cell). */
export function toCsvText(t: ColumnarTable): string {
  const n = t.columns.length ? t.columns[0].length : 0;
  const rows: (string | null)[][] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = t.columns.map((c) => c[r]);
  return Papa.unparse({ fields: t.names, data: rows.map((r) => r.map((v) => v ?? '')) }, { newline: '\n' }) + '\n';
}
