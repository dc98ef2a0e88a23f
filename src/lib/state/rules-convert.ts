/**
 * A project's business rules as stored (`ProjectRules`: keyed by table id, cross-table rules by
 * relationship id) ⇄ the rules JSON of docs/rules.md (`FileRules`: keyed by table name, cross-table
 * rules by table names) that generation, the schema file and the CLI read. Pure.
 */
import { AppError, type Schema } from '$lib/schema/model';
import type { FileCrossTableRule, FileRules, FileTableRule } from '$lib/schema/formats/schema-file';
import type { ProjectRules, StoredCrossRule } from '$lib/db/db';

/** Stable identity of a rule (key order and `strict: false` do not matter): finds duplicates and dismissed suggestions. */
export function ruleKey(rule: FileTableRule | StoredCrossRule): string {
  const o = rule as unknown as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined && !(k === 'strict' && o[k] === false)).sort();
  return JSON.stringify(keys.map((k) => [k, o[k]]));
}

/** The cross-table rule a stored one stands for, or null when its relationship is gone. */
export function resolveCrossRule(schema: Schema, r: StoredCrossRule): FileCrossTableRule | null {
  const rel = schema.relationships.find((x) => x.id === r.relationship_id);
  const parent = rel && schema.tables.find((t) => t.id === rel.source_table_id);
  const child = rel && schema.tables.find((t) => t.id === rel.target_table_id);
  if (!parent || !child) return null;
  return { type: 'cross_table', child_table: child.name, child_column: r.child_column, op: r.op, parent_table: parent.name, parent_column: r.parent_column };
}

/**
 * Stored rules → rules JSON (tables by name). Rules of removed tables are left out (undoing the
 * removal brings them back). A cross-table rule whose relationship was removed cannot be expressed:
 * with `strict` that is an error naming it, otherwise it is left out and listed in `skipped`.
 */
export function toRulesFile(schema: Schema, rules: ProjectRules | undefined, opts: { strict?: boolean } = {}): { rules: FileRules | undefined; skipped: StoredCrossRule[] } {
  if (!rules) return { rules: undefined, skipped: [] };
  const out: FileRules = { version: 1, tables: {} };
  for (const t of schema.tables) {
    const list = rules.tables[t.id];
    if (list?.length) out.tables[t.name] = JSON.parse(JSON.stringify(list));
  }
  const skipped: StoredCrossRule[] = [];
  const cross: FileCrossTableRule[] = [];
  for (const r of rules.cross_table ?? []) {
    const resolved = resolveCrossRule(schema, r);
    if (resolved) { cross.push(resolved); continue; }
    if (opts.strict) {
      throw new AppError('rules/orphaned', `The cross-table rule on ${r.child_column} ${r.op} ${r.parent_column} follows a relationship that was removed; delete the rule (Schema tab, Business rules) or restore the relationship`);
    }
    skipped.push(r);
  }
  if (cross.length) out.cross_table = cross;
  if (!Object.keys(out.tables).length && !cross.length) return { rules: undefined, skipped };
  return { rules: out, skipped };
}

/**
 * Rules JSON (e.g. from a schema file) → stored rules for `schema`. Table names become ids;
 * a cross-table rule becomes the relationship parent → child it follows. Throws AppError naming the
 * first table or relationship the schema does not have.
 */
export function fromRulesFile(schema: Schema, file: FileRules): ProjectRules {
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const out: ProjectRules = { tables: {} };
  for (const [name, list] of Object.entries(file.tables)) {
    if (!list.length) continue;
    const t = byName.get(name);
    if (!t) throw new AppError('rules/unknown-table', `The rules name table "${name}", which the schema does not have`, { path: `rules.tables.${name}` });
    out.tables[t.id] = JSON.parse(JSON.stringify(list));
  }
  const cross: StoredCrossRule[] = [];
  for (const [i, r] of (file.cross_table ?? []).entries()) {
    const parent = byName.get(r.parent_table), child = byName.get(r.child_table);
    const rel = parent && child && schema.relationships.find((x) => x.source_table_id === parent.id && x.target_table_id === child.id);
    if (!rel) throw new AppError('rules/no-relationship', `Cross-table rule ${i + 1} needs a relationship ${r.parent_table} → ${r.child_table}, which the schema does not have`, { path: `rules.cross_table.${i}` });
    cross.push({ relationship_id: rel.id, child_column: r.child_column, op: r.op, parent_column: r.parent_column });
  }
  if (cross.length) out.cross_table = cross;
  return out;
}

/** Columns a table rule names directly (a derived rule: its target; the expression's columns come from the parser). */
export function namedColumns(rule: FileTableRule): string[] {
  switch (rule.type) {
    case 'inequality': return [rule.low, rule.high];
    case 'range': return [rule.low, rule.column, rule.high];
    case 'fixed_combinations': case 'unique': return [...rule.columns];
    default: return [rule.column];
  }
}
