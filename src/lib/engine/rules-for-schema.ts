/**
 * Business rules for the designer (Schema tab), run in the engine worker: suggestions from a
 * table's sample and the check a new rule must pass before it is added. Both use the metadata a
 * generation run would use (`metadataForGeneration`), so a rule refused here would also be refused
 * by `generateData`, with the same message (docs/rules.md).
 */
import { AppError, type ColumnarTable, type Schema } from '../schema/model';
import { metadataForGeneration } from './generation-metadata';
import { prepareRules, suggestRules, validateCrossTableRule, validateRules, type CrossTableRule, type RuleSuggestion, type TableRule } from './rules';

export interface TableRuleCheck {
  schema: Schema;
  /** Samples by table name (at least the rule's table; both ends for a cross-table rule). */
  samples: Record<string, ColumnarTable>;
  table: string;
  rule: TableRule;
  /** The table's rules already in place: the new rule must also work together with them. */
  existing: TableRule[];
}

export interface CrossRuleCheck {
  schema: Schema;
  samples: Record<string, ColumnarTable>;
  rule: CrossTableRule;
}

/** Plain data so it crosses the worker boundary intact (Comlink drops an error's `code`). */
export type RuleVerdict = { ok: true } | { ok: false; code: string; message: string };

const refuse = (e: unknown): RuleVerdict => ({
  ok: false,
  code: e instanceof AppError ? e.code : 'rules/error',
  message: e instanceof Error ? e.message : String(e)
});

function sampleOf(samples: Record<string, ColumnarTable>, table: string, what: string): ColumnarTable {
  const s = samples[table];
  if (!s || !s.columns.length || !s.columns[0].length) throw new AppError('rules/no-sample', `${what} is checked against the sample of table "${table}", which has no sample data yet; load one first`);
  return s;
}

/** Rules that hold in all of the table's sample rows, with their evidence (never applied here). */
export function suggestTableRules(schema: Schema, samples: Record<string, ColumnarTable>, table: string): RuleSuggestion[] {
  const data = samples[table];
  if (!data || !data.columns.length || !data.columns[0].length) return [];
  const meta = metadataForGeneration(schema, { [table]: data });
  return suggestRules(data, meta.tables[table]);
}

/**
 * Checks a new table rule: its columns exist and have the right kind, it does not rewrite a key,
 * the sample obeys it (else the count and the first breaking row), and it can be kept together
 * with the rules already in place.
 */
export function checkTableRule(input: TableRuleCheck): RuleVerdict {
  try {
    const data = sampleOf(input.samples, input.table, 'A rule');
    const meta = metadataForGeneration(input.schema, { [input.table]: data }).tables[input.table];
    validateRules(data, meta, [input.rule]);
    // Only judge the combination when the existing rules work on their own (a stale one is the panel's warning, not this rule's fault).
    let existingOk = true;
    try { prepareRules(data, meta, input.existing); } catch { existingOk = false; }
    if (existingOk) prepareRules(data, meta, [...input.existing, input.rule]);
    return { ok: true };
  } catch (e) {
    return refuse(e);
  }
}

/** Checks a cross-table rule on the two samples along their relationship. */
export function checkCrossRule(input: CrossRuleCheck): RuleVerdict {
  try {
    const { rule } = input;
    const child = sampleOf(input.samples, rule.child_table, 'A cross-table rule');
    const parent = sampleOf(input.samples, rule.parent_table, 'A cross-table rule');
    const meta = metadataForGeneration(input.schema, { [rule.child_table]: child, [rule.parent_table]: parent });
    const rel = meta.relationships.find((r) => r.parent_table_name === rule.parent_table && r.child_table_name === rule.child_table);
    if (!rel) throw new AppError('rules/no-relationship', `There is no relationship ${rule.parent_table} → ${rule.child_table} to follow`);
    const key = (k: string | string[]) => {
      if (!Array.isArray(k)) return k;
      if (k.length !== 1) throw new AppError('rules/composite-key', `Cross-table rules follow single-column keys (got ${k.join(', ')})`);
      return k[0];
    };
    validateCrossTableRule(rule, child, parent, { parent_primary_key: key(rel.parent_primary_key), child_foreign_key: key(rel.child_foreign_key) },
      { child: meta.tables[rule.child_table], parent: meta.tables[rule.parent_table] });
    return { ok: true };
  } catch (e) {
    return refuse(e);
  }
}
