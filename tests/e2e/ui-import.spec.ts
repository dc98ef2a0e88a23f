import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { newProject } from './ui-helpers';

const WORLD = 'tests/fixtures/data/world';
const dialog = (page: Page) => page.getByTestId('import-dialog');
const cards = (page: Page) => page.locator('[data-table-card]');
const tableNames = (page: Page) => cards(page).getByLabel('Table name').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value).sort());
const card = (page: Page, name: string) => cards(page).filter({ has: page.getByRole('heading', { name: `Table ${name}`, exact: true }) });
/** Waits until the Schema tab lists exactly these tables (any order). */
const expectTables = (page: Page, names: string[]) => expect.poll(() => tableNames(page)).toEqual([...names].sort());

/** Drops files on the page as a user dragging them from the file manager would (drag events with a DataTransfer). */
async function dropFiles(page: Page, files: { name: string; text: string; type?: string }[]) {
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: f.type ?? '' }));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  }, files);
}

const fixture = (path: string) => ({ name: path.split('/').pop()!, text: readFileSync(path, 'utf8') });

async function apply(page: Page) {
  await dialog(page).getByRole('button', { name: 'Apply' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
}

test('a DDL script: preview with tables, types, relationships and warnings; Apply is one undoable step; canvas shows the links', async ({ page }) => {
  await newProject(page, 'From DDL');
  await page.getByLabel('Import files').setInputFiles('tests/fixtures/schemas/shop.pg_dump.sql');
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  await expect(preview.locator('[data-preview-table]')).toHaveCount(3);
  await expect(preview.locator('[data-preview-table="customers"] td').first()).toHaveText('7');
  await expect(preview.locator('[data-preview-table="orders"]')).toContainText('customer_id: integer');
  await expect(page.getByTestId('import-relationships').locator('li')).toHaveCount(2);
  await expect(page.getByTestId('import-relationships')).toContainText('customers.id → orders.customer_id (one-to-many)');
  await expect(page.getByTestId('import-notes')).toContainText('PostgreSQL dialect');
  // Nothing changes before Apply.
  await expect(cards(page)).toHaveCount(0);
  await apply(page);
  await expectTables(page, ['customers', 'order_items', 'orders']);

  await page.getByRole('tab', { name: 'Relationships' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-element')).toHaveCount(3);
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(2);
  await expect(page.locator('[data-port="orders.customer_id"]')).toBeVisible();

  // One undo removes the whole import; redo brings it back; it is saved.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-element')).toHaveCount(0);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(2);
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  await page.reload();
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(2);

  // A script with an unreadable statement and a dangling reference: warnings with line numbers.
  await page.getByLabel('Import files').setInputFiles('tests/fixtures/schemas/broken.sql');
  const warnings = page.getByTestId('import-warnings');
  await expect(warnings).toContainText('Line 2: could not read this statement');
  await expect(warnings).toContainText('Line 3: foreign key refers to table "missing_table"');
  await expect(page.getByTestId('import-preview').locator('[data-preview-table]')).toHaveCount(2);
  await apply(page);
  await expect(page.locator('[data-testid=schema-canvas] .joint-element')).toHaveCount(5);
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(3);
});

test('SDV metadata then the world CSVs by drop: samples land in their tables, the NA choice is offered', async ({ page }) => {
  await newProject(page, 'World');
  await dropFiles(page, [fixture(`${WORLD}/metadata.sdv.json`)]);
  await expect(page.getByTestId('import-preview').locator('[data-preview-table]')).toHaveCount(5);
  await expect(page.getByTestId('import-relationships').locator('li')).toHaveCount(4);
  await apply(page);
  await expectTables(page, ['continents', 'countries', 'country_languages', 'languages', 'states']);

  const csvs = ['continents', 'countries', 'country_languages', 'languages', 'states'].map((n) => fixture(`${WORLD}/${n}.csv`));
  await dropFiles(page, csvs);
  const preview = page.getByTestId('import-preview');
  await expect(preview).toBeVisible();
  for (const n of ['continents', 'countries', 'states']) {
    await expect(page.locator(`[data-csv-target="${n}.csv"] select`)).toHaveValue(n);
  }
  await expect(preview.locator('[data-preview-table]')).toHaveCount(0);
  await expect(page.getByTestId('import-samples').locator('li')).toHaveCount(5);
  const choice = page.getByTestId('import-missing-choice');
  await expect(choice).toContainText('Treat “NA” as missing in countries.continent_code');
  await expect(choice).toContainText('Treat “NA” as missing in continents.code');
  // North America stays a value: leave the boxes unticked.
  await expect(choice.getByRole('checkbox').first()).not.toBeChecked();
  await apply(page);

  await expect(card(page, 'countries')).toContainText('sample: 250 rows');
  await expect(card(page, 'states')).toContainText('sample: 4963 rows');
  await page.getByRole('tab', { name: 'Synthetic Data' }).click();
  await expect(page.locator('[data-sample-row="continents"] td').nth(0)).toHaveText('7');
});

test('a CSV with NA values on the start screen: the choice changes the preview, Apply creates the project', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByText('No projects yet.')).toBeVisible(); // the app has started (listeners attached)
  await dropFiles(page, [fixture('tests/fixtures/ui/regions-na.csv')]);
  await expect(dialog(page).getByRole('heading', { name: 'Import into a new project' })).toBeVisible();
  const choice = page.getByTestId('import-missing-choice');
  await expect(choice).toContainText('Treat “NA” as missing in regions_na.code');
  // population's NA sits among numbers: read as missing without asking.
  await expect(choice).not.toContainText('population');
  const row = page.getByTestId('import-preview').locator('[data-preview-table="regions_na"]');
  await expect(row).toContainText('code (PK)');
  await choice.getByRole('checkbox').check();
  // NA now missing: code is no longer complete, so it is not the key any more.
  await expect(row).not.toContainText('code (PK)');
  await choice.getByRole('checkbox').uncheck();
  await expect(row).toContainText('code (PK)');
  await page.getByLabel('New project name').fill('Regions');
  await dialog(page).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('Regions');
  await expect(cards(page)).toHaveCount(1);
  await expect(cards(page).first()).toContainText('sample: 6 rows');
  await expect(cards(page).first().getByLabel('Data type').nth(2)).toHaveValue('integer');
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
  // The import is one undoable step in the new project.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cards(page)).toHaveCount(0);
});

test('bad files get their specific message and leave the project unchanged', async ({ page }) => {
  await newProject(page, 'Safe');
  await page.getByLabel('Import files').setInputFiles('tests/fixtures/schemas/shop.pg_dump.sql');
  await apply(page);
  await expect(cards(page)).toHaveCount(3);
  const before = await tableNames(page);
  const error = page.getByTestId('import-error');
  const cancel = async () => { await dialog(page).getByRole('button', { name: 'Cancel' }).click(); await expect(dialog(page)).toBeHidden(); };

  await page.getByLabel('Import files').setInputFiles('tests/fixtures/data/bad/empty.csv');
  await expect(error).toContainText('empty.csv is empty');
  await expect(dialog(page).getByRole('button', { name: 'Apply' })).toBeDisabled();
  await cancel();

  await page.getByLabel('Import files').setInputFiles('tests/fixtures/data/bad/image.csv');
  await expect(error).toContainText('image.csv is not a text file');
  await cancel();

  await page.getByLabel('Import files').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"tables": [') });
  await expect(error).toContainText('broken.json is not valid JSON');
  await cancel();

  // Ragged rows: the line numbers, then "skip bad rows" reads the rest.
  await page.getByLabel('Import files').setInputFiles('tests/fixtures/data/bad/ragged.csv');
  await expect(error).toContainText('ragged.csv line 4: expected 3 fields, found 2');
  await error.getByRole('button', { name: 'Skip bad rows' }).click();
  await expect(page.getByTestId('import-warnings')).toContainText('2 rows with the wrong number of fields skipped (lines 4, 5)');
  await expect(page.getByTestId('import-preview').locator('[data-preview-table="ragged"]')).toContainText('4 rows');
  await cancel();

  // SDV metadata with wrong structure: every problem with its JSON path.
  await page.getByLabel('Import files').setInputFiles({ name: 'bad.metadata.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ METADATA_SPEC_VERSION: 'V1', tables: { a: { columns: { x: { sdtype: 'id' } }, primary_key: 'nope' } }, relationships: [{ parent_table_name: 'a', parent_primary_key: 'x', child_table_name: 'zzz', child_foreign_key: 'y' }] })) });
  await expect(error.locator('li')).toHaveCount(2);
  await expect(error).toContainText('tables.a.primary_key');
  await expect(error).toContainText('relationships[0].child_table_name');
  await cancel();

  // A hostile schema file: __proto__ keys and HTML in names. Refused with paths, shown as text.
  page.on('dialog', (d) => void d.dismiss());
  await page.getByLabel('Import files').setInputFiles('tests/fixtures/ui/hostile.schema.json');
  await expect(error).toContainText('tables[0].name');
  await expect(error).toContainText('tables[0].columns[1].name');
  await expect(error).toContainText('contains < or > (markup is not allowed in names)');
  await cancel();
  expect(await page.evaluate(() => [(window as unknown as { __pwned?: number }).__pwned, ({} as { polluted?: string }).polluted])).toEqual([undefined, undefined]);
  await expect(page.locator('img')).toHaveCount(0);

  await expectTables(page, before);
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveAttribute('title', /import shop\.pg_dump\.sql/);
  await page.reload();
  await expectTables(page, before);

  // Dangerous keys alone are dropped (and said so); the rest imports; no prototype was touched.
  await page.getByLabel('Import files').setInputFiles('tests/fixtures/ui/proto-keys.schema.json');
  await expect(page.getByTestId('import-warnings')).toContainText('Ignored a key named "__proto__"');
  await apply(page);
  expect(await page.evaluate(() => ({} as { polluted?: string }).polluted)).toBeUndefined();
  await expectTables(page, [...before, 'accounts']);
});

test('a large CSV streams with a progress bar and can be cancelled without changing anything', async ({ page }) => {
  await newProject(page, 'Big');
  // ~60 MB built inside the page, dropped like a real file.
  await page.evaluate(() => {
    const row = 'a-000123,Some text value here,12345.678,2024-01-02,true\n';
    const body = 'code,label,amount,day,flag\n' + row.repeat(1_100_000);
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'big.csv', { type: 'text/csv' }));
    for (const type of ['dragenter', 'dragover', 'drop']) document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: dt }));
  });
  const bar = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(bar).toBeVisible();
  // The page keeps updating while the worker reads: the bar moves.
  await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel import' }).click();
  await expect(dialog(page)).toBeHidden();
  await expect(page.getByTestId('import-notice')).toHaveText('Import cancelled. Nothing was changed.');
  await expect(cards(page)).toHaveCount(0);
});

