import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures';
import { blur, newProject } from './ui-helpers';

const SEATTLE = 'tests/fixtures/single/seattle-weather.csv';

test('Business rules: suggestion accepted, kept after reload, contradicting rule refused with its reason, generation obeys the rule', async ({ page }) => {
  await newProject(page, 'Rules');
  await page.getByLabel('Create table from CSV').setInputFiles(SEATTLE);
  await expect(page.locator('[data-table-card]')).toHaveCount(1);

  const panel = page.locator('[data-rules-panel]');
  // Suggestions are computed from the sample and counted; nothing is applied on its own.
  await expect(panel.locator('summary')).toContainText(/0 rules · \d+ suggestions/);
  await panel.locator('summary').click();
  const suggestions = panel.getByRole('list', { name: 'Suggested rules' });
  await expect(suggestions).toContainText('temp_max > temp_min');
  await expect(suggestions.getByRole('listitem').filter({ hasText: 'temp_max > temp_min' })).toContainText('holds in all 1461 rows');
  await expect(panel.getByRole('list', { name: 'Rules of seattle_weather' })).toHaveCount(0);

  await panel.getByRole('button', { name: 'Accept rule temp_max > temp_min' }).click();
  const rules = panel.getByRole('list', { name: 'Rules of seattle_weather' });
  await expect(rules.getByRole('listitem')).toHaveCount(1);
  await expect(rules).toContainText('temp_max > temp_min');
  await expect(suggestions).not.toContainText('temp_max > temp_min');

  // Undoable like any edit.
  await blur(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(panel.getByRole('list', { name: 'Rules of seattle_weather' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(rules).toContainText('temp_max > temp_min');

  // Dismiss another suggestion: it is gone and stays gone.
  const first = (await suggestions.getByRole('listitem').first().locator('code').textContent())!;
  await suggestions.getByRole('button', { name: `Dismiss rule ${first}` }).click();
  await expect(suggestions.getByRole('button', { name: `Dismiss rule ${first}` })).toHaveCount(0);

  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  await page.reload();
  await expect(rules).toContainText('temp_max > temp_min');
  await expect(panel.getByRole('button', { name: `Accept rule ${first}` })).toHaveCount(0);

  // A rule the sample contradicts is refused with the count and the first breaking row.
  const form = panel.getByRole('form', { name: 'Add a rule to seattle_weather' });
  await form.getByLabel('Rule type').selectOption('inequality');
  await form.getByLabel('Larger column').selectOption('temp_min');
  await form.getByLabel('Smaller column').selectOption('temp_max');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(form.getByRole('alert')).toContainText('Rule "temp_min >= temp_max" is broken by 1461 of 1461 sample rows (100.0%); first at row 1: temp_max=12.8, temp_min=5.0');
  await expect(rules.getByRole('listitem')).toHaveCount(1);

  // A derived column's expression is checked live by the parser; a bad one never reaches the engine.
  await form.getByLabel('Rule type').selectOption('derived');
  await form.getByLabel('Derived column').selectOption('wind');
  await form.getByLabel('Expression').fill('temp_max - ');
  await expect(form.locator('.error')).toContainText('position');
  await form.getByLabel('Expression').fill('temp_max - snow');
  await expect(form.locator('.error')).toHaveText('Unknown column: snow');
  await form.getByLabel('Expression').fill('temp_max - temp_min');
  await expect(form.getByText('Reads temp_max, temp_min')).toBeVisible();

  // A fixed-bounds rule the sample obeys is added.
  await form.getByLabel('Rule type').selectOption('value_range');
  await form.getByLabel('Column', { exact: true }).selectOption('wind');
  await form.getByLabel('Minimum').fill('0');
  await form.getByLabel('Maximum').fill('10');
  await form.getByRole('button', { name: 'Add rule' }).click();
  await expect(rules).toContainText('0 <= wind <= 10');
  await expect(rules.getByRole('listitem')).toHaveCount(2);

  // Generation obeys the rules: every previewed row has temp_max > temp_min and wind within [0, 10].
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await page.getByRole('button', { name: 'Generate data' }).click();
  const grid = page.getByRole('grid', { name: /^Synthetic/ });
  await expect(grid).toBeVisible({ timeout: 120_000 });
  const headers = await grid.getByRole('columnheader').allTextContents();
  const hi = headers.indexOf('temp_max'), lo = headers.indexOf('temp_min'), wind = headers.indexOf('wind');
  expect(hi).toBeGreaterThan(0);
  // Scroll through the first few hundred rows (without the rule about 6% of synthetic rows break it).
  const seen = new Map<string, string[]>();
  const scroller = grid.getByTestId('grid-scroller');
  for (let step = 0; step < 25 && seen.size < 250; step++) {
    await scroller.evaluate((el, y) => { el.scrollTop = y; el.dispatchEvent(new Event('scroll')); }, step * 300);
    await expect(grid.getByRole('row').filter({ has: page.getByRole('gridcell') }).first()).toBeVisible();
    for (const row of await grid.getByRole('row').filter({ has: page.getByRole('gridcell') }).all()) {
      const cells = await row.locator('[role=gridcell], [role=rowheader]').allTextContents();
      seen.set(cells[0], cells);
    }
  }
  expect(seen.size).toBeGreaterThan(200);
  for (const cells of seen.values()) {
    if (cells[hi] !== '' && cells[lo] !== '') expect(Number(cells[hi]), `row ${cells[0]}: temp_max ${cells[hi]} > temp_min ${cells[lo]}`).toBeGreaterThan(Number(cells[lo]));
    if (cells[wind] !== '') expect(Number(cells[wind]) >= 0 && Number(cells[wind]) <= 10, `row ${cells[0]}: wind ${cells[wind]}`).toBe(true);
  }
});

test('Business rules travel in the downloaded schema file and come back when it is opened', async ({ page }) => {
  await newProject(page, 'Rules shared');
  await page.getByLabel('Create table from CSV').setInputFiles(SEATTLE);
  const panel = page.locator('[data-rules-panel]');
  await panel.locator('summary').click();
  await panel.getByRole('button', { name: 'Accept rule temp_max > temp_min' }).click();
  await expect(panel.getByRole('list', { name: 'Rules of seattle_weather' })).toContainText('temp_max > temp_min');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  await page.getByText('Share / export').click();
  await page.getByLabel('Include sample data').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download schema file' }).click()]);
  const text = readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(text).rules).toEqual({ version: 1, tables: { seattle_weather: [{ type: 'inequality', low: 'temp_min', high: 'temp_max', strict: true }] } });

  await page.getByRole('link', { name: '← Projects' }).click();
  await page.getByLabel('Import files').setInputFiles({ name: 'Rules-shared.schema.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await page.getByLabel('New project name').fill('Rules shared (opened)');
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('Rules shared (opened)');
  await expect(page.locator('[data-rules-panel]').getByRole('list', { name: 'Rules of seattle_weather' })).toContainText('temp_max > temp_min');
});
