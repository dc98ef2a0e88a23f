/** Helpers for the ui-* specs: act as a user would (labels, buttons, real mouse drags). */
import { expect, type Locator, type Page } from '@playwright/test';

export async function newProject(page: Page, name: string) {
  await page.goto('/');
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('tab', { name: 'Schema' })).toHaveAttribute('aria-selected', 'true');
}

export const card = (page: Page, i: number): Locator => page.locator('[data-table-card]').nth(i);

/** Adds a table and renames it; returns its card. */
export async function addTable(page: Page, name: string): Promise<Locator> {
  const before = await page.locator('[data-table-card]').count();
  await page.getByRole('button', { name: 'Add table' }).click();
  const c = card(page, before);
  await c.getByLabel('Table name').fill(name);
  await c.getByLabel('Table name').press('Enter');
  await expect(c.getByLabel('Table name')).toHaveValue(name);
  return c;
}

/** Adds a column to a table card, names it and picks its type. */
export async function addColumn(c: Locator, name: string, type: string) {
  const before = await c.getByLabel('Column name').count();
  await c.getByRole('button', { name: 'Add column' }).click();
  const input = c.getByLabel('Column name').nth(before);
  await input.fill(name);
  await input.press('Enter');
  await c.getByLabel('Data type').nth(before).selectOption(type);
  await expect(c.getByLabel('Column name').nth(before)).toHaveValue(name);
}

export const port = (page: Page, table: string, column: string) => page.locator(`[data-port="${table}.${column}"]`);

/** A real mouse drag between two column ports on the canvas. */
export async function dragPort(page: Page, from: Locator, to: Locator) {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 10, a.y + a.height / 2 + 5, { steps: 3 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

/** Body focus, so Ctrl+Z reaches the app rather than a text field. */
export async function blur(page: Page) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}
