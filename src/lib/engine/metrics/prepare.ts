/**
 * Turns a (real, synthetic) pair of text tables + SDV table metadata into numeric columns ready for the
 * metric kernels, exactly as SDMetrics reads them (see tests/fixtures/sdmetrics/README.md):
 *   numerical → numbers; datetime → ms since 1970 parsed with the metadata's `datetime_format`
 *   (SDMetrics uses ns; a constant scale changes no score); categorical/boolean → integer codes shared by
 *   both tables, by text value as read (only empty cells are missing); id/PII/unknown → not scored.
 * Missing = NaN everywhere.
 */
import { guessDatetimeFormat, parseDatetime } from '../../schema/datetime';
import { AppError, rowCount, type ColumnarTable, type SdvTable } from '../../schema/model';
import type { Shape, StorageType } from './types';

export const SHAPE_OF: Record<string, Shape | undefined> = {
  numerical: 'continuous',
  datetime: 'continuous',
  categorical: 'discrete',
  boolean: 'discrete'
};

export interface ScoredColumn {
  name: string;
  sdtype: string;
  shape: Shape;
  real: Float64Array;
  synth: Float64Array;
  /** discrete: code → text value */
  categories: string[];
  /** storage type (pandas-like) of the real and synthetic text */
  realStorage: StorageType;
  synthStorage: StorageType;
}

export interface PreparedTable {
  name: string;
  meta: SdvTable;
  real: ColumnarTable;
  synth: ColumnarTable;
  nReal: number;
  nSynth: number;
  /** scored columns in metadata order */
  columns: ScoredColumn[];
}

const INT = /^\s*[+-]?\d+\s*$/;
const NUM = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$|^\s*[+-]?(inf|infinity|nan)\s*$/i;
const BOOL = /^(true|false)$/i;

/**
 * Fast path for the common cell: plain `[+-]digits[.digits]` text (no spaces, no exponent), which
 * matches NUM (and INT exactly when it has no point) and never BOOL. -1: not plain; 0: integer; 1: has a point.
 */
function plainNumber(v: string): number {
  const n = v.length;
  let i = 0, digits = 0, dot = false;
  if (n > 0) { const c = v.charCodeAt(0); if (c === 43 || c === 45) i = 1; }
  for (; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
    else if (c === 46 && !dot) dot = true;
    else return -1;
  }
  return digits ? (dot ? 1 : 0) : -1;
}

/** What pandas' read_csv would make of a text column (datetime when the metadata says so). */
export function storageType(values: (string | null)[], sdtype?: string): StorageType {
  if (sdtype === 'datetime') return 'datetime';
  let missing = false, ints = true, nums = true, bools = true, any = false;
  for (const v of values) {
    if (v === null) { missing = true; continue; }
    any = true;
    const plain = plainNumber(v);
    if (plain >= 0) {
      if (plain === 1) ints = false;
      bools = false;
      if (!nums) break;
      continue;
    }
    if (ints && !INT.test(v)) ints = false;
    if (nums && !NUM.test(v)) nums = false;
    if (bools && !BOOL.test(v)) bools = false;
    if (!nums && !bools) break;
  }
  if (!any) return 'float64';
  if (nums) return ints && !missing ? 'int64' : 'float64';
  if (bools && !missing) return 'bool';
  return 'object';
}

function column(t: ColumnarTable, name: string, which: string, table: string): (string | null)[] {
  const i = t.names.indexOf(name);
  if (i < 0) throw new AppError('metrics/missing-column', `The ${which} table "${table}" has no column "${name}"`, { column: name });
  return t.columns[i];
}

export function parseNumbers(values: (string | null)[], name: string, which: string, table: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) { out[i] = NaN; continue; }
    if (plainNumber(v) >= 0) { out[i] = Number(v); continue; }
    const t = v.trim();
    const x = /^[+-]?(inf|infinity)$/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : /^[+-]?nan$/i.test(t) ? NaN : t === '' ? NaN : Number(t);
    if (Number.isNaN(x) && !/^[+-]?nan$/i.test(t) && t !== '') {
      throw new AppError('metrics/not-a-number', `${which} "${table}", column "${name}", row ${i + 1}: "${v}" is not a number`, { column: name, line: i + 2 });
    }
    out[i] = x;
  }
  return out;
}

