import { describe, expect, it } from 'vitest';
import { baseName, type CsvPart, type SchemaPart } from '../../src/lib/state/import-read';
import { fromFixture, readPart } from './ui-import-helpers';
import { describeImportError } from '../../src/lib/state/import-errors';
import { consumeLaunchQueue } from '../../src/lib/state/launch-queue';
import { AppError } from '../../src/lib/schema/model';

const read = readPart;

async function failure(file: File) {
  try { await read(file); } catch (e) { return e as AppError; }
  throw new Error(`${file.name} was read without error`);
}

describe('readImportFile: detects the format and reads it', () => {
  it('SQL DDL (pg_dump): tables, relationships, dialect and ignored statements as notes', async () => {
    const p = (await read(fromFixture('tests/fixtures/schemas/shop.pg_dump.sql'))) as SchemaPart;
    expect(p).toMatchObject({ kind: 'schema', format: 'ddl', fileName: 'shop.pg_dump.sql' });
    expect(p.schema.tables.map((t) => t.name)).toEqual(['customers', 'orders', 'order_items']);
    expect(p.schema.relationships).toHaveLength(2);
    expect(p.notes[0]).toBe('PostgreSQL dialect');
    expect(p.notes[1]).toMatch(/^\d+ other statements .* ignored$/);
  });
  it('a DDL script with unreadable statements keeps them as line-numbered warnings', async () => {
    const p = (await read(fromFixture('tests/fixtures/schemas/broken.sql'))) as SchemaPart;
    expect(p.schema.tables.map((t) => t.name)).toEqual(['good_one', 'child']);
    expect(p.warnings[0]).toMatch(/^Line 2: could not read this statement/);
    expect(p.warnings[1]).toMatch(/^Line 3: foreign key refers to table "missing_table"/);
  });
  it('DBML, SDV metadata (table named from the file) and request JSON (with settings)', async () => {
    const dbml = (await read(fromFixture('tests/fixtures/schemas/shop.dbml'))) as SchemaPart;
    expect(dbml.format).toBe('dbml');
    expect(dbml.schema.tables).toHaveLength(3);
    const world = (await read(fromFixture('tests/fixtures/data/world/metadata.sdv.json'))) as SchemaPart;
    expect(world.format).toBe('sdv-metadata');
    expect(world.schema.tables).toHaveLength(5);
    expect(world.schema.relationships).toHaveLength(4);
    const single = (await read(fromFixture('tests/fixtures/schemas/sdv-baseline/iris.metadata.json'))) as SchemaPart;
    expect(single.schema.tables.map((t) => t.name)).toEqual(['iris']);
    const req = (await read(fromFixture('tests/fixtures/data/world/schema.request.json'))) as SchemaPart;
    expect(req.format).toBe('request-json');
    expect(req.settings).toBeDefined();
  });
  it('CSV: streamed, inferred, table named from the file', async () => {
    const p = (await read(fromFixture('tests/fixtures/ui/customers.csv', 'Customers 2024.csv'))) as CsvPart;
    expect(p).toMatchObject({ kind: 'csv', tableName: 'customers_2024', rowCount: 3, skippedCount: 0 });
    expect(p.inference.table.columns.map((c) => c.data_type)).toEqual(['integer', 'email', 'categorical', 'datetime', 'float']);
    expect(p.inference.primaryKey).toBe('id');
  });
  it('ragged rows: skipped on request, with their lines', async () => {
    const p = (await read(fromFixture('tests/fixtures/data/bad/ragged.csv'), 'skip')) as CsvPart;
    expect(p.rowCount).toBe(4);
    expect(p.skipped.map((r) => r.line)).toEqual([4, 5]);
  });
  it('baseName strips the double extensions of metadata and schema files', () => {
    expect(baseName('world.metadata.json')).toBe('world');
    expect(baseName('Shop.schema.json')).toBe('shop');
    expect(baseName('x.sdv.json')).toBe('x');
  });
});

