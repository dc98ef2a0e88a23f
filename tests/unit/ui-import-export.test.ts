import { describe, expect, it } from 'vitest';
import { exportSchemaAs, fileStem, sampleToColumnar, SCHEMA_EXPORTS, SCHEMA_FILE_MAX_ROWS, schemaFileExport } from '../../src/lib/state/schema-export';
import { parseSchemaFile } from '../../src/lib/schema/formats/schema-file';
import { parseSdvMetadata } from '../../src/lib/schema/formats/sdv-metadata';
import { importDdl } from '../../src/lib/schema/formats/ddl';
import { importDbml } from '../../src/lib/schema/formats/dbml';
import { buildImportPlan, defaultChoices } from '../../src/lib/state/import-plan';
import { readSchemaPart } from '../../src/lib/state/import-read';
import type { ProjectRow, SampleRow } from '../../src/lib/db/db';
import type { Schema } from '../../src/lib/schema/model';
import { col, table } from './ui-fixtures';

function shopDoc() {
  const customers = table('customers', [col('id', 'integer', { is_primary_key: true, is_unique: true }), col('email', 'email', { is_nullable: true })], { position: { x: 40, y: 40 } });
  const orders = table('orders', [col('id', 'integer', { is_primary_key: true, is_unique: true }), col('customer_id'), col('total', 'decimal', { hints: { decimals: 2, min: 0 } })], { position: { x: 400, y: 60 } });
  const schema: Schema = {
    tables: [customers, orders],
    relationships: [{ id: 'r1', source_table_id: customers.id, source_column_id: customers.columns[0].id, target_table_id: orders.id, target_column_id: orders.columns[1].id, relationship_type: 'one-to-many' }]
  };
  const project: ProjectRow = { id: 'p', name: 'Shop / test', settings: { scale: 2, quality_threshold: 0.7, include_relationships: true, seed: 7, sample_size: 500 }, created_at: 'x', updated_at: 'x' };
  const sample: SampleRow = { id: 's', project_id: 'p', table_id: customers.id, file_name: 'c.csv', header: ['id', 'email'], rows: [['1', 'a@b.co'], ['2', '']], created_at: 'x' };
  return { project, schema, samples: new Map([[customers.id, sample]]) };
}

describe('schema file: download then open gives the same schema', () => {
  it('tables, columns, relationships, settings, canvas positions; samples only when asked', async () => {
    const doc = shopDoc();
    const f = schemaFileExport(doc, { includeSamples: false });
    expect(f).toMatchObject({ fileName: 'Shop-test.schema.json', mime: 'application/json' });
    const back = parseSchemaFile(f.text, f.fileName);
    expect(back.file.schema).toEqual(doc.schema);
    expect(back.file.settings).toEqual(doc.project.settings);
    expect(back.file.name).toBe('Shop / test');
    expect(back.file.samples).toBeUndefined();

    const withSamples = parseSchemaFile(schemaFileExport(doc, { includeSamples: true }).text);
    expect(withSamples.file.samples).toEqual({ customers: { names: ['id', 'email'], columns: [['1', '2'], ['a@b.co', null]] } });

    // Opened through the import path: same names, types, links; positions kept; fresh ids.
    const part = await readSchemaPart('schema-file', schemaFileExport(doc, { includeSamples: true }).text, f.fileName, 'k');
    const plan = buildImportPlan([part], defaultChoices(), { existing: { tables: [], relationships: [] }, newProject: true });
    expect(plan.projectName).toBe('Shop / test');
    const strip = (s: Schema) => ({
      tables: s.tables.map((t) => ({ name: t.name, position: t.position, columns: t.columns.map(({ id: _id, ...c }) => c) })),
      relationships: s.relationships.length
    });
    expect(strip({ tables: plan.tables.map((t) => t.table), relationships: plan.relationships })).toEqual(strip(doc.schema));
    expect(plan.tables[0].table.id).not.toBe(doc.schema.tables[0].id);
    expect(plan.tables[0].sample?.columns[1]).toEqual(['a@b.co', null]);
  });

  it('samples beyond the reader’s row limit are cut, and the user is told', () => {
    const doc = shopDoc();
    const big: SampleRow = { ...doc.samples.values().next().value!, rows: Array.from({ length: SCHEMA_FILE_MAX_ROWS + 5 }, (_, i) => [String(i), '']) };
    doc.samples.set(doc.schema.tables[0].id, big);
    const f = schemaFileExport(doc, { includeSamples: true });
    expect(f.notice).toContain('Samples of customers were cut to the first 100,000 rows');
    expect(parseSchemaFile(f.text).file.samples!.customers.columns[0]).toHaveLength(SCHEMA_FILE_MAX_ROWS);
  });

  it('sampleToColumnar: empty cells are missing', () => {
    expect(sampleToColumnar({ id: 's', project_id: 'p', table_id: 't', header: ['a', 'b'], rows: [['1', ''], ['', 'x']], created_at: '' })).toEqual({ names: ['a', 'b'], columns: [['1', null], [null, 'x']] });
  });

  it('fileStem keeps names safe for a file system', () => {
    expect(fileStem('Shop / test')).toBe('Shop-test');
    expect(fileStem('..<b>x</b>')).toBe('b-x-b');
    expect(fileStem('   ')).toBe('schema');
  });
});

describe('export schema as other tools’ formats (read back by our importers)', () => {
  it('SDV metadata, PostgreSQL / MySQL / SQLite DDL and DBML', async () => {
    const { schema } = shopDoc();
    expect(SCHEMA_EXPORTS.map((x) => x.kind)).toEqual(['sdv', 'postgres', 'mysql', 'sqlite', 'dbml']);
    const sdv = await exportSchemaAs(schema, 'sdv', 'Shop');
    expect(sdv.fileName).toBe('Shop.metadata.json');
    const meta = parseSdvMetadata(sdv.text).metadata;
    expect(meta.relationships).toEqual([{ parent_table_name: 'customers', parent_primary_key: 'id', child_table_name: 'orders', child_foreign_key: 'customer_id' }]);
    for (const kind of ['postgres', 'mysql', 'sqlite'] as const) {
      const f = await exportSchemaAs(schema, kind, 'Shop');
      expect(f.fileName).toBe(`Shop.${kind}.sql`);
      const back = await importDdl(f.text, { file: f.fileName });
      expect(back.schema.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
      expect(back.schema.relationships).toHaveLength(1);
    }
    const dbml = await exportSchemaAs(schema, 'dbml', 'Shop');
    expect(dbml.fileName).toBe('Shop.dbml');
    const back = await importDbml(dbml.text);
    expect(back.schema.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
    expect(back.schema.relationships).toHaveLength(1);
  });
});
