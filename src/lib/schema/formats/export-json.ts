/**
 * Table data → JSON, streamed: either one array of records per table (`records`) or one object
 * keyed by table name (`object`). Cells are text; with a schema column of a numeric or boolean type
 * a cell that is a valid JSON number / true / false is written bare, anything else stays a string,
 * missing cells (and the column's missing tokens) are null.
 */
import type { Column, ColumnarTable, Table } from '../model';
import { parseBoolean } from './patterns';

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

export function jsonCell(v: string | null, col: Column | undefined, missing?: ReadonlySet<string>): string {
  if (v === null || missing?.has(v)) return 'null';
  switch (col?.data_type) {
    case 'integer': case 'float': case 'decimal':
      return JSON_NUMBER.test(v) ? v : JSON.stringify(v);
    case 'boolean': {
      const b = parseBoolean(v);
      return b === null ? JSON.stringify(v) : String(b);
    }
    default:
      return JSON.stringify(v);
  }
}

async function* recordChunks(t: ColumnarTable, table: Table | undefined, indent: string, chunkRows: number): AsyncGenerator<string> {
  const cols = t.names.map((n) => {
    const col = table?.columns.find((c) => c.name === n);
    return { key: JSON.stringify(n), col, missing: new Set(col?.hints?.missing_tokens ?? []) };
  });
  const n = t.columns.length ? t.columns[0].length : 0;
  yield '[';
  for (let start = 0; start < n; start += chunkRows) {
    const end = Math.min(n, start + chunkRows);
    let s = '';
    for (let r = start; r < end; r++) {
      s += (r ? ',' : '') + '\n' + indent + '  {';
      for (let c = 0; c < cols.length; c++) s += (c ? ', ' : '') + cols[c].key + ': ' + jsonCell(t.columns[c][r], cols[c].col, cols[c].missing);
      s += '}';
    }
    yield s;
  }
  yield n ? '\n' + indent + ']' : ']';
}

/** One table → `[ {…}, … ]`. */
export async function* exportJsonRecords(t: ColumnarTable, table?: Table, opts: { chunkRows?: number } = {}): AsyncGenerator<string> {
  yield* recordChunks(t, table, '', Math.max(1, opts.chunkRows ?? 5000));
  yield '\n';
}

/** Several tables → `{ "customers": [ … ], "orders": [ … ] }`. */
export async function* exportJsonObject(data: Record<string, ColumnarTable>, tables: Table[] = [], opts: { chunkRows?: number } = {}): AsyncGenerator<string> {
  const names = Object.keys(data);
  yield '{';
  for (let i = 0; i < names.length; i++) {
    yield `${i ? ',' : ''}\n  ${JSON.stringify(names[i])}: `;
    yield* recordChunks(data[names[i]], tables.find((t) => t.name === names[i]), '  ', Math.max(1, opts.chunkRows ?? 5000));
  }
  yield '\n}\n';
}
