/** Builds a designer table and its stored sample from a parsed CSV (pure). */
import type { Column, ColumnarTable, Table } from '$lib/schema/model';
import { uniqueName } from '$lib/schema/names';
import type { SampleRow } from '$lib/db/db';
import { inferCsvTable } from './guess-types';

/** "Orders 2024.csv" → "orders_2024". */
export function tableNameFromFile(fileName: string): string {
  const base = fileName.replace(/\.[^.]+$/, '').trim().toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
  return base ? (/^[0-9]/.test(base) ? `t_${base}` : base) : 'table';
}

/** Column-major text → row-major cells as stored in `samples` (missing = empty cell). */
export function toRows(data: ColumnarTable): string[][] {
  const n = data.columns[0]?.length ?? 0;
  const rows: string[][] = new Array(n);
  for (let r = 0; r < n; r++) rows[r] = data.columns.map((c) => c[r] ?? '');
  return rows;
}

export function sampleFromCsv(projectId: string, tableId: string, fileName: string, data: ColumnarTable): SampleRow {
  return { id: crypto.randomUUID(), project_id: projectId, table_id: tableId, file_name: fileName, header: [...data.names], rows: toRows(data), created_at: new Date().toISOString() };
}

export function tableFromCsv(projectId: string, fileName: string, data: ColumnarTable, takenTableNames: readonly string[]): { table: Table; sample: SampleRow } {
  const name = uniqueName(tableNameFromFile(fileName), takenTableNames);
  const inferred = inferCsvTable(name, data).table;
  const used: string[] = [];
  const columns: Column[] = inferred.columns.map((c, i) => {
    const colName = uniqueName(c.name || `column_${i + 1}`, used);
    used.push(colName);
    return { ...c, name: colName };
  });
  const table: Table = { id: inferred.id, name, columns };
  return { table, sample: sampleFromCsv(projectId, table.id, fileName, data) };
}

/** Human differences between a sample's header and a table's columns ("missing: x; extra: y"). */
export function headerMismatch(table: Table, header: readonly string[]): string | null {
  const cols = new Set(table.columns.map((c) => c.name));
  const head = new Set(header);
  const missing = [...cols].filter((c) => !head.has(c));
  const extra = [...head].filter((h) => !cols.has(h));
  if (!missing.length && !extra.length) return null;
  return [missing.length ? `columns not in the file: ${missing.join(', ')}` : '', extra.length ? `file columns not in the table: ${extra.join(', ')}` : ''].filter(Boolean).join('; ');
}
