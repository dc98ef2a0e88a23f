/**
 * QA of the multi-table flow as a user does it: import the world dataset (SDV metadata + 5 CSVs),
 * see the relationships, generate with a seed, read the report, export a zip of CSVs and an SQLite
 * script (loaded into the real sqlite3), switch to Sequential CART, reload.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { newProject } from './ui-helpers';

const WORLD = 'tests/fixtures/data/world';
const TABLES = ['continents', 'countries', 'country_languages', 'languages', 'states'];
const SQLITE = '/usr/bin/sqlite3';
/** child table, foreign key → parent table, primary key (from metadata.sdv.json). */
const FKS = (JSON.parse(readFileSync(`${WORLD}/metadata.sdv.json`, 'utf8')).relationships as { parent_table_name: string; parent_primary_key: string; child_table_name: string; child_foreign_key: string }[]);

const dialog = (page: Page) => page.getByTestId('import-dialog');
const header = (name: string) => readFileSync(`${WORLD}/${name}.csv`, 'utf8').split(/\r?\n/)[0];

/** Drops files on the page as from the file manager (drag events with a DataTransfer). */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, files);
}
const fixture = (path: string) => ({ name: path.split('/').pop()!, text: readFileSync(path, 'utf8') });

async function apply(page: Page) {
  await dialog(page).getByRole('button', { name: 'Apply' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
}

/** Clicks "Generate data", checks the progress bar moved while running, waits for the end. */
async function generate(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __seen: number[] };
    w.__seen = [];
    const tick = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Generation progress"]');
      const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
      if (bar && cancel && !cancel.disabled) w.__seen.push(bar.value);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await page.getByRole('button', { name: 'Generate data' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __seen: number[] }).__seen.length), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled({ timeout: 80_000 });
  await expect(page.getByRole('button', { name: 'Generate data' })).toBeEnabled();
  await expect(page.getByRole('alert').filter({ hasText: /fail|error/i })).toHaveCount(0);
  return page.evaluate(() => (window as unknown as { __seen: number[] }).__seen);
}

async function exportAs(page: Page, format: string, dialect?: string): Promise<Download> {
  await page.getByLabel('Export format').selectOption(format);
  if (dialect) await page.getByLabel('SQL dialect').selectOption(dialect);
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  return dl;
}

const grid = (page: Page, table: string, prefix = 'Synthetic') => page.getByRole('grid', { name: `${prefix} ${table}`, exact: true });
/** Rows of a results table as the grid announces them (aria-rowcount counts the header row). */
async function previewRows(page: Page, table: string): Promise<number> {
  await page.getByLabel('Table', { exact: true }).selectOption(table);
  await expect(grid(page, table)).toBeVisible();
  return Number(await grid(page, table).getAttribute('aria-rowcount')) - 1;
}

/** Every foreign key value of a JSON object keyed by table appears among its parent's keys. */
function danglingKeys(data: Record<string, Record<string, unknown>[]>): string[] {
  const bad: string[] = [];
  for (const r of FKS) {
    const keys = new Set(data[r.parent_table_name].map((row) => String(row[r.parent_primary_key])));
    const missing = data[r.child_table_name].filter((row) => row[r.child_foreign_key] != null && !keys.has(String(row[r.child_foreign_key])));
    if (missing.length) bad.push(`${r.child_table_name}.${r.child_foreign_key}: ${missing.length} rows, e.g. ${JSON.stringify(missing[0][r.child_foreign_key])}`);
  }
  return bad;
}

