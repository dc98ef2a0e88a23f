/**
 * The rules part of the report: the share of rows obeying each rule, in the real and in the
 * synthetic table. Fixed combinations are judged against the combinations of the real table;
 * unique combinations count the rows that do not repeat an earlier row.
 */
import { AppError, type ColumnarTable, type SdvMetadata, type SdvTable } from '../../schema/model';
import { checkCrossTableRule } from './cross-table';
import { combinationsOf, testRule } from './row-check';
import { ruleText } from './rule-text';
import { checkRuleColumns, learnRuleCodecs } from './validate';
import { rulesOf } from './rules-file';
import type { RuleCheck, RulesFile, TableRule } from './types';

export interface RuleShare {
  rule: string;
  share: number;
  violations: number;
  rows: number;
}

const share = (pass: Uint8Array) => {
  let p = 0;
  for (const v of pass) p += v;
  return { passed: p, share: pass.length ? p / pass.length : 1 };
};

/**
 * Share of rows of `table` obeying each rule. `reference` (the real sample) supplies the allowed
 * fixed combinations and the column formats; without it the table is its own reference.
 */
export function checkRules(table: ColumnarTable, rules: readonly TableRule[], opts: { meta?: SdvTable; reference?: ColumnarTable } = {}): RuleShare[] {
  const ref = opts.reference ?? table;
  const codecs = learnRuleCodecs(ref, opts.meta, rules);
  for (const r of rules) checkRuleColumns(r, codecs, undefined);
  for (const name of codecs.keys()) {
    if (!table.names.includes(name)) throw new AppError('rules/unknown-column', `The table has no column "${name}"`, { column: name });
  }
  return rules.map((rule) => {
    const pass = testRule(rule, table, codecs, rule.type === 'fixed_combinations' ? { combinations: combinationsOf(ref, rule.columns) } : {});
    const s = share(pass);
    return { rule: ruleText(rule), share: s.share, violations: pass.length - s.passed, rows: pass.length };
  });
}

/** `[{ rule, real, synthetic }]` for one table's rules (the report's and /api/sdv/validate's "rules"). */
export function rulesReport(real: ColumnarTable, synth: ColumnarTable, rules: readonly TableRule[], meta?: SdvTable): RuleCheck[] {
  const r = checkRules(real, rules, { meta, reference: real });
  const s = checkRules(synth, rules, { meta, reference: real });
  return rules.map((_, i) => ({ rule: r[i].rule, real: r[i].share, synthetic: s[i].share }));
}

/**
 * Every rule of a rules file over a set of (real, synthetic) tables: table rules are prefixed with
 * their table name when there are several tables; cross-table rules follow their relationship in
 * `metadata`.
 */
export function rulesReportAll(data: Record<string, { real: ColumnarTable; synth: ColumnarTable }>, file: RulesFile, metadata?: SdvMetadata): RuleCheck[] {
  const out: RuleCheck[] = [];
  const several = Object.keys(data).length > 1;
  for (const table of Object.keys(file.tables)) {
    const rules = rulesOf(file, table);
    if (!rules.length) continue;
    const d = data[table];
    if (!d) throw new AppError('rules/unknown-table', `The rules name table "${table}", which is not among the scored tables (${Object.keys(data).join(', ')})`, { path: `tables.${table}` });
    for (const c of rulesReport(d.real, d.synth, rules, metadata?.tables[table])) out.push(several ? { ...c, rule: `${table}: ${c.rule}` } : c);
  }
  for (const rule of file.cross_table ?? []) {
    const child = data[rule.child_table], parent = data[rule.parent_table];
    if (!child || !parent) throw new AppError('rules/unknown-table', `Cross-table rule "${ruleText(rule)}" names a table that is not among the scored tables`);
    const rel = metadata?.relationships.find((r) => r.parent_table_name === rule.parent_table && r.child_table_name === rule.child_table);
    if (!rel) throw new AppError('rules/no-relationship', `Cross-table rule "${ruleText(rule)}": the metadata has no relationship from ${rule.parent_table} to ${rule.child_table}`);
    const fk = { parent_primary_key: keyName(rel.parent_primary_key), child_foreign_key: keyName(rel.child_foreign_key) };
    const meta = { child: metadata?.tables[rule.child_table], parent: metadata?.tables[rule.parent_table] };
    const r = checkCrossTableRule(rule, child.real, parent.real, fk, meta);
    const s = checkCrossTableRule(rule, child.synth, parent.synth, fk, meta, { reference: { child: child.real, parent: parent.real } });
    out.push({ rule: ruleText(rule), real: r.share, synthetic: s.share });
  }
  return out;
}

function keyName(k: string | string[]): string {
  if (Array.isArray(k)) {
    if (k.length !== 1) throw new AppError('rules/composite-key', `Cross-table rules follow single-column keys (got ${k.join(', ')})`);
    return k[0];
  }
  return k;
}
