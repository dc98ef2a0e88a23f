import { describe, expect, it } from 'vitest';
import { ambiguityKey, buildImportPlan, defaultChoices, describeRelationships, NEW_TABLE, type ImportChoices } from '../../src/lib/state/import-plan';
import { importCommand, placeNewTables, tablesToLayout } from '../../src/lib/state/import-command';
import { applyCommand, clone, invertCommand, type ProjectDoc } from '../../src/lib/db/commands';
import type { CsvPart, ImportPart, SchemaPart } from '../../src/lib/state/import-read';
import type { Schema } from '../../src/lib/schema/model';
import { fromFixture, readPart } from './ui-import-helpers';
import { col, table } from './ui-fixtures';

const EMPTY: Schema = { tables: [], relationships: [] };
const choices = (c: Partial<ImportChoices> = {}): ImportChoices => ({ ...defaultChoices(), ...c });
const names = (s: { tables: { table: { name: string } }[] }) => s.tables.map((t) => t.table.name);

function doc(schema: Schema = EMPTY): ProjectDoc {
  const now = '2024-01-01T00:00:00.000Z';
  return {
    project: { id: 'p1', name: 'P', settings: { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 42 }, created_at: now, updated_at: now },
    schema: clone(schema),
    samples: new Map()
  };
}

const regions = () => new File(['code,region,population\nEU,Europe,746\nNA,North America,579\nAS,Asia,4700\nAF,Africa,NA\nSA,South America,430\nOC,Oceania,45\n'], 'regions.csv');

