import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError, type Schema } from '../../src/lib/schema/model';
import { detectSqlDialect, importDdl } from '../../src/lib/schema/formats/ddl';
import { splitSqlStatements } from '../../src/lib/schema/formats/sql-split';
import { validateSchema, isValid } from '../../src/lib/schema/validate';

const fx = (p: string) => readFileSync(new URL(`../fixtures/schemas/${p}`, import.meta.url), 'utf8');

/** "table.column:type[flags]" lines and "parent.col -> child.col (type)" lines, for readable assertions. */
function describeSchema(s: Schema) {
  const cols = s.tables.flatMap((t) => t.columns.map((c) => `${t.name}.${c.name}:${c.data_type}${c.is_primary_key ? ' pk' : ''}${c.is_unique ? ' unique' : ''}${c.is_nullable ? '' : ' not-null'}`));
  const name = new Map(s.tables.flatMap((t) => t.columns.map((c) => [c.id, `${t.name}.${c.name}`])));
  const rels = s.relationships.map((r) => `${name.get(r.source_column_id)} -> ${name.get(r.target_column_id)} (${r.relationship_type})`);
  return { cols, rels };
}

describe('SQL DDL import', () => {
  it('pg_dump: ALTER TABLE ONLY constraints, composite key, sequences/functions skipped', async () => {
    const r = await importDdl(fx('shop.pg_dump.sql'));
    expect(r.dialect).toBe('postgresql');
    expect(r.warnings).toEqual([]);
    expect(r.ignored).toBeGreaterThan(5);
    const { cols, rels } = describeSchema(r.schema);
    expect(cols).toContain('customers.id:integer pk unique not-null');
    expect(cols).toContain('customers.email:email unique not-null');
    expect(cols).toContain('customers.created_at:datetime not-null');
    expect(cols).toContain('customers.is_active:boolean');
    expect(cols).toContain('customers.balance:decimal');
    expect(cols).toContain('customers.external_ref:uuid');
    expect(cols).toContain('order_items.order_id:integer pk not-null');
    expect(cols).toContain('order_items.line_no:integer pk not-null');
    expect(rels).toEqual(['customers.id -> orders.customer_id (one-to-many)', 'orders.id -> order_items.order_id (one-to-many)']);
    expect(r.schema.tables[0].columns.find((c) => c.name === 'balance')!.hints?.decimals).toBe(2);
    expect(isValid(validateSchema(r.schema))).toBe(true);
  });

  it('mysqldump: backticks, ENGINE, UNIQUE KEY, inline CONSTRAINT … FOREIGN KEY, enum, tinyint(1)', async () => {
    const r = await importDdl(fx('shop.mysqldump.sql'));
    expect(r.dialect).toBe('mysql');
    expect(r.warnings).toEqual([]);
    const { cols, rels } = describeSchema(r.schema);
    expect(cols).toContain('customers.is_active:boolean');
    expect(cols).toContain('customers.email:email unique not-null');
    expect(cols).toContain('customers.bio:text');
    expect(cols).toContain('orders.status:categorical');
    expect(r.schema.tables[1].columns.find((c) => c.name === 'status')!.hints?.categories).toEqual(['new', 'shipped']);
    expect(rels).toEqual(['customers.id -> orders.customer_id (one-to-many)', 'orders.id -> order_items.order_id (one-to-many)']);
  });

  it('SQLite .schema: [bracketed] identifiers, NVARCHAR, named PK constraints, inline REFERENCES, indexes', async () => {
    const r = await importDdl(fx('chinook.sqlite.sql'));
    expect(r.dialect).toBe('sqlite');
    expect(r.warnings).toEqual([]);
    const { cols, rels } = describeSchema(r.schema);
    expect(r.schema.tables.map((t) => t.name)).toEqual(['Artist', 'Album', 'Track', 'playlist_track', 'events']);
    expect(cols).toContain('Album.Title:string not-null');
    expect(cols).toContain('Track.UnitPrice:decimal not-null');
    expect(cols).toContain('playlist_track.PlaylistId:integer pk not-null');
    expect(cols).toContain('events.id:integer pk unique not-null');
    expect(cols).toContain('events.flag:boolean');
    expect(rels).toEqual([
      'Artist.ArtistId -> Album.ArtistId (one-to-many)',
      'Album.AlbumId -> Track.AlbumId (one-to-many)',
      'Track.TrackId -> playlist_track.TrackId (one-to-many)'
    ]);
  });

  it('SQL Server: GO batches, [dbo].[x], IDENTITY, CLUSTERED keys, WITH CHECK ADD CONSTRAINT', async () => {
    const r = await importDdl(fx('northwind.sqlserver.sql'));
    expect(r.dialect).toBe('transactsql');
    expect(r.warnings).toEqual([]);
    const { cols, rels } = describeSchema(r.schema);
    expect(cols).toContain('Orders.OrderID:integer pk unique not-null');
    expect(cols).toContain('Orders.RowGuid:uuid not-null');
    expect(cols).toContain('Orders.Shipped:boolean not-null');
    expect(cols).toContain('Customers.Phone:phone');
    expect(rels).toEqual(['Customers.CustomerID -> Orders.CustomerID (one-to-many)']);
  });

  it('a statement the parser cannot read is a warning with its line; the rest is imported', async () => {
    const r = await importDdl(fx('broken.sql'));
    expect(r.schema.tables.map((t) => t.name)).toEqual(['good_one', 'child']);
    expect(r.warnings.map((w) => w.line)).toEqual([2, 3]);
    expect(r.warnings[0].message).toMatch(/^Line 2: could not read this statement/);
    expect(r.warnings[1].message).toContain('missing_table');
    expect(r.schema.relationships).toHaveLength(1);
  });

  it('no readable table, or an empty file, is a typed error', async () => {
    await expect(importDdl('SELECT 1; SET x = 1;')).rejects.toMatchObject({ code: 'ddl/no-tables' });
    await expect(importDdl('   ')).rejects.toBeInstanceOf(AppError);
    await expect(importDdl('CREATE TABLE (((;')).rejects.toMatchObject({ code: 'ddl/no-tables' });
  });

  it('junction tables get many-to-many links; REFERENCES without columns means the primary key', async () => {
    const r = await importDdl(`CREATE TABLE a (id INT PRIMARY KEY); CREATE TABLE b (id INT PRIMARY KEY);
      CREATE TABLE ab (a_id INT REFERENCES a, b_id INT REFERENCES b(id), PRIMARY KEY (a_id, b_id));`);
    expect(describeSchema(r.schema).rels).toEqual(['a.id -> ab.a_id (many-to-many)', 'b.id -> ab.b_id (many-to-many)']);
  });

  it('detects dialects', () => {
    expect(detectSqlDialect(fx('shop.pg_dump.sql'))).toBe('postgresql');
    expect(detectSqlDialect(fx('shop.mysqldump.sql'))).toBe('mysql');
    expect(detectSqlDialect(fx('chinook.sqlite.sql'))).toBe('sqlite');
    expect(detectSqlDialect(fx('northwind.sqlserver.sql'))).toBe('transactsql');
  });
});

describe('SQL statement splitter', () => {
  it('keeps semicolons inside strings, identifiers, comments and dollar quotes; tracks lines', () => {
    const s = splitSqlStatements("SELECT 'a;b';\n-- c;d\nCREATE TABLE \"x;y\" (v text DEFAULT 'it''s;');\n/* multi\n;line */ SELECT $$ ; $$;\nSELECT $fn$ a; $fn$");
    expect(s.map((x) => x.sql)).toEqual(["SELECT 'a;b'", 'CREATE TABLE "x;y" (v text DEFAULT \'it\'\'s;\')', 'SELECT $$ ; $$', 'SELECT $fn$ a; $fn$']);
    expect(s.map((x) => x.line)).toEqual([1, 3, 5, 6]);
  });
  it('GO separates batches; MySQL backslash escapes when asked', () => {
    expect(splitSqlStatements('CREATE TABLE a (x int)\nGO\nCREATE TABLE b (y int)\ngo\n').map((x) => x.sql)).toEqual(['CREATE TABLE a (x int)', 'CREATE TABLE b (y int)']);
    expect(splitSqlStatements("INSERT INTO t VALUES ('a\\';b');SELECT 1", { backslashEscapes: true })).toHaveLength(2);
  });
});
