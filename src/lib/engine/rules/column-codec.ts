/**
 * A column's text ⇄ number codec for the rules layer: numbers keep the sample's decimals and style,
 * datetimes are ms parsed with the column's strftime format and written back with the sample's
 * padding, booleans keep the sample's spelling. Reuses the transformers' text helpers
 * (number-text.ts, datetime.ts) so values rewritten by a rule look like the column's own.
 */
import { AppError, type SdvColumn } from '../../schema/model';
import { formatDatetime, guessDatetimeFormat, parseDatetime } from '../../schema/datetime';
import { formatNumber, learnFixedDecimals, learnRounding, parseNumberCell, roundTo } from '../transformers/number-text';
import { DATETIME_MISSING_TOKENS, finestUnit, learnRenderFormat, roundToUnit } from '../transformers/datetime';
import type { DatetimeState } from '../transformers/types';

export type ColumnCodec =
  | { kind: 'number'; column: string; decimals: number | null; fixedDecimals: number | null; min: number; max: number }
  | { kind: 'datetime'; column: string; format: string; renderFormat: string; unit: DatetimeState['unit']; min: number; max: number }
  | { kind: 'boolean'; column: string; trueText: string; falseText: string }
  | { kind: 'text'; column: string };

const BOOLEAN_PAIRS: [string, string][] = [['true', 'false'], ['yes', 'no'], ['t', 'f'], ['y', 'n'], ['1', '0']];

function learnNumber(column: string, cells: readonly (string | null)[]): ColumnCodec | null {
  const values: number[] = [], decimals: number[] = [], texts: string[] = [];
  let bad = 0;
  for (const c of cells) {
    const p = parseNumberCell(c);
    if (p.kind === 'number') { values.push(p.value); decimals.push(p.decimals); texts.push(c!.trim()); } else if (p.kind === 'bad') bad++;
  }
  if (bad > 0 || !values.length) return null;
  let min = Infinity, max = -Infinity;
  for (const v of values) { if (v < min) min = v; if (v > max) max = v; }
  return { kind: 'number', column, decimals: learnRounding(values, decimals), fixedDecimals: learnFixedDecimals(decimals, texts), min, max };
}

function learnDatetime(column: string, cells: readonly (string | null)[], format?: string): ColumnCodec | null {
  const present = cells.filter((c): c is string => c !== null && !DATETIME_MISSING_TOKENS.has(c.trim().toLowerCase())).map((c) => c.trim());
  const f = format ?? guessDatetimeFormat(present);
  if (!f || !present.length) return null;
  const ms: number[] = [], texts: string[] = [];
  for (const t of present) {
    const v = parseDatetime(t, f);
    if (v === null) return null;
    ms.push(v); texts.push(t);
  }
  let min = Infinity, max = -Infinity;
  for (const v of ms) { if (v < min) min = v; if (v > max) max = v; }
  return { kind: 'datetime', column, format: f, renderFormat: learnRenderFormat(f, ms, texts), unit: finestUnit(ms), min, max };
}

function learnBoolean(column: string, cells: readonly (string | null)[]): ColumnCodec | null {
  const seen = new Set<string>();
  for (const c of cells) if (c !== null && c.trim() !== '') seen.add(c.trim());
  for (const [t, f] of BOOLEAN_PAIRS) {
    const spelled = [...seen];
    if (!spelled.every((s) => s.toLowerCase() === t || s.toLowerCase() === f)) continue;
    const trueText = spelled.find((s) => s.toLowerCase() === t) ?? t;
    const falseText = spelled.find((s) => s.toLowerCase() === f) ?? f;
    // Keep the sample's case for the value that did not occur ("True" seen → "False").
    const cased = (word: string, like: string) => (like === like.toUpperCase() ? word.toUpperCase() : like[0] === like[0].toUpperCase() ? word[0].toUpperCase() + word.slice(1) : word);
    return { kind: 'boolean', column, trueText: seen.has(trueText) ? trueText : cased(t, falseText), falseText: seen.has(falseText) ? falseText : cased(f, trueText) };
  }
  return null;
}

/** Learns the codec of a column from its sample cells and (optional) SDV column metadata. */
export function learnCodec(column: string, cells: readonly (string | null)[], meta?: SdvColumn): ColumnCodec {
  const sdtype = meta?.sdtype;
  if (sdtype === 'numerical') return learnNumber(column, cells) ?? { kind: 'number', column, decimals: null, fixedDecimals: null, min: NaN, max: NaN };
  if (sdtype === 'datetime') {
    const d = learnDatetime(column, cells, meta?.datetime_format);
    if (d) return d;
    if (meta?.datetime_format) return { kind: 'datetime', column, format: meta.datetime_format, renderFormat: meta.datetime_format, unit: 'millisecond', min: NaN, max: NaN };
    throw new AppError('rules/column-type', `Column "${column}" is a datetime, but its values match no known datetime format; give datetime_format in the metadata`, { column });
  }
  if (sdtype === 'boolean') return learnBoolean(column, cells) ?? { kind: 'boolean', column, trueText: 'true', falseText: 'false' };
  if (sdtype && sdtype !== 'unknown') return { kind: 'text', column };
  return learnNumber(column, cells) ?? learnDatetime(column, cells) ?? learnBoolean(column, cells) ?? { kind: 'text', column };
}

