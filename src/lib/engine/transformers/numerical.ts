/**
 * Numerical columns, after RDT's FloatFormatter (learn_rounding_scheme, enforce_min_max_values) and
 * SDV's NumericalFormatter (integer computer_representation → integers in the type's range), with
 * two changes: missing values are an indicator inside the copula (see missing.ts), and numbers are
 * written back in the sample's text style ("180" stays "180", "5.0" stays "5.0").
 */
import { AppError } from '../../schema/model';
import { decodeMissing, encodeMissing, fillMissing, fitMissingIndicator } from './missing';
import { decimalText, formatNumber, learnFixedDecimals, learnRounding, parseNumberCell, plainDecimals, roundTo } from './number-text';
import type { Rng } from './rng';
import type { ConstantState, NumericalState } from './types';

/** Ranges of SDV's integer computer representations. */
export const INTEGER_BOUNDS: Record<string, [number, number]> = {
  Int8: [-128, 127], Int16: [-32768, 32767], Int32: [-2147483648, 2147483647],
  Int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  UInt8: [0, 255], UInt16: [0, 65535], UInt32: [0, 4294967295], UInt64: [0, Number.MAX_SAFE_INTEGER]
};

export interface NumericalFitOptions {
  computerRepresentation?: string;
  enforceMinMax: boolean;
  enforceRounding: boolean;
  badValues: 'error' | 'missing';
}

interface ParsedColumn { values: Float64Array; missing: Uint8Array; observed: number[]; decimals: number[]; texts: string[] }

export function badValueError(code: string, column: string, row: number, value: string, what: string): AppError {
  return new AppError(code, `Column "${column}" is ${what}, but row ${row + 1} holds "${value}"`, { column }, { row: row + 1, value });
}

function parseColumn(column: string, cells: readonly (string | null)[], badValues: 'error' | 'missing'): ParsedColumn {
  const n = cells.length;
  const values = new Float64Array(n);
  const missing = new Uint8Array(n);
  const observed: number[] = [], decimals: number[] = [], texts: string[] = [];
  for (let r = 0; r < n; r++) {
    const cell = cells[r];
    // Fast path (no allocation) for plain decimal text; everything else goes through parseNumberCell.
    const plain = cell === null ? -1 : plainDecimals(cell);
    if (plain >= 0) {
      const v = Number(cell);
      if (Number.isFinite(v)) {
        values[r] = v;
        observed.push(v);
        decimals.push(plain);
        texts.push(cell as string);
        continue;
      }
    }
    const p = parseNumberCell(cell);
    if (p.kind === 'number') {
      values[r] = p.value;
      observed.push(p.value);
      decimals.push(p.decimals);
      texts.push((cells[r] as string).trim());
    } else if (p.kind === 'missing' || badValues === 'missing') missing[r] = 1;
    else throw badValueError('transform/not-a-number', column, r, cells[r] as string, 'numerical');
  }
  return { values, missing, observed, decimals, texts };
}

export function fitNumerical(column: string, cells: readonly (string | null)[], opts: NumericalFitOptions): NumericalState | ConstantState {
  const { missing, observed, decimals, texts } = parseColumn(column, cells, opts.badValues);
  const indicator = fitMissingIndicator(column, missing);
  if (!observed.length) return { kind: 'constant', column, value: null, missingTokens: 'number', missing: null };
  let min = Infinity, max = -Infinity;
  for (const v of observed) { if (v < min) min = v; if (v > max) max = v; }
  if (min === max) return { kind: 'constant', column, value: texts[0], missingTokens: 'number', missing: indicator };
  const bounds = opts.computerRepresentation ? INTEGER_BOUNDS[opts.computerRepresentation] ?? null : null;
  const rounding = bounds ? 0 : opts.enforceRounding ? learnRounding(observed, decimals) : null;
  return {
    kind: 'numerical', column, min, max,
    decimals: rounding,
    fixedDecimals: bounds ? null : learnFixedDecimals(decimals, texts),
    bounds, enforceMinMax: opts.enforceMinMax, badValues: opts.badValues, missing: indicator
  };
}