export function parseDates(values: (string | null)[], fmt: string, name: string, which: string, table: string): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v.trim() === '') { out[i] = NaN; continue; }
    const ms = parseDatetime(v, fmt);
    if (ms === null) {
      throw new AppError('metrics/bad-datetime', `${which} "${table}", column "${name}", row ${i + 1}: "${v}" does not match the datetime format "${fmt}"`, { column: name, line: i + 2 });
    }
    out[i] = ms;
  }
  return out;
}

/** Codes shared by both columns: first-seen order over real, then synthetic values. */
export function encodeShared(a: (string | null)[], b: (string | null)[]): { a: Float64Array; b: Float64Array; categories: string[] } {
  const map = new Map<string, number>();
  const categories: string[] = [];
  const enc = (vals: (string | null)[]) => {
    const out = new Float64Array(vals.length);
    for (let i = 0; i < vals.length; i++) {
      const v = vals[i];
      if (v === null) { out[i] = NaN; continue; }
      let c = map.get(v);
      if (c === undefined) { c = categories.length; map.set(v, c); categories.push(v); }
      out[i] = c;
    }
    return out;
  };
  const ea = enc(a);
  return { a: ea, b: enc(b), categories };
}

export function prepareTable(name: string, real: ColumnarTable, synth: ColumnarTable, meta: SdvTable): PreparedTable {
  const columns: ScoredColumn[] = [];
  for (const [col, cm] of Object.entries(meta.columns)) {
    const shape = SHAPE_OF[cm.sdtype];
    if (!shape) continue;
    const rv = column(real, col, 'real', name);
    const sv = column(synth, col, 'synthetic', name);
    const realStorage = storageType(rv, cm.sdtype), synthStorage = storageType(sv, cm.sdtype);
    if (shape === 'discrete') {
      const e = encodeShared(rv, sv);
      columns.push({ name: col, sdtype: cm.sdtype, shape, real: e.a, synth: e.b, categories: e.categories, realStorage, synthStorage });
    } else if (cm.sdtype === 'datetime') {
      const fmt = cm.datetime_format ?? guessDatetimeFormat(rv.filter((v): v is string => v !== null), 2000);
      if (!fmt) throw new AppError('metrics/datetime-format', `Table "${name}", column "${col}": no datetime_format in the metadata and none could be guessed`, { column: col });
      columns.push({ name: col, sdtype: cm.sdtype, shape, real: parseDates(rv, fmt, col, 'real', name), synth: parseDates(sv, fmt, col, 'synthetic', name), categories: [], realStorage, synthStorage });
    } else {
      columns.push({ name: col, sdtype: cm.sdtype, shape, real: parseNumbers(rv, col, 'real', name), synth: parseNumbers(sv, col, 'synthetic', name), categories: [], realStorage, synthStorage });
    }
  }
  return { name, meta, real, synth, nReal: rowCount(real), nSynth: rowCount(synth), columns };
}

/** Key columns of a table (primary key and alternate keys), each as a list of column names. */
export function keyColumns(meta: SdvTable): string[][] {
  const keys: string[][] = [];
  const add = (k: string | string[] | undefined) => { if (k !== undefined) keys.push(Array.isArray(k) ? k : [k]); };
  add(meta.primary_key);
  for (const k of meta.alternate_keys ?? []) add(k);
  return keys;
}

/** Row keys as text (composite keys joined by U+0001); null when every part is missing. */
export function rowKeys(t: ColumnarTable, cols: string[], which: string, table: string): (string | null)[] {
  const parts = cols.map((c) => column(t, c, which, table));
  const n = rowCount(t);
  const out: (string | null)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (parts.length === 1) { out[i] = parts[0][i]; continue; }
    const vals = parts.map((p) => p[i]);
    out[i] = vals.every((v) => v === null) ? null : vals.map((v) => v ?? '').join('\u0001');
  }
  return out;
}
