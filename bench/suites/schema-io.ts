/** Import/export formats: CSV parse, type inference, CSV/SQL export throughput (Node, one core). */
import { readFileSync } from 'node:fs';
import { importCsvText, importCsvStream } from '../../src/lib/schema/formats/csv-import';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { exportCsvChunks } from '../../src/lib/schema/formats/export-csv';
import { exportSqlChunks } from '../../src/lib/schema/formats/export-sql';
import { postgres } from '../../src/lib/schema/formats/export-sql-postgres';
import { sqlite } from '../../src/lib/schema/formats/export-sql-sqlite';
import type { ColumnarTable, Schema } from '../../src/lib/schema/model';
import type { BenchRow } from '../lib';

export const title = 'Schema I/O: CSV import, inference, export (Node)';

async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const states = readFileSync(new URL('../../tests/fixtures/data/world/states.csv', import.meta.url), 'utf8');
  const [header, ...lines] = states.trimEnd().split('\n');
  const body = lines.join('\n') + '\n';
  // ~1M rows: states.csv's 4 963 rows repeated 202 times (ids stay repeated; fine for parsing speed).
  const big = header + '\n' + body.repeat(202);
  const mb = big.length / 1048576;
  const text = await time(() => importCsvText(big));
  const n = text.value.rowCount;
  rows.push({ name: `CSV import (text), ${n.toLocaleString()} rows × 6`, variant: 'papaparse chunks', value: text.ms, unit: 'ms', note: `${(mb / (text.ms / 1000)).toFixed(0)} MB/s, ${mb.toFixed(0)} MB` });
  const blob = await time(() => importCsvStream(new Blob([big])));
  rows.push({ name: `CSV import (Blob stream, 1 MB slices), ${n.toLocaleString()} rows`, variant: 'worker path', value: blob.ms, unit: 'ms' });
  const table = text.value.table;
  const inf = await time(() => inferTable('states', table));
  rows.push({ name: `type inference, ${n.toLocaleString()} rows × 6`, variant: 'inferTable', value: inf.ms, unit: 'ms' });
  const t0 = process.memoryUsage().heapUsed;
  const csv = await time(async () => { let len = 0; for await (const c of exportCsvChunks(table)) len += c.length; return len; });
  rows.push({ name: `CSV export, ${n.toLocaleString()} rows`, variant: 'streamed chunks', value: csv.ms, unit: 'ms', note: `${(csv.value / 1048576).toFixed(0)} MB written` });
  const schema: Schema = {
    tables: [{ id: 's', name: 'states', columns: table.names.map((name, i) => ({ id: name, name, data_type: i >= 4 ? 'float' as const : 'string' as const, is_nullable: true, is_primary_key: false, is_unique: false })) }],
    relationships: []
  };
  const data: Record<string, ColumnarTable> = { states: table };
  for (const d of [postgres, sqlite]) {
    let peak = 0;
    const sql = await time(async () => {
      let len = 0;
      for await (const c of exportSqlChunks(schema, d, data)) { len += c.length; peak = Math.max(peak, process.memoryUsage().heapUsed - t0); }
      return len;
    });
    rows.push({ name: `SQL export (${d.id}), ${n.toLocaleString()} rows`, variant: '500-row INSERTs', value: sql.ms, unit: 'ms', note: `${(sql.value / 1048576).toFixed(0)} MB written, heap growth ≤ ${(peak / 1048576).toFixed(0)} MB` });
  }
  return rows;
}
