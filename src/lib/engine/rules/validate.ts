/**
 * Checks rules before any work: each names existing columns of the right kind, and each holds on
 * the sample (up to `tolerance`, a share of rows, default 0). A rule the sample contradicts
 * (`temp_max < temp_min` on seattle-weather) is an error naming the rule, the count and the first
 * violating row — the reparametrisations could not even represent such rows.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../../schema/model';
import { learnCodec, type ColumnCodec } from './column-codec';
import { expressionColumns, parseRuleExpression } from './expression-parser';
import { boundsOf, cellsOf, describeRow, testRule, type Codecs } from './row-check';
import { ruleColumns, ruleText } from './rule-text';
import type { TableRule } from './types';

export interface ValidateOptions {
  /** Share of sample rows allowed to break a rule (default 0). Such rows are left out of fitting. */
  tolerance?: number;
  /**
   * Hold inequality and range rules by rejection instead of reparametrising the table (default false).
   * For synthesizers whose draws already respect order almost always — sequential CART draws real
   * values from leaves, 98–100 % of its rows obey such rules — rejection keeps their fidelity, while the
   * log-difference columns (which a copula needs) cost CART 0.03 of quality on iris.
   */
  rejectOrder?: boolean;
}

const keyList = (k: string | string[] | undefined) => (k === undefined ? [] : Array.isArray(k) ? k : [k]);

export function keyColumns(meta: SdvTable | undefined): Set<string> {
  if (!meta) return new Set();
  return new Set([...keyList(meta.primary_key), ...(meta.alternate_keys ?? []).flatMap(keyList)]);
}

/** Columns of a rule (derived: target then inputs). Parses the expression, so syntax errors surface here. */
export function columnsOfRule(rule: TableRule): string[] {
  return ruleColumns(rule, (e) => expressionColumns(parseRuleExpression(e, `Rule "${ruleText(rule)}"`)));
}

/** Learns the codec of every column the rules mention (from the sample). */
export function learnRuleCodecs(table: ColumnarTable, meta: SdvTable | undefined, rules: readonly TableRule[]): Map<string, ColumnCodec> {
  const codecs = new Map<string, ColumnCodec>();
  for (const rule of rules) {
    for (const c of columnsOfRule(rule)) {
      if (codecs.has(c)) continue;
      if (!table.names.includes(c)) {
        throw new AppError('rules/unknown-column', `Rule "${ruleText(rule)}" names column "${c}", which the table does not have (columns: ${table.names.slice(0, 12).join(', ')}${table.names.length > 12 ? ', …' : ''})`, { column: c });
      }
      codecs.set(c, learnCodec(c, cellsOf(table, c), meta?.columns[c]));
    }
  }
  return codecs;
}

const ORDERED = new Set(['number', 'datetime']);
const MODELLED = new Set(['numerical', 'categorical', 'boolean', 'datetime', 'unknown']);

