/**
 * Datetime columns, after RDT's UnixTimestampEncoder (text → time number, min/max enforced, written
 * back with the learned strftime format), with these changes: ms instead of ns (exact in a double);
 * values are rounded to the finest unit seen (whole days when every value is a date, months for
 * monthly series); text is written back in the sample's own padding ("Jan 1 2000", not SDV's
 * "Jan 01 2000"); missing values are an indicator inside the copula.
 */
import { AppError } from '../../schema/model';
import { formatDatetime, guessDatetimeFormat, parseDatetime } from '../../schema/datetime';
import { decodeMissing, encodeMissing, fillMissing, fitMissingIndicator } from './missing';
import { badValueError } from './numerical';
import type { Rng } from './rng';
import type { ConstantState, DatetimeState } from './types';

export const DATETIME_MISSING_TOKENS = new Set(['', 'nat', 'nan', 'null', 'none', 'na', 'n/a']);

export interface DatetimeFitOptions {
  format?: string;
  enforceMinMax: boolean;
  badValues: 'error' | 'missing';
}

interface ParsedColumn { values: Float64Array; missing: Uint8Array; observed: number[]; texts: string[] }

function parseColumn(column: string, cells: readonly (string | null)[], format: string, badValues: 'error' | 'missing'): ParsedColumn {
  const n = cells.length;
  const values = new Float64Array(n);
  const missing = new Uint8Array(n);
  const observed: number[] = [], texts: string[] = [];
  // Dates repeat a lot: parse each distinct cell text once (NaN marks a missing token).
  const parsed = new Map<string, number>();
  for (let r = 0; r < n; r++) {
    const cell = cells[r];
    let ms = cell === null ? NaN : parsed.get(cell);
    const t = cell === null ? '' : cell.trim();
    if (ms === undefined) {
      if (DATETIME_MISSING_TOKENS.has(t.toLowerCase())) ms = NaN;
      else {
        const p = parseDatetime(t, format);
        if (p === null || !Number.isFinite(p)) {
          if (badValues === 'missing') { missing[r] = 1; continue; }
          throw badValueError('transform/bad-datetime', column, r, t, `a datetime in format "${format}"`);
        }
        ms = p;
      }
      if (parsed.size < 100_000) parsed.set(cell as string, ms);
    }
    if (ms !== ms) { missing[r] = 1; continue; }
    values[r] = ms;
    observed.push(ms);
    texts.push(t);
  }
  return { values, missing, observed, texts };
}

export function fitDatetime(column: string, cells: readonly (string | null)[], opts: DatetimeFitOptions): DatetimeState | ConstantState {
  const isPresent = (c: string | null): c is string => c !== null && !DATETIME_MISSING_TOKENS.has(c.trim().toLowerCase());
  const first = cells.find(isPresent);
  if (first === undefined) return { kind: 'constant', column, value: null, missingTokens: 'datetime', missing: null };
  const format = opts.format ?? guessDatetimeFormat(cells.filter(isPresent));
  if (!format) {
    throw new AppError('transform/datetime-format-unknown', `Column "${column}" is a datetime, but no datetime_format was given and none fits its values (first value "${first}")`, { column }, { value: first });
  }
  const { missing, observed, texts } = parseColumn(column, cells, format, opts.badValues);
  const indicator = fitMissingIndicator(column, missing);
  if (!observed.length) return { kind: 'constant', column, value: null, missingTokens: 'datetime', missing: null };
  let min = Infinity, max = -Infinity;
  for (const v of observed) { if (v < min) min = v; if (v > max) max = v; }
  if (min === max) return { kind: 'constant', column, value: texts[0], missingTokens: 'datetime', missing: indicator };
  return {
    kind: 'datetime', column, format,
    renderFormat: learnRenderFormat(format, observed, texts),
    unit: finestUnit(observed), min, max,
    enforceMinMax: opts.enforceMinMax, badValues: opts.badValues, missing: indicator
  };
}

const PADDED = new Set(['d', 'm', 'H', 'I', 'M', 'S']);

/**
 * The sample's zero padding: each padded directive (%d %m %H %I %M %S) may switch to its no-pad
 * form (%-d); the variant that writes the most sample values back exactly wins, padded on ties
 * ("Jan 1 2000" → "%b %-d %Y"). All 2^k variants are tried (k ≤ 6 in any real format).
 */
