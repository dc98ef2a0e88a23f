import { describe, expect, it } from 'vitest';
import { run } from '../../src/lib/state/run.svelte';
import { generated } from './report-fixtures';

describe('run state for the results side', () => {
  it('shows a result only in the project it was generated for', async () => {
    const { result } = await generated('iris');
    run.result = result;
    run.source = { projectId: 'p1', projectName: 'One', schema: { tables: [], relationships: [] }, finishedAt: 't', settings: { synthesizer: 'copula', seed: 1, scale: 1, quality_threshold: 0.8, privacy: null } };
    expect(run.resultFor('p1')).toBe(result);
    expect(run.resultFor('p2')).toBeNull();
    expect(run.resultFor(undefined)).toBeNull();
    run.result = null;
    expect(run.resultFor('p1')).toBeNull();
  });
});