describe('buildImportPlan', () => {
  it('a DDL file into an empty project: every table and relationship, with new ids', async () => {
    const part = (await readPart(fromFixture('tests/fixtures/schemas/shop.pg_dump.sql'))) as SchemaPart;
    const plan = buildImportPlan([part], choices(), { existing: EMPTY, newProject: false });
    expect(names(plan)).toEqual(['customers', 'orders', 'order_items']);
    expect(plan.relationships).toHaveLength(2);
    expect(plan.errors).toEqual([]);
    const oldIds = new Set([...part.schema.tables.map((t) => t.id), ...part.schema.tables.flatMap((t) => t.columns.map((c) => c.id))]);
    expect(plan.tables.some((t) => oldIds.has(t.table.id) || t.table.columns.some((c) => oldIds.has(c.id)))).toBe(false);
    expect(describeRelationships(plan, EMPTY)).toEqual(expect.arrayContaining(['customers.id → orders.customer_id (one-to-many)']));
    expect(plan.notes.map((n) => n.message)).toContain('PostgreSQL dialect');
  });

  it('names already in the project are made unique, with a warning', async () => {
    const part = (await readPart(fromFixture('tests/fixtures/schemas/shop.pg_dump.sql'))) as SchemaPart;
    const existing: Schema = { tables: [table('Customers', [col('id', 'integer', { is_primary_key: true, is_unique: true })])], relationships: [] };
    const plan = buildImportPlan([part], choices(), { existing, newProject: false });
    expect(names(plan)).toEqual(['customers_2', 'orders', 'order_items']);
    expect(plan.warnings[0].message).toBe('A table named “customers” already exists: this one is imported as “customers_2”');
    // Relationships still point at the imported table, not the existing one.
    expect(describeRelationships(plan, existing)).toContain('customers_2.id → orders.customer_id (one-to-many)');
    expect(plan.errors).toEqual([]);
  });

  it('a CSV named like an existing table becomes its sample (header differences warned); or a new table on request', async () => {
    const part = (await readPart(fromFixture('tests/fixtures/ui/customers.csv'))) as CsvPart;
    const existing: Schema = { tables: [table('customers', [col('id', 'integer', { is_primary_key: true, is_unique: true }), col('email', 'email'), col('phone', 'phone')])], relationships: [] };
    const plan = buildImportPlan([part], choices(), { existing, newProject: false, existingSampleRows: { 't-customers': 12 } });
    expect(plan.tables).toEqual([]);
    expect(plan.samples).toHaveLength(1);
    expect(plan.samples[0]).toMatchObject({ tableId: 't-customers', tableName: 'customers', fileName: 'customers.csv' });
    expect(plan.csv[0]).toMatchObject({ target: 'customers', newName: 'customers_2', options: ['customers'] });
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'customers.csv does not match table customers: columns not in the file: phone; file columns not in the table: status, created_at, price',
      'Replaces the current sample of customers (12 rows); Undo restores it'
    ]);
    const asNew = buildImportPlan([part], choices({ csvTarget: { [part.key]: NEW_TABLE } }), { existing, newProject: false });
    expect(names(asNew)).toEqual(['customers_2']);
    expect(asNew.tables[0].sample?.names).toEqual(['id', 'email', 'status', 'created_at', 'price']);
    expect(asNew.tables[0].table.columns.find((c) => c.is_primary_key)?.name).toBe('id');
  });

  it('SDV metadata and its CSVs in one drop: samples attach to the imported tables; NA as missing sets missing_tokens there', async () => {
    const meta = await readPart(fromFixture('tests/fixtures/data/world/metadata.sdv.json'));
    const countries = (await readPart(fromFixture('tests/fixtures/data/world/countries.csv'))) as CsvPart;
    const parts: ImportPart[] = [countries, meta]; // order of the drop does not matter
    const plan = buildImportPlan(parts, choices(), { existing: EMPTY, newProject: false });
    expect(plan.tables).toHaveLength(5);
    const c = plan.tables.find((t) => t.table.name === 'countries')!;
    expect(c.sampleFile).toBe('countries.csv');
    expect(c.sample?.columns[0]).toHaveLength(250);
    expect(plan.ambiguous.map((a) => `${a.table}.${a.column}`)).toEqual(['countries.cca2', 'countries.continent_code']);
    expect(plan.ambiguous.every((a) => !a.asMissing && a.tokens.join() === 'NA')).toBe(true);
    expect(c.table.columns.find((x) => x.name === 'continent_code')!.hints?.missing_tokens).toBeUndefined();

    const flipped = buildImportPlan(parts, choices({ asMissing: { [ambiguityKey(countries.key, 'continent_code')]: true } }), { existing: EMPTY, newProject: false });
    const fc = flipped.tables.find((t) => t.table.name === 'countries')!;
    expect(fc.table.columns.find((x) => x.name === 'continent_code')!.hints?.missing_tokens).toEqual(['NA']);
    expect(fc.table.columns.find((x) => x.name === 'cca2')!.hints?.missing_tokens).toBeUndefined();
    expect(flipped.errors).toEqual([]);
  });

  it('SDV metadata "id" keys whose CSV holds whole numbers become integer keys; a key and its foreign key keep one type', async () => {
    const world = ['metadata.sdv.json', 'states.csv', 'countries.csv'];
    const parts = await Promise.all(world.map((f) => readPart(fromFixture(`tests/fixtures/data/world/${f}`))));
    const plan = buildImportPlan(parts, choices(), { existing: EMPTY, newProject: false });
    const type = (t: string, c: string) => plan.tables.find((p) => p.table.name === t)!.table.columns.find((x) => x.name === c)!.data_type;
    expect(type('states', 'id')).toBe('integer');
    expect(type('countries', 'cca2')).toBe('string');
    expect(type('country_languages', 'id')).toBe('string'); // no CSV: the metadata's type stays

    const meta = new File([JSON.stringify({ METADATA_SPEC_VERSION: 'MULTI_TABLE_V1', tables: { a: { primary_key: 'id', columns: { id: { sdtype: 'id' } } }, b: { primary_key: 'id', columns: { id: { sdtype: 'id' }, a_id: { sdtype: 'id' } } } }, relationships: [{ parent_table_name: 'a', parent_primary_key: 'id', child_table_name: 'b', child_foreign_key: 'a_id' }] })], 'm.metadata.json');
    const a = new File(['id\n1\n2\n'], 'a.csv'), b = new File(['id,a_id\n10,1\n11,2\n'], 'b.csv');
    const onlyParent = buildImportPlan(await Promise.all([meta, a].map((f) => readPart(f))), choices(), { existing: EMPTY, newProject: false });
    expect(onlyParent.tables.map((p) => p.table.columns.map((c) => `${p.table.name}.${c.name}:${c.data_type}`)).flat()).toEqual(['a.id:string', 'b.id:string', 'b.a_id:string']);
    expect(onlyParent.errors).toEqual([]);
    const both = buildImportPlan(await Promise.all([meta, a, b].map((f) => readPart(f))), choices(), { existing: EMPTY, newProject: false });
    expect(both.tables.map((p) => p.table.columns.map((c) => `${p.table.name}.${c.name}:${c.data_type}`)).flat()).toEqual(['a.id:integer', 'b.id:integer', 'b.a_id:integer']);
    expect(both.errors).toEqual([]);
  });

  it('NA as missing in a new table re-runs the inference: the column is no longer complete, so no longer the key', async () => {
    const part = (await readPart(regions())) as CsvPart;
    const keep = buildImportPlan([part], choices(), { existing: EMPTY, newProject: true });
    const code = () => keep.tables[0].table.columns.find((c) => c.name === 'code')!;
    expect(code()).toMatchObject({ is_primary_key: true, is_nullable: false });
    expect(keep.ambiguous.map((a) => a.column)).toEqual(['code']); // population's NA is missing without asking
    expect(keep.tables[0].table.columns.find((c) => c.name === 'population')).toMatchObject({ data_type: 'integer', is_nullable: true });
    const flip = buildImportPlan([part], choices({ asMissing: { [ambiguityKey(part.key, 'code')]: true } }), { existing: EMPTY, newProject: true });
    const flipped = flip.tables[0].table.columns.find((c) => c.name === 'code')!;
    expect(flipped).toMatchObject({ is_primary_key: false, is_nullable: true });
    expect(flipped.hints?.missing_tokens).toEqual(['NA']);
    expect(flip.ambiguous[0].asMissing).toBe(true);
  });

  it('new project: name from the schema file or the file name, required; settings only for a new project', async () => {
    const req = (await readPart(fromFixture('tests/fixtures/data/world/schema.request.json'))) as SchemaPart;
    const plan = buildImportPlan([req], choices(), { existing: EMPTY, newProject: true });
    expect(plan.projectName).toBe('schema.request');
    expect(plan.settings).toEqual(req.settings);
    expect(buildImportPlan([req], choices({ projectName: '  ' }), { existing: EMPTY, newProject: true }).errors.map((e) => e.message)).toEqual(['A project needs a name']);
    const into = buildImportPlan([req], choices(), { existing: EMPTY, newProject: false });
    expect(into.settings).toBeUndefined();
    expect(into.notes.map((n) => n.message)).toContain('Generation settings in this file are not applied to an existing project');
    expect({ ...req, projectName: 'Shop' }.projectName).toBe('Shop');
    expect(buildImportPlan([{ ...req, projectName: 'Shop' }], choices(), { existing: EMPTY, newProject: true }).projectName).toBe('Shop');
  });

  it('schema problems the import would add block Apply; the project’s own are not repeated', () => {
    const part: SchemaPart = { kind: 'schema', key: 'k', fileName: 'x.json', format: 'request-json', schema: { tables: [table('empty', [])], relationships: [] }, warnings: [], notes: [] };
    const existing: Schema = { tables: [table('old', [])], relationships: [] };
    const plan = buildImportPlan([part], choices(), { existing, newProject: false });
    expect(plan.errors.map((e) => e.message)).toEqual(['Table "empty" has no columns']);
    expect(buildImportPlan([], choices(), { existing: EMPTY, newProject: false }).errors.map((e) => e.message)).toEqual(['Nothing to import']);
  });

  it('schema-file samples only when "include sample data" stays ticked', () => {
    const part: SchemaPart = {
      kind: 'schema', key: 'k', fileName: 's.schema.json', format: 'schema-file', warnings: [], notes: [],
      schema: { tables: [table('a', [col('id', 'integer', { is_primary_key: true, is_unique: true })])], relationships: [] },
      samples: { a: { names: ['id'], columns: [['1', '2']] } }
    };
    expect(buildImportPlan([part], choices(), { existing: EMPTY, newProject: false }).tables[0].sample?.columns[0]).toEqual(['1', '2']);
    const without = buildImportPlan([part], choices({ includeSamples: false }), { existing: EMPTY, newProject: false });
    expect(without.offersSamples).toBe(true);
    expect(without.tables[0].sample).toBeUndefined();
  });
});

