import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { duplicateProject } from '../../src/lib/db/projects';
import { applyCommand, clone, describeCommand, invertCommand, touchedBy, type Command, type ProjectDoc } from '../../src/lib/db/commands';
import { loadProjectDoc } from '../../src/lib/db/schema-repo';
import { renameInExpression, renameRuleColumn } from '../../src/lib/db/rule-rename';
import { parseExpression, expressionColumns } from '../../src/lib/engine/rules/expression-parser';
import { col, freshDoc, runCommand, table } from './ui-fixtures';

const run = runCommand;

const view = (doc: ProjectDoc) => ({ schema: doc.schema, rules: doc.project.rules });

function shopTables() {
  const customers = table('customers', [col('id', 'integer', { is_primary_key: true }), col('signup_date', 'date')]);
  const orders = table('orders', [col('id', 'integer', { is_primary_key: true }), col('customer_id'), col('price', 'float'), col('qty'), col('total', 'float'), col('date', 'date')]);
  const rel = { id: 'r1', source_table_id: customers.id, source_column_id: customers.columns[0].id, target_table_id: orders.id, target_column_id: orders.columns[1].id, relationship_type: 'one-to-many' as const, created_at: '2024-01-01T00:00:00.000Z' };
  return { customers, orders, rel };
}

describe('rule commands: apply, invert, persist', () => {
  it('every rule command undoes to the previous state, in memory and in IndexedDB', async () => {
    const { d, doc } = await freshDoc();
    const { customers, orders, rel } = shopTables();
    const steps: Command[] = [
      { kind: 'table.add', table: customers, index: 0, relationships: [] },
      { kind: 'table.add', table: orders, index: 1, relationships: [] },
      { kind: 'relationship.add', relationship: rel },
      { kind: 'rule.add', tableId: orders.id, rule: { type: 'positive', column: 'qty', strict: true }, index: 0 },
      { kind: 'rule.add', tableId: orders.id, rule: { type: 'derived', column: 'total', expression: 'round(price * qty, 2)' }, index: 1 },
      { kind: 'rule.add', tableId: orders.id, rule: { type: 'value_range', column: 'price', min: 0, max: 1000 }, index: 0 },
      { kind: 'crossRule.add', rule: { relationship_id: 'r1', child_column: 'date', op: '>=', parent_column: 'signup_date' }, index: 0 },
      { kind: 'ruleSuggestion.dismiss', tableId: orders.id, key: 'k1' },
      { kind: 'column.update', tableId: orders.id, columnId: orders.columns[3].id, before: { name: 'qty' }, after: { name: 'quantity' } },
      { kind: 'column.update', tableId: customers.id, columnId: customers.columns[1].id, before: { name: 'signup_date' }, after: { name: 'joined' } },
      { kind: 'rule.remove', tableId: orders.id, rule: { type: 'value_range', column: 'price', min: 0, max: 1000 }, index: 0 },
      { kind: 'table.update', tableId: orders.id, before: { name: 'orders' }, after: { name: 'purchases' } }
    ];
    const history: ReturnType<typeof view>[] = [];
    for (const c of steps) {
      history.push(clone(view((await loadProjectDoc(d, doc.project.id))!)));
      const back = await run(d, doc, c);
      expect(view(back)).toEqual(view(doc));
    }
    // After the renames: the rules follow the columns (the expression too), keyed by table id so the table rename keeps them.
    expect(doc.project.rules).toEqual({
      tables: { [orders.id]: [{ type: 'positive', column: 'quantity', strict: true }, { type: 'derived', column: 'total', expression: 'round(price * quantity, 2)' }] },
      cross_table: [{ relationship_id: 'r1', child_column: 'date', op: '>=', parent_column: 'joined' }],
      dismissed: { [orders.id]: ['k1'] }
    });
    for (let i = steps.length - 1; i >= 0; i--) {
      const back = await run(d, doc, invertCommand(steps[i]));
      expect(view(back)).toEqual(history[i]);
      expect(view(doc)).toEqual(history[i]);
    }
    // Back at the start, no empty rules object is left on the project row.
    expect('rules' in (await d.projects.get(doc.project.id))!).toBe(false);
  });

  it('rule commands touch only the project row and read as rule edits in the undo button', () => {
    const c: Command = { kind: 'rule.add', tableId: 't', rule: { type: 'unique', columns: ['a'] }, index: 0 };
    const t = touchedBy(c);
    expect(t.project).toBe(true);
    expect([...t.tables, ...t.columnsOf, ...t.relationships, ...t.samples]).toEqual([]);
    expect(describeCommand(c)).toBe('add rule');
    expect(describeCommand(invertCommand(c))).toBe('delete rule');
    expect(invertCommand(invertCommand(c))).toEqual(c);
    // A column update that does not rename leaves the project row alone.
    expect(touchedBy({ kind: 'column.update', tableId: 't', columnId: 'c', before: { is_nullable: false }, after: { is_nullable: true } }).project).toBe(false);
  });

  it('removing one of two equal rules removes one, and undo puts it back where it was', () => {
    const doc: ProjectDoc = { project: { id: 'p', name: 'p', settings: { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 1 }, created_at: '', updated_at: '' }, schema: { tables: [], relationships: [] }, samples: new Map() };
    const a = { type: 'positive' as const, column: 'x' }, b = { type: 'negative' as const, column: 'y' };
    for (const [i, r] of [a, b, a].entries()) applyCommand(doc, { kind: 'rule.add', tableId: 't', rule: r, index: i });
    const rm: Command = { kind: 'rule.remove', tableId: 't', rule: a, index: 2 };
    applyCommand(doc, rm);
    expect(doc.project.rules!.tables.t).toEqual([a, b]);
    applyCommand(doc, invertCommand(rm));
    expect(doc.project.rules!.tables.t).toEqual([a, b, a]);
  });

  it('a duplicated project keeps its rules on the copied tables and relationships', async () => {
    const { d, doc } = await freshDoc();
    const { customers, orders, rel } = shopTables();
    for (const c of [
      { kind: 'table.add', table: customers, index: 0, relationships: [] },
      { kind: 'table.add', table: orders, index: 1, relationships: [rel] },
      { kind: 'rule.add', tableId: orders.id, rule: { type: 'positive', column: 'qty' }, index: 0 },
      { kind: 'crossRule.add', rule: { relationship_id: 'r1', child_column: 'date', op: '>=', parent_column: 'signup_date' }, index: 0 },
      { kind: 'ruleSuggestion.dismiss', tableId: orders.id, key: 'k' }
    ] as Command[]) await run(d, doc, c);
    const copy = await duplicateProject(d, doc.project.id);
    const back = (await loadProjectDoc(d, copy.id))!;
    const newOrders = back.schema.tables.find((t) => t.name === 'orders')!;
    expect(newOrders.id).not.toBe(orders.id);
    expect(back.project.rules!.tables).toEqual({ [newOrders.id]: [{ type: 'positive', column: 'qty' }] });
    expect(back.project.rules!.cross_table).toEqual([{ relationship_id: back.schema.relationships[0].id, child_column: 'date', op: '>=', parent_column: 'signup_date' }]);
    expect(back.project.rules!.dismissed).toEqual({ [newOrders.id]: ['k'] });
  });
});

