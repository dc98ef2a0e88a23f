import { test, expect } from './fixtures';
import { addColumn, addTable, blur, dragPort, newProject, port } from './ui-helpers';

test('two tables, a relationship dragged on the canvas, still there after a reload', async ({ page }) => {
  await newProject(page, 'Shop');
  const customers = await addTable(page, 'customers');
  await addColumn(customers, 'email', 'email');
  const orders = await addTable(page, 'orders');
  await addColumn(orders, 'customer_id', 'integer');
  await addColumn(orders, 'total', 'decimal');

  await page.getByRole('tab', { name: 'Relationships' }).click();
  await expect(port(page, 'orders', 'customer_id')).toBeVisible();
  // Drag from the foreign key to the key: the key becomes the "one" side.
  await dragPort(page, port(page, 'orders', 'customer_id'), port(page, 'customers', 'id'));
  const dialog = page.getByRole('dialog', { name: 'New relationship' });
  await expect(dialog).toContainText('customers.id');
  await expect(dialog).toContainText('orders.customer_id');
  await expect(dialog.getByLabel(/One-to-many/)).toBeChecked();
  await dialog.getByRole('button', { name: 'Create relationship' }).click();
  await expect(dialog).toBeHidden();

  const link = page.locator('[data-testid=schema-canvas] .joint-link');
  await expect(link).toHaveCount(1);
  await expect(link.locator('text', { hasText: /^1$/ })).toHaveCount(1);
  await expect(link.locator('text', { hasText: /^N$/ })).toHaveCount(1);
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  await page.reload();
  await expect(page.getByRole('tab', { name: 'Relationships' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(1);
  // Click the link to inspect it.
  await page.locator('[data-testid=schema-canvas] .joint-link [data-relationship]').click({ force: true });
  const inspector = page.getByTestId('relationship-inspector');
  await expect(inspector).toContainText('customers.id → orders.customer_id');
  await inspector.getByLabel('Type').selectOption('one-to-one');
  await expect(page.locator('[data-testid=schema-canvas] .joint-link text', { hasText: /^N$/ })).toHaveCount(0);
  // The Schema tab shows the foreign key badge.
  await page.getByRole('tab', { name: 'Schema' }).click();
  await expect(page.locator('[data-column="customer_id"]').getByText('FK', { exact: true })).toBeVisible();
});

test('an invalid link is refused with the reason shown', async ({ page }) => {
  await newProject(page, 'Invalid links');
  const customers = await addTable(page, 'customers');
  await addColumn(customers, 'email', 'string');
  const orders = await addTable(page, 'orders');
  await addColumn(orders, 'customer_uuid', 'uuid');
  await page.getByRole('tab', { name: 'Relationships' }).click();

  // uuid → integer key: incompatible types.
  await dragPort(page, port(page, 'orders', 'customer_uuid'), port(page, 'customers', 'id'));
  await expect(page.getByTestId('link-refusal')).toContainText('Types do not match: customers.id is integer but orders.customer_uuid is uuid');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(0);

  // Neither end is a key.
  await dragPort(page, port(page, 'orders', 'customer_uuid'), port(page, 'customers', 'email'));
  await expect(page.getByTestId('link-refusal')).toContainText('must be a primary key or unique');

  // A column onto itself.
  await dragPort(page, port(page, 'customers', 'id'), port(page, 'customers', 'id'));
  await expect(page.getByTestId('link-refusal')).toContainText('A column cannot reference itself (customers.id)');
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(0);
});

test('a name with HTML is shown literally everywhere, the canvas included', async ({ page }) => {
  const xss = '<img src=x onerror="window.__pwned=1">';
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
  await newProject(page, xss);
  const t = await addTable(page, xss);
  await addColumn(t, '<b>bold</b>', 'string');
  await page.getByRole('tab', { name: 'Relationships' }).click();
  const canvas = page.getByTestId('schema-canvas');
  await expect(canvas.locator('text', { hasText: xss })).toHaveCount(1);
  await expect(canvas.locator('text', { hasText: '<b>bold</b>' })).toHaveCount(1);
  await expect(page.locator('img')).toHaveCount(0);
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
  await page.getByRole('link', { name: '← Projects' }).click();
  await expect(page.getByRole('link', { name: xss, exact: true })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toBe(0);
});

test('undo and redo cover schema edits and canvas moves', async ({ page }) => {
  await newProject(page, 'Undo');
  await addTable(page, 'first');
  await addTable(page, 'second');
  await blur(page);
  await page.keyboard.press('Control+z'); // undo rename of "second"
  await expect(page.locator('[data-table-card]').nth(1).getByLabel('Table name')).toHaveValue('table');
  await page.keyboard.press('Control+z'); // undo adding it
  await expect(page.locator('[data-table-card]')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('[data-table-card]')).toHaveCount(2);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.locator('[data-table-card]').nth(1).getByLabel('Table name')).toHaveValue('second');

  await page.getByRole('tab', { name: 'Relationships' }).click();
  const node = page.locator('[data-testid=schema-canvas] .joint-element').first();
  const title = node.locator('text', { hasText: 'first' });
  const before = await node.getAttribute('transform');
  const box = (await title.boundingBox())!;
  await page.mouse.move(box.x + 5, box.y + 5);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 120, { steps: 8 });
  await page.mouse.up();
  await expect(node).not.toHaveAttribute('transform', before!);
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  await page.reload();
  const moved = await page.locator('[data-testid=schema-canvas] .joint-element').first().getAttribute('transform');
  expect(moved).not.toBe(before);
  await page.getByRole('tab', { name: 'Relationships' }).focus();
  await page.keyboard.press('Control+z');
  // After a reload the history is empty: undo does nothing and the move stays saved.
  await expect(page.locator('[data-testid=schema-canvas] .joint-element').first()).toHaveAttribute('transform', moved!);
});

test('a CSV becomes a table with its sample, suggestions are offered, not applied', async ({ page }) => {
  await newProject(page, 'CSV');
  await page.getByLabel('Create table from CSV').setInputFiles('tests/fixtures/ui/customers.csv');
  await expect(page.getByRole('status').filter({ hasText: 'Created table “customers” with 5 columns' })).toBeVisible();
  const c = page.locator('[data-table-card]').first();
  await expect(c.getByLabel('Column name')).toHaveCount(5);
  await expect(c.getByLabel('Data type').nth(0)).toHaveValue('integer');
  await expect(c.getByLabel('Data type').nth(1)).toHaveValue('email');
  await expect(c.getByLabel('Data type').nth(3)).toHaveValue('datetime');
  await expect(c.getByLabel('Data type').nth(4)).toHaveValue('float');
  // price → decimal with 2 places: suggested, not applied until accepted.
  const price = page.locator('[data-column="price"]');
  await expect(price.getByText('Positive decimal with 2 places')).toBeVisible();
  await price.getByRole('button', { name: 'Accept' }).click();
  await expect(c.getByLabel('Data type').nth(4)).toHaveValue('decimal');
  // status: the full inference (formats/infer.ts) reads it as categorical. Made a plain string, the
  // sample's categories are suggested again; dismissed, the suggestion goes and the type stays.
  await expect(c.getByLabel('Data type').nth(2)).toHaveValue('categorical');
  await c.getByLabel('Data type').nth(2).selectOption('string');
  const status = page.locator('[data-column="status"]');
  await expect(status.getByText('Categories from the sample: active, inactive')).toBeVisible();
  await status.getByRole('button', { name: 'Dismiss' }).click();
  await expect(status.getByText('Categories from the sample')).toHaveCount(0);
  await expect(c.getByLabel('Data type').nth(2)).toHaveValue('string');

  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  const row = page.locator('[data-sample-row="customers"]');
  await expect(row.locator('td').nth(0)).toHaveText('3');
  await expect(row.locator('td').nth(1)).toHaveText('5');
  await page.reload();
  await expect(page.locator('[data-sample-row="customers"] td').nth(0)).toHaveText('3');
  await page.getByRole('button', { name: 'Preview customers' }).click();
  await expect(page.getByRole('grid', { name: 'Sample of customers' })).toContainText('cy@example.org');
});

test('many-to-many creates a junction table; Delete removes the selected link; auto-layout works offline-safe (CSP)', async ({ page }) => {
  const cspErrors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') cspErrors.push(m.text()); });
  await newProject(page, 'M2M');
  await addTable(page, 'students');
  await addTable(page, 'courses');
  await page.getByRole('tab', { name: 'Relationships' }).click();
  await dragPort(page, port(page, 'students', 'id'), port(page, 'courses', 'id'));
  const dialog = page.getByRole('dialog', { name: 'New relationship' });
  await dialog.getByLabel('Many-to-many').check();
  await expect(dialog.getByLabel(/Create a junction table/)).toBeChecked();
  await dialog.getByRole('button', { name: 'Create relationship' }).click();
  await expect(port(page, 'students_courses', 'student_id')).toBeVisible();
  await expect(port(page, 'students_courses', 'course_id')).toBeVisible();
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(2);

  // Select a link and press Delete: confirmation, then it is gone; undo brings it back.
  await page.locator('[data-testid=schema-canvas] .joint-link [data-relationship]').first().click({ force: true });
  await expect(page.getByTestId('relationship-inspector')).toBeVisible();
  await page.keyboard.press('Delete');
  await page.getByRole('dialog', { name: 'Delete relationship?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(1);
  await page.keyboard.press('Control+z');
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(2);

  const before = await page.locator('[data-testid=schema-canvas] .joint-element').first().getAttribute('transform');
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-element').first()).not.toHaveAttribute('transform', before!);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await page.getByRole('button', { name: 'Zoom in' }).click();
  expect(cspErrors.filter((e) => /Content Security Policy|unsafe-eval/i.test(e))).toEqual([]);
});

test('two-finger pinch zooms the canvas about the fingers; the page does not scroll or zoom instead', async ({ page }) => {
  await newProject(page, 'Pinch');
  await addTable(page, 'customers');
  await page.getByRole('tab', { name: 'Relationships' }).click();
  const canvas = page.getByTestId('schema-canvas');
  await expect(canvas.locator('.joint-element')).toHaveCount(1);
  await expect(canvas).toHaveCSS('touch-action', 'none');
  const scale = async () => Number(/matrix\(([^,\s]+)/.exec((await canvas.locator('.joint-layers').getAttribute('transform')) ?? '')?.[1] ?? NaN);
  const before = await scale();
  // Two touch pointers 100 px apart move to 200 px apart: ×2 (within the zoom limits).
  const pinch = (from: number, to: number) => canvas.evaluate((el, [a, b]) => {
    const r = el.getBoundingClientRect(), cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const fire = (type: string, id: number, dx: number) => el.dispatchEvent(new PointerEvent(type, { pointerId: id, pointerType: 'touch', isPrimary: id === 1, clientX: cx + dx, clientY: cy, bubbles: true, cancelable: true }));
    fire('pointerdown', 1, -a / 2); fire('pointerdown', 2, a / 2);
    for (let k = 1; k <= 5; k++) { const d = a + ((b - a) * k) / 5; fire('pointermove', 1, -d / 2); fire('pointermove', 2, d / 2); }
    fire('pointerup', 1, -b / 2); fire('pointerup', 2, b / 2);
  }, [from, to]);
  await pinch(100, 200);
  await expect.poll(scale).toBeCloseTo(Math.min(before * 2, 3), 2); // MAX_SCALE 3
  const mid = await scale();
  await pinch(200, 100);
  await expect.poll(scale).toBeCloseTo(mid / 2, 2);
});
