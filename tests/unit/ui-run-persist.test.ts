import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { db } from '../../src/lib/db/db';
import { createProject } from '../../src/lib/db/projects';
import { loadLatestRun } from '../../src/lib/db/results';
import { run } from '../../src/lib/state/run.svelte';
import { settingsLine, saveFailedMessage } from '../../src/lib/state/saved-run';
import type { ProjectDoc } from '../../src/lib/db/commands';
import { generated } from './report-fixtures';

async function projectDoc(name: string): Promise<ProjectDoc> {
  const project = await createProject(db(), name);
  project.settings.seed = 2024;
  return { project, schema: { tables: [], relationships: [] }, samples: new Map() };
}

/** What a reload does to the in-memory run state. */
function forget() {
  run.result = null;
  run.source = null;
  run.model = null;
  run.saved = null;
  run.status = 'idle';
}

describe('the last run survives a reload', () => {
  it('saves a finished run, restores tables, report and settings, and clears them', async () => {
    const { result } = await generated('iris');
    const doc = await projectDoc('Iris');
    run.adopt(doc, result, result.model.schema);
    expect(run.savedFor(doc.project.id)?.status).toBe('saving');
    await run.settled();
    expect(run.savedFor(doc.project.id)).toMatchObject({ status: 'saved', message: '' });

    forget();
    expect(run.resultFor(doc.project.id)).toBeNull();
    await run.restore(doc.project.id);
    const back = run.resultFor(doc.project.id)!;
    expect(back.tables).toEqual(result.tables);
    expect(back.report).toEqual(result.report);
    expect(back.summary).toEqual(result.summary);
    expect(back.threshold).toEqual(result.threshold);
    expect(back.metadata).toEqual(result.metadata);
    expect(run.status).toBe('done');
    expect(run.rowsNotice).toBe('');
    expect(run.source).toMatchObject({ projectId: doc.project.id, projectName: 'Iris', settings: { seed: 2024, synthesizer: 'copula', scale: 1, quality_threshold: 0.8 } });
    expect(settingsLine(run.source!.settings)).toMatch(/^Gaussian copula · seed 2024 · scale 1× · fidelity ↔ privacy (default|0\.\d\d) · Quality Threshold 0\.80$/);
    // The run's model comes back to the Model panel with its label.
    expect(run.modelFor(doc.project.id)?.label).toMatch(/comparison/);

    await run.clear(doc.project.id);
    expect(run.resultFor(doc.project.id)).toBeNull();
    expect(run.modelFor(doc.project.id)).toBeNull();
    expect(await loadLatestRun(db(), doc.project.id)).toBeNull();
    forget();
    await run.restore(doc.project.id);
    expect(run.resultFor(doc.project.id)).toBeNull();
  });

  it('the settings line says when New rows only was off', () => {
    const s = { synthesizer: 'cart' as const, seed: 3, scale: 2, quality_threshold: 0.5, privacy: 0.2 };
    expect(settingsLine(s)).toBe('sequential CART · seed 3 · scale 2× · fidelity ↔ privacy 0.20 · Quality Threshold 0.50');
    expect(settingsLine({ ...s, new_rows_only: false })).toBe('sequential CART · seed 3 · scale 2× · fidelity ↔ privacy 0.20 · Quality Threshold 0.50 · New rows only off');
  });

  it('a restore never replaces a run that finished meanwhile', async () => {
    const { result } = await generated('iris');
    const { result: other } = await generated('iris', { rows: 10 });
    const doc = await projectDoc('Race');
    run.adopt(doc, result, result.model.schema);
    await run.settled();
    forget();
    const restoring = run.restore(doc.project.id);
    run.adopt(doc, other, other.model.schema);
    await restoring;
    expect(run.resultFor(doc.project.id)).toBe(other);
    await run.settled();
    expect((await loadLatestRun<{ result: { threshold: unknown } }>(db(), doc.project.id))?.tables?.iris.columns[0]).toHaveLength(10);
  });

  it('a failed save is a notice: the result stays on screen and the project is untouched', async () => {
    const { result } = await generated('iris', { rows: 20 });
    const doc = await projectDoc('Full disk');
    const chunks = db().resultChunks;
    const real = chunks.bulkPut;
    chunks.bulkPut = (() => Promise.reject(new DOMException('quota', 'QuotaExceededError'))) as unknown as typeof real;
    try {
      run.adopt(doc, result, result.model.schema);
      await run.settled();
    } finally {
      chunks.bulkPut = real;
    }
    expect(run.savedFor(doc.project.id)).toMatchObject({ status: 'failed', message: saveFailedMessage(new DOMException('quota', 'QuotaExceededError')) });
    expect(run.savedFor(doc.project.id)?.message).toContain('storage for this app is full');
    expect(run.resultFor(doc.project.id)).toBe(result);
    expect(await db().projects.get(doc.project.id)).toMatchObject({ name: 'Full disk' });
    expect(await loadLatestRun(db(), doc.project.id)).toBeNull();
  });
});
