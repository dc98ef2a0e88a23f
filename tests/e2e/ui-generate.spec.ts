import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { newProject } from './ui-helpers';

/** Text of the first data row of the results grid. */
async function firstRow(page: Page): Promise<string[]> {
  const row = page.getByRole('grid', { name: 'Synthetic iris' }).locator('[role=row][aria-rowindex="2"] [role=gridcell]');
  await expect(row.first()).toBeVisible();
  return row.allTextContents();
}

type Seen = { step: string; fraction: number }[];

/** Samples the run panel every frame (a fast run may finish between two Playwright polls). */
async function watchRun(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __runSeen: { step: string; fraction: number }[] };
    w.__runSeen = [];
    const tick = () => {
      const bar = document.querySelector<HTMLProgressElement>('progress[aria-label="Generation progress"]');
      const cancel = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel');
      if (bar && cancel && !cancel.disabled) w.__runSeen.push({ step: bar.closest('section')?.querySelector('.row .muted')?.textContent ?? '', fraction: bar.value });
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Clicks "Generate data" and waits until that run has been seen going and has finished. */
async function generate(page: Page, button = 'Generate data'): Promise<Seen> {
  await page.evaluate(() => { (window as unknown as { __runSeen: unknown[] }).__runSeen.length = 0; });
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __runSeen: unknown[] }).__runSeen.length), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Generate data' })).toBeEnabled();
  return page.evaluate(() => (window as unknown as { __runSeen: Seen }).__runSeen);
}

async function text(d: Download): Promise<string> {
  return readFile((await d.path())!, 'utf8');
}

test('new user: CSV table, seed, generate, report with scores and charts, same seed → same rows, exports', async ({ page }) => {
  await newProject(page, 'Iris study');
  await page.getByLabel('Create table from CSV').setInputFiles('tests/fixtures/single/iris.csv');
  await expect(page.locator('[data-table-card]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await page.getByLabel('Seed').fill('2024');
  await page.getByLabel('Seed').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  // Generate: the run shows progress, then the report.
  await watchRun(page);
  const seen = await generate(page);
  expect(seen.some((x) => x.step.length > 0), 'a progress step was shown').toBe(true);
  const report = page.getByTestId('report');
  await expect(report).toBeVisible();

  // Scores under SDMetrics' property names, as meters with values in [0, 1].
  for (const name of ['Quality score', 'Column Shapes', 'Column Pair Trends', 'Data Validity', 'Data Structure', 'DCRBaselineProtection', 'NewRowSynthesis']) {
    const m = report.getByRole('meter', { name, exact: true });
    await expect(m).toBeVisible();
    const v = Number(await m.getAttribute('aria-valuenow'));
    expect(v, name).toBeGreaterThanOrEqual(0);
    expect(v, name).toBeLessThanOrEqual(1);
  }
  const quality = Number(await report.getByRole('meter', { name: 'Quality score', exact: true }).getAttribute('aria-valuenow'));
  await expect(page.getByTestId('threshold-verdict')).toContainText('Quality Threshold 0.80');
  await expect(page.getByTestId('threshold-verdict')).toContainText(quality >= 0.8 ? 'meets the Quality Threshold' : 'below the Quality Threshold');

  // A column chart (canvas drawn by chart.js) named after the column and its score; the picker moves it.
  const chart = report.getByRole('img', { name: /^sepalLength: real vs synthetic histogram, KSComplement 0\.\d\d$/ });
  await expect(chart).toBeVisible();
  const drawn = await chart.locator('canvas').evaluate((c: HTMLCanvasElement) => {
    const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i] > 0) ink++;
    return ink;
  });
  expect(drawn).toBeGreaterThan(1000);
  await report.getByLabel('Column', { exact: true }).selectOption('species');
  await expect(report.getByRole('img', { name: /^species: real vs synthetic category frequencies, TVComplement/ })).toBeVisible();
  await expect(report.getByRole('img', { name: /^sepalLength/ })).toHaveCount(0);
  // Heatmaps: real, synthetic, difference; the diagonal of the real one is 1.
  await expect(report.locator('table[data-heatmap]')).toHaveCount(3);
  await expect(report.locator('table[data-heatmap="real"] tbody tr').first().locator('td').first()).toHaveText('1.00');
  await expect(report.getByRole('img', { name: /^DCR histogram for iris/ })).toBeVisible();

  const rows1 = await firstRow(page);
  expect(rows1).toHaveLength(5);

  // Same seed again → the same rows; another seed → other rows.
  await generate(page);
  expect(await firstRow(page)).toEqual(rows1);
  await page.getByLabel('Seed').fill('99');
  await page.getByLabel('Seed').press('Tab');
  await generate(page);
  expect(await firstRow(page)).not.toEqual(rows1);
  await page.getByLabel('Seed').fill('2024');
  await page.getByLabel('Seed').press('Tab');
  await generate(page);
  expect(await firstRow(page)).toEqual(rows1);

  // Export CSV: one table → iris.csv with the header and 150 rows (scale 1).
  await page.getByLabel('Export format').selectOption('csv');
  let dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  let d = await dl;
  expect(d.suggestedFilename()).toBe('iris.csv');
  const csv = (await text(d)).trimEnd().split('\n');
  expect(csv[0]).toBe('sepalLength,sepalWidth,petalLength,petalWidth,species');
  expect(csv).toHaveLength(151);
  expect(csv[1].split(',')).toEqual(rows1);
  await expect(page.getByRole('status').filter({ hasText: 'Exported iris.csv' })).toBeVisible();

  // Export SQL for SQLite.
  await page.getByLabel('Export format').selectOption('sql');
  await page.getByLabel('SQL dialect').selectOption('sqlite');
  dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  d = await dl;
  expect(d.suggestedFilename()).toBe('Iris-study-sqlite.sql');
  const sql = await text(d);
  expect(sql).toContain('CREATE TABLE "iris"');
  expect(sql).toContain('INSERT INTO "iris"');
  expect(sql).toContain('COMMIT;');

  // The HTML report: self-contained, with the scores, no script.
  dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download report', exact: true }).click();
  d = await dl;
  expect(d.suggestedFilename()).toBe('Iris-study-report.html');
  const html = await text(d);
  expect(html).toContain('Column Shapes');
  expect(html).toContain('Column Pair Trends');
  expect(html).toContain('DCRBaselineProtection');
  expect(html).toContain(`<td class="num">${quality.toFixed(2)}</td>`);
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/(src|href)="https?:/i);
  expect(html).toContain('<img src="data:image/png;base64,');

  // Improve quality: a fidelity-first re-run, both scores shown.
  await generate(page, 'Improve quality');
  await expect(page.getByTestId('improvement')).toHaveText(new RegExp(`^Previous run ${quality.toFixed(3).replace('.', '\\.')} → fidelity-first run (0|1)\\.\\d{3}`));

  // A threshold above what the run reaches: marked below, the engine's retry shows both scores.
  await page.getByLabel('Quality Threshold').fill('0.99');
  await page.getByLabel('Quality Threshold').press('Tab');
  await generate(page);
  await expect(page.getByTestId('threshold-verdict')).toContainText('Below the Quality Threshold.');
  await expect(page.getByTestId('retry-scores')).toHaveText(/: first run 0\.\d\d+ → retry 0\.\d\d+, (retry|first run) kept$/);
  await expect(report.getByRole('meter', { name: 'Quality score', exact: true })).toHaveAttribute('aria-valuetext', /below the Quality Threshold$/);
});