test('world: import metadata + CSVs, relationships, seeded generation with report, zip/SQLite/JSON exports, CART, reload', async ({ page }) => {
  test.setTimeout(240_000);
  await newProject(page, 'World QA');

  // 1. Import: the SDV metadata and the five CSVs in one drop.
  await dropFiles(page, [fixture(`${WORLD}/metadata.sdv.json`), ...TABLES.map((n) => fixture(`${WORLD}/${n}.csv`))]);
  const preview = page.getByTestId('import-preview');
  await expect(preview.locator('[data-preview-table]')).toHaveCount(5);
  await expect(page.getByTestId('import-relationships').locator('li')).toHaveCount(4);
  for (const n of TABLES) await expect(page.locator(`[data-csv-target="${n}.csv"] select`)).toHaveValue(n);
  // The tables are new: each CSV becomes its sample (row counts in the preview).
  for (const [n, rows] of [['continents', '7 rows'], ['countries', '250 rows'], ['states', '4,963 rows']]) await expect(preview.locator(`[data-preview-table="${n}"]`)).toContainText(rows);
  // North America is a value: the NA boxes stay unticked.
  const choice = page.getByTestId('import-missing-choice');
  await expect(choice).toContainText('Treat “NA” as missing in continents.code');
  for (const box of await choice.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
  await apply(page);
  await expect(page.locator('[data-table-card]')).toHaveCount(5);

  await page.getByRole('tab', { name: 'Relationships' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-element')).toHaveCount(5);
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(4);

  // 2. Generate with a seed: progress, then the multi-table report.
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await expect(page.locator('[data-sample-row="continents"] td').nth(0)).toHaveText('7');
  // "NA" (North America, Namibia) is a value in the sample preview, not an empty cell.
  await page.getByRole('button', { name: 'Preview continents' }).click();
  await expect(grid(page, 'continents', 'Sample of')).toContainText('NANorth America');
  await page.getByRole('button', { name: 'Preview countries' }).click();
  const aruba = grid(page, 'countries', 'Sample of').locator('[role=row][aria-rowindex="2"] [role=gridcell]');
  await expect(aruba.nth(2)).toHaveText('Aruba');
  await expect(aruba.nth(3)).toHaveText('NA');
  await page.getByRole('button', { name: 'Preview countries' }).click();
  await page.getByLabel('Seed').fill('4242');
  await page.getByLabel('Seed').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  const seen = await generate(page);
  expect(seen.some((v) => v > 0), 'the progress bar moved').toBe(true);
  const report = page.getByTestId('report');
  await expect(report).toBeVisible();
  for (const name of ['Cardinality', 'Intertable Trends']) {
    const m = report.getByRole('meter', { name, exact: true });
    await expect(m).toBeVisible();
    const v = Number(await m.getAttribute('aria-valuenow'));
    expect(v, name).toBeGreaterThanOrEqual(0);
    expect(v, name).toBeLessThanOrEqual(1);
  }
  await expect(report.getByRole('img', { name: /^Children per \w+ in \w+: real vs synthetic, CardinalityShapeSimilarity (0|1)\.\d\d$/ })).toBeVisible();
  await expect(report.getByLabel('Relationship').locator('option')).toHaveCount(4);

  const picker = page.getByLabel('Table', { exact: true });
  expect((await picker.locator('option').allTextContents()).sort()).toEqual(TABLES);
  // Keys are regenerated, so the synthetic continents have other codes, but no empty ones.
  await picker.selectOption('continents');
  const codes = await grid(page, 'continents').locator('[role=row] [role=gridcell]:nth-child(2)').allTextContents();
  expect(codes).toHaveLength(7);
  expect(codes.every((c) => /^[A-Z]{2}$/.test(c)), codes.join(',')).toBe(true);

  // 3. Export CSV: a zip of 5 files with the input headers.
  const counts: Record<string, number> = {};
  for (const n of TABLES) counts[n] = await previewRows(page, n);
  let d = await exportAs(page, 'csv');
  expect(d.suggestedFilename()).toMatch(/\.zip$/);
  const files = unzipSync(new Uint8Array(readFileSync((await d.path())!)));
  expect(Object.keys(files).sort()).toEqual(TABLES.map((n) => `${n}.csv`));
  for (const n of TABLES) {
    const lines = strFromU8(files[`${n}.csv`]).trimEnd().split(/\r?\n/);
    expect(lines[0], `${n}.csv header`).toBe(header(n));
    expect(lines.length - 1, `${n}.csv rows`).toBe(counts[n]);
  }

  // JSON keyed by table: the same rows; every foreign key resolves; "NA"-coded children are not left empty.
  d = await exportAs(page, 'json-object');
  const copula = JSON.parse(readFileSync((await d.path())!, 'utf8')) as Record<string, Record<string, unknown>[]>;
  for (const n of TABLES) expect(copula[n].length, `${n} rows`).toBe(counts[n]);
  expect(danglingKeys(copula)).toEqual([]);
  expect(copula.countries.filter((r) => r.continent_code == null)).toEqual([]);
  // Whole-number ids in the CSVs stay numbers (the metadata only says sdtype "id").
  expect(typeof copula.states[0].id).toBe('number');

  // SQL for SQLite, loaded into the real sqlite3.
  d = await exportAs(page, 'sql', 'sqlite');
  expect(d.suggestedFilename()).toBe('World-QA-sqlite.sql');
  const sql = readFileSync((await d.path())!, 'utf8');
  if (!existsSync(SQLITE)) {
    test.info().annotations.push({ type: 'skip', description: `${SQLITE} is absent: the SQLite script was not loaded into a database` });
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'ui-multi-'));
    writeFileSync(join(dir, 'world.sql'), sql);
    const db = join(dir, 'world.db');
    execFileSync(SQLITE, [db], { input: `PRAGMA foreign_keys=ON;\n.read ${join(dir, 'world.sql')}\n` });
    expect(execFileSync(SQLITE, [db, 'SELECT DISTINCT typeof(id) FROM "states";'], { encoding: 'utf8' }).trim()).toBe('integer');
    expect(execFileSync(SQLITE, [db, 'PRAGMA foreign_key_check;'], { encoding: 'utf8' }).trim()).toBe('');
    for (const n of TABLES) {
      expect(Number(execFileSync(SQLITE, [db, `SELECT count(*) FROM "${n}";`], { encoding: 'utf8' }).trim()), `${n} rows in SQLite`).toBe(counts[n]);
    }
  }

  // 4. Sequential CART: generate again; every foreign key of the JSON export resolves.
  await page.getByLabel('Synthesizer', { exact: true }).selectOption('cart');
  await expect(page.getByTestId('cart-note')).toBeVisible();
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  await generate(page);
  await expect(report.getByRole('meter', { name: 'Cardinality', exact: true })).toBeVisible();
  d = await exportAs(page, 'json-object');
  const data = JSON.parse(readFileSync((await d.path())!, 'utf8')) as Record<string, Record<string, unknown>[]>;
  expect(Object.keys(data).sort()).toEqual(TABLES);
  for (const n of TABLES) expect(data[n].length, `${n} rows`).toBeGreaterThan(0);
  expect(danglingKeys(data)).toEqual([]);

  // 5. Reload: project, samples and settings are still there.
  await page.reload();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('World QA');
  // The tab the user was on comes back.
  await expect(page.getByRole('tab', { name: 'Synthetic Data' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Seed')).toHaveValue('4242');
  await expect(page.getByLabel('Synthesizer', { exact: true })).toHaveValue('cart');
  await expect(page.locator('[data-sample-row="continents"] td').nth(0)).toHaveText('7');
  await expect(page.locator('[data-sample-row="countries"] td').nth(0)).toHaveText('250');
  await expect(page.locator('[data-sample-row="states"] td').nth(0)).toHaveText('4,963');
  await page.getByRole('tab', { name: 'Schema' }).click();
  await expect(page.locator('[data-table-card]')).toHaveCount(5);
  await page.getByRole('tab', { name: 'Relationships' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-element')).toHaveCount(5);
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(4);
});
