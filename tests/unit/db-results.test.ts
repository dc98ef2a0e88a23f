import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { StudioDB } from '../../src/lib/db/db';
import { createProject, deleteProject } from '../../src/lib/db/projects';
import { clearStoredRuns, estimateTablesBytes, loadLatestRun, packColumn, saveLatestRun, unpackColumn } from '../../src/lib/db/results';
import { dexieJobStore, failInterruptedJobs } from '../../src/lib/api/job-store';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { rand as mulberry32 } from '../../src/lib/bench/data';

const fresh = () => new StudioDB(`test-${crypto.randomUUID()}`);
const now = async () => {};

/** A table with `rows` rows: an id, a text column with missing values and unicode, a number. */
function table(rows: number, seed = 1): ColumnarTable {
  const r = mulberry32(seed);
  const id: string[] = [], name: (string | null)[] = [], x: (string | null)[] = [];
  for (let i = 0; i < rows; i++) {
    id.push(String(i + 1));
    name.push(r() < 0.2 ? null : r() < 0.1 ? '' : ['Zoë', 'Ünal', '李', 'Ann', 'a,b "c"'][Math.floor(r() * 5)]);
    x.push(r() < 0.1 ? null : (r() * 100).toFixed(3));
  }
  return { names: ['id', 'name', 'x'], columns: [id, name, x] };
}

describe('packed column slices', () => {
  it('round-trips text, empty strings and missing values exactly', () => {
    const values = ['a', null, '', 'Zoë 李😀', null, 'x'.repeat(1000), ''];
    const p = packColumn(values);
    expect(Array.from(p.lens)).toEqual([1, -1, 0, 7, -1, 1000, 0]) // UTF-16 units: the emoji counts 2;
    expect(unpackColumn(p)).toEqual(values);
    expect(unpackColumn(packColumn([]))).toEqual([]);
  });

  it('estimates size as characters + 4 bytes per cell', () => {
    expect(estimateTablesBytes({ t: { names: ['a', 'b'], columns: [['ab', null], ['', 'xyz']] } })).toBe(2 + 3 + 4 * 4);
  });
});

