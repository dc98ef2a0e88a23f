/**
 * Row-by-row test of one table rule: which rows obey it. A row with a missing value in a column
 * the rule compares is exempt (as SDV's constraints treat NaN); a derived column must be missing
 * exactly when its expression is. Values are read with the column codecs learned from the sample.
 */
import { AppError, type ColumnarTable } from '../../schema/model';
import { parseColumn, parseBound, showCell, type ColumnCodec } from './column-codec';
import { evaluateExpression } from './expression-eval';
import { expressionColumns, isBooleanExpression, parseRuleExpression } from './expression-parser';
import { ruleColumns, ruleText } from './rule-text';
import type { TableRule } from './types';

export type Codecs = ReadonlyMap<string, ColumnCodec>;

export function cellsOf(table: ColumnarTable, column: string): (string | null)[] {
  const i = table.names.indexOf(column);
  if (i < 0) throw new AppError('rules/unknown-column', `The table has no column "${column}"`, { column });
  return table.columns[i];
}

function codecOf(codecs: Codecs, column: string): ColumnCodec {
  const c = codecs.get(column);
  if (!c) throw new AppError('rules/unknown-column', `The table has no column "${column}"`, { column });
  return c;
}

const valuesOf = (table: ColumnarTable, codecs: Codecs, column: string) => parseColumn(codecOf(codecs, column), cellsOf(table, column));

/** Combination key of a row (JSON of the cells, so `["a,b", null]` and `["a", "b"]` differ). */
export function comboKey(cols: (string | null)[][], row: number): string {
  return JSON.stringify(cols.map((c) => c[row]));
}

/** The set of value combinations present in a table. */
export function combinationsOf(table: ColumnarTable, columns: string[]): Set<string> {
  const cols = columns.map((c) => cellsOf(table, c));
  const out = new Set<string>();
  const n = cols[0]?.length ?? 0;
  for (let r = 0; r < n; r++) out.add(comboKey(cols, r));
  return out;
}

/** Half a unit of the column's last decimal: the tolerance of a derived value written with rounding. */
export function derivedTolerance(codec: ColumnCodec, v: number): number {
  const rel = 1e-9 * Math.max(1, Math.abs(v));
  return codec.kind === 'number' && codec.decimals !== null ? 0.5 * 10 ** -codec.decimals * (1 + 1e-9) + rel : rel;
}

export interface RuleTestOptions {
  /** Fixed combinations allowed (key → present); default: those of the table itself. */
  combinations?: Set<string>;
}

/** 1 = the row obeys the rule, 0 = it breaks it. */
export function testRule(rule: TableRule, table: ColumnarTable, codecs: Codecs, opts: RuleTestOptions = {}): Uint8Array {
  const n = table.columns[0]?.length ?? 0;
  const pass = new Uint8Array(n).fill(1);
  const where = `Rule "${ruleText(rule)}"`;
  switch (rule.type) {
    case 'inequality': {
      const lo = valuesOf(table, codecs, rule.low), hi = valuesOf(table, codecs, rule.high);
      for (let r = 0; r < n; r++) if (lo[r] === lo[r] && hi[r] === hi[r] && !(rule.strict ? hi[r] > lo[r] : hi[r] >= lo[r])) pass[r] = 0;
      break;
    }
    case 'range': {
      const lo = valuesOf(table, codecs, rule.low), x = valuesOf(table, codecs, rule.column), hi = valuesOf(table, codecs, rule.high);
      for (let r = 0; r < n; r++) {
        const v = x[r];
        if (v !== v) continue;
        if (lo[r] === lo[r] && !(rule.strict ? v > lo[r] : v >= lo[r])) pass[r] = 0;
        if (hi[r] === hi[r] && !(rule.strict ? v < hi[r] : v <= hi[r])) pass[r] = 0;
      }
      break;
    }
    case 'value_range': case 'positive': case 'negative': {
      const codec = codecOf(codecs, rule.column);
      const x = valuesOf(table, codecs, rule.column);
      const [min, max] = boundsOf(rule, codec, where);
      for (let r = 0; r < n; r++) {
        const v = x[r];
        if (v !== v) continue;
        if (min !== null && !(rule.strict ? v > min : v >= min)) pass[r] = 0;
        if (max !== null && !(rule.strict ? v < max : v <= max)) pass[r] = 0;
      }
      break;
    }
    case 'fixed_combinations': {
      const allowed = opts.combinations ?? combinationsOf(table, rule.columns);
      const cols = rule.columns.map((c) => cellsOf(table, c));
      for (let r = 0; r < n; r++) if (!allowed.has(comboKey(cols, r))) pass[r] = 0;
      break;
    }
    case 'unique': {
      const cols = rule.columns.map((c) => cellsOf(table, c));
      const seen = new Set<string>();
      for (let r = 0; r < n; r++) {
        if (cols.some((c) => c[r] === null)) continue;
        const k = comboKey(cols, r);
        if (seen.has(k)) pass[r] = 0; else seen.add(k);
      }
      break;
    }
    case 'derived': {
      const computed = computeDerived(rule, table, codecs, where);
      const target = codecOf(codecs, rule.column);
      const actual = valuesOf(table, codecs, rule.column);
      for (let r = 0; r < n; r++) {
        const c = computed[r], a = actual[r];
        if (c !== c || a !== a) { if ((c !== c) !== (a !== a)) pass[r] = 0; continue; }
        if (Math.abs(c - a) > derivedTolerance(target, c)) pass[r] = 0;
      }
      break;
    }
  }
  return pass;
}

/** [min, max] of a fixed-bound rule in the column's units (null = open). */
export function boundsOf(rule: TableRule, codec: ColumnCodec, where: string): [number | null, number | null] {
  if (rule.type === 'positive') return [0, null];
  if (rule.type === 'negative') return [null, 0];
  if (rule.type !== 'value_range') return [null, null];
  const min = rule.min === undefined ? null : parseBound(codec, rule.min, where);
  const max = rule.max === undefined ? null : parseBound(codec, rule.max, where);
  if (min !== null && max !== null && !(rule.strict ? min < max : min <= max)) {
    throw new AppError('rules/bad-bound', `${where}: the minimum is above the maximum`, { column: rule.column });
  }
  return [min, max];
}

/** The derived column's values as computed from its expression (NaN = missing). */
export function computeDerived(rule: Extract<TableRule, { type: 'derived' }>, table: ColumnarTable, codecs: Codecs, where: string): Float64Array {
  const ast = parseRuleExpression(rule.expression, where);
  const inputs = new Map<string, Float64Array>();
  for (const c of expressionColumns(ast)) inputs.set(c, valuesOf(table, codecs, c));
  const out = evaluateExpression(ast, inputs, table.columns[0]?.length ?? 0);
  if (isBooleanExpression(ast)) for (let r = 0; r < out.length; r++) if (out[r] === out[r]) out[r] = out[r] ? 1 : 0;
  return out;
}

/** "temp_max=12.8, temp_min=5.0" for an error message. */
export function describeRow(rule: TableRule, table: ColumnarTable, row: number, codecs: Codecs): string {
  const cols = ruleColumns(rule, (e) => expressionColumns(parseRuleExpression(e, 'rule')));
  const parts = cols.map((c) => `${c}=${showCell(cellsOf(table, c)[row])}`);
  if (rule.type === 'derived') {
    const v = computeDerived(rule, table, codecs, '')[row];
    parts.push(`expression gives ${v === v ? String(+v.toPrecision(12)) : '(missing)'}`);
  }
  return parts.join(', ');
}
