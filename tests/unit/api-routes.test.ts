import { describe, expect, it } from 'vitest';
import { handleApi, type ApiDeps, type JobRecord } from '../../src/lib/api/routes';

function deps(over: Partial<ApiDeps> = {}): ApiDeps & { jobs: Map<string, JobRecord>; started: string[] } {
  const jobs = new Map<string, JobRecord>();
  const started: string[] = [];
  return {
    version: '9.9.9',
    jobs,
    started,
    store: { get: async (id) => jobs.get(id), put: async (j) => void jobs.set(j.id, j) },
    startJob: (id) => void started.push(id),
    cancelJob: () => true,
    validate: async () => ({ ok: true, value: { quality: { score: 1 } } }),
    enabled: async () => true,
    newId: () => 'job-1',
    ...over
  };
}

const req = (method: string, path: string, body?: string) => new Request(`http://app.local${path}`, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
const minimal = { tables: [{ name: 'customers', columns: [{ name: 'id', data_type: 'integer', is_nullable: false, is_primary_key: true, is_unique: true }] }], relationships: [], scale: 1, quality_settings: { threshold: 0.8, include_relationships: true } };

describe('/api/sdv routes', () => {
  it('health', async () => {
    const r = await handleApi(req('GET', '/api/sdv/health'), deps());
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: 'ok', version: '9.9.9', engine: { wasm: true, synthesizers: ['GaussianCopula', 'HMA'] } });
  });

  it('generate queues a job and status reports it; cancel cancels', async () => {
    const d = deps();
    const r = await handleApi(req('POST', '/api/sdv/generate', JSON.stringify(minimal)), d);
    expect(r.status).toBe(202);
    expect(await r.json()).toEqual({ session_id: 'job-1', status: 'queued' });
    expect(d.started).toEqual(['job-1']);
    const s = await (await handleApi(req('GET', '/api/sdv/status/job-1'), d)).json();
    expect(s).toMatchObject({ session_id: 'job-1', status: 'queued', progress: 0 });
    const c = await handleApi(req('DELETE', '/api/sdv/status/job-1'), d);
    expect((await c.json()).status).toBe('cancelled');
    expect((await handleApi(req('POST', '/api/sdv/status/job-1/cancel'), d)).status).toBe(409);
  });

  it('unknown session → 404 JSON', async () => {
    const r = await handleApi(req('GET', '/api/sdv/status/nope'), deps());
    expect(r.status).toBe(404);
    expect((await r.json()).error).toMatch(/nope/);
  });

  it.each([
    ['malformed JSON', '{"tables": [', '(body)'],
    ['missing tables', JSON.stringify({ relationships: [] }), 'tables'],
    ['unknown data_type', JSON.stringify({ ...minimal, tables: [{ name: 't', columns: [{ name: 'a', data_type: 'int' }] }] }), 'tables[0].columns[0].data_type'],
    ['cyclic relationships', JSON.stringify({ tables: [
      { name: 'a', columns: [{ name: 'id', data_type: 'integer', is_primary_key: true, is_nullable: false }, { name: 'b_id', data_type: 'integer', is_nullable: false }] },
      { name: 'b', columns: [{ name: 'id', data_type: 'integer', is_primary_key: true, is_nullable: false }, { name: 'a_id', data_type: 'integer', is_nullable: false }] }
    ], relationships: [
      { source_table: 'a', source_column: 'id', target_table: 'b', target_column: 'a_id' },
      { source_table: 'b', source_column: 'id', target_table: 'a', target_column: 'b_id' }
    ] }), 'relationships[0]'],
    ['relationship to a missing column', JSON.stringify({ ...minimal, relationships: [{ source_table: 'customers', source_column: 'nope', target_table: 'customers', target_column: 'id' }] }), 'relationships[0].source_column']
  ])('%s → 400 with the path', async (_, body, path) => {
    const r = await handleApi(req('POST', '/api/sdv/generate', body), deps());
    expect(r.status).toBe(400);
    const j = await r.json();
    expect(j.error).toBeTruthy();
    expect(j.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('payloads over the limit → 413; switched off → 503', async () => {
    const big = new Request('http://app.local/api/sdv/generate', { method: 'POST', body: 'x', headers: { 'content-length': String(60 * 1024 * 1024) } });
    expect((await handleApi(big, deps())).status).toBe(413);
    expect((await handleApi(req('GET', '/api/sdv/health'), deps({ enabled: async () => false }))).status).toBe(503);
  });
});
