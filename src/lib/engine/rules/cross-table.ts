/**
 * Cross-table rules along a relationship: `child.column <op> parent.column` for every child row and
 * the parent row its foreign key points to (`invoice.date >= customer.signup_date`). Checking, the
 * up-front validation on the sample, and a repair the multi-table sampler calls after it has drawn
 * both tables: a breaking child value is mirrored across the parent's value (keeping its distance,
 * so values do not pile up on the bound), kept within the child column's sample range, and written
 * in the child column's format.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../../schema/model';
import { formatValue, gridAtLeast, gridAtMost, learnCodec, parseColumn, showCell, snap, type ColumnCodec } from './column-codec';
import { cellsOf } from './row-check';
import { ruleText } from './rule-text';
import type { CrossTableRule } from './types';

/** The relationship a cross-table rule follows (single-column keys). */
export interface ForeignKey { parent_primary_key: string; child_foreign_key: string }

export interface CrossTableCheck {
  /** Share of child rows obeying the rule (rows without a parent or with a missing value are exempt). */
  share: number;
  violations: number;
  rows: number;
  /** First breaking child row (0-based) with both values. */
  first: { row: number; child: string | null; parent: string | null } | null;
}

export interface CrossTableOptions {
  /** Real tables whose formats the codecs are learned from (default: the tables themselves). */
  reference?: { child: ColumnarTable; parent: ColumnarTable };
}

interface Prepared { cc: ColumnCodec; pc: ColumnCodec; childV: Float64Array; parentOf: Float64Array }

function prepare(rule: CrossTableRule, child: ColumnarTable, parent: ColumnarTable, fk: ForeignKey, meta: { child?: SdvTable; parent?: SdvTable } = {}, opts: CrossTableOptions = {}): Prepared {
  const where = `Cross-table rule "${ruleText(rule)}"`;
  const need = (t: ColumnarTable, c: string, table: string) => {
    if (!t.names.includes(c)) throw new AppError('rules/unknown-column', `${where}: table "${table}" has no column "${c}"`, { column: c });
  };
  need(child, rule.child_column, rule.child_table); need(child, fk.child_foreign_key, rule.child_table);
  need(parent, rule.parent_column, rule.parent_table); need(parent, fk.parent_primary_key, rule.parent_table);
  const refChild = opts.reference?.child ?? child, refParent = opts.reference?.parent ?? parent;
  const cc = learnCodec(rule.child_column, cellsOf(refChild, rule.child_column), meta.child?.columns[rule.child_column]);
  const pc = learnCodec(rule.parent_column, cellsOf(refParent, rule.parent_column), meta.parent?.columns[rule.parent_column]);
  if ((cc.kind !== 'number' && cc.kind !== 'datetime') || cc.kind !== pc.kind) {
    throw new AppError('rules/column-type', `${where}: compares ${cc.kind} with ${pc.kind} values; both columns must hold numbers, or both datetimes`, { column: rule.child_column });
  }
  const pv = parseColumn(pc, cellsOf(parent, rule.parent_column));
  const byKey = new Map<string, number>();
  cellsOf(parent, fk.parent_primary_key).forEach((k, r) => { if (k !== null && !byKey.has(k)) byKey.set(k, pv[r]); });
  const fks = cellsOf(child, fk.child_foreign_key);
  const parentOf = new Float64Array(fks.length);
  for (let r = 0; r < fks.length; r++) { const v = fks[r] === null ? undefined : byKey.get(fks[r]!); parentOf[r] = v === undefined ? NaN : v; }
  return { cc, pc, childV: parseColumn(cc, cellsOf(child, rule.child_column)), parentOf };
}

const holds = (op: CrossTableRule['op'], c: number, p: number) => (op === '>=' ? c >= p : op === '>' ? c > p : op === '<=' ? c <= p : c < p);

export function checkCrossTableRule(rule: CrossTableRule, child: ColumnarTable, parent: ColumnarTable, fk: ForeignKey, meta: { child?: SdvTable; parent?: SdvTable } = {}, opts: CrossTableOptions = {}): CrossTableCheck {
  const { childV, parentOf } = prepare(rule, child, parent, fk, meta, opts);
  let bad = 0, first = -1;
  for (let r = 0; r < childV.length; r++) {
    const c = childV[r], p = parentOf[r];
    if (c !== c || p !== p || holds(rule.op, c, p)) continue;
    bad++;
    if (first < 0) first = r;
  }
  const n = childV.length;
  const pkRow = first < 0 ? -1 : cellsOf(parent, fk.parent_primary_key).indexOf(cellsOf(child, fk.child_foreign_key)[first]);
  return {
    share: n ? (n - bad) / n : 1, violations: bad, rows: n,
    first: first < 0 ? null : { row: first, child: cellsOf(child, rule.child_column)[first], parent: cellsOf(parent, rule.parent_column)[pkRow] ?? null }
  };
}

/** Throws `rules/contradicts-sample` when the real tables break the rule in more than `tolerance` of the child rows. */
export function validateCrossTableRule(rule: CrossTableRule, child: ColumnarTable, parent: ColumnarTable, fk: ForeignKey, meta: { child?: SdvTable; parent?: SdvTable } = {}, tolerance = 0): CrossTableCheck {
  const c = checkCrossTableRule(rule, child, parent, fk, meta);
  if (c.violations > tolerance * c.rows && c.first) {
    throw new AppError('rules/contradicts-sample',
      `Rule "${ruleText(rule)}" is broken by ${c.violations} of ${c.rows} sample rows of ${rule.child_table}; first at row ${c.first.row + 1}: ${rule.child_column}=${showCell(c.first.child)}, ${rule.parent_table}.${rule.parent_column}=${showCell(c.first.parent)}. Check the rule against the sample.`,
      { column: rule.child_column, line: c.first.row + 2 }, { rule, violations: c.violations, rows: c.rows, firstRow: c.first.row + 1 });
  }
  return c;
}

/**
 * Returns the child table with every breaking value repaired (other cells untouched):
 * v' = 2·parent − v, capped at the child column's sample range when that still obeys the rule,
 * snapped to the column's grid (decimals, datetime unit) and stepped past the bound if needed.
 */
export function repairCrossTable(rule: CrossTableRule, child: ColumnarTable, parent: ColumnarTable, fk: ForeignKey, meta: { child?: SdvTable; parent?: SdvTable } = {}, opts: CrossTableOptions = {}): ColumnarTable {
  const { cc, childV, parentOf } = prepare(rule, child, parent, fk, meta, opts);
  if (cc.kind !== 'number' && cc.kind !== 'datetime') return child;
  const ci = child.names.indexOf(rule.child_column);
  let cells: (string | null)[] | null = null;
  const upward = rule.op === '>=' || rule.op === '>';
  const strict = rule.op === '>' || rule.op === '<';
  for (let r = 0; r < childV.length; r++) {
    const c = childV[r], p = parentOf[r];
    if (c !== c || p !== p || holds(rule.op, c, p)) continue;
    let v = 2 * p - c;
    if (upward && Number.isFinite(cc.max)) v = Math.min(v, Math.max(cc.max, p));
    if (!upward && Number.isFinite(cc.min)) v = Math.max(v, Math.min(cc.min, p));
    v = snap(cc, v);
    if (!holds(rule.op, v, p)) v = upward ? gridAtLeast(cc, p, strict) : gridAtMost(cc, p, strict);
    cells ??= child.columns[ci].slice();
    cells[r] = formatValue(cc, v);
  }
  if (!cells) return child;
  return { names: child.names, columns: child.columns.map((col, i) => (i === ci ? cells! : col)) };
}