describe('readImportFile: bad files get specific errors', () => {
  it.each([
    ['empty file', new File([], 'empty.csv'), 'import/empty', 'empty.csv is empty'],
    ['only blanks', new File(['  \n\n '], 'blank.json'), 'import/empty', 'blank.json is empty (only spaces and line breaks)'],
    ['binary', new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])], 'image.sql'), 'import/binary', 'image.sql is not a text file'],
    ['invalid JSON', new File(['{"tables": ['], 'x.json'), 'json/syntax', 'x.json is not valid JSON'],
    ['JSON of no known shape', new File(['{"hello": 1}'], 'x.json'), 'import/unknown-json', 'x.json is valid JSON but not a schema file'],
    ['ragged CSV', fromFixture('tests/fixtures/data/bad/ragged.csv'), 'csv/ragged-row', 'ragged.csv line 4: expected 3 fields, found 2'],
    ['header-only CSV', fromFixture('tests/fixtures/data/bad/header-only.csv'), 'csv/header-only', 'has a header row'],
    ['DDL without tables', new File(['SET x = 1;\nINSERT INTO t VALUES (1);'], 'data.sql'), 'ddl/no-tables', 'data.sql has no CREATE TABLE statement']
  ])('%s', async (_what, file, code, message) => {
    const e = await failure(file);
    expect(e.code).toBe(code);
    expect(e.message).toContain(message);
  });

  it('ragged rows can be skipped; the view says so and gives the line', async () => {
    const v = describeImportError(await failure(fromFixture('tests/fixtures/data/bad/ragged.csv')));
    expect(v).toMatchObject({ code: 'csv/ragged-row', line: 4, canSkipRows: true, cancelled: false, problems: [] });
  });

  it('a hostile schema file (__proto__ keys, HTML in names): every problem with its JSON path, no prototype touched', async () => {
    const v = describeImportError(await failure(fromFixture('tests/fixtures/ui/hostile.schema.json')));
    expect(v.code).toBe('schema-file/invalid');
    expect(v.problems).toEqual([
      { where: 'tables[0].name', message: 'contains < or > (markup is not allowed in names)' },
      { where: 'tables[0].columns[1].name', message: 'contains < or > (markup is not allowed in names)' }
    ]);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('invalid SDV metadata lists each problem with its path', async () => {
    const bad = { METADATA_SPEC_VERSION: 'V1', tables: { a: { columns: { x: { sdtype: 'id' } }, primary_key: 'nope' } }, relationships: [{ parent_table_name: 'a', parent_primary_key: 'x', child_table_name: 'zzz', child_foreign_key: 'y' }] };
    const v = describeImportError(await failure(new File([JSON.stringify(bad)], 'bad.metadata.json')));
    expect(v.code).toBe('sdv/invalid');
    expect(v.problems.map((p) => p.where)).toEqual(['tables.a.primary_key', 'relationships[0].child_table_name']);
  });

  it('worker errors arrive as plain objects and keep their code; cancel is not a failure', () => {
    expect(describeImportError({ code: 'run/cancelled', message: 'The import was cancelled' })).toMatchObject({ cancelled: true, canSkipRows: false });
    expect(describeImportError(new Error('boom'))).toMatchObject({ code: 'import/failed', message: 'boom' });
    const many = new AppError('schema-file/invalid', 'x', {}, Array.from({ length: 60 }, (_, i) => ({ path: `tables[${i}]`, message: 'bad' })));
    const v = describeImportError(many);
    expect(v.problems).toHaveLength(51);
    expect(v.problems[50].message).toBe('… and 10 more');
  });
});

describe('consumeLaunchQueue (File Handling API)', () => {
  it('is a no-op where the API does not exist', () => {
    expect(consumeLaunchQueue(() => { throw new Error('never'); }, {})).toBe(false);
    expect(consumeLaunchQueue(() => { throw new Error('never'); }, undefined)).toBe(false);
  });
  it('hands the launched files over', async () => {
    let consumer: ((p: unknown) => Promise<void>) | undefined;
    const fake = { launchQueue: { setConsumer: (fn: (p: unknown) => Promise<void>) => { consumer = fn; } } };
    const got: string[] = [];
    expect(consumeLaunchQueue((files) => got.push(...files.map((f) => f.name)), fake)).toBe(true);
    const file = new File(['a'], 'shop.sql');
    await consumer!({ files: [{ kind: 'file', getFile: async () => file }, { kind: 'directory', getFile: async () => file }] });
    await consumer!({ files: [] });
    expect(got).toEqual(['shop.sql']);
  });
});
