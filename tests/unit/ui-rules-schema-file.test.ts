import { describe, expect, it } from 'vitest';
import { AppError, type Schema } from '../../src/lib/schema/model';
import { parseSchemaFile, serializeSchemaFile, type FileRules } from '../../src/lib/schema/formats/schema-file';
import { parseRulesFile } from '../../src/lib/engine/rules';
import { fromRulesFile, ruleKey, toRulesFile } from '../../src/lib/state/rules-convert';
import { buildRequest } from '../../src/lib/state/run.svelte';
import type { ProjectDoc } from '../../src/lib/db/commands';
import { col, table } from './ui-fixtures';

function shop(): Schema {
  const customers = table('customers', [col('id', 'integer', { is_primary_key: true }), col('signup_date', 'date'), col('city', 'string'), col('state', 'string')]);
  const orders = table('orders', [col('id', 'integer', { is_primary_key: true }), col('customer_id'), col('price', 'float'), col('qty'), col('total', 'float'), col('date', 'date')]);
  return {
    tables: [customers, orders],
    relationships: [{ id: 'r1', source_table_id: customers.id, source_column_id: customers.columns[0].id, target_table_id: orders.id, target_column_id: orders.columns[1].id, relationship_type: 'one-to-many', created_at: '2024-01-01T00:00:00.000Z' }]
  };
}

/** Every rule type of docs/rules.md. */
const RULES: FileRules = {
  version: 1,
  tables: {
    customers: [{ type: 'fixed_combinations', columns: ['city', 'state'] }, { type: 'value_range', column: 'signup_date', min: '2020-01-01' }],
    orders: [
      { type: 'positive', column: 'qty', strict: true },
      { type: 'negative', column: 'total' },
      { type: 'inequality', low: 'price', high: 'total' },
      { type: 'range', low: 'qty', column: 'price', high: 'total', strict: true },
      { type: 'value_range', column: 'price', min: 0, max: 100 },
      { type: 'unique', columns: ['customer_id', 'date'] },
      { type: 'derived', column: 'total', expression: 'round(price * qty, 2)' }
    ]
  },
  cross_table: [{ type: 'cross_table', child_table: 'orders', child_column: 'date', op: '>=', parent_table: 'customers', parent_column: 'signup_date' }]
};

function fail(text: string): AppError & { details?: { code: string; path: string; message: string }[] } {
  try { parseSchemaFile(text, 'x.schema.json'); } catch (e) { expect(e).toBeInstanceOf(AppError); return e as never; }
  throw new Error('expected an AppError');
}

const withRules = (rules: unknown) => JSON.stringify({ ...JSON.parse(serializeSchemaFile({ name: 'Shop', schema: shop() })), rules });

describe('schema file: business rules', () => {
  it('round-trips every rule type, and the engine reads the same rules', () => {
    const text = serializeSchemaFile({ name: 'Shop', schema: shop(), rules: RULES });
    const { file, problems } = parseSchemaFile(text);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(file.rules).toEqual(RULES);
    // The schema file's "rules" is a valid rules file (docs/rules.md): the CLI and generateData read it as is.
    expect(parseRulesFile(JSON.parse(text).rules)).toEqual(RULES);
  });

  it('writes no "rules" key when there are none, and reads files without one', () => {
    const text = serializeSchemaFile({ name: 'Shop', schema: shop(), rules: { tables: { orders: [] } } });
    expect(JSON.parse(text)).not.toHaveProperty('rules');
    expect(parseSchemaFile(text).file.rules).toBeUndefined();
  });

  it('refuses a typo in a rule, a missing bound, a bad operator, with the JSON path', () => {
    let e = fail(withRules({ tables: { orders: [{ type: 'inequality', low: 'price', hihg: 'total' }] } }));
    expect(e.code).toBe('schema-file/invalid');
    expect(e.details!.map((p) => p.path).join(' ')).toMatch(/rules\.tables\.orders\[0\]/);
    e = fail(withRules({ tables: { orders: [{ type: 'value_range', column: 'price' }] } }));
    expect(e.message).toMatch(/min.*max/);
    e = fail(withRules({ tables: {}, cross_table: [{ type: 'cross_table', child_table: 'orders', child_column: 'date', op: '=>', parent_table: 'customers', parent_column: 'signup_date' }] }));
    expect(e.details![0].path).toMatch(/rules\.cross_table\[0\]\.op/);
    e = fail(withRules({ tables: { orders: [{ type: 'eval', code: 'alert(1)' }] } }));
    expect(e.code).toBe('schema-file/invalid');
  });

  it('refuses rules naming a table, column or relationship the file does not have', () => {
    let e = fail(withRules({ tables: { order: [{ type: 'positive', column: 'qty' }] } }));
    expect(e.message).toContain('Rules name table "order", which the file does not have');
    e = fail(withRules({ tables: { orders: [{ type: 'positive', column: 'quantity' }] } }));
    expect(e.message).toContain('names column "quantity", which the table does not have');
    expect(e.details![0].path).toBe('rules.tables.orders[0]');
    e = fail(withRules({ tables: {}, cross_table: [{ type: 'cross_table', child_table: 'customers', child_column: 'signup_date', op: '>=', parent_table: 'orders', parent_column: 'date' }] }));
    expect(e.message).toContain('needs a relationship orders → customers');
  });
});