/** The value of a cell as a number (datetime: ms; boolean: 1/0), or null when missing/unreadable. */
export function parseValue(codec: ColumnCodec, cell: string | null): number | null {
  if (cell === null) return null;
  switch (codec.kind) {
    case 'number': { const p = parseNumberCell(cell); return p.kind === 'number' ? p.value : null; }
    case 'datetime': {
      const t = cell.trim();
      if (DATETIME_MISSING_TOKENS.has(t.toLowerCase())) return null;
      return parseDatetime(t, codec.format);
    }
    case 'boolean': {
      const t = cell.trim().toLowerCase();
      if (t === codec.trueText.toLowerCase()) return 1;
      if (t === codec.falseText.toLowerCase()) return 0;
      return null;
    }
    default: return null;
  }
}

/** A whole column as doubles (NaN = missing). */
export function parseColumn(codec: ColumnCodec, cells: readonly (string | null)[]): Float64Array {
  const out = new Float64Array(cells.length);
  for (let r = 0; r < cells.length; r++) { const v = parseValue(codec, cells[r]); out[r] = v === null ? NaN : v; }
  return out;
}

/** Rounds to the column's grid (its decimals; its datetime unit). */
export function snap(codec: ColumnCodec, x: number): number {
  if (codec.kind === 'number') return codec.decimals === null ? x : roundTo(x, codec.decimals);
  if (codec.kind === 'datetime') return roundToUnit(x, codec.unit);
  return x;
}

/** Length of one grid step near x (ms for datetimes; 0 = continuous). */
function stepOf(codec: ColumnCodec): number {
  if (codec.kind === 'number') return codec.decimals === null ? 0 : 10 ** -codec.decimals;
  if (codec.kind === 'datetime') return codec.unit === 'year' ? 366 * 86_400_000 : codec.unit === 'month' ? 31 * 86_400_000 : UNIT_MS[codec.unit];
  return 0;
}

const UNIT_MS: Record<string, number> = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000, millisecond: 1 };

/** The smallest grid value ≥ bound (> bound when strict). */
export function gridAtLeast(codec: ColumnCodec, bound: number, strict: boolean): number {
  const ok = (v: number) => (strict ? v > bound : v >= bound);
  let v = snap(codec, bound);
  const step = stepOf(codec);
  if (step === 0) return ok(v) ? v : strict ? bound + Math.max(Math.abs(bound) * 1e-12, 1e-12) : bound;
  for (let k = 1; !ok(v) && k < 4; k++) v = snap(codec, bound + (k * step) / (codec.kind === 'datetime' && k === 1 ? 2 : 1));
  return v;
}

/** The largest grid value ≤ bound (< bound when strict). */
export function gridAtMost(codec: ColumnCodec, bound: number, strict: boolean): number {
  const ok = (v: number) => (strict ? v < bound : v <= bound);
  let v = snap(codec, bound);
  const step = stepOf(codec);
  if (step === 0) return ok(v) ? v : strict ? bound - Math.max(Math.abs(bound) * 1e-12, 1e-12) : bound;
  for (let k = 1; !ok(v) && k < 4; k++) v = snap(codec, bound - (k * step) / (codec.kind === 'datetime' && k === 1 ? 2 : 1));
  return v;
}

/** Writes a value in the column's text style (rounded to its grid first). */
export function formatValue(codec: ColumnCodec, x: number): string {
  switch (codec.kind) {
    case 'number': return formatNumber(snap(codec, x), codec.fixedDecimals, codec.decimals);
    case 'datetime': return formatDatetime(snap(codec, x), codec.renderFormat);
    case 'boolean': return x ? codec.trueText : codec.falseText;
    default: return String(x);
  }
}

/** Datetime bound text → ms: the column's format first, then ISO (YYYY-MM-DD[THH:MM[:SS]]). */
export function parseBound(codec: ColumnCodec, bound: number | string, where: string): number {
  if (typeof bound === 'number') {
    if (codec.kind === 'datetime') throw new AppError('rules/bad-bound', `${where}: column "${codec.column}" is a datetime; give the bound as text such as "2020-01-01"`, { column: codec.column });
    return bound;
  }
  if (codec.kind === 'datetime') {
    const v = parseDatetime(bound, codec.format) ?? parseDatetime(bound, '%Y-%m-%dT%H:%M:%S') ?? parseDatetime(bound, '%Y-%m-%dT%H:%M') ?? parseDatetime(bound, '%Y-%m-%d');
    if (v === null) throw new AppError('rules/bad-bound', `${where}: "${bound}" is not a date in the column's format (${codec.format}) or ISO YYYY-MM-DD`, { column: codec.column });
    return v;
  }
  const p = parseNumberCell(bound);
  if (p.kind !== 'number') throw new AppError('rules/bad-bound', `${where}: the bound "${bound}" is not a number`, { column: codec.column });
  return p.value;
}

/** Unit of a datetime codec in ms (days for month/year), 1 for numbers: the scale of log-differences. */
export function diffUnit(codec: ColumnCodec): number {
  if (codec.kind !== 'datetime') return 1;
  return codec.unit === 'month' || codec.unit === 'year' ? 86_400_000 : UNIT_MS[codec.unit];
}

/** Short text of a cell for error messages. */
export function showCell(cell: string | null): string {
  return cell === null ? '(missing)' : cell.length > 40 ? JSON.stringify(cell.slice(0, 40) + '…') : cell;
}
