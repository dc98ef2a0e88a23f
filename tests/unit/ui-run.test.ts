import { describe, expect, it } from 'vitest';
import { buildRequest, generate, type GenerationEngine } from '../../src/lib/state/run.svelte';
import type { ProjectDoc } from '../../src/lib/db/commands';
import { col, table } from './ui-fixtures';

function doc(): ProjectDoc {
  const t = table('customers', [col('id', 'integer', { is_primary_key: true }), col('email', 'email')]);
  return {
    project: { id: 'p', name: 'p', settings: { scale: 2, quality_threshold: 0.7, include_relationships: false, seed: 9 }, created_at: '', updated_at: '' },
    schema: { tables: [t], relationships: [] },
    samples: new Map([[t.id, { id: 's', project_id: 'p', table_id: t.id, header: ['id', 'email'], rows: [['1', 'a@b.c'], ['2', '']], created_at: '' }]])
  };
}

describe('generation seam', () => {
  it('builds the request: samples columnar by table name, empty cell = null, settings as named', () => {
    const r = buildRequest(doc());
    expect(r.samples).toEqual({ customers: { names: ['id', 'email'], columns: [['1', '2'], ['a@b.c', null]] } });
    expect(r.settings).toEqual({ scale: 2, quality_threshold: 0.7, include_relationships: false, seed: 9 });
    expect(r.schema.tables[0].name).toBe('customers');
  });

  it('fails with a clear typed error when no engine is available', async () => {
    await expect(generate(buildRequest(doc()), () => {}, new AbortController().signal, null)).rejects.toMatchObject({ code: 'engine/unavailable', message: expect.stringContaining('not available yet') });
  });

  it('forwards progress and cancels the job when the signal aborts', async () => {
    const cancelled: string[] = [];
    const progress: number[] = [];
    let started = '';
    const backend: GenerationEngine = {
      generate: (jobId, _input, onProgress) => new Promise((resolve, reject) => {
        started = jobId;
        onProgress({ fraction: 0.5, step: 'fitting' });
        const timer = setInterval(() => { if (cancelled.includes(jobId)) { clearInterval(timer); reject(Object.assign(new Error('The run was cancelled'), { code: 'run/cancelled' })); } }, 1);
        void resolve;
      }),
      cancel: (jobId) => { cancelled.push(jobId); return true; }
    };
    const ac = new AbortController();
    const p = generate(buildRequest(doc()), (x) => progress.push(x.fraction), ac.signal, backend);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'run/cancelled' });
    expect(cancelled).toEqual([started]);
    expect(progress).toEqual([0.5]);
  });
});