export function learnRenderFormat(format: string, ms: readonly number[], texts: readonly string[], limit = 200): string {
  const k = Math.min(limit, ms.length);
  const score = (f: string) => {
    let hits = 0;
    for (let i = 0; i < k; i++) if (formatDatetime(ms[i], f) === texts[i]) hits++;
    return hits;
  };
  const positions: number[] = [];
  for (let i = 0; i < format.length - 1; i++) {
    if (format[i] !== '%') continue;
    if (PADDED.has(format[i + 1])) positions.push(i);
    i++;
  }
  const variants = Math.min(1 << positions.length, 64);
  let best = format, bestScore = score(format);
  for (let mask = 1; mask < variants; mask++) {
    let f = '';
    let last = 0;
    positions.forEach((pos, j) => {
      f += format.slice(last, pos + 1) + (mask & (1 << j) ? '-' : '');
      last = pos + 1;
    });
    f += format.slice(last);
    const sc = score(f);
    if (sc > bestScore) { best = f; bestScore = sc; }
  }
  return best;
}

/** ECMAScript's Date range (±100,000,000 days). */
const MAX_DATE_MS = 8.64e15;

const UNIT_MS: [DatetimeState['unit'], number][] = [['day', 86_400_000], ['hour', 3_600_000], ['minute', 60_000], ['second', 1000], ['millisecond', 1]];

/** The coarsest unit every value is a whole multiple of: year, month, day, …, millisecond. */
export function finestUnit(values: readonly number[]): DatetimeState['unit'] {
  const ms = values.length > 1000 ? [...new Set(values)] : values; // same answer, far fewer Date objects
  const multipleOf = (u: number) => ms.every((v) => ((v % u) + u) % u === 0);
  if (multipleOf(86_400_000)) {
    const dates = ms.map((v) => new Date(v));
    if (dates.every((d) => d.getUTCDate() === 1)) return dates.every((d) => d.getUTCMonth() === 0) ? 'year' : 'month';
    return 'day';
  }
  for (const [name, u] of UNIT_MS) if (multipleOf(u)) return name;
  return 'millisecond';
}

/** Rounds ms to the nearest whole unit (calendar months/years for 'month'/'year'). */
export function roundToUnit(ms: number, unit: DatetimeState['unit']): number {
  if (unit === 'month' || unit === 'year') {
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    const lo = unit === 'year' ? Date.UTC(y, 0, 1) : Date.UTC(y, d.getUTCMonth(), 1);
    const hi = unit === 'year' ? Date.UTC(y + 1, 0, 1) : Date.UTC(y, d.getUTCMonth() + 1, 1);
    return ms - lo < hi - ms ? lo : hi;
  }
  const u = UNIT_MS.find(([n]) => n === unit)![1];
  return Math.round(ms / u) * u;
}

export function transformDatetime(state: DatetimeState, cells: readonly (string | null)[], rng: Rng): { value: Float64Array; missing: Float64Array | null } {
  const { values, missing } = parseColumn(state.column, cells, state.format, state.badValues);
  fillMissing(values, missing, rng, (state.min + state.max) / 2);
  return { value: values, missing: state.missing ? encodeMissing(state.missing, missing, rng) : null };
}

export function reverseDatetime(state: DatetimeState, value: Float64Array, missingU: Float64Array | null): (string | null)[] {
  const isMissing = state.missing && missingU ? decodeMissing(state.missing, missingU) : null;
  const out: (string | null)[] = new Array(value.length);
  // Rounded timestamps repeat a lot (whole days, months): format each distinct one once.
  const text = new Map<number, string>();
  const unitMs = UNIT_MS.find(([u]) => u === state.unit)?.[1]; // fixed-length units: roundToUnit inlined
  for (let r = 0; r < value.length; r++) {
    if (isMissing && isMissing[r]) { out[r] = null; continue; }
    let x = value[r];
    if (!Number.isFinite(x)) x = x > 0 ? state.max : state.min;
    if (state.enforceMinMax) x = Math.min(state.max, Math.max(state.min, x));
    else x = Math.min(MAX_DATE_MS, Math.max(-MAX_DATE_MS, x));
    x = unitMs ? Math.round(x / unitMs) * unitMs : roundToUnit(x, state.unit);
    // Rounding can step past a bound that is not on the unit grid; the bounds themselves are.
    if (state.enforceMinMax) x = Math.min(state.max, Math.max(state.min, x));
    let t = text.get(x);
    if (t === undefined) { t = formatDatetime(x, state.renderFormat); if (text.size < 500_000) text.set(x, t); }
    out[r] = t;
  }
  return out;
}
