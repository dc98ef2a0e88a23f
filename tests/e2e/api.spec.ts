import { readFileSync } from 'node:fs';
import { test, expect, waitForServiceWorker } from './fixtures';
import { parseCsvText } from '../../src/lib/schema/csv';

const WORLD = 'tests/fixtures/data/world';
type Rec = Record<string, string | null>;

function worldRequest() {
  const req = JSON.parse(readFileSync(`${WORLD}/schema.request.json`, 'utf8'));
  for (const t of req.tables) {
    const csv = parseCsvText(readFileSync(`${WORLD}/${t.name}.csv`, 'utf8'));
    t.data = csv.columns[0].map((_, r) => Object.fromEntries(csv.names.map((n, c) => [n, csv.columns[c][r]])));
  }
  return { ...req, seed: 7 };
}

/** Runs fetch inside the page (through the service worker), returning status and JSON. */
async function call(page: import('@playwright/test').Page, method: string, path: string, body?: string) {
  return page.evaluate(async ({ method, path, body }) => {
    const r = await fetch(path, { method, body, headers: body ? { 'content-type': 'application/json' } : {} });
    return { status: r.status, json: await r.json() };
  }, { method, path, body });
}

test.describe('the local /api/sdv routes (service worker, offline)', () => {
  test.beforeEach(async ({ page, context }) => {
    await page.goto('/');
    await waitForServiceWorker(page);
    await page.reload(); // the service worker now controls the page
    await waitForServiceWorker(page);
    await context.setOffline(true);
  });

  test('health', async ({ page }) => {
    const r = await call(page, 'GET', '/api/sdv/health');
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'ok', engine: { wasm: true, synthesizers: ['GaussianCopula', 'HMA'] } });
    expect(r.json.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('generate the world dataset, poll to completion, every foreign key resolves; then validate', async ({ page }) => {
    test.setTimeout(180_000);
    const req = worldRequest();
    const g = await call(page, 'POST', '/api/sdv/generate', JSON.stringify(req));
    expect(g.status).toBe(202);
    expect(g.json.status).toBe('queued');
    const id = g.json.session_id as string;
    let s: { status: number; json: any } = { status: 0, json: {} };
    const seen = new Set<string>();
    for (let i = 0; i < 240; i++) {
      s = await call(page, 'GET', `/api/sdv/status/${id}`);
      expect(s.status).toBe(200);
      seen.add(s.json.status);
      if (['completed', 'failed', 'cancelled'].includes(s.json.status)) break;
      await page.waitForTimeout(500);
    }
    expect(s.json.error).toBeUndefined();
    expect(s.json.status).toBe('completed');
    expect(s.json.progress).toBe(1);
    const tables = s.json.result.tables as Record<string, Rec[]>;
    for (const rel of req.relationships) {
      const keys = new Set(tables[rel.source_table].map((r) => r[rel.source_column]));
      const fks = tables[rel.target_table].map((r) => r[rel.target_column]).filter((v) => v !== null);
      expect(fks.length, `${rel.target_table}.${rel.target_column}`).toBeGreaterThan(0);
      expect(fks.filter((v) => !keys.has(v)), `${rel.target_table}.${rel.target_column} → ${rel.source_table}`).toEqual([]);
    }
    expect(s.json.result.quality.score).toBeGreaterThan(0.5);

    // The status survives a reload (kept in IndexedDB).
    await page.reload();
    await waitForServiceWorker(page);
    expect((await call(page, 'GET', `/api/sdv/status/${id}`)).json.status).toBe('completed');

    const v = await call(page, 'POST', '/api/sdv/validate', JSON.stringify({ real: { countries: req.tables[1].data }, synthetic: { countries: tables.countries } }));
    expect(v.status).toBe(200);
    expect(v.json.quality.score).toBeGreaterThan(0);
    expect(v.json.privacy.new_row_synthesis).toBeGreaterThan(0);
  });

  test('unknown session → 404; bad requests → 400 with the path of the problem', async ({ page }) => {
    expect((await call(page, 'GET', '/api/sdv/status/no-such-id')).status).toBe(404);
    const base = { tables: [{ name: 't', columns: [{ name: 'id', data_type: 'integer', is_primary_key: true, is_nullable: false }] }] };
    const cases: [string, string, string][] = [
      ['malformed JSON', '{"tables": [', '(body)'],
      ['missing tables', '{"relationships": []}', 'tables'],
      ['unknown data_type', JSON.stringify({ tables: [{ name: 't', columns: [{ name: 'a', data_type: 'bigint' }] }] }), 'tables[0].columns[0].data_type'],
      ['relationship to a missing column', JSON.stringify({ ...base, relationships: [{ source_table: 't', source_column: 'nope', target_table: 't', target_column: 'id' }] }), 'relationships[0].source_column'],
      ['cyclic relationships', JSON.stringify({
        tables: [
          { name: 'a', columns: [{ name: 'id', data_type: 'integer', is_primary_key: true, is_nullable: false }, { name: 'b_id', data_type: 'integer', is_nullable: false }] },
          { name: 'b', columns: [{ name: 'id', data_type: 'integer', is_primary_key: true, is_nullable: false }, { name: 'a_id', data_type: 'integer', is_nullable: false }] }
        ],
        relationships: [
          { source_table: 'a', source_column: 'id', target_table: 'b', target_column: 'a_id' },
          { source_table: 'b', source_column: 'id', target_table: 'a', target_column: 'b_id' }
        ]
      }), 'relationships[']
    ];
    for (const [what, body, path] of cases) {
      const r = await call(page, 'POST', '/api/sdv/generate', body);
      expect(r.status, what).toBe(400);
      expect(r.json.error, what).toBeTruthy();
      expect(r.json.details.map((d: { path: string }) => d.path).join(' '), what).toContain(path);
    }
  });
});

test('the /api page documents the routes, tries them, and the switch turns them off', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.goto('/api');
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: /Local API/ })).toBeVisible();
  await page.getByRole('button', { name: 'Try GET /api/sdv/health' }).click();
  await expect(page.getByTestId('api-try-output').first()).toContainText('"status": "ok"');
  const toggle = page.getByLabel(/Answer \/api\/sdv\/\* requests/);
  await toggle.uncheck();
  await page.getByRole('button', { name: 'Try GET /api/sdv/health' }).click();
  await expect(page.getByTestId('api-try-output').first()).toContainText('switched off');
  await toggle.check();
  await page.getByRole('button', { name: 'Try GET /api/sdv/health' }).click();
  await expect(page.getByTestId('api-try-output').first()).toContainText('"status": "ok"');
});
