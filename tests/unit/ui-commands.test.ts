import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { duplicateProject, deleteProject, listProjects } from '../../src/lib/db/projects';
import { applyCommand, beforeOf, clone, invertCommand, relationshipsOf, type Command, type ProjectDoc } from '../../src/lib/db/commands';
import { loadProjectDoc } from '../../src/lib/db/schema-repo';
import { col, freshDoc, runCommand, shop, table } from './ui-fixtures';

const run = runCommand;

const view = (doc: ProjectDoc) => ({ schema: doc.schema, samples: [...doc.samples.entries()], name: doc.project.name, settings: doc.project.settings });

describe('commands: apply, invert, persist', () => {
  it('every command undoes to the previous state, in memory and in IndexedDB', async () => {
    const { d, doc } = await freshDoc();
    const s = shop();
    const [customers, orders] = s.tables;
    const rel = { id: 'r1', source_table_id: customers.id, source_column_id: customers.columns[0].id, target_table_id: orders.id, target_column_id: orders.columns[1].id, relationship_type: 'one-to-many' as const, created_at: '2024-01-01T00:00:00.000Z' };
    const sample = { id: 's1', project_id: doc.project.id, table_id: customers.id, header: ['id', 'email'], rows: [['1', 'a@x.org']], created_at: 'now' };
    const steps: Command[] = [
      { kind: 'table.add', table: customers, index: 0, relationships: [], sample },
      { kind: 'table.add', table: orders, index: 1, relationships: [] },
      { kind: 'relationship.add', relationship: rel },
      { kind: 'table.update', tableId: orders.id, before: { name: 'orders', description: undefined }, after: { name: 'purchases', description: 'what people bought' } },
      { kind: 'column.update', tableId: orders.id, columnId: orders.columns[1].id, before: { is_nullable: false, hints: undefined }, after: { is_nullable: true, hints: { min: 1 } } },
      { kind: 'column.add', tableId: customers.id, column: col('age'), index: 1, relationships: [] },
      { kind: 'tables.move', moves: [{ tableId: orders.id, to: { x: 300, y: 40 } }] },
      { kind: 'relationship.update', relationshipId: 'r1', before: { relationship_type: 'one-to-many' }, after: { relationship_type: 'one-to-one' } },
      { kind: 'project.update', before: beforeOf(doc.project, { name: '', settings: doc.project.settings }), after: { name: 'Shop 2', settings: { ...doc.project.settings, seed: 7 } } },
      { kind: 'sample.set', tableId: customers.id, before: sample, after: { ...sample, id: 's2', rows: [['2', 'b@x.org']] } }
    ];
    const history: ReturnType<typeof view>[] = [];
    for (const c of steps) {
      history.push(clone(view((await loadProjectDoc(d, doc.project.id))!)));
      const back = await run(d, doc, c);
      expect(view(back)).toEqual(view(doc));
    }
    // Remove a column that a relationship uses: the relationship goes with it and comes back on undo.
    const fk = doc.schema.tables[1].columns[1];
    const rm: Command = { kind: 'column.remove', tableId: orders.id, column: clone(fk), index: 1, relationships: relationshipsOf(doc.schema, { columnId: fk.id }) };
    history.push(clone(view(doc)));
    let back = await run(d, doc, rm);
    expect(back.schema.relationships).toEqual([]);
    expect(back.schema.tables[1].columns.map((c) => c.name)).not.toContain('customer_id');
    steps.push(rm);
    // Undo everything, checking each intermediate state.
    for (let i = steps.length - 1; i >= 0; i--) {
      back = await run(d, doc, invertCommand(steps[i]));
      expect(view(back)).toEqual(history[i]);
    }
    expect(back.schema.tables).toEqual([]);
    expect(await d.columns.count()).toBe(0);
    expect(await d.samples.count()).toBe(0);
  });

  it('removing a table removes its columns, relationships and sample; undo restores all', async () => {
    const { d, doc } = await freshDoc();
    const s = shop();
    for (const [i, t] of s.tables.entries()) await run(d, doc, { kind: 'table.add', table: t, index: i, relationships: [] });
    const rel = { id: 'r1', source_table_id: s.tables[0].id, source_column_id: s.tables[0].columns[0].id, target_table_id: s.tables[1].id, target_column_id: s.tables[1].columns[1].id, relationship_type: 'one-to-many' as const, created_at: '2024-01-01T00:00:00.000Z' };
    await run(d, doc, { kind: 'relationship.add', relationship: rel });
    const before = clone(view(doc));
    const t0 = clone(doc.schema.tables[0]);
    const rm: Command = { kind: 'table.remove', table: t0, index: 0, relationships: relationshipsOf(doc.schema, { tableId: t0.id }) };
    const after = await run(d, doc, rm);
    expect(after.schema.tables.map((t) => t.name)).toEqual(['orders', 'products']);
    expect(await d.columns.where('table_id').equals(t0.id).count()).toBe(0);
    expect(await d.relationships.count()).toBe(0);
    const undone = await run(d, doc, invertCommand(rm));
    expect(view(undone)).toEqual(before);
  });

  it('batches invert in reverse order', () => {
    const doc: ProjectDoc = { project: { id: 'p', name: 'p', settings: { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 1 }, created_at: '', updated_at: '' }, schema: { tables: [], relationships: [] }, samples: new Map() };
    const t = table('a', [col('id')]);
    const b: Command = { kind: 'batch', label: 'add and rename', commands: [
      { kind: 'table.add', table: t, index: 0, relationships: [] },
      { kind: 'table.update', tableId: t.id, before: { name: 'a' }, after: { name: 'b' } }
    ] };
    applyCommand(doc, b);
    expect(doc.schema.tables[0].name).toBe('b');
    applyCommand(doc, invertCommand(b));
    expect(doc.schema.tables).toEqual([]);
  });

  it('duplicates a project with fresh ids and deletes with cascade', async () => {
    const { d, doc } = await freshDoc();
    const s = shop();
    for (const [i, t] of s.tables.entries()) await run(d, doc, { kind: 'table.add', table: t, index: i, relationships: [] });
    await run(d, doc, { kind: 'relationship.add', relationship: { id: 'r1', source_table_id: s.tables[0].id, source_column_id: s.tables[0].columns[0].id, target_table_id: s.tables[1].id, target_column_id: s.tables[1].columns[1].id, relationship_type: 'one-to-many', created_at: '2024-01-01T00:00:00.000Z' } });
    const copy = await duplicateProject(d, doc.project.id);
    expect(copy.name).toBe('Shop (copy)');
    const c = (await loadProjectDoc(d, copy.id))!;
    expect(c.schema.tables.map((t) => t.name)).toEqual(['customers', 'orders', 'products']);
    expect(c.schema.tables[0].id).not.toBe(s.tables[0].id);
    const r = c.schema.relationships[0];
    expect(r.source_column_id).toBe(c.schema.tables[0].columns[0].id);
    expect(r.target_column_id).toBe(c.schema.tables[1].columns[1].id);
    expect((await listProjects(d)).map((p) => p.tableCount)).toEqual([3, 3]);
    await deleteProject(d, doc.project.id);
    expect((await loadProjectDoc(d, copy.id))!.schema.tables).toHaveLength(3);
    expect(await d.columns.count()).toBe(c.schema.tables.reduce((n, t) => n + t.columns.length, 0));
  });
});
