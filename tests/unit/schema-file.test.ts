import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, type Schema } from '../../src/lib/schema/model';
import { parseSchemaFile, serializeSchemaFile } from '../../src/lib/schema/formats/schema-file';
import { parseRequestJson } from '../../src/lib/schema/formats/request-json';
import { detectFormat } from '../../src/lib/schema/formats/detect';
import { MAX_JSON_CHARS } from '../../src/lib/schema/formats/json-safe';

const fx = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const world = () => parseRequestJson(fx('data/world/schema.request.json'));

function fail(text: string): AppError & { details?: { code: string; path: string; message: string }[] } {
  try { parseSchemaFile(text, 'x.schema.json'); } catch (e) { expect(e).toBeInstanceOf(AppError); return e as never; }
  throw new Error('expected an AppError');
}

function validFile(): Record<string, unknown> {
  const { schema, settings } = world();
  return JSON.parse(serializeSchemaFile({ name: 'World', schema, settings }));
}

describe('schema file (*.schema.json)', () => {
  it('round-trips schema, settings, canvas, positions and sample data', () => {
    const { schema, settings } = world();
    schema.tables[0].position = { x: 10, y: -20.5 };
    const samples = { continents: { names: ['code', 'name'], columns: [['NA', 'EU'], ['North America', null]] } };
    const text = serializeSchemaFile({ name: 'World', schema, settings, canvas: { zoom: 1.5, pan: { x: 3, y: 4 } }, samples });
    const { file, problems } = parseSchemaFile(text);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(file.schema).toEqual(schema);
    expect(file.settings).toEqual(settings);
    expect(file.canvas).toEqual({ zoom: 1.5, pan: { x: 3, y: 4 } });
    expect(file.samples).toEqual(samples);
    expect(file.name).toBe('World');
    expect(detectFormat('world.schema.json', text)).toBe('schema-file');
    expect(detectFormat('anything.json', text)).toBe('schema-file');
  });

  it('prototype-pollution keys are dropped, never applied', () => {
    const doc = validFile();
    const text = JSON.stringify(doc).replace('{', '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}},');
    const withTable = text.replace('"columns":[', '"__proto__":{"isAdmin":true},"columns":[');
    const { file, problems } = parseSchemaFile(withTable);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(file.schema.tables[0])).toBe(Object.prototype);
    expect((file.schema.tables[0] as unknown as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(problems.filter((p) => p.code === 'schema-file/dropped-key').length).toBeGreaterThanOrEqual(2);
  });

  it('HTML in names is rejected with the JSON path', () => {
    const doc = validFile() as { tables: { name: string; columns: { name: string }[] }[] };
    doc.tables[1].columns[2].name = '<img src=x onerror=alert(1)>';
    const e = fail(JSON.stringify(doc));
    expect(e.code).toBe('schema-file/invalid');
    expect(e.details!.map((d) => d.path)).toEqual(['tables[1].columns[2].name']);
    expect(e.details![0].message).toMatch(/markup/);
  });

  it('wrong types are all reported with their paths', () => {
    const doc = validFile() as { tables: Record<string, unknown>[]; relationships: Record<string, unknown>[]; settings: Record<string, unknown> };
    (doc.tables[0].columns as Record<string, unknown>[])[0].data_type = 'blob';
    (doc.tables[2].columns as Record<string, unknown>[])[1].is_nullable = 'yes';
    doc.relationships[0].relationship_type = 'sometimes';
    doc.settings.scale = -1;
    const e = fail(JSON.stringify(doc));
    expect(e.details!.map((d) => d.path).sort()).toEqual(['relationships[0].relationship_type', 'settings.scale', 'tables[0].columns[0].data_type', 'tables[2].columns[1].is_nullable']);
  });

  it('dangling relationships and duplicate names fail schema validation with paths', () => {
    const doc = validFile() as { tables: { name: string }[]; relationships: { source_column_id: string }[] };
    doc.relationships[1].source_column_id = 'nope';
    doc.tables[3].name = 'countries';
    const e = fail(JSON.stringify(doc));
    expect(e.details!.map((d) => d.path).sort()).toEqual(['relationships[1].source_column_id', 'tables[3].name']);
  });

  it('hostile or broken files are typed errors, never raw exceptions', () => {
    expect(fail('not json').code).toBe('json/syntax');
    expect(fail('null').code).toBe('schema-file/not-a-schema-file');
    expect(fail('[]').code).toBe('schema-file/not-a-schema-file');
    expect(fail('{"format":"something-else"}').code).toBe('schema-file/not-a-schema-file');
    expect(fail('{"format":"synthetic-data-studio/schema","version":7}').code).toBe('schema-file/newer-version');
    expect(fail('{"format":"synthetic-data-studio/schema","version":1,"tables":"x","relationships":[]}').code).toBe('schema-file/invalid');
    const deep = '{"format":"synthetic-data-studio/schema","version":1,"x":' + '['.repeat(5000) + ']'.repeat(5000) + '}';
    expect(fail(deep).code).toBe('json/too-deep');
    const huge = '{"format":"synthetic-data-studio/schema","pad":"' + 'x'.repeat(MAX_JSON_CHARS) + '"}';
    expect(fail(huge).code).toBe('json/too-large');
    const manyTables = { format: 'synthetic-data-studio/schema', version: 1, relationships: [], tables: Array.from({ length: 501 }, (_, i) => ({ id: `t${i}`, name: `t${i}`, columns: [] })) };
    expect(fail(JSON.stringify(manyTables)).details![0].path).toBe('tables');
  });
});

describe('format detection', () => {
  it('by extension and by content', () => {
    expect(detectFormat('cars.csv', fx('single/cars.csv'))).toBe('csv');
    expect(detectFormat('data.txt', fx('single/cars.csv'))).toBe('csv');
    expect(detectFormat('dump.sql', fx('schemas/shop.pg_dump.sql'))).toBe('ddl');
    expect(detectFormat('paste', fx('schemas/shop.mysqldump.sql'))).toBe('ddl');
    expect(detectFormat('paste', fx('schemas/chinook.sqlite.sql'))).toBe('ddl');
    expect(detectFormat('shop.dbml', fx('schemas/shop.dbml'))).toBe('dbml');
    expect(detectFormat('paste', fx('schemas/shop.dbml'))).toBe('dbml');
    expect(detectFormat('metadata.json', fx('data/world/metadata.sdv.json'))).toBe('sdv-metadata');
    expect(detectFormat('cars.metadata.json', fx('schemas/sdv-baseline/cars.metadata.json'))).toBe('sdv-metadata');
    expect(detectFormat('req.json', fx('data/world/schema.request.json'))).toBe('request-json');
    expect(detectFormat('x.json', '{"hello": 1}')).toBeNull();
    expect(detectFormat('x.json', '{broken')).toBeNull();
    expect(detectFormat('image.csv', fx('data/bad/image.csv'))).toBeNull();
    expect(detectFormat('empty.csv', '')).toBeNull();
  });
});

describe('schema validation', () => {
  const col = (id: string, name: string, extra: Partial<Schema['tables'][0]['columns'][0]> = {}) => ({ id, name, data_type: 'integer' as const, is_nullable: false, is_primary_key: false, is_unique: false, ...extra });
  const rel = (id: string, st: string, sc: string, tt: string, tc: string) => ({ id, source_table_id: st, source_column_id: sc, target_table_id: tt, target_column_id: tc, relationship_type: 'one-to-many' as const });

  it('cycles: an error when every FK is NOT NULL, a warning when one is nullable; self-references too', async () => {
    const { validateSchema } = await import('../../src/lib/schema/validate');
    const schema: Schema = {
      tables: [
        { id: 'A', name: 'a', columns: [col('a.id', 'id', { is_primary_key: true }), col('a.b', 'b_id')] },
        { id: 'B', name: 'b', columns: [col('b.id', 'id', { is_primary_key: true }), col('b.a', 'a_id')] },
        { id: 'E', name: 'employee', columns: [col('e.id', 'id', { is_primary_key: true }), col('e.m', 'manager_id', { is_nullable: true })] }
      ],
      relationships: [rel('r1', 'A', 'a.id', 'B', 'b.a'), rel('r2', 'B', 'b.id', 'A', 'a.b'), rel('r3', 'E', 'e.id', 'E', 'e.m')]
    };
    const p = validateSchema(schema);
    expect(p.map((x) => [x.code, x.severity])).toEqual([['schema/cycle-not-nullable', 'error'], ['schema/cycle', 'warning']]);
    schema.tables[0].columns[1].is_nullable = true;
    expect(validateSchema(schema).map((x) => x.code)).toEqual(['schema/cycle', 'schema/cycle']);
  });

  it('duplicate names, nullable keys, references to non-keys, missing columns', async () => {
    const { validateSchema } = await import('../../src/lib/schema/validate');
    const schema: Schema = {
      tables: [
        { id: 'A', name: 'a', columns: [col('a.id', 'id', { is_primary_key: true, is_nullable: true }), col('a.x', 'ID')] },
        { id: 'B', name: 'A', columns: [] }
      ],
      relationships: [rel('r1', 'A', 'a.x', 'A', 'a.id'), rel('r2', 'A', 'a.id', 'B', 'zzz')]
    };
    const p = validateSchema(schema).map((x) => `${x.code} @ ${x.path}`);
    expect(p).toEqual([
      'schema/nullable-primary-key @ tables[0].columns[0].is_nullable',
      'schema/duplicate-column @ tables[0].columns[1].name',
      'schema/duplicate-table @ tables[1].name',
      'schema/no-columns @ tables[1].columns',
      'schema/reference-not-key @ relationships[0].source_column_id',
      'schema/unknown-column @ relationships[1].target_column_id',
      'schema/cycle @ relationships[0]'
    ]);
  });
});
