import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { StudioDB } from '../../src/lib/db/db';
import { createProject, deleteProject, listProjects, renameProject } from '../../src/lib/db/projects';

describe('projects in IndexedDB', () => {
  it('creates, lists, renames and deletes with cascade', async () => {
    const d = new StudioDB(`test-${crypto.randomUUID()}`);
    const p = await createProject(d, '  Shop  ');
    expect(p.name).toBe('Shop');
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    const tableId = crypto.randomUUID();
    await d.schemaTables.add({ id: tableId, project_id: p.id, name: 'customers', order: 0 });
    await d.relationships.add({
      id: crypto.randomUUID(), project_id: p.id, source_table_id: tableId, source_column_id: crypto.randomUUID(),
      target_table_id: tableId, target_column_id: crypto.randomUUID(), relationship_type: 'one-to-many', created_at: new Date().toISOString()
    });
    expect((await listProjects(d))[0]).toMatchObject({ name: 'Shop', tableCount: 1 });
    await renameProject(d, p.id, 'Shop 2');
    expect((await d.projects.get(p.id))?.name).toBe('Shop 2');
    await deleteProject(d, p.id);
    expect(await d.projects.count()).toBe(0);
    expect(await d.schemaTables.count()).toBe(0);
    expect(await d.relationships.count()).toBe(0);
  });

  it('rejects an empty name', async () => {
    const d = new StudioDB(`test-${crypto.randomUUID()}`);
    await expect(createProject(d, '   ')).rejects.toThrow(/name/);
  });
});