describe('renaming a column inside rules', () => {
  it('rewrites expression references token by token, leaving functions, numbers and other names alone', () => {
    expect(renameInExpression('round(price * qty, 2) + qty2 - 1e3', 'qty', 'quantity')).toBe('round(price * quantity, 2) + qty2 - 1e3');
    expect(renameInExpression('`unit price` * n', 'unit price', 'unit_price')).toBe('unit_price * n');
    expect(renameInExpression('a * n', 'a', 'unit price')).toBe('`unit price` * n');
    // A column may be called like a function name; the call stays a call.
    expect(renameInExpression('round(round)', 'round', 'r')).toBe('round(r)');
    expect(renameInExpression('x + e3', 'e3', 'y')).toBe('x + y');
    // A new name that is a keyword is back-quoted so it stays a column.
    const renamed = renameInExpression('a + b', 'a', 'and');
    expect(renamed).toBe('`and` + b');
    expect(expressionColumns(parseExpression(renamed))).toEqual(['and', 'b']);
  });

  it('renames every field of every rule type', () => {
    expect(renameRuleColumn({ type: 'range', low: 'a', column: 'x', high: 'a' }, 'a', 'b')).toEqual({ type: 'range', low: 'b', column: 'x', high: 'b' });
    expect(renameRuleColumn({ type: 'fixed_combinations', columns: ['city', 'state'] }, 'state', 'region')).toEqual({ type: 'fixed_combinations', columns: ['city', 'region'] });
    expect(renameRuleColumn({ type: 'value_range', column: 'd', min: '2020-01-01', strict: true }, 'd', 'day')).toEqual({ type: 'value_range', column: 'day', min: '2020-01-01', strict: true });
    expect(renameRuleColumn({ type: 'inequality', low: 'lo', high: 'hi' }, 'zz', 'yy')).toEqual({ type: 'inequality', low: 'lo', high: 'hi' });
  });
});
