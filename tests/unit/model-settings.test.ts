import { describe, expect, it } from 'vitest';
import { buildRequest, CART_DEFAULT_PRIVACY, COPULA_DEFAULT_PRIVACY, defaultPrivacy, effectiveSynthesizer, sampleModel, type GenerationEngine } from '../../src/lib/state/run.svelte';
import { DEFAULT_PRIVACY } from '../../src/lib/engine/cart';
import type { ProjectDoc } from '../../src/lib/db/commands';
import type { LearnedModel } from '../../src/lib/engine/learned-model';
import { col, table } from './ui-fixtures';

function doc(settings: Partial<ProjectDoc['project']['settings']> = {}, related = false): ProjectDoc {
  const t = table('t', [col('id', 'integer', { is_primary_key: true }), col('x', 'float')]);
  return {
    project: { id: 'p', name: 'p', settings: { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 4, ...settings }, created_at: '', updated_at: '' },
    schema: { tables: [t], relationships: related ? [{ id: 'r', source_table_id: t.id, source_column_id: t.columns[0].id, target_table_id: t.id, target_column_id: t.columns[1].id, relationship_type: 'one-to-many' }] as never : [] },
    samples: new Map([[t.id, { id: 's', project_id: 'p', table_id: t.id, header: ['id', 'x'], rows: [['1', '2.5']], created_at: '' }]])
  };
}

describe('synthesizer and fidelity ↔ privacy settings', () => {
  it('go into the request only when set; defaults are each synthesizer\'s own', () => {
    expect(buildRequest(doc())).not.toHaveProperty('synthesizer');
    expect(buildRequest(doc())).not.toHaveProperty('privacy');
    expect(buildRequest(doc({ synthesizer: 'cart', privacy: 0.7 }))).toMatchObject({ synthesizer: 'cart', privacy: 0.7 });
    expect(buildRequest(doc({ privacy: 0 })).privacy).toBe(0);
    expect(defaultPrivacy('copula')).toBe(COPULA_DEFAULT_PRIVACY);
    expect(COPULA_DEFAULT_PRIVACY).toBe(0.5);
    expect(defaultPrivacy('cart')).toBe(DEFAULT_PRIVACY);
    expect(CART_DEFAULT_PRIVACY).toBe(DEFAULT_PRIVACY);
  });

  it('CART applies to schemas without relationships; with relationships the copula runs', () => {
    expect(effectiveSynthesizer(doc())).toBe('copula');
    expect(effectiveSynthesizer(doc({ synthesizer: 'cart' }))).toBe('cart');
    expect(effectiveSynthesizer(doc({ synthesizer: 'cart' }, true))).toBe('cart');
  });

  it('Sample again sends the model, the project settings and samples, and cancels the job on abort', async () => {
    const calls: unknown[][] = [];
    const cancelled: string[] = [];
    const backend: GenerationEngine = {
      generate: () => Promise.reject(new Error('not used')),
      cancel: (id) => { cancelled.push(id); return true; },
      sampleFromModel: (jobId, model, settings, onProgress, opts) => new Promise((_, reject) => {
        calls.push([jobId, model, settings, opts]);
        onProgress({ fraction: 0.3, step: 'sampling' });
        setTimeout(() => reject(Object.assign(new Error('cancelled'), { code: 'run/cancelled' })), 5);
      })
    };
    const model = { format: 'synthetic-data-studio/learned-model' } as unknown as LearnedModel;
    const ac = new AbortController();
    const seen: number[] = [];
    const p = sampleModel(model, buildRequest(doc({ seed: 9 })), (x) => seen.push(x.fraction), ac.signal, backend);
    ac.abort();
    await expect(p).rejects.toMatchObject({ code: 'run/cancelled' });
    expect(calls[0][1]).toBe(model);
    expect(calls[0][2]).toMatchObject({ seed: 9, scale: 1 });
    expect(calls[0][3]).toEqual({ samples: { t: { names: ['id', 'x'], columns: [['1'], ['2.5']] } } });
    expect(cancelled).toEqual([calls[0][0]]);
    expect(seen).toEqual([0.3]);
    await expect(sampleModel(model, buildRequest(doc()), () => {}, new AbortController().signal, null)).rejects.toMatchObject({ code: 'engine/unavailable' });
  });
});
