/**
 * Repository for a project's schema: rows (tables, columns, relationships, samples) ⇄ the domain
 * model. `loadProjectDoc` reads a whole project; `persistCommand` writes what a command touched.
 */
import type { Column, DataType, Relationship, Table } from '../schema/model';
import type { ColumnRow, RelationshipRow, StudioDB, TableRow } from './db';
import { touchedBy, type Command, type ProjectDoc } from './commands';

export function tableToRow(projectId: string, t: Table, order: number): TableRow {
  const row: TableRow = { id: t.id, project_id: projectId, name: t.name, order };
  if (t.description !== undefined) row.description = t.description;
  if (t.position) row.position = { x: t.position.x, y: t.position.y };
  return row;
}

export function columnToRow(projectId: string, tableId: string, c: Column, order: number): ColumnRow {
  const row: ColumnRow = {
    id: c.id, project_id: projectId, table_id: tableId, name: c.name, data_type: c.data_type,
    is_nullable: c.is_nullable, is_primary_key: c.is_primary_key, is_unique: c.is_unique, order
  };
  if (c.description !== undefined) row.description = c.description;
  if (c.hints && Object.keys(c.hints).length) row.hints = JSON.parse(JSON.stringify(c.hints));
  return row;
}

export function relationshipToRow(projectId: string, r: Relationship): RelationshipRow {
  return {
    id: r.id, project_id: projectId, source_table_id: r.source_table_id, source_column_id: r.source_column_id,
    target_table_id: r.target_table_id, target_column_id: r.target_column_id, relationship_type: r.relationship_type,
    created_at: r.created_at ?? new Date().toISOString()
  };
}

function rowToColumn(r: ColumnRow): Column {
  const c: Column = {
    id: r.id, name: r.name, data_type: r.data_type as DataType, is_nullable: r.is_nullable,
    is_primary_key: r.is_primary_key, is_unique: r.is_unique
  };
  if (r.description !== undefined) c.description = r.description;
  if (r.hints) c.hints = r.hints;
  return c;
}

/** Reads a whole project, tables and columns in their saved order. Null when it does not exist. */
export async function loadProjectDoc(d: StudioDB, projectId: string): Promise<ProjectDoc | null> {
  const project = await d.projects.get(projectId);
  if (!project) return null;
  const [tableRows, columnRows, relRows, sampleRows] = await Promise.all([
    d.schemaTables.where('project_id').equals(projectId).toArray(),
    d.columns.where('project_id').equals(projectId).toArray(),
    d.relationships.where('project_id').equals(projectId).toArray(),
    d.samples.where('project_id').equals(projectId).toArray()
  ]);
  tableRows.sort((a, b) => a.order - b.order);
  columnRows.sort((a, b) => a.order - b.order);
  const tables: Table[] = tableRows.map((t) => {
    const table: Table = { id: t.id, name: t.name, columns: columnRows.filter((c) => c.table_id === t.id).map(rowToColumn) };
    if (t.description !== undefined) table.description = t.description;
    if (t.position) table.position = t.position;
    return table;
  });
  const relationships: Relationship[] = relRows.map((r) => ({
    id: r.id, source_table_id: r.source_table_id, source_column_id: r.source_column_id, target_table_id: r.target_table_id,
    target_column_id: r.target_column_id, relationship_type: r.relationship_type, created_at: r.created_at
  }));
  return { project, schema: { tables, relationships }, samples: new Map(sampleRows.map((s) => [s.table_id, s])) };
}

/**
 * Autosave: writes (or deletes) every row `cmd` touched, reading their current state from `doc`
 * (already updated), and bumps the project's `updated_at`. One transaction per command.
 */
export async function persistCommand(d: StudioDB, doc: ProjectDoc, cmd: Command): Promise<void> {
  const t = touchedBy(cmd);
  const pid = doc.project.id;
  await d.transaction('rw', [d.projects, d.schemaTables, d.columns, d.relationships, d.samples], async () => {
    const tables = doc.schema.tables;
    const tableIds = t.allTableOrder ? new Set([...t.tables, ...tables.map((x) => x.id)]) : t.tables;
    for (const id of tableIds) {
      const i = tables.findIndex((x) => x.id === id);
      if (i >= 0) await d.schemaTables.put(tableToRow(pid, tables[i], i));
      else await d.schemaTables.delete(id);
    }
    for (const tableId of t.columnsOf) {
      const table = tables.find((x) => x.id === tableId);
      const live = new Set(table?.columns.map((c) => c.id) ?? []);
      const stale = (await d.columns.where('table_id').equals(tableId).primaryKeys()).filter((id) => !live.has(id));
      await d.columns.bulkDelete(stale);
      if (table) await d.columns.bulkPut(table.columns.map((c, i) => columnToRow(pid, tableId, c, i)));
    }
    const liveColumns = new Set(tables.flatMap((x) => x.columns.map((c) => c.id)));
    await d.columns.bulkDelete([...t.columns].filter((id) => !liveColumns.has(id)));
    for (const id of t.relationships) {
      const r = doc.schema.relationships.find((x) => x.id === id);
      if (r) await d.relationships.put(relationshipToRow(pid, r));
      else await d.relationships.delete(id);
    }
    for (const tableId of t.samples) {
      await d.samples.where('table_id').equals(tableId).delete();
      const s = doc.samples.get(tableId);
      if (s) await d.samples.put({ ...s, project_id: pid, table_id: tableId });
    }
    const p = JSON.parse(JSON.stringify(doc.project));
    p.updated_at = new Date().toISOString();
    doc.project.updated_at = p.updated_at;
    await d.projects.put(p);
  });
}
