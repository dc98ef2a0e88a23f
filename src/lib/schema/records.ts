/** Arrays of JSON records ⇄ columnar text tables (the API's and JSON export's row format). */
import type { ColumnarTable, DataType } from './model';

type Cell = string | number | boolean | null | undefined;

/** Records → columnar text. Columns: `names` if given, else every key in order of first appearance. */
export function recordsToTable(records: readonly Record<string, Cell>[], names?: string[]): ColumnarTable {
  const cols = names ? [...names] : [];
  if (!names) {
    const seen = new Set<string>();
    for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); cols.push(k); }
  }
  return {
    names: cols,
    columns: cols.map((c) => records.map((r) => {
      const v = r[c];
      return v === null || v === undefined || v === '' ? null : String(v);
    }))
  };
}

const NUMERIC: ReadonlySet<DataType> = new Set(['integer', 'float', 'decimal']);

/** Columnar text → records; numbers and booleans typed by the declared data types (else strings). */
export function tableToRecords(t: ColumnarTable, types: Record<string, DataType | undefined> = {}): Record<string, string | number | boolean | null>[] {
  const n = t.columns.length ? t.columns[0].length : 0;
  const conv = t.names.map((name) => {
    const ty = types[name];
    if (ty && NUMERIC.has(ty)) return (v: string) => { const x = Number(v); return Number.isFinite(x) ? x : v; };
    if (ty === 'boolean') return (v: string) => (/^(true|yes|1)$/i.test(v) ? true : /^(false|no|0)$/i.test(v) ? false : v);
    return (v: string) => v;
  });
  const out = new Array(n);
  for (let r = 0; r < n; r++) {
    const rec: Record<string, string | number | boolean | null> = {};
    t.names.forEach((name, c) => { const v = t.columns[c][r]; rec[name] = v === null ? null : conv[c](v); });
    out[r] = rec;
  }
  return out;
}
