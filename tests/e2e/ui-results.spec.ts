import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { newProject } from './ui-helpers';

/** Text of the first data row of the results grid. */
async function firstRow(page: Page): Promise<string[]> {
  const row = page.getByRole('grid', { name: 'Synthetic iris' }).locator('[role=row][aria-rowindex="2"] [role=gridcell]');
  await expect(row.first()).toBeVisible();
  return row.allTextContents();
}

const quality = (page: Page) => page.getByTestId('report').getByRole('meter', { name: 'Quality score', exact: true });

test('the last run survives a reload (rows, report, settings line, export) until "Clear results"', async ({ page }) => {
  await newProject(page, 'Kept run');
  await page.getByLabel('Create table from CSV').setInputFiles('tests/fixtures/single/iris.csv');
  await expect(page.locator('[data-table-card]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await expect(page.getByText('No synthetic data yet.')).toBeVisible();
  await page.getByLabel('Seed').fill('2024');
  await page.getByLabel('Seed').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  await page.getByRole('button', { name: 'Generate data' }).click();
  await expect(page.getByTestId('report')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('run-info')).toContainText(/Generated .+ with Gaussian copula · seed 2024 · scale 1× · fidelity ↔ privacy .+ · Quality Threshold 0\.80/);
  await expect(page.getByTestId('results-saved')).toHaveText('· Kept on this device');
  const rows = await firstRow(page);
  const score = await quality(page).getAttribute('aria-valuenow');
  const when = await page.getByTestId('run-info').locator('time').getAttribute('datetime');

  // A later settings change does not rewrite what the kept run says about itself.
  await page.getByLabel('Seed').fill('7');
  await page.getByLabel('Seed').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Synthetic Data' })).toHaveAttribute('aria-selected', 'true');
  expect(await firstRow(page)).toEqual(rows);
  await expect(quality(page)).toHaveAttribute('aria-valuenow', score!);
  await expect(page.getByTestId('threshold-verdict')).toContainText('Quality Threshold 0.80');
  await expect(page.getByTestId('report').getByRole('img', { name: /^sepalLength: real vs synthetic histogram/ })).toBeVisible();
  await expect(page.getByTestId('run-info')).toContainText('seed 2024');
  await expect(page.getByTestId('run-info').locator('time')).toHaveAttribute('datetime', when!);
  await expect(page.getByTestId('results-saved')).toHaveText('· Kept on this device');
  await expect(page.getByTestId('model-source')).toBeVisible();

  // The restored rows export as before.
  await page.getByLabel('Export format').selectOption('csv');
  const dl = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = (await readFile((await (await dl).path())!, 'utf8')).trimEnd().split('\n');
  expect(csv).toHaveLength(151);
  expect(csv[1].split(',')).toEqual(rows);

  // Clear results: asks first; "Keep" changes nothing.
  await page.getByRole('button', { name: 'Clear results' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Keep' }).click();
  await expect(page.getByTestId('report')).toBeVisible();
  await page.getByRole('button', { name: 'Clear results' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Clear results' }).click();
  await expect(page.getByText('No synthetic data yet.')).toBeVisible();
  await expect(page.getByTestId('report')).toHaveCount(0);
  await expect(page.getByTestId('run-info')).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Synthetic Data' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Seed')).toHaveValue('7');
  await expect(page.getByText('No synthetic data yet.')).toBeVisible();
  await expect(page.getByTestId('report')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Clear results' })).toHaveCount(0);
});
