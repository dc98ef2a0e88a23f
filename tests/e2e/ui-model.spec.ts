import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { blur, newProject } from './ui-helpers';

const COLUMNS = ['sepalLength', 'sepalWidth', 'petalLength', 'petalWidth', 'species'];

/** All rows of the results grid that are rendered (the first screenful is enough to compare runs). */
async function gridRows(page: Page): Promise<string[][]> {
  const grid = page.getByRole('grid', { name: 'Synthetic iris' });
  await expect(grid.locator('[role=row][aria-rowindex="2"] [role=gridcell]').first()).toBeVisible();
  return grid.locator('[role=row]:not([aria-rowindex="1"])').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? '')));
}

async function generate(page: Page) {
  await page.getByRole('button', { name: 'Generate data' }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true })).toBeDisabled({ timeout: 60_000 });
  await expect(page.getByRole('button', { name: 'Generate data' })).toBeEnabled();
}

async function irisProject(page: Page, name: string) {
  await newProject(page, name);
  await page.getByLabel('Create table from CSV').setInputFiles('tests/fixtures/single/iris.csv');
  await expect(page.locator('[data-table-card]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await page.getByLabel('Seed').fill('77');
  await page.getByLabel('Seed').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
}

test('Model panel: distributions and correlation, save, reload, load, Sample again reproduces the run; a bad file is refused', async ({ page }) => {
  await irisProject(page, 'Model study');
  const panel = page.getByTestId('model-panel');
  await expect(panel).toContainText('No model yet');
  await generate(page);
  const rows1 = await gridRows(page);
  expect(rows1.length).toBeGreaterThan(3);

  // A distribution per column: value columns one of the fitted kinds with the candidates' KS, species uniform.
  const table = panel.getByTestId('model-columns');
  for (const c of COLUMNS) {
    const kind = await table.locator(`tr[data-model-column="${c}"] td[data-kind]`).getAttribute('data-kind');
    expect(['norm', 'truncnorm', 'beta', 'gamma', 'uniform', 'gaussian_kde', 'empirical', 'constant'], c).toContain(kind);
  }
  await expect(table.locator('tr[data-model-column="species"] td[data-kind]')).toHaveAttribute('data-kind', 'uniform');
  await expect(table.locator('tr[data-model-column="sepalLength"] .cands .chosen')).toHaveCount(1);
  // The correlation matrix: 5×5, unit diagonal, symmetric.
  const heat = panel.locator('table[data-heatmap]');
  await expect(heat).toHaveCount(1);
  await expect(heat.locator('tbody tr')).toHaveCount(5);
  const cells = await heat.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent)));
  for (let i = 0; i < 5; i++) {
    expect(cells[i][i]).toBe('1.00');
    for (let j = 0; j < 5; j++) expect(cells[i][j]).toBe(cells[j][i]);
  }

  // Download: a JSON file the app itself accepts.
  const dl = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download model' }).click();
  const file = await dl;
  expect(file.suggestedFilename()).toBe('Model-study-copula-model.json');
  const json = JSON.parse(await readFile((await file.path())!, 'utf8'));
  expect(json.format).toBe('synthetic-data-studio/learned-model');

  // Save, reload the page, load the saved model, Sample again → the same rows as the run (same seed).
  await panel.getByLabel('Model name').fill('Iris copula');
  await panel.getByRole('button', { name: 'Save model' }).click();
  await expect(panel.getByTestId('model-message')).toHaveText('Saved model “Iris copula”.');
  await page.reload();
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  // The last run is kept on this device (issue 8) with its model; clear it to start from nothing.
  expect(await gridRows(page)).toEqual(rows1);
  await expect(panel.getByTestId('model-source')).toContainText('Fitted by the run of');
  await page.getByRole('button', { name: 'Clear results' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Clear results' }).click();
  await expect(page.getByTestId('model-panel')).toContainText('No model yet');
  await expect(page.getByRole('grid', { name: 'Synthetic iris' })).toHaveCount(0);
  const saved = panel.getByLabel('Saved models');
  await saved.selectOption((await saved.locator('option', { hasText: /^Iris copula — / }).getAttribute('value'))!);
  await panel.getByRole('button', { name: 'Load model', exact: true }).click();
  await expect(panel.getByTestId('model-message')).toContainText('Loaded “Iris copula”: Gaussian copula, 1 table (iris)');
  await expect(panel.getByTestId('model-source')).toContainText('Saved model “Iris copula”');
  await expect(panel.getByTestId('model-columns').locator('tr[data-model-column]')).toHaveCount(5);
  await panel.getByRole('button', { name: 'Sample again' }).click();
  await expect(page.getByRole('grid', { name: 'Synthetic iris' })).toBeVisible({ timeout: 60_000 });
  expect(await gridRows(page)).toEqual(rows1);
  // The samples match the model's table, so the new rows are scored too.
  await expect(page.getByTestId('report').getByRole('meter', { name: 'Quality score', exact: true })).toBeVisible();

  // Another seed: other rows from the same model, no refit.
  await page.getByLabel('Seed').fill('78');
  await page.getByLabel('Seed').press('Tab');
  await panel.getByRole('button', { name: 'Sample again' }).click();
  await expect.poll(async () => JSON.stringify(await gridRows(page)), { timeout: 60_000 }).not.toBe(JSON.stringify(rows1));

  // A file that is not a model, and a model with a broken parameter: specific messages.
  const picker = panel.getByLabel('Load model file');
  await picker.setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') });
  await expect(panel.getByTestId('model-message')).toHaveText(/^notes\.json: This file is not a saved model of this app/);
  json.multi.tables.iris.copula.columns[0].marginal.params = { loc: 'x' };
  await picker.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json)) });
  await expect(panel.getByTestId('model-message')).toHaveText(/^broken\.json: .*multi\.tables\.iris\.copula\.columns\[0\]\.marginal\.params\.loc must be a finite number/);
  await picker.setInputFiles({ name: 'plain.txt', mimeType: 'text/plain', buffer: Buffer.from('sepalLength,species') });
  await expect(panel.getByTestId('model-message')).toHaveText(/^plain\.txt: This file is not JSON/);
  await expect(panel.getByTestId('model-message')).toHaveAttribute('role', 'alert');
});