describe('project rules ⇄ rules JSON', () => {
  it('stored rules (by table id, relationship id) round-trip through the rules JSON (by name)', () => {
    const s = shop();
    const stored = fromRulesFile(s, RULES);
    expect(Object.keys(stored.tables)).toEqual([s.tables[0].id, s.tables[1].id]);
    expect(stored.cross_table).toEqual([{ relationship_id: 'r1', child_column: 'date', op: '>=', parent_column: 'signup_date' }]);
    expect(toRulesFile(s, stored).rules).toEqual(RULES);
    // A renamed table keeps its rules: they are keyed by id.
    s.tables[1].name = 'purchases';
    expect(toRulesFile(s, stored).rules!.tables.purchases).toEqual(RULES.tables.orders);
    expect(toRulesFile(s, stored).rules!.cross_table![0].child_table).toBe('purchases');
  });

  it('a cross-table rule whose relationship is gone is skipped (listed) or, for generation, refused by name', () => {
    const s = shop();
    const stored = fromRulesFile(s, RULES);
    s.relationships = [];
    const out = toRulesFile(s, stored);
    expect(out.rules!.cross_table).toBeUndefined();
    expect(out.skipped).toEqual(stored.cross_table);
    expect(() => toRulesFile(s, stored, { strict: true })).toThrow(/date >= signup_date follows a relationship that was removed/);
  });

  it('fromRulesFile names an unknown table or missing relationship', () => {
    expect(() => fromRulesFile(shop(), { tables: { nope: [{ type: 'positive', column: 'x' }] } })).toThrow(/table "nope"/);
    expect(() => fromRulesFile(shop(), { tables: {}, cross_table: [{ ...RULES.cross_table![0], parent_table: 'orders', child_table: 'customers' }] })).toThrow(/orders → customers/);
  });

  it('ruleKey ignores key order and strict: false', () => {
    expect(ruleKey({ type: 'inequality', low: 'a', high: 'b' })).toBe(ruleKey({ high: 'b', strict: false, low: 'a', type: 'inequality' }));
    expect(ruleKey({ type: 'inequality', low: 'a', high: 'b' })).not.toBe(ruleKey({ type: 'inequality', low: 'a', high: 'b', strict: true }));
  });
});

describe('buildRequest carries the rules', () => {
  function doc(): ProjectDoc {
    const s = shop();
    return {
      project: { id: 'p', name: 'p', settings: { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 3 }, created_at: '', updated_at: '', rules: fromRulesFile(s, RULES) },
      schema: s,
      samples: new Map()
    };
  }

  it('rules by table name, cross-table rules along their relationship', () => {
    expect(buildRequest(doc()).rules).toEqual(RULES);
  });

  it('no rules: no "rules" key; an orphaned cross-table rule stops the run with its reason', () => {
    const d = doc();
    d.project.rules = undefined;
    expect(buildRequest(d)).not.toHaveProperty('rules');
    const o = doc();
    o.schema.relationships = [];
    expect(() => buildRequest(o)).toThrow(expect.objectContaining({ code: 'rules/orphaned' }));
  });
});

describe('download then open: the rules come back', () => {
  it('schema file export writes the rules by table name; importing it adds them to the new tables in the same undo step', async () => {
    const { schemaFileExport } = await import('../../src/lib/state/schema-export');
    const { readSchemaPart } = await import('../../src/lib/state/import-read');
    const { buildImportPlan, defaultChoices } = await import('../../src/lib/state/import-plan');
    const { importCommand } = await import('../../src/lib/state/import-command');
    const { applyCommand, invertCommand } = await import('../../src/lib/db/commands');
    const s = shop();
    const project = { id: 'p', name: 'Shop', settings: { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 3 }, created_at: '', updated_at: '', rules: fromRulesFile(s, RULES) };
    const f = schemaFileExport({ project, schema: s, samples: new Map() }, { includeSamples: false });
    expect(parseSchemaFile(f.text).file.rules).toEqual(RULES);

    const part = await readSchemaPart('schema-file', f.text, f.fileName, 'k');
    const plan = buildImportPlan([part], defaultChoices(), { existing: { tables: [], relationships: [] }, newProject: true });
    expect(plan.errors).toEqual([]);
    expect(plan.notes.map((n) => n.message)).toContain('10 business rules');
    const target: ProjectDoc = { project: { ...project, id: 'q', rules: undefined }, schema: { tables: [], relationships: [] }, samples: new Map() };
    const cmd = importCommand(plan, target, new Map(), 'import');
    applyCommand(target, cmd);
    // New ids, same rules by name.
    expect(Object.keys(target.project.rules!.tables)).not.toContain(s.tables[1].id);
    expect(toRulesFile(target.schema, target.project.rules).rules).toEqual(RULES);
    applyCommand(target, invertCommand(cmd));
    expect(target.project.rules).toBeUndefined();
  });
});
