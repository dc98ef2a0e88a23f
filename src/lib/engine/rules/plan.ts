/**
 * The rules wrapper around any synthesizer: `prepareRules` validates the rules on the sample and
 * rewrites the table (and its metadata) so that the synthesizer models reparametrised columns;
 * `reverseRules` turns sampled rows back into the original columns. The plan is plain JSON (store
 * it next to the model). Steps run in an order where a step that rewrites a column runs (forward)
 * after every step that reads it, so its reverse runs first; a rule that cannot be ordered or
 * shares a rewritten column with another is left to rejection sampling (see sample.ts).
 */
import { AppError, type ColumnarTable, type SdvColumn, type SdvTable } from '../../schema/model';
import { boundsOf, combinationsOf, type Codecs } from './row-check';
import { ruleText } from './rule-text';
import { forwardStep, fromWork, reverseStep, stepColumns, toWork, type Step } from './steps';
import { columnsOfRule, keyColumns, validateRules, type ValidateOptions } from './validate';
import type { ColumnCodec } from './column-codec';
import type { TableRule } from './types';

export const RULE_PLAN_FORMAT = 'synthetic-data-studio/rules-plan';

export interface RulePlan {
  format: typeof RULE_PLAN_FORMAT;
  version: 1;
  /** The sample's column order (restored after sampling). */
  names: string[];
  rules: TableRule[];
  codecs: Record<string, ColumnCodec>;
  /** Forward order; reversed after sampling. */
  steps: Step[];
  /** Rules held by construction (indices into `rules`). */
  enforced: number[];
  /** Rules only held by rejecting sampled rows (unique combinations, rules that collide). */
  rejected: number[];
  /** Allowed combinations per fixed-combination rule index (from the sample). */
  combinations: Record<number, string[]>;
  /** Primary-key columns (kept unique when rows are drawn in several passes). */
  keys: string[];
  /** Sample rows left out of fitting because they broke a rule (only with a tolerance). */
  droppedRows: number;
}

export interface PreparedRules {
  /** The table to fit (reparametrised). */
  table: ColumnarTable;
  /** Its metadata (new columns: numerical Float or categorical). */
  meta: SdvTable;
  plan: RulePlan;
}

/** A name not yet used by the table: `base`, `base#2`, … */
function freshName(base: string, used: Set<string>): string {
  let name = base;
  for (let k = 2; used.has(name); k++) name = `${base}#${k}`;
  used.add(name);
  return name;
}

function stepFor(rule: TableRule, index: number, used: Set<string>, codecs: Codecs): Step | null {
  switch (rule.type) {
    case 'inequality': return { kind: 'log-diff', rule: index, low: rule.low, high: rule.high, model: freshName(`${rule.high}#minus#${rule.low}`, used), strict: !!rule.strict };
    case 'range': return {
      kind: 'range', rule: index, low: rule.low, column: rule.column, high: rule.high, strict: !!rule.strict,
      modelColumn: freshName(`${rule.column}#minus#${rule.low}`, used), modelHigh: freshName(`${rule.high}#minus#${rule.column}`, used)
    };
    case 'value_range': case 'positive': case 'negative': {
      const [min, max] = boundsOf(rule, codecs.get(rule.column)!, `Rule "${ruleText(rule)}"`);
      return { kind: 'clip', rule: index, column: rule.column, min, max, strict: !!rule.strict };
    }
    case 'derived': return { kind: 'derived', rule: index, column: rule.column, expression: rule.expression, inputs: columnsOfRule(rule).slice(1) };
    case 'fixed_combinations': case 'unique': return null;
  }
}

/** Fixed combinations that share a column become one joint column over the union of their columns. */
function mergeCombinations(rules: readonly TableRule[], used: Set<string>): Step[] {
  const groups: { rules: number[]; columns: string[] }[] = [];
  rules.forEach((r, i) => {
    if (r.type !== 'fixed_combinations') return;
    const hit = groups.filter((g) => g.columns.some((c) => r.columns.includes(c)));
    const merged = { rules: [...hit.flatMap((g) => g.rules), i], columns: [...hit.flatMap((g) => g.columns)] };
    for (const c of r.columns) if (!merged.columns.includes(c)) merged.columns.push(c);
    for (const g of hit) groups.splice(groups.indexOf(g), 1);
    groups.push(merged);
  });
  return groups.map((g) => ({ kind: 'combination', rules: g.rules.sort((a, b) => a - b), columns: g.columns, model: freshName(g.columns.join('#'), used) }));
}

const intersects = (a: string[], b: string[]) => a.some((x) => b.includes(x));
const ruleIndex = (s: Step) => (s.kind === 'combination' ? s.rules[0] : s.rule);

/**
 * Orders steps (Kahn's algorithm, stable in rule order): j before i when j reads a column i
 * rewrites; a clip runs before (so reverses after) another step rewriting its column. Steps that
 * collide (two rewrite the same column) or form a cycle are dropped: returned in `demoted`.
 */
