import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, type SdvMetadata } from '../../src/lib/schema/model';
import { parseSdvMetadata, schemaToSdvMetadata, sdvMetadataToJson, sdvMetadataToSchema } from '../../src/lib/schema/formats/sdv-metadata';
import { parseRequestJson, schemaToRequestJson } from '../../src/lib/schema/formats/request-json';
import { validateSchema } from '../../src/lib/schema/validate';

const fx = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');

function problemsOf(fn: () => unknown): { code: string; details: { path: string; code: string }[] } {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(AppError); return e as never; }
  throw new Error('expected an AppError');
}

describe('SDV metadata', () => {
  const world = parseSdvMetadata(fx('data/world/metadata.sdv.json'));

  it('reads legacy MULTI_TABLE_V1 (the world file) as V1 with a warning', () => {
    expect(world.metadata.METADATA_SPEC_VERSION).toBe('V1');
    expect(world.warnings.map((w) => w.code)).toContain('sdv/legacy-version');
    expect(Object.keys(world.metadata.tables)).toEqual(['continents', 'countries', 'languages', 'country_languages', 'states']);
    expect(world.metadata.relationships).toHaveLength(4);
  });

  it('metadata → schema → metadata is the same (V1)', () => {
    const schema = sdvMetadataToSchema(world.metadata);
    expect(validateSchema(schema).filter((p) => p.severity === 'error')).toEqual([]);
    const back = schemaToSdvMetadata(schema);
    const original = JSON.parse(fx('data/world/metadata.sdv.json'));
    original.METADATA_SPEC_VERSION = 'V1';
    expect(back).toEqual(original);
    expect(JSON.parse(sdvMetadataToJson(back))).toEqual(back);
  });

  it('the world schema from the request JSON gives the same SDV relationships and keys', () => {
    const { schema } = parseRequestJson(fx('data/world/schema.request.json'));
    const meta = schemaToSdvMetadata(schema);
    expect(meta.relationships).toEqual(world.metadata.relationships);
    for (const [name, t] of Object.entries(world.metadata.tables)) {
      expect(meta.tables[name].primary_key).toBe(t.primary_key);
      // Keys and foreign keys are ids in both. cca3 is an id in the hand-written metadata but no key
      // in the request JSON (which carries data types only), so there it is categorical text.
      for (const [col, c] of Object.entries(t.columns)) {
        if (c.sdtype !== 'id') continue;
        expect(meta.tables[name].columns[col].sdtype, `${name}.${col}`).toBe(col === 'cca3' ? 'categorical' : 'id');
      }
    }
  });

  it('reads single-table V1 and legacy SINGLE_TABLE_V1', () => {
    const v1 = parseSdvMetadata(fx('schemas/sdv-baseline/cars.metadata.json'));
    expect(v1.metadata.tables.cars.columns.Year).toEqual({ sdtype: 'datetime', datetime_format: '%Y-%m-%d' });
    const legacy = parseSdvMetadata({ METADATA_SPEC_VERSION: 'SINGLE_TABLE_V1', primary_key: 'id', columns: { id: { sdtype: 'id', regex_format: 'C-\\d{4}' }, age: { sdtype: 'numerical', computer_representation: 'Int8' }, mail: { sdtype: 'email', pii: false } }, sequence_key: 'x' }, 'people');
    expect(legacy.metadata.tables.people.primary_key).toBe('id');
    expect(legacy.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['sdv/legacy-version', 'sdv/ignored-key']));
    const schema = sdvMetadataToSchema(legacy.metadata);
    const cols = schema.tables[0].columns;
    expect(cols.map((c) => c.data_type)).toEqual(['string', 'integer', 'email']);
    expect(cols[2].hints?.pii).toBe(false);
    expect(schemaToSdvMetadata(schema).tables.people).toEqual({ primary_key: 'id', columns: legacy.metadata.tables.people.columns });
  });

  it('reports structural problems with JSON paths', () => {
    const e = problemsOf(() => parseSdvMetadata({ METADATA_SPEC_VERSION: 'V1', tables: { t: { columns: { a: { sdtype: 5 } } } } }));
    expect(e.code).toBe('sdv/invalid');
    expect(e.details[0].path).toBe('tables.t.columns.a.sdtype');
    const r = problemsOf(() => parseSdvMetadata({ tables: { p: { primary_key: 'id', columns: { id: { sdtype: 'id' } } } }, relationships: [{ parent_table_name: 'p', parent_primary_key: 'id', child_table_name: 'nope', child_foreign_key: 'x' }] }));
    expect(r.details.map((d) => d.path)).toEqual(['relationships[0].child_table_name']);
    expect(problemsOf(() => parseSdvMetadata({ METADATA_SPEC_VERSION: 'V9', tables: {} })).code).toBe('sdv/unsupported-version');
    expect(problemsOf(() => parseSdvMetadata('{not json')).code).toBe('json/syntax');
    expect(problemsOf(() => parseSdvMetadata('[1,2]')).code).toBe('sdv/invalid');
  });

  it('composite keys survive', () => {
    const meta: SdvMetadata = { METADATA_SPEC_VERSION: 'V1', tables: { a: { primary_key: ['x', 'y'], columns: { x: { sdtype: 'id' }, y: { sdtype: 'id' } } }, b: { columns: { ax: { sdtype: 'id' }, ay: { sdtype: 'id' } } } }, relationships: [{ parent_table_name: 'a', parent_primary_key: ['x', 'y'], child_table_name: 'b', child_foreign_key: ['ax', 'ay'] }] };
    const schema = sdvMetadataToSchema(parseSdvMetadata(meta).metadata);
    expect(schema.relationships).toHaveLength(2);
    expect(schemaToSdvMetadata(schema).tables.a.primary_key).toEqual(['x', 'y']);
  });
});

describe('/api/sdv/generate request JSON', () => {
  it('world request ⇄ schema round trip', () => {
    const text = fx('data/world/schema.request.json');
    const { schema, settings } = parseRequestJson(text);
    expect(schema.tables).toHaveLength(5);
    expect(schema.relationships.map((r) => r.relationship_type)).toEqual(['one-to-many', 'many-to-many', 'many-to-many', 'one-to-many']);
    expect(settings).toMatchObject({ scale: 1, quality_threshold: 0.8, include_relationships: true });
    expect(schemaToRequestJson(schema, settings)).toEqual(JSON.parse(text));
  });

  it('bad requests report every problem with its path', () => {
    const e = problemsOf(() => parseRequestJson({ tables: [{ name: 't', columns: [{ name: 'a', data_type: 'blob' }] }] }));
    expect(e.code).toBe('request/invalid');
    expect(e.details[0].path).toBe('tables[0].columns[0].data_type');
    const r = problemsOf(() => parseRequestJson({ tables: [{ name: 't', columns: [{ name: 'a', data_type: 'integer' }] }], relationships: [{ source_table: 't', source_column: 'zz', target_table: 't', target_column: 'a' }] }));
    expect(r.details[0]).toMatchObject({ path: 'relationships[0]' });
  });
});