/** Forward: the numbers (missing positions filled from observed values) and the indicator, if modelled. */
export function transformNumerical(state: NumericalState, cells: readonly (string | null)[], rng: Rng): { value: Float64Array; missing: Float64Array | null } {
  const { values, missing } = parseColumn(state.column, cells, state.badValues);
  fillMissing(values, missing, rng, (state.min + state.max) / 2);
  return { value: values, missing: state.missing ? encodeMissing(state.missing, missing, rng) : null };
}

/**
 * Texts of the grid points n/10^d of a clipped column, kept with the (unchanging) fitted state so
 * chunked sampling formats each grid point once per model, not once per chunk. The text is a pure
 * function of n (decimalText), so sharing it cannot change output. Only for ≤ 2^17 grid points.
 */
interface DenseTexts { lo: number; scale: number; fixed: number | null; texts: (string | undefined)[] }
const denseCache = new WeakMap<NumericalState, DenseTexts>();
function denseTexts(state: NumericalState, scale: number): DenseTexts | null {
  if (!state.enforceMinMax) return null;
  const lo = Math.floor(state.min * scale) - 1, hi = Math.ceil(state.max * scale) + 1;
  if (!(hi - lo < 2 ** 17)) return null;
  let c = denseCache.get(state);
  // A state edited since (another range, rounding or style) gets a fresh table.
  if (!c || c.lo !== lo || c.texts.length !== hi - lo + 1 || c.scale !== scale || c.fixed !== state.fixedDecimals) {
    c = { lo, scale, fixed: state.fixedDecimals, texts: new Array<string | undefined>(hi - lo + 1) };
    denseCache.set(state, c);
  }
  return c;
}

/** Reverse: clip to the sample's range (and the integer type's), round, write in the sample's style. */
export function reverseNumerical(state: NumericalState, value: Float64Array, missingU: Float64Array | null): (string | null)[] {
  const isMissing = state.missing && missingU ? decodeMissing(state.missing, missingU) : null;
  const out: (string | null)[] = new Array(value.length);
  // With a known rounding, values fall on a grid of step 10^-d: format each grid point once.
  const d = state.bounds ? 0 : state.decimals;
  const scale = d !== null && d <= 12 ? 10 ** d : 0;
  const text = new Map<number, string>();
  const fastText = scale > 0 && (state.fixedDecimals === null || state.fixedDecimals >= d!);
  const dense = fastText ? denseTexts(state, scale) : null;
  for (let r = 0; r < value.length; r++) {
    if (isMissing && isMissing[r]) { out[r] = null; continue; }
    let x = value[r];
    if (!Number.isFinite(x)) x = x > 0 ? state.max : state.min; // ±∞ from a copula tail never reaches the text
    if (state.enforceMinMax) x = Math.min(state.max, Math.max(state.min, x));
    if (state.bounds) x = Math.min(state.bounds[1], Math.max(state.bounds[0], Math.round(x)));
    // n = x rounded to d decimals, as toFixed would, unless x·10^d is within rounding error of a
    // half (then toFixed and Math.round may disagree: take the exact toFixed path, uncached).
    let key = NaN;
    if (scale) {
      const p = x * scale, ap = Math.abs(p);
      if (ap < 2 ** 52) {
        const fl = Math.floor(ap), fr = ap - fl;
        if (Math.abs(fr - 0.5) > ap * 2 ** -52 + 2 ** -60) key = (fr < 0.5 ? fl : fl + 1) * (p < 0 ? -1 : 1);
      }
    }
    if (dense && key === key) {
      const i = key - dense.lo;
      if (i >= 0 && i < dense.texts.length) {
        out[r] = dense.texts[i] ??= decimalText(key, d!, state.fixedDecimals);
        continue;
      }
    }
    let t = key === key ? text.get(key) : undefined;
    if (t === undefined) {
      if (key === key && fastText) t = decimalText(key, d!, state.fixedDecimals);
      else {
        const y = state.decimals !== null && !state.bounds ? roundTo(x, state.decimals) : x;
        t = formatNumber(y, state.fixedDecimals, d);
      }
      if (key === key && text.size < 500_000) text.set(key, t);
    }
    out[r] = t;
  }
  return out;
}