function orderSteps(steps: Step[]): { ordered: Step[]; demoted: Step[] } {
  const demoted: Step[] = [];
  let live = [...steps].sort((a, b) => ruleIndex(a) - ruleIndex(b));
  // Write/write collisions: keep the earlier rule, except that a clip may share with a log-diff or range.
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const a = live[i], b = live[j];
      if (!intersects(stepColumns(a).writes, stepColumns(b).writes)) continue;
      const clipOk = (c: Step, o: Step) => c.kind === 'clip' && (o.kind === 'log-diff' || o.kind === 'range' || o.kind === 'clip');
      if (clipOk(a, b) || clipOk(b, a)) continue;
      const drop = a.kind === 'clip' ? a : b;
      demoted.push(drop);
      live = live.filter((s) => s !== drop);
      i = -1;
      break;
    }
  }
  const before = (j: Step, i: Step) => {
    // true when j must run (forward) before i
    const cj = stepColumns(j), ci = stepColumns(i);
    if (intersects(cj.reads, ci.writes)) return true;
    if (j.kind === 'clip' && i.kind !== 'clip' && intersects(cj.writes, ci.writes)) return true;
    return false;
  };
  const ordered: Step[] = [];
  while (live.length) {
    const ready = live.find((i) => !live.some((j) => j !== i && before(j, i)));
    if (ready) { ordered.push(ready); live = live.filter((s) => s !== ready); continue; }
    const drop = live.reduce((a, b) => (ruleIndex(b) > ruleIndex(a) ? b : a));
    demoted.push(drop);
    live = live.filter((s) => s !== drop);
  }
  return { ordered, demoted };
}

function modelColumnMeta(step: Step): [string, SdvColumn][] {
  switch (step.kind) {
    case 'log-diff': return [[step.model, { sdtype: 'numerical', computer_representation: 'Float' }]];
    case 'range': return [[step.modelColumn, { sdtype: 'numerical', computer_representation: 'Float' }], [step.modelHigh, { sdtype: 'numerical', computer_representation: 'Float' }]];
    case 'combination': return [[step.model, { sdtype: 'categorical' }]];
    default: return [];
  }
}

/**
 * Validates `rules` on the sample (throws `rules/contradicts-sample` before any work) and rewrites
 * the table for fitting. With no rules the table and metadata pass through unchanged.
 */
export function prepareRules(table: ColumnarTable, meta: SdvTable, rules: readonly TableRule[], opts: ValidateOptions = {}): PreparedRules {
  for (const c of table.names) {
    if (!meta.columns[c]) throw new AppError('rules/no-metadata', `No metadata for column "${c}"`, { column: c });
  }
  const { codecs, keep } = validateRules(table, meta, rules, opts);
  let droppedRows = 0;
  let sample = table;
  if (keep.includes(0)) {
    const rows: number[] = [];
    keep.forEach((k, r) => { if (k) rows.push(r); });
    droppedRows = keep.length - rows.length;
    sample = { names: table.names, columns: table.columns.map((c) => rows.map((r) => c[r])) };
  }
  const used = new Set(table.names);
  const steps: Step[] = [...mergeCombinations(rules, used)];
  rules.forEach((r, i) => {
    if (opts.rejectOrder && (r.type === 'inequality' || r.type === 'range')) return;
    const s = stepFor(r, i, used, codecs);
    if (s) steps.push(s);
  });
  const { ordered } = orderSteps(steps);

  const w = toWork(sample);
  for (const s of ordered) forwardStep(s, w, codecs);
  const columns: Record<string, SdvColumn> = {};
  const added = new Map(ordered.flatMap(modelColumnMeta));
  for (const c of w.order) columns[c] = added.get(c) ?? meta.columns[c];

  const enforced = ordered.flatMap((s) => (s.kind === 'combination' ? s.rules : [s.rule])).sort((a, b) => a - b);
  const rejected = rules.map((_, i) => i).filter((i) => !enforced.includes(i));
  const combinations: Record<number, string[]> = {};
  rules.forEach((r, i) => { if (r.type === 'fixed_combinations') combinations[i] = [...combinationsOf(sample, r.columns)]; });
  const keys = [...keyColumns({ columns: {}, primary_key: meta.primary_key })];
  return {
    table: fromWork(w),
    meta: { ...meta, columns },
    plan: {
      format: RULE_PLAN_FORMAT, version: 1, names: [...table.names], rules: [...rules], codecs: Object.fromEntries(codecs),
      steps: ordered, enforced, rejected, combinations, keys, droppedRows
    }
  };
}

export function planCodecs(plan: RulePlan): Map<string, ColumnCodec> {
  return new Map(Object.entries(plan.codecs));
}

/** Sampled rows of the reparametrised table → the original columns, in the sample's order. */
export function reverseRules(plan: RulePlan, sampled: ColumnarTable): ColumnarTable {
  const codecs = planCodecs(plan);
  const w = toWork(sampled);
  for (let i = plan.steps.length - 1; i >= 0; i--) reverseStep(plan.steps[i], w, codecs);
  for (const c of plan.names) {
    if (!w.cells.has(c)) throw new AppError('rules/missing-column', `The sampled table has no column "${c}" (was it fitted on the table prepareRules returned?)`, { column: c });
  }
  return fromWork(w, plan.names);
}
