import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportDbml, importDbml } from '../../src/lib/schema/formats/dbml';
import { importDdl } from '../../src/lib/schema/formats/ddl';
import type { Schema } from '../../src/lib/schema/model';

const fx = (p: string) => readFileSync(new URL(`../fixtures/schemas/${p}`, import.meta.url), 'utf8');

function shape(s: Schema) {
  const name = new Map(s.tables.flatMap((t) => t.columns.map((c) => [c.id, `${t.name}.${c.name}`])));
  return {
    tables: s.tables.map((t) => ({ name: t.name, description: t.description, columns: t.columns.map((c) => ({ name: c.name, type: c.data_type, pk: c.is_primary_key, unique: c.is_unique, nullable: c.is_nullable, description: c.description })) })),
    rels: s.relationships.map((r) => `${name.get(r.source_column_id)} -> ${name.get(r.target_column_id)} ${r.relationship_type}`)
  };
}

describe('DBML', () => {
  it('imports tables, notes, enums, composite pk and refs (inline, by alias, standalone)', async () => {
    const { schema, warnings } = await importDbml(fx('shop.dbml'));
    expect(warnings).toEqual([]);
    const s = shape(schema);
    expect(s.tables.map((t) => t.name)).toEqual(['customers', 'orders', 'order_items']);
    expect(s.tables[0].description).toBe('People who buy things');
    expect(s.tables[0].columns[1]).toEqual({ name: 'email', type: 'email', pk: false, unique: true, nullable: false, description: 'login e-mail' });
    expect(s.tables[0].columns[2].name).toBe('full name');
    const status = schema.tables[1].columns.find((c) => c.name === 'status')!;
    expect(status.data_type).toBe('categorical');
    expect(status.hints?.categories).toEqual(['new', 'shipped', 'on hold']);
    expect(s.tables[2].columns.filter((c) => c.pk).map((c) => c.name)).toEqual(['order_id', 'line_no']);
    expect(s.rels).toEqual(['customers.id -> orders.customer_id one-to-many', 'orders.id -> order_items.order_id one-to-many']);
  });

  it('export → import keeps the schema', async () => {
    for (const source of [(await importDbml(fx('shop.dbml'))).schema, (await importDdl(fx('chinook.sqlite.sql'))).schema, (await importDdl(fx('shop.pg_dump.sql'))).schema]) {
      const text = exportDbml(source);
      const back = (await importDbml(text)).schema;
      expect(shape(back)).toEqual(shape(source));
    }
  });

  it('names with quotes, backslashes and spaces are quoted so they parse back', async () => {
    const schema: Schema = { tables: [{ id: 't', name: 'we"ird \\ table', description: "it's", columns: [{ id: 'c', name: 'a "b"', data_type: 'string', is_nullable: true, is_primary_key: false, is_unique: false, description: 'line1\nline2' }] }], relationships: [] };
    const back = (await importDbml(exportDbml(schema))).schema;
    expect(shape(back)).toEqual(shape(schema));
  });

  it('syntax errors are AppErrors with the line', async () => {
    await expect(importDbml('Table users {\n  id int [pk\n}\n', 'bad.dbml')).rejects.toMatchObject({ code: 'dbml/syntax', where: { line: expect.any(Number) } });
    await expect(importDbml('')).rejects.toMatchObject({ code: 'dbml/empty' });
    await expect(importDbml('Project p { }')).rejects.toMatchObject({ code: 'dbml/no-tables' });
  });
});