test('Compare synthesizers side by side, use CART, generate with CART; settings saved and undoable', async ({ page }) => {
  await irisProject(page, 'Compare study');
  const synth = page.getByLabel('Synthesizer', { exact: true });
  await expect(synth).toHaveValue('copula');
  await expect(page.getByTestId('privacy-value')).toHaveText('0.50');

  await page.getByRole('button', { name: 'Compare synthesizers' }).click();
  const cmp = page.getByRole('table', { name: 'Synthesizer comparison' });
  // Each synthesizer at its current setting and at the privacy end of the slider.
  await expect(cmp.locator('thead th')).toHaveText([/^Gaussian copula at 0\.50/, /^Gaussian copula at 1\.00/, /^Sequential CART at 0\.20/, /^Sequential CART at 1\.00/], { timeout: 90_000 });
  for (const metric of ['Quality score', 'Column Shapes', 'Column Pair Trends', 'DCRBaselineProtection', 'NewRowSynthesis']) {
    const vals = await cmp.locator(`td[data-metric="${metric}"]`).allTextContents();
    expect(vals, metric).toHaveLength(4);
    for (const v of vals) expect(Number(v), `${metric} ${v}`).toBeGreaterThanOrEqual(0);
    for (const v of vals) expect(Number(v), `${metric} ${v}`).toBeLessThanOrEqual(1);
  }
  expect(await cmp.locator('td[data-metric="Fit seconds"]').allTextContents()).toHaveLength(4);
  expect(await cmp.locator('td[data-metric="Fidelity ↔ privacy"]').allTextContents()).toEqual(['0.50', '1.00', '0.20', '1.00']);
  // The privacy end moves rows farther from the real ones than the default does, for both.
  const dcr = async (s: string, p: number) => Number(await cmp.locator(`td[data-metric="DCRBaselineProtection"][data-synthesizer="${s}"][data-privacy="${p}"]`).textContent());
  expect(await dcr('copula', 1)).toBeGreaterThan(await dcr('copula', 0.5));
  expect(await dcr('cart', 1)).toBeGreaterThan(await dcr('cart', 0.2));
  await expect(page.getByTestId('compare-reference')).toContainText(/new real rows would score about 0\.\d\d/);
  const cartQuality = await cmp.locator('td[data-metric="Quality score"][data-synthesizer="cart"][data-privacy="0.2"]').textContent();

  // "Use this one": the setting becomes CART (with its own default privacy) and its report is shown.
  await page.getByRole('button', { name: 'Use Sequential CART at 0.20' }).click();
  await expect(synth).toHaveValue('cart');
  await expect(page.getByTestId('privacy-value')).toHaveText('0.20');
  const meter = page.getByTestId('report').getByRole('meter', { name: 'Quality score', exact: true });
  await expect.poll(async () => Number(await meter.getAttribute('aria-valuenow')).toFixed(3)).toBe(cartQuality);
  await expect(page.getByTestId('model-panel').getByTestId('model-source')).toContainText('Sequential CART');

  // Undo restores the copula; redo CART again.
  await blur(page);
  await page.keyboard.press('Control+z');
  await expect(synth).toHaveValue('copula');
  await page.keyboard.press('Control+y');
  await expect(synth).toHaveValue('cart');

  // Generate with CART: the model shows the visit order and tree sizes.
  await generate(page);
  const model = page.getByTestId('model-panel');
  await expect(model.getByTestId('model-source')).toContainText('Sequential CART');
  await expect(model.getByTestId('model-columns').locator('tr[data-model-column]')).toHaveCount(5);
  await expect(model.locator('td[data-kind="cart-tree"]').filter({ hasText: /leaves/ }).first()).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Synthetic iris' })).toBeVisible();
  // The DCR score comes with what new real rows would score.
  await expect(page.getByTestId('holdout-reference')).toContainText(/new real rows would score about 0\.\d\d/);
  // New rows only (default on): the report says what it did for the table.
  await expect(page.getByTestId('copies-note')).toContainText(/iris: (no synthetic row reproduced a real row|\d+ drawn rows? reproduced a real row)/);
  const newRows = page.getByRole('checkbox', { name: 'New rows only' });
  await expect(newRows).toBeChecked();
  await newRows.uncheck();
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  // The privacy slider is saved with the project (survives a reload).
  const slider = page.getByRole('slider', { name: /Fidelity ↔ Privacy/ });
  await slider.fill('0.7');
  await expect(page.getByTestId('privacy-value')).toHaveText('0.70');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  await page.reload();
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await expect(page.getByLabel('Synthesizer', { exact: true })).toHaveValue('cart');
  await expect(page.getByTestId('privacy-value')).toHaveText('0.70');
  await expect(page.getByRole('checkbox', { name: 'New rows only' })).not.toBeChecked();
});
