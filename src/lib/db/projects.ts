/** Project-level persistence: create, list, rename, duplicate, delete (cascading). */
import type { StudioDB, ProjectRow } from './db';

export const defaultSettings = (): ProjectRow['settings'] => ({ scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 42 });

export async function createProject(d: StudioDB, name: string): Promise<ProjectRow> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A project needs a name');
  const now = new Date().toISOString();
  const row: ProjectRow = { id: crypto.randomUUID(), name: trimmed, settings: defaultSettings(), created_at: now, updated_at: now };
  await d.projects.add(row);
  return row;
}

export interface ProjectSummary extends ProjectRow {
  tableCount: number;
}

export async function listProjects(d: StudioDB): Promise<ProjectSummary[]> {
  const projects = await d.projects.orderBy('updated_at').reverse().toArray();
  return Promise.all(projects.map(async (p) => ({ ...p, tableCount: await d.schemaTables.where('project_id').equals(p.id).count() })));
}

export async function renameProject(d: StudioDB, id: string, name: string): Promise<void> {
  const trimmed = name.trim();
  if (!trimmed) throw new Error('A project needs a name');
  await d.projects.update(id, { name: trimmed, updated_at: new Date().toISOString() });
}

/** Deletes a project and everything that belongs to it (its stored run and result slices too), atomically. */
export async function deleteProject(d: StudioDB, id: string): Promise<void> {
  await d.transaction('rw', [d.projects, d.schemaTables, d.columns, d.relationships, d.samples, d.runs, d.resultChunks], async () => {
    for (const t of [d.schemaTables, d.columns, d.relationships, d.samples, d.runs, d.resultChunks] as const) {
      await t.where('project_id').equals(id).delete();
    }
    await d.projects.delete(id);
  });
}

/**
 * Copies a project with fresh ids for everything (tables, columns, relationships, samples), so the
 * copy and the original never share rows. Returns the new project.
 */
export async function duplicateProject(d: StudioDB, id: string, name?: string): Promise<ProjectRow> {
  return d.transaction('rw', [d.projects, d.schemaTables, d.columns, d.relationships, d.samples], async () => {
    const src = await d.projects.get(id);
    if (!src) throw new Error('That project no longer exists');
    const now = new Date().toISOString();
    const copy: ProjectRow = { ...src, id: crypto.randomUUID(), name: name?.trim() || `${src.name} (copy)`, created_at: now, updated_at: now };
    const newId = new Map<string, string>();
    const map = (old: string) => {
      let n = newId.get(old);
      if (!n) { n = crypto.randomUUID(); newId.set(old, n); }
      return n;
    };
    const tables = await d.schemaTables.where('project_id').equals(id).toArray();
    const columns = await d.columns.where('project_id').equals(id).toArray();
    const rels = await d.relationships.where('project_id').equals(id).toArray();
    const samples = await d.samples.where('project_id').equals(id).toArray();
    if (copy.dismissed_suggestions) copy.dismissed_suggestions = copy.dismissed_suggestions.map((s) => { const [c, r] = s.split(':'); return `${map(c)}:${r}`; });
    // Rules are keyed by table id and follow relationships by id: re-key them for the copy.
    if (copy.rules) {
      const r = copy.rules;
      copy.rules = { tables: Object.fromEntries(Object.entries(r.tables).map(([t, list]) => [map(t), list])) };
      if (r.cross_table) copy.rules.cross_table = r.cross_table.map((x) => ({ ...x, relationship_id: map(x.relationship_id) }));
      if (r.dismissed) copy.rules.dismissed = Object.fromEntries(Object.entries(r.dismissed).map(([t, keys]) => [map(t), keys]));
    }
    await d.projects.add(copy);
    await d.schemaTables.bulkAdd(tables.map((t) => ({ ...t, id: map(t.id), project_id: copy.id })));
    await d.columns.bulkAdd(columns.map((c) => ({ ...c, id: map(c.id), table_id: map(c.table_id), project_id: copy.id })));
    await d.relationships.bulkAdd(rels.map((r) => ({
      ...r, id: map(r.id), project_id: copy.id, source_table_id: map(r.source_table_id), source_column_id: map(r.source_column_id),
      target_table_id: map(r.target_table_id), target_column_id: map(r.target_column_id)
    })));
    await d.samples.bulkAdd(samples.map((s) => ({ ...s, id: map(s.id), project_id: copy.id, table_id: map(s.table_id) })));
    return copy;
  });
}