/** Kinds and keys: what each rule type may be applied to. */
export function checkRuleColumns(rule: TableRule, codecs: Codecs, meta: SdvTable | undefined): void {
  const where = `Rule "${ruleText(rule)}"`;
  const kind = (c: string) => codecs.get(c)!.kind;
  const keys = keyColumns(meta);
  const needOrdered = (cols: string[]) => {
    for (const c of cols) {
      if (!ORDERED.has(kind(c))) throw new AppError('rules/column-type', `${where}: column "${c}" holds ${kind(c)} values; this rule compares numbers or datetimes`, { column: c });
    }
    if (new Set(cols.map(kind)).size > 1) throw new AppError('rules/column-type', `${where}: columns ${cols.map((c) => `"${c}" (${kind(c)})`).join(', ')} are not all the same kind`, { column: cols[0] });
    if (new Set(cols).size !== cols.length) throw new AppError('rules/column-type', `${where}: names the same column twice`, { column: cols[0] });
  };
  const writes = (c: string) => {
    if (keys.has(c) || meta?.columns[c]?.sdtype === 'id') throw new AppError('rules/key-column', `${where}: "${c}" is a key column; keys are generated, not modelled, so this rule cannot rewrite them`, { column: c });
    const col = meta?.columns[c];
    // A joint category would copy the sample's values, which PII columns must never do.
    if (col && !MODELLED.has(col.sdtype) && col.pii !== false) {
      throw new AppError('rules/pii-column', `${where}: "${c}" is a PII column (${col.sdtype}) whose values are generated fresh; a rule over it would copy real values. Mark it "pii": false to model it as a category.`, { column: c });
    }
  };
  switch (rule.type) {
    case 'inequality': needOrdered([rule.low, rule.high]); writes(rule.high); break;
    case 'range': needOrdered([rule.low, rule.column, rule.high]); writes(rule.column); writes(rule.high); break;
    case 'value_range': needOrdered([rule.column]); boundsOf(rule, codecs.get(rule.column)!, where); break;
    case 'positive': case 'negative':
      if (kind(rule.column) !== 'number') throw new AppError('rules/column-type', `${where}: column "${rule.column}" holds ${kind(rule.column)} values, not numbers`, { column: rule.column });
      break;
    case 'fixed_combinations': for (const c of rule.columns) writes(c); break;
    case 'unique': break;
    case 'derived': {
      writes(rule.column);
      const target = kind(rule.column);
      if (target !== 'number' && target !== 'boolean') throw new AppError('rules/column-type', `${where}: column "${rule.column}" holds ${target} values; a derived column must hold numbers or true/false`, { column: rule.column });
      const inputs = columnsOfRule(rule).slice(1);
      if (expressionColumns(parseRuleExpression(rule.expression, where)).includes(rule.column)) {
        throw new AppError('rules/derived-self', `${where}: the expression uses the column it defines`, { column: rule.column });
      }
      for (const c of inputs) {
        if (kind(c) !== 'number' && kind(c) !== 'boolean') throw new AppError('rules/column-type', `${where}: the expression uses "${c}", which holds ${kind(c)} values; expressions work on numbers and true/false`, { column: c });
      }
      break;
    }
  }
}

export interface SampleValidation {
  codecs: Map<string, ColumnCodec>;
  /** 1 = the row obeys every rule (rows with 0 are left out of fitting; only possible with a tolerance). */
  keep: Uint8Array;
  /** Violations per rule, in rule order. */
  violations: number[];
}

/**
 * Validates rules on the sample. Throws `rules/contradicts-sample` for the first rule broken by
 * more than `tolerance` of the rows.
 */
export function validateRules(table: ColumnarTable, meta: SdvTable | undefined, rules: readonly TableRule[], opts: ValidateOptions = {}): SampleValidation {
  const tolerance = opts.tolerance ?? 0;
  if (!(tolerance >= 0 && tolerance < 1)) throw new AppError('rules/bad-option', `The rule tolerance must be a share between 0 and 1 (got ${tolerance})`);
  const codecs = learnRuleCodecs(table, meta, rules);
  for (const rule of rules) checkRuleColumns(rule, codecs, meta);
  const n = table.columns[0]?.length ?? 0;
  const keep = new Uint8Array(n).fill(1);
  const violations: number[] = [];
  for (const rule of rules) {
    const pass = testRule(rule, table, codecs);
    let bad = 0, first = -1;
    for (let r = 0; r < n; r++) if (!pass[r]) { bad++; keep[r] = 0; if (first < 0) first = r; }
    violations.push(bad);
    if (bad > tolerance * n) {
      const pct = (100 * bad) / n;
      throw new AppError('rules/contradicts-sample',
        `Rule "${ruleText(rule)}" is broken by ${bad} of ${n} sample rows (${pct < 0.1 ? pct.toPrecision(2) : pct.toFixed(1)}%); first at row ${first + 1}: ${describeRow(rule, table, first, codecs)}. Check the rule against the sample${tolerance > 0 ? ` (tolerance ${tolerance})` : ''}.`,
        { column: columnsOfRule(rule)[0], line: first + 2 }, { rule, violations: bad, rows: n, firstRow: first + 1 });
    }
  }
  return { codecs, keep, violations };
}
