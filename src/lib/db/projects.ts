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

/** Deletes a project and everything that belongs to it, atomically. */
export async function deleteProject(d: StudioDB, id: string): Promise<void> {
  await d.transaction('rw', [d.projects, d.schemaTables, d.columns, d.relationships, d.samples, d.runs], async () => {
    for (const t of [d.schemaTables, d.columns, d.relationships, d.samples, d.runs] as const) {
      await t.where('project_id').equals(id).delete();
    }
    await d.projects.delete(id);
  });
}
