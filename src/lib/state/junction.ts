/** Many-to-many as a junction table with two foreign keys (pure). */
import type { Column, Relationship, Schema, Table } from '$lib/schema/model';
import { uniqueName } from '$lib/schema/names';

export function junctionFor(schema: Schema, a: { tableId: string; columnId: string }, b: { tableId: string; columnId: string }): { table: Table; relationships: Relationship[] } {
  const ta = schema.tables.find((t) => t.id === a.tableId)!;
  const tb = schema.tables.find((t) => t.id === b.tableId)!;
  const ca = ta.columns.find((c) => c.id === a.columnId)!;
  const cb = tb.columns.find((c) => c.id === b.columnId)!;
  const fkName = (t: Table, c: Column) => `${t.name.replace(/s$/, '')}_${c.name}`;
  const n1 = fkName(ta, ca);
  const n2 = uniqueName(fkName(tb, cb), [n1]);
  const fk = (name: string, type: Column['data_type']): Column => ({ id: crypto.randomUUID(), name, data_type: type, is_nullable: false, is_primary_key: false, is_unique: false });
  const c1 = fk(n1, ca.data_type);
  const c2 = fk(n2, cb.data_type);
  const table: Table = {
    id: crypto.randomUUID(), name: uniqueName(`${ta.name}_${tb.name}`, schema.tables.map((t) => t.name)), columns: [c1, c2],
    description: `Links ${ta.name} and ${tb.name} (many-to-many)`
  };
  const now = new Date().toISOString();
  const rel = (t: Table, c: Column, fkCol: Column): Relationship => ({
    id: crypto.randomUUID(), source_table_id: t.id, source_column_id: c.id, target_table_id: table.id, target_column_id: fkCol.id, relationship_type: 'one-to-many', created_at: now
  });
  return { table, relationships: [rel(ta, ca, c1), rel(tb, cb, c2)] };
}
