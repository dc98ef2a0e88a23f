/**
 * A simple column type guess for CSV samples, kept in this one function so the full inference
 * module (import issue) can replace it. Looks at up to 1000 non-missing values.
 */
import { guessDatetimeFormat } from '$lib/schema/datetime';
import type { DataType } from '$lib/schema/model';

const INT = /^[+-]?\d+$/;
const NUM = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const BOOL = /^(true|false|yes|no|t|f|y|n)$/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_RE = /^https?:\/\/\S+$/i;

export function guessColumnType(values: readonly (string | null)[]): DataType {
  const v: string[] = [];
  for (const x of values) { if (x !== null && x !== '') v.push(x.trim()); if (v.length >= 1000) break; }
  if (!v.length) return 'string';
  const all = (re: RegExp) => v.every((x) => re.test(x));
  if (all(INT)) return 'integer';
  if (all(NUM)) return 'float';
  if (all(BOOL)) return 'boolean';
  if (all(UUID)) return 'uuid';
  if (all(EMAIL)) return 'email';
  if (all(URL_RE)) return 'url';
  const fmt = guessDatetimeFormat(v, 200);
  if (fmt) return /%[HIMSfp]/.test(fmt) ? 'datetime' : 'date';
  const distinct = new Set(v).size;
  if (v.length >= 20 && distinct <= Math.min(20, v.length / 4)) return 'categorical';
  const avg = v.reduce((n, x) => n + x.length, 0) / v.length;
  return avg > 60 ? 'text' : 'string';
}

/** Index of the column that looks like the primary key (named id / <table>_id, unique, no gaps), or -1. */
export function guessPrimaryKey(tableName: string, names: readonly string[], columns: readonly (readonly (string | null)[])[]): number {
  const t = tableName.toLowerCase().replace(/s$/, '');
  const candidates = names.map((n, i) => ({ n: n.toLowerCase(), i })).filter(({ n }) => n === 'id' || n === `${t}_id` || n === `${t}id`);
  for (const { i } of candidates) {
    const col = columns[i];
    if (col.every((x) => x !== null && x !== '') && new Set(col).size === col.length) return i;
  }
  return -1;
}