describe('importCommand: Apply is one command, Undo restores the project exactly', () => {
  it('tables with samples, relationships, settings; inverse gives back the document', async () => {
    const ddl = await readPart(fromFixture('tests/fixtures/schemas/shop.pg_dump.sql'));
    const csv = (await readPart(fromFixture('tests/fixtures/ui/customers.csv'))) as CsvPart;
    const req = (await readPart(fromFixture('tests/fixtures/data/world/schema.request.json'))) as SchemaPart;
    const d = doc();
    const plan = buildImportPlan([ddl, csv, req], choices(), { existing: d.schema, newProject: true });
    expect(plan.errors).toEqual([]);
    const layout = await (await import('../../src/lib/state/layout')).autoLayout(tablesToLayout(plan));
    const positions = placeNewTables(plan, d.schema, layout);
    const cmd = importCommand(plan, d, positions, 'import shop');
    expect(cmd.kind).toBe('batch');
    const before = clone({ project: d.project, schema: d.schema });
    applyCommand(d, cmd);
    expect(d.schema.tables.map((t) => t.name)).toEqual(['customers', 'orders', 'order_items', 'continents', 'countries', 'languages', 'country_languages', 'states']);
    expect(d.schema.relationships).toHaveLength(2 + 4);
    expect(d.schema.tables.every((t) => t.position && Number.isInteger(t.position.x))).toBe(true);
    const customers = d.schema.tables.find((t) => t.name === 'customers')!;
    expect(d.samples.get(customers.id)).toMatchObject({ project_id: 'p1', table_id: customers.id, file_name: 'customers.csv', header: ['id', 'email', 'status', 'created_at', 'price'] });
    expect(d.samples.get(customers.id)!.rows[0]).toEqual(['1', 'ann@example.org', 'active', '2024-01-05 10:00:00', '19.99']);
    expect(d.project.settings).toMatchObject(req.settings!);
    applyCommand(d, invertCommand(cmd));
    expect(clone({ project: d.project, schema: d.schema })).toEqual(before);
    expect(d.samples.size).toBe(0);
  });

  it('a sample for an existing table replaces the old one and sets the NA hint; undo restores both', async () => {
    const part = (await readPart(regions())) as CsvPart;
    const code = col('code', 'string', { is_primary_key: true, is_unique: true, hints: { regex_format: '[A-Z]{2}' } });
    const d = doc({ tables: [table('regions', [code, col('region', 'categorical'), col('population')])], relationships: [] });
    const old = { id: 's0', project_id: 'p1', table_id: 't-regions', header: ['code'], rows: [['XX']], created_at: 'x' };
    d.samples.set('t-regions', old);
    const plan = buildImportPlan([part], choices({ asMissing: { [ambiguityKey(part.key, 'code')]: true } }), { existing: d.schema, newProject: false });
    const cmd = importCommand(plan, d, new Map(), 'import regions.csv');
    const before = clone(d.schema);
    applyCommand(d, cmd);
    expect(d.schema.tables[0].columns[0].hints).toEqual({ regex_format: '[A-Z]{2}', missing_tokens: ['NA'] });
    expect(d.samples.get('t-regions')!.rows).toHaveLength(6);
    applyCommand(d, invertCommand(cmd));
    expect(clone(d.schema)).toEqual(before);
    expect(d.samples.get('t-regions')).toBe(old);
  });

  it('new tables go below the existing ones on the canvas', () => {
    const existing: Schema = { tables: [table('a', [col('id')], { position: { x: 40, y: 40 } })], relationships: [] };
    const plan = buildImportPlan([{ kind: 'schema', key: 'k', fileName: 'x', format: 'dbml', warnings: [], notes: [], schema: { tables: [table('b', [col('id')])], relationships: [] } }], choices(), { existing, newProject: false });
    const pos = placeNewTables(plan, existing, new Map([[plan.tables[0].table.id, { x: 10, y: 5 }]]));
    const p = pos.get(plan.tables[0].table.id)!;
    expect(p.x).toBe(10);
    expect(p.y).toBeGreaterThan(40 + 34 + 24);
    // An empty project keeps the layout as is.
    expect(placeNewTables(plan, EMPTY, new Map([[plan.tables[0].table.id, { x: 10, y: 5 }]])).get(plan.tables[0].table.id)).toEqual({ x: 10, y: 5 });
  });
});
