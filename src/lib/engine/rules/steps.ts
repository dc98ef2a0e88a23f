/**
 * The reparametrisations that make rules hold by construction (after SDV's CAG constraints,
 * sdv-algorithms.md §A7), each a forward transform of the sample (before fitting) and its reverse
 * (after sampling):
 *  - inequality `high >= low`: `high` is modelled as t = log((high − low)/unit + 1) and rebuilt as
 *    low + (eᵗ − 1)·unit, so high − low ≥ 0 for any t (unit: the datetime's finest unit, else 1);
 *  - range `low <= x <= high`: two log-differences, log(x − low + 1) and log(high − x + 1);
 *  - fixed combinations: one joint categorical column holding each row's combination;
 *  - derived column: dropped before fitting, computed from its expression after sampling;
 *  - fixed bounds and signs: the column stays modelled as is and is clipped on the way back
 *    (the sample obeys the bounds, so clipping only trims the model's overshoot; a logit would
 *    distort the spike a column often has at its bound, e.g. discount 0).
 * Rewritten values are snapped to the column's grid (decimals, datetime unit) and moved one grid
 * step when the rounding alone would break the rule.
 */
import type { ColumnarTable } from '../../schema/model';
import { diffUnit, formatValue, gridAtLeast, gridAtMost, parseColumn, snap, type ColumnCodec } from './column-codec';
import { cellsOf, computeDerived, type Codecs } from './row-check';
import type { DerivedRule } from './types';

export type Step =
  | { kind: 'log-diff'; rule: number; low: string; high: string; model: string; strict: boolean }
  | { kind: 'range'; rule: number; low: string; column: string; high: string; modelColumn: string; modelHigh: string; strict: boolean }
  | { kind: 'combination'; rules: number[]; columns: string[]; model: string }
  | { kind: 'derived'; rule: number; column: string; expression: string; inputs: string[] }
  | { kind: 'clip'; rule: number; column: string; min: number | null; max: number | null; strict: boolean };

/** Column-name → cells of a table being rewritten; `order` keeps the column order. */
export interface WorkTable { order: string[]; cells: Map<string, (string | null)[]>; rows: number }

export function toWork(t: ColumnarTable): WorkTable {
  return { order: [...t.names], cells: new Map(t.names.map((n, i) => [n, t.columns[i]])), rows: t.columns[0]?.length ?? 0 };
}

export function fromWork(w: WorkTable, names: readonly string[] = w.order): ColumnarTable {
  return { names: [...names], columns: names.map((n) => w.cells.get(n)!) };
}

const asTable = (w: WorkTable): ColumnarTable => fromWork(w);

/** Replaces column `old` by `name` at the same position. */
function replaceColumn(w: WorkTable, old: string[], name: string, cells: (string | null)[]): void {
  const at = Math.min(...old.map((o) => w.order.indexOf(o)));
  w.order = w.order.filter((c) => !old.includes(c));
  w.order.splice(Math.min(at, w.order.length), 0, name);
  for (const o of old) w.cells.delete(o);
  w.cells.set(name, cells);
}

/** Puts column `name` back at the position of `model` (removing `model`). */
function restoreColumns(w: WorkTable, model: string, cols: [string, (string | null)[]][]): void {
  const at = w.order.indexOf(model);
  w.order.splice(at, 1, ...cols.map(([c]) => c));
  w.cells.delete(model);
  for (const [c, cells] of cols) w.cells.set(c, cells);
}

const values = (w: WorkTable, codec: ColumnCodec) => parseColumn(codec, w.cells.get(codec.column)!);

function logDiffCells(lo: Float64Array, hi: Float64Array, unit: number): (string | null)[] {
  const out: (string | null)[] = new Array(lo.length);
  for (let r = 0; r < lo.length; r++) {
    const d = (hi[r] - lo[r]) / unit;
    out[r] = d === d ? String(Math.log1p(Math.max(0, d))) : null;
  }
  return out;
}

/**
 * base + (eᵗ − 1)·unit, kept inside the column's sample bounds where that does not break the rule,
 * snapped to the grid, and stepped past `base` when the rounding landed on the wrong side.
 */
function placeAbove(codec: ColumnCodec, base: number, t: number, unit: number, strict: boolean): number {
  let v = base + Math.expm1(Math.max(0, t)) * unit;
  if (codec.kind === 'number' || codec.kind === 'datetime') {
    if (Number.isFinite(codec.max)) v = Math.min(v, Math.max(codec.max, base));
    if (Number.isFinite(codec.min)) v = Math.max(v, codec.min);
  }
  v = snap(codec, v);
  return (strict ? v > base : v >= base) ? v : gridAtLeast(codec, base, strict);
}

