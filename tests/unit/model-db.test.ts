import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { StudioDB } from '../../src/lib/db/db';
import { deleteModel, getModel, listModels, saveModel } from '../../src/lib/db/models';

describe('saved models (Dexie v3 `models` store)', () => {
  it('saves, lists newest first without the body, reads and deletes', async () => {
    const d = new StudioDB(`test-${crypto.randomUUID()}`);
    const a = await saveModel(d, { name: '  First ', synthesizer: 'copula', tables: ['iris'], model: { format: 'x', big: [1, 2, 3] } });
    expect(a.name).toBe('First');
    await new Promise((r) => setTimeout(r, 5));
    const b = await saveModel(d, { name: 'Second', project_id: 'p1', project_name: 'P', synthesizer: 'cart', tables: ['a', 'b'], model: { format: 'y' } });
    const list = await listModels(d);
    expect(list.map((m) => m.name)).toEqual(['Second', 'First']);
    expect(list[0]).not.toHaveProperty('model');
    expect(list[0]).toMatchObject({ synthesizer: 'cart', tables: ['a', 'b'], project_id: 'p1' });
    expect((await getModel(d, a.id))?.model).toEqual({ format: 'x', big: [1, 2, 3] });
    await deleteModel(d, b.id);
    expect((await listModels(d)).map((m) => m.id)).toEqual([a.id]);
    await expect(saveModel(d, { name: ' ', synthesizer: 'copula', tables: [], model: {} })).rejects.toThrow(/name/);
  });

  it('upgrades a version-2 database: projects kept, models store added', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ projects: 'id, name, updated_at', schemaTables: 'id, project_id, [project_id+name]', columns: 'id, project_id, table_id', relationships: 'id, project_id, source_table_id, target_table_id, source_column_id, target_column_id', samples: 'id, project_id, table_id', runs: 'id, project_id, status, created_at' });
    old.version(2).stores({ settings: 'key' });
    await old.table('projects').add({ id: 'p', name: 'Kept', settings: { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 1 }, created_at: '', updated_at: '' });
    old.close();
    const d = new StudioDB(name);
    expect((await d.projects.get('p'))?.name).toBe('Kept');
    expect(d.verno).toBeGreaterThanOrEqual(3); // later versions add their stores on top
    expect(await d.models.count()).toBe(0);
  });
});