describe('the last run of a project in IndexedDB', () => {
  it('saves in slices and loads the same tables and payload back', async () => {
    const d = fresh();
    const p = await createProject(d, 'Shop');
    const tables = { customers: table(1234, 1), orders: table(0, 2), empty: { names: [], columns: [] } };
    const payload = { report: { score: 0.87, charts: [1, 2, 3] }, settings: { seed: 2024 } };
    const out = await saveLatestRun(d, p.id, payload, tables, { chunkRows: 100, pause: now });
    expect(out.status).toBe('saved');
    // 1234 rows / 100 = 13 slices per column × 3 columns; empty tables write none.
    expect(await d.resultChunks.count()).toBe(39);
    const back = await loadLatestRun<typeof payload>(d, p.id, { pause: now });
    expect(back?.missing).toBeNull();
    expect(back?.payload).toEqual(payload);
    expect(back?.tables).toEqual(tables);
    expect(Object.keys(back!.tables!)).toEqual(['customers', 'orders', 'empty']);
    expect(back?.info.shapes.customers).toEqual({ names: ['id', 'name', 'x'], rows: 1234 });
  });

  it('keeps only the latest run per project and leaves other projects alone', async () => {
    const d = fresh();
    const a = await createProject(d, 'A');
    const b = await createProject(d, 'B');
    await saveLatestRun(d, a.id, { n: 1 }, { t: table(250, 1) }, { chunkRows: 100, pause: now });
    await saveLatestRun(d, b.id, { n: 9 }, { t: table(50, 9) }, { chunkRows: 100, pause: now });
    const second = await saveLatestRun(d, a.id, { n: 2 }, { t: table(120, 2) }, { chunkRows: 100, pause: now });
    expect(await d.runs.where('project_id').equals(a.id).count()).toBe(1);
    // A: 2 slices × 3 columns of the second run only; B: 1 × 3.
    expect(await d.resultChunks.where('project_id').equals(a.id).count()).toBe(6);
    expect(await d.resultChunks.where('project_id').equals(b.id).count()).toBe(3);
    const back = await loadLatestRun<{ n: number }>(d, a.id, { pause: now });
    expect(back?.id).toBe(second.status === 'saved' ? second.id : '');
    expect(back?.payload.n).toBe(2);
    expect(back?.tables?.t).toEqual(table(120, 2));
    expect((await loadLatestRun<{ n: number }>(d, b.id))?.payload.n).toBe(9);
  });

  it('over the size cap keeps only the header, and says so on load', async () => {
    const d = fresh();
    const p = await createProject(d, 'Big');
    const t = table(500, 3);
    const out = await saveLatestRun(d, p.id, { report: 'kept' }, { t }, { capBytes: estimateTablesBytes({ t }) - 1, pause: now });
    expect(out.status).toBe('report-only');
    expect(await d.resultChunks.count()).toBe(0);
    const back = await loadLatestRun<{ report: string }>(d, p.id);
    expect(back).toMatchObject({ tables: null, missing: 'too-large', payload: { report: 'kept' } });
    expect(back?.info.shapes.t.rows).toBe(500);
  });

  it('an interrupted save leaves the previous run in place; the next save removes its slices', async () => {
    const d = fresh();
    const p = await createProject(d, 'Crash');
    await saveLatestRun(d, p.id, { n: 1 }, { t: table(300, 1) }, { chunkRows: 100, pause: now });
    // Simulate a crash: slices of a second run written, header never.
    await d.resultChunks.bulkPut([{ run_id: 'dead', project_id: p.id, table: 't', column: 0, part: 0, ...packColumn(['1']) }]);
    expect((await loadLatestRun<{ n: number }>(d, p.id))?.tables?.t).toEqual(table(300, 1));
    await saveLatestRun(d, p.id, { n: 3 }, { t: table(10, 3) }, { chunkRows: 100, pause: now });
    expect(await d.resultChunks.where('run_id').equals('dead').count()).toBe(0);
    expect(await d.resultChunks.count()).toBe(3);
  });

  it('reports missing slices as incomplete instead of showing partial rows', async () => {
    const d = fresh();
    const p = await createProject(d, 'Partial');
    const out = await saveLatestRun(d, p.id, {}, { t: table(300, 1) }, { chunkRows: 100, pause: now });
    if (out.status !== 'saved') throw new Error('not saved');
    await d.resultChunks.delete([out.id, 't', 1, 2]);
    expect(await loadLatestRun(d, p.id)).toMatchObject({ tables: null, missing: 'incomplete' });
  });

  it('an abandoned save writes nothing and keeps the previous run', async () => {
    const d = fresh();
    const p = await createProject(d, 'Abandon');
    await saveLatestRun(d, p.id, { n: 1 }, { t: table(100, 1) }, { chunkRows: 100, pause: now });
    let writes = 0;
    const out = await saveLatestRun(d, p.id, { n: 2 }, { t: table(5000, 2) }, { chunkRows: 100, pause: now, shouldContinue: () => ++writes < 3 });
    expect(out.status).toBe('abandoned');
    expect((await loadLatestRun<{ n: number }>(d, p.id))?.payload.n).toBe(1);
    expect(await d.resultChunks.count()).toBe(3);
  });

  it('a storage failure rejects with the storage error and removes the partial slices', async () => {
    const d = fresh();
    const p = await createProject(d, 'Quota');
    const real = d.resultChunks.bulkPut.bind(d.resultChunks);
    let calls = 0;
    d.resultChunks.bulkPut = ((rows: Parameters<typeof real>[0]) => {
      if (++calls === 2) return Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
      return real(rows);
    }) as typeof d.resultChunks.bulkPut;
    await expect(saveLatestRun(d, p.id, {}, { t: table(5000, 2) }, { chunkRows: 100, pause: now })).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await d.resultChunks.count()).toBe(0);
    expect(await d.runs.count()).toBe(0);
    expect(await d.projects.get(p.id)).toBeTruthy();
  });

  it('clear and project delete remove the run and its slices', async () => {
    const d = fresh();
    const a = await createProject(d, 'A');
    const b = await createProject(d, 'B');
    await saveLatestRun(d, a.id, {}, { t: table(150, 1) }, { chunkRows: 100, pause: now });
    await saveLatestRun(d, b.id, {}, { t: table(150, 1) }, { chunkRows: 100, pause: now });
    await clearStoredRuns(d, a.id);
    expect(await loadLatestRun(d, a.id)).toBeNull();
    expect(await d.resultChunks.where('project_id').equals(a.id).count()).toBe(0);
    await deleteProject(d, b.id);
    expect(await d.runs.count()).toBe(0);
    expect(await d.resultChunks.count()).toBe(0);
  });

  it('does not save for a project deleted meanwhile', async () => {
    const d = fresh();
    const p = await createProject(d, 'Gone');
    await deleteProject(d, p.id);
    expect(await saveLatestRun(d, p.id, {}, { t: table(10) }, { pause: now })).toEqual({ status: 'abandoned' });
    expect(await d.resultChunks.count()).toBe(0);
    expect(await d.runs.count()).toBe(0);
  });

  it('shares `runs` with the API jobs without touching them', async () => {
    const d = fresh();
    const p = await createProject(d, 'Mixed');
    const jobs = dexieJobStore(d);
    await jobs.put({ id: 'job-1', status: 'running', progress: 0.5, created_at: new Date().toISOString() });
    await saveLatestRun(d, p.id, {}, { t: table(10) }, { pause: now });
    await saveLatestRun(d, p.id, {}, { t: table(20) }, { pause: now });
    await clearStoredRuns(d, p.id);
    expect((await jobs.get('job-1'))?.status).toBe('running');
    await saveLatestRun(d, p.id, {}, { t: table(20) }, { pause: now });
    expect(await failInterruptedJobs(d, new Set())).toBe(1);
    expect((await jobs.get('job-1'))?.status).toBe('failed');
    expect((await loadLatestRun(d, p.id))?.tables?.t).toEqual(table(20));
  });

  it('upgrades a version-3 database: projects, API jobs and models kept, resultChunks added', async () => {
    const name = `test-${crypto.randomUUID()}`;
    const old = new Dexie(name);
    old.version(1).stores({ projects: 'id, name, updated_at', schemaTables: 'id, project_id, [project_id+name]', columns: 'id, project_id, table_id', relationships: 'id, project_id, source_table_id, target_table_id, source_column_id, target_column_id', samples: 'id, project_id, table_id', runs: 'id, project_id, status, created_at' });
    old.version(2).stores({ settings: 'key' });
    old.version(3).stores({ models: 'id, project_id, created_at' });
    await old.table('projects').add({ id: 'p', name: 'Kept', settings: { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 1 }, created_at: '', updated_at: '' });
    await old.table('runs').add({ id: 'job', status: 'completed', progress: 1, created_at: '', result: { tables: {} } });
    old.close();
    const d = new StudioDB(name);
    expect(d.verno).toBe(4);
    expect((await d.projects.get('p'))?.name).toBe('Kept');
    expect((await dexieJobStore(d).get('job'))?.status).toBe('completed');
    expect(await loadLatestRun(d, 'p')).toBeNull();
    await saveLatestRun(d, 'p', {}, { t: table(3) }, { pause: now });
    expect((await loadLatestRun(d, 'p'))?.tables?.t).toEqual(table(3));
  });
});