/** Forward: rewrites the sample for modelling. */
export function forwardStep(step: Step, w: WorkTable, codecs: Codecs): void {
  const codec = (c: string) => codecs.get(c)!;
  switch (step.kind) {
    case 'log-diff': {
      const lo = codec(step.low), hi = codec(step.high);
      replaceColumn(w, [step.high], step.model, logDiffCells(values(w, lo), values(w, hi), diffUnit(hi)));
      break;
    }
    case 'range': {
      const lo = values(w, codec(step.low)), x = values(w, codec(step.column)), hi = values(w, codec(step.high));
      const unit = diffUnit(codec(step.column));
      replaceColumn(w, [step.column], step.modelColumn, logDiffCells(lo, x, unit));
      replaceColumn(w, [step.high], step.modelHigh, logDiffCells(x, hi, unit));
      break;
    }
    case 'combination': {
      const cols = step.columns.map((c) => w.cells.get(c)!);
      const joint: string[] = new Array(w.rows);
      for (let r = 0; r < w.rows; r++) joint[r] = JSON.stringify(cols.map((c) => c[r]));
      replaceColumn(w, step.columns, step.model, joint);
      break;
    }
    case 'derived':
      w.order = w.order.filter((c) => c !== step.column);
      w.cells.delete(step.column);
      break;
    case 'clip':
      break;
  }
}

/** Reverse: rebuilds the original columns from sampled model columns, in the sample's text style. */
export function reverseStep(step: Step, w: WorkTable, codecs: Codecs): void {
  const codec = (c: string) => codecs.get(c)!;
  const n = w.rows;
  switch (step.kind) {
    case 'log-diff': {
      const lo = values(w, codec(step.low)), hiCodec = codec(step.high), unit = diffUnit(hiCodec);
      const t = w.cells.get(step.model)!;
      const out: (string | null)[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const tv = t[r] === null ? NaN : Number(t[r]);
        out[r] = lo[r] === lo[r] && tv === tv ? formatValue(hiCodec, placeAbove(hiCodec, lo[r], tv, unit, step.strict)) : null;
      }
      restoreColumns(w, step.model, [[step.high, out]]);
      break;
    }
    case 'range': {
      const lo = values(w, codec(step.low)), xc = codec(step.column), hc = codec(step.high), unit = diffUnit(xc);
      const t1 = w.cells.get(step.modelColumn)!, t2 = w.cells.get(step.modelHigh)!;
      const xs: (string | null)[] = new Array(n), hs: (string | null)[] = new Array(n);
      for (let r = 0; r < n; r++) {
        const a = t1[r] === null ? NaN : Number(t1[r]), b = t2[r] === null ? NaN : Number(t2[r]);
        if (lo[r] !== lo[r] || a !== a) { xs[r] = null; hs[r] = null; continue; }
        const x = placeAbove(xc, lo[r], a, unit, step.strict);
        xs[r] = formatValue(xc, x);
        hs[r] = b === b ? formatValue(hc, placeAbove(hc, x, b, unit, step.strict)) : null;
      }
      restoreColumns(w, step.modelColumn, [[step.column, xs]]);
      restoreColumns(w, step.modelHigh, [[step.high, hs]]);
      break;
    }
    case 'combination': {
      const joint = w.cells.get(step.model)!;
      const cols = step.columns.map(() => new Array<string | null>(n));
      for (let r = 0; r < n; r++) {
        let tuple: unknown = null;
        try { tuple = joint[r] === null ? null : JSON.parse(joint[r]!); } catch { tuple = null; }
        const ok = Array.isArray(tuple) && tuple.length === cols.length;
        for (let j = 0; j < cols.length; j++) {
          const v = ok ? (tuple as unknown[])[j] : null;
          cols[j][r] = typeof v === 'string' ? v : null;
        }
      }
      restoreColumns(w, step.model, step.columns.map((c, j) => [c, cols[j]]));
      break;
    }
    case 'derived': {
      const target = codec(step.column);
      const rule: DerivedRule = { type: 'derived', column: step.column, expression: step.expression };
      const v = computeDerived(rule, asTable(w), codecs, `Rule "${step.column} = ${step.expression}"`);
      const out: (string | null)[] = new Array(n);
      for (let r = 0; r < n; r++) out[r] = v[r] === v[r] ? formatValue(target, v[r]) : null;
      w.order.push(step.column);
      w.cells.set(step.column, out);
      break;
    }
    case 'clip': {
      const c = codec(step.column);
      const cells = cellsOf(asTable(w), step.column).slice();
      const x = parseColumn(c, cells);
      const lo = step.min === null ? -Infinity : gridAtLeast(c, step.min, step.strict);
      const hi = step.max === null ? Infinity : gridAtMost(c, step.max, step.strict);
      for (let r = 0; r < n; r++) {
        const v = x[r];
        if (v !== v) continue;
        if (v < lo || (step.strict && step.min !== null && v <= step.min)) cells[r] = formatValue(c, lo);
        else if (v > hi || (step.strict && step.max !== null && v >= step.max)) cells[r] = formatValue(c, hi);
      }
      w.cells.set(step.column, cells);
      break;
    }
  }
}

/** Columns a step reads (must be restored before its reverse) and writes (removes or rewrites). */
export function stepColumns(step: Step): { reads: string[]; writes: string[] } {
  switch (step.kind) {
    case 'log-diff': return { reads: [step.low], writes: [step.high] };
    case 'range': return { reads: [step.low], writes: [step.column, step.high] };
    case 'combination': return { reads: [], writes: [...step.columns] };
    case 'derived': return { reads: [...step.inputs], writes: [step.column] };
    case 'clip': return { reads: [], writes: [step.column] };
  }
}
