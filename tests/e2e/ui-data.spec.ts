import { test, expect } from './fixtures';
import { newProject } from './ui-helpers';

test('Synthetic Data: samples, settings saved with the project, a mismatching sample is refused, a matching one generates', async ({ page }) => {
  await newProject(page, 'Data');
  await page.getByLabel('Create table from CSV').setInputFiles('tests/fixtures/ui/customers.csv');
  await expect(page.locator('[data-table-card]')).toHaveCount(1);
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();

  await expect(page.locator('[data-sample-row="customers"]')).toContainText('email: email');
  // Replace the sample with a file whose header differs: loaded, with a clear warning.
  await page.getByLabel('Replace sample for customers').setInputFiles({ name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from('id,mail\n1,a@b.c\n2,d@e.f\n') });
  await expect(page.locator('[data-sample-row="customers"]')).toContainText('other.csv does not match customers: columns not in the file: email, status, created_at, price; file columns not in the table: mail');
  await expect(page.locator('[data-sample-row="customers"] td').nth(0)).toHaveText('2');
  // A bad file gets a specific error and leaves the sample alone.
  await page.getByLabel('Replace sample for customers').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.from('   ') });
  await expect(page.locator('[data-sample-row="customers"]')).toContainText('empty.csv is empty');
  await expect(page.locator('[data-sample-row="customers"] td').nth(0)).toHaveText('2');

  await page.getByLabel('Data Scale').fill('2.5');
  await page.getByLabel('Data Scale').press('Tab');
  await page.getByLabel('Sample Size').fill('500');
  await page.getByLabel('Sample Size').press('Tab');
  await page.getByLabel('Quality Threshold').fill('1.5');
  await page.getByLabel('Quality Threshold').press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'Quality Threshold must be a number between 0 and 1' })).toBeVisible();
  await page.getByLabel('Quality Threshold').fill('0.9');
  await page.getByLabel('Quality Threshold').press('Tab');
  await page.getByLabel('Include Relationships').uncheck();
  await page.getByLabel('Seed').fill('1234');
  await page.getByLabel('Seed').press('Tab');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  await page.reload();
  await expect(page.getByLabel('Data Scale')).toHaveValue('2.5');
  await expect(page.getByLabel('Sample Size')).toHaveValue('500');
  await expect(page.getByLabel('Quality Threshold')).toHaveValue('0.9');
  await expect(page.getByLabel('Include Relationships')).not.toBeChecked();
  await expect(page.getByLabel('Seed')).toHaveValue('1234');

  await expect(page.getByRole('button', { name: 'Cancel' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Export' })).toBeDisabled();
  // The mismatching sample gets a specific error from the engine; nothing is generated.
  await page.getByRole('button', { name: 'Generate data' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The sample of table "customers" lacks columns "email", "status", "created_at", "price" (it has "mail" instead)' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Generate data' })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Export' })).toBeDisabled();
  // With the matching sample back, a real generation: Sample Size rows, the report, Export enabled.
  await page.getByLabel('Replace sample for customers').setInputFiles('tests/fixtures/ui/customers.csv');
  await expect(page.locator('[data-sample-row="customers"] td').nth(0)).toHaveText('3');
  await page.getByRole('button', { name: 'Generate data' }).click();
  const grid = page.getByRole('grid', { name: 'Synthetic customers' });
  await expect(grid).toHaveAttribute('aria-rowcount', '501', { timeout: 60_000 });
  await expect(grid.getByRole('columnheader')).toHaveText(['#', 'id', 'email', 'status', 'created_at', 'price']);
  await expect(page.getByTestId('report').getByRole('meter', { name: 'Quality score', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export' })).toBeEnabled();

  // Settings edits are undoable like any other edit.
  await page.getByLabel('Seed').fill('7');
  await page.getByLabel('Seed').press('Tab');
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByLabel('Seed')).toHaveValue('1234');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByLabel('Seed')).toHaveValue('7');
});