test('share: download the schema file (with samples), open it in a new project — same tables and relationships; schema exports', async ({ page }) => {
  await newProject(page, 'Shared shop');
  await page.getByLabel('Import files').setInputFiles(['tests/fixtures/schemas/shop.pg_dump.sql', 'tests/fixtures/ui/customers.csv']);
  await page.locator('[data-csv-target="customers.csv"] select').selectOption('customers');
  await apply(page);

  await page.getByText('Share / export').click();
  await page.getByLabel('Include sample data').check();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download schema file' }).click()]);
  expect(download.suggestedFilename()).toBe('Shared-shop.schema.json');
  const text = readFileSync((await download.path())!, 'utf8');
  const file = JSON.parse(text);
  expect(file.format).toBe('synthetic-data-studio/schema');
  expect(file.tables.map((t: { name: string }) => t.name).sort()).toEqual(['customers', 'order_items', 'orders']);
  expect(file.tables.every((t: { position?: object }) => t.position)).toBe(true);
  expect(file.samples.customers.names).toEqual(['id', 'email', 'status', 'created_at', 'price']);

  const exports: Record<string, string> = {};
  for (const [label, expected] of [['SDV metadata (JSON)', 'Shared-shop.metadata.json'], ['SQL DDL — PostgreSQL', 'Shared-shop.postgres.sql'], ['SQL DDL — MySQL', 'Shared-shop.mysql.sql'], ['SQL DDL — SQLite', 'Shared-shop.sqlite.sql'], ['DBML', 'Shared-shop.dbml']]) {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: label }).click()]);
    expect(d.suggestedFilename()).toBe(expected);
    exports[expected] = readFileSync((await d.path())!, 'utf8');
  }
  expect(JSON.parse(exports['Shared-shop.metadata.json']).relationships).toHaveLength(2);
  expect(exports['Shared-shop.postgres.sql']).toContain('CREATE TABLE "orders"');
  expect(exports['Shared-shop.mysql.sql']).toContain('CREATE TABLE `orders`');
  expect(exports['Shared-shop.dbml']).toMatch(/Table "?orders"? \{/);

  // Open the schema file from the start screen: a new project with the same tables, links and sample.
  await page.getByRole('link', { name: '← Projects' }).click();
  await page.getByLabel('Import files').setInputFiles({ name: 'Shared-shop.schema.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(page.getByLabel('New project name')).toHaveValue('Shared shop');
  await page.getByLabel('New project name').fill('Shared shop (opened)');
  await dialog(page).getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByRole('tab', { name: 'Schema' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Project name', { exact: true })).toHaveValue('Shared shop (opened)');
  await expect(cards(page)).toHaveCount(3);
  await expectTables(page, ['customers', 'order_items', 'orders']);
  await expect(card(page, 'customers')).toContainText('sample: 3 rows');
  await page.getByRole('tab', { name: 'Relationships' }).click();
  await expect(page.locator('[data-testid=schema-canvas] .joint-link')).toHaveCount(2);
  await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');

  // A downloaded SDV metadata file opens too (another tool's format, same tables and links).
  await page.getByRole('link', { name: '← Projects' }).click();
  await dropFiles(page, [{ name: 'Shared-shop.metadata.json', text: exports['Shared-shop.metadata.json'] }]);
  await expect(page.getByTestId('import-preview').locator('[data-preview-table]')).toHaveCount(3);
  await expect(page.getByTestId('import-relationships').locator('li')).toHaveCount(2);
});

test('the manifest declares file handlers for JSON, CSV, SQL and DBML', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await (await request.get(new URL(href!, page.url()).toString())).json();
  expect(manifest.file_handlers).toEqual([{ action: '/', accept: { 'application/json': ['.json'], 'text/csv': ['.csv'], 'application/sql': ['.sql'], 'text/x-dbml': ['.dbml'] } }]);
  await expect(page.getByRole('button', { name: 'Import…' })).toBeVisible();
});

test('launchQueue files (opened from the OS) open the import preview on the start screen', async ({ page }) => {
  // Headless Chromium has no File Handling launch; this stands in for the browser's launchQueue.
  await page.addInitScript(() => {
    const queue = {
      setConsumer(fn: (p: { files: { kind: string; getFile(): Promise<File> }[] }) => void) {
        const file = new File(['Table a {\n  id int [pk]\n}\nTable b {\n  id int [pk]\n  a_id int [ref: > a.id]\n}\n'], 'opened.dbml');
        setTimeout(() => fn({ files: [{ kind: 'file', getFile: async () => file }] }), 0);
      }
    };
    Object.defineProperty(window, 'launchQueue', { value: queue, configurable: true });
  });
  await page.goto('/');
  await expect(page.getByTestId('import-preview').locator('[data-preview-table]')).toHaveCount(2);
  await expect(page.getByTestId('import-relationships')).toContainText('a.id → b.a_id');
});
