import { test, expect, waitForServiceWorker } from './fixtures';
import { addTable, newProject, port } from './ui-helpers';

test('start screen: open, rename, duplicate and delete (with confirmation) local projects', async ({ page }) => {
  await newProject(page, 'Alpha');
  await addTable(page, 'customers');
  await page.getByRole('link', { name: '← Projects' }).click();
  const list = page.getByRole('table', { name: 'Local projects' });
  const alpha = list.getByRole('row').filter({ has: page.getByRole('link', { name: 'Alpha', exact: true }) });
  await expect(alpha.getByRole('cell').nth(1)).toHaveText('1');
  await expect(alpha.locator('time')).toBeVisible();

  await page.getByRole('button', { name: 'Rename project Alpha' }).click();
  await page.getByLabel('New name for Alpha').fill('');
  await expect(list.getByText('A project needs a name')).toBeVisible();
  await page.getByLabel('New name for Alpha').fill('Beta');
  await list.getByRole('button', { name: 'Save' }).click();
  await expect(list.getByRole('link', { name: 'Beta', exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Duplicate project Beta' }).click();
  await expect(list.getByRole('link', { name: 'Beta (copy)', exact: true })).toBeVisible();
  await list.getByRole('link', { name: 'Beta (copy)', exact: true }).click();
  await expect(page.locator('[data-table-card]').first().getByLabel('Table name')).toHaveValue('customers');
  await page.getByRole('link', { name: '← Projects' }).click();

  await page.getByRole('button', { name: 'Delete project Beta (copy)' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete project?' });
  await expect(confirm).toContainText('Beta (copy)');
  await confirm.getByRole('button', { name: 'Keep' }).click();
  await expect(list.getByRole('link', { name: 'Beta (copy)', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Delete project Beta (copy)' }).click();
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(list.getByRole('link', { name: 'Beta (copy)', exact: true })).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('link', { name: 'Beta', exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Beta (copy)', exact: true })).toHaveCount(0);
});

test('the preview grid scrolls a million rows, drawing only the visible ones', async ({ page }) => {
  await page.goto('/');
  await page.getByText('About / diagnostics').click();
  await page.getByRole('button', { name: 'Show 1,000,000-row grid' }).click();
  const grid = page.getByRole('grid', { name: 'Grid check' });
  await expect(grid).toHaveAttribute('aria-rowcount', '1000001');
  await expect(grid.getByRole('rowheader', { name: '1', exact: true })).toBeVisible();
  const drawn = await grid.getByRole('row').count();
  expect(drawn).toBeLessThan(40);
  const scroller = page.getByTestId('grid-scroller');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(grid.getByRole('rowheader', { name: '1000000', exact: true })).toBeVisible();
  await expect(grid.getByRole('row').last()).toContainText('999999');
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(grid.getByRole('rowheader', { name: /^50\d{4}$/ }).first()).toBeVisible();
  expect(await grid.getByRole('row').count()).toBeLessThan(40);
});

test('an open project reloads offline (the shell is served for project URLs)', async ({ page, context }) => {
  await newProject(page, 'Offline');
  await addTable(page, 'events');
  await waitForServiceWorker(page);
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('[data-table-card]').first().getByLabel('Table name')).toHaveValue('events');
  await page.getByRole('tab', { name: 'Relationships' }).click();
  await expect(port(page, 'events', 'id')).toBeVisible();
  await context.setOffline(false);
});
