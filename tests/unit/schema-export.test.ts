import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { ColumnarTable, Schema } from '../../src/lib/schema/model';
import { importCsvText } from '../../src/lib/schema/formats/csv-import';
import { exportCsvChunks } from '../../src/lib/schema/formats/export-csv';
import { exportJsonObject, exportJsonRecords } from '../../src/lib/schema/formats/export-json';
import { exportTablesAsCsv } from '../../src/lib/schema/formats/export-zip';
import { collectText, exportDdlText, exportSqlChunks, tableOrder } from '../../src/lib/schema/formats/export-sql';
import { postgres } from '../../src/lib/schema/formats/export-sql-postgres';
import { mysql } from '../../src/lib/schema/formats/export-sql-mysql';
import { sqlite } from '../../src/lib/schema/formats/export-sql-sqlite';
import { parseRequestJson } from '../../src/lib/schema/formats/request-json';
import { splitSqlStatements } from '../../src/lib/schema/formats/sql-split';
import { importDdl } from '../../src/lib/schema/formats/ddl';
import { toCsvText } from '../../src/lib/schema/csv';

const fx = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const TRICKY = ["it's", 'back\\slash', 'two\nlines', 'crlf\r\nend', 'tab\there', 'quote "double"', 'Tromsø 東京 🚀', "'; DROP TABLE x; --", '', ' padded ', 'a,b'];

function worldData() {
  const { schema } = parseRequestJson(fx('data/world/schema.request.json'));
  const data: Record<string, ColumnarTable> = {};
  for (const t of schema.tables) data[t.name] = importCsvText(fx(`data/world/${t.name}.csv`)).table;
  return { schema, data };
}

function trickySchema(): { schema: Schema; data: Record<string, ColumnarTable> } {
  const schema: Schema = {
    tables: [{ id: 'T', name: 'odd "name"', columns: [
      { id: 'id', name: 'id', data_type: 'integer', is_nullable: false, is_primary_key: true, is_unique: true },
      { id: 'txt', name: 'text`col', data_type: 'string', is_nullable: true, is_primary_key: false, is_unique: false },
      { id: 'ok', name: 'ok', data_type: 'boolean', is_nullable: true, is_primary_key: false, is_unique: false },
      { id: 'amt', name: 'amount', data_type: 'float', is_nullable: true, is_primary_key: false, is_unique: false, hints: { missing_tokens: ['N/A'] } }
    ] }],
    relationships: []
  };
  const n = TRICKY.length;
  const data = { 'odd "name"': { names: ['id', 'text`col', 'ok', 'amount'], columns: [
    TRICKY.map((_, i) => String(i + 1)), TRICKY.map((v) => v || null),
    TRICKY.map((_, i) => (i % 3 === 0 ? 'true' : i % 3 === 1 ? 'false' : null)), TRICKY.map((_, i) => (i === 2 ? 'N/A' : `${i}.25`))
  ] } };
  void n;
  return { schema, data };
}

describe('CSV export', () => {
  it('chunks equal the one-shot writer and read back identically (tricky cells)', async () => {
    const { data } = trickySchema();
    const t = data['odd "name"'];
    const text = await collectText(exportCsvChunks(t, { chunkRows: 3 }));
    expect(text).toBe(toCsvText(t));
    expect(importCsvText(text).table).toEqual(t);
  });

  it('several tables → one zip holding one CSV each', async () => {
    const { data } = worldData();
    const out = exportTablesAsCsv(data, 'world');
    expect(out.fileName).toBe('world.zip');
    const parts: Uint8Array[] = [];
    for await (const c of out.chunks) parts.push(c as Uint8Array);
    const zip = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) { zip.set(p, o); o += p.length; }
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(['continents.csv', 'countries.csv', 'country_languages.csv', 'languages.csv', 'states.csv']);
    for (const [name, bytes] of Object.entries(files)) expect(strFromU8(bytes)).toBe(fx(`data/world/${name}`));
    expect(exportTablesAsCsv({ one: data.continents }).fileName).toBe('one.csv');
  });
});

describe('JSON export', () => {
  it('records with typed numbers/booleans where the schema says so, text verbatim, missing → null', async () => {
    const { schema, data } = trickySchema();
    const text = await collectText(exportJsonRecords(data['odd "name"'], schema.tables[0], { chunkRows: 4 }));
    const rows = JSON.parse(text);
    expect(rows).toHaveLength(TRICKY.length);
    expect(rows[0]).toEqual({ id: 1, 'text`col': "it's", ok: true, amount: 0.25 });
    expect(rows[2].amount).toBeNull();
    expect(rows.map((r: Record<string, unknown>) => r['text`col'])).toEqual(TRICKY.map((v) => v || null));
  });

  it('object keyed by table; dates and codes stay as written', async () => {
    const { schema, data } = worldData();
    const obj = JSON.parse(await collectText(exportJsonObject(data, schema.tables)));
    expect(Object.keys(obj)).toEqual(Object.keys(data));
    expect(obj.countries[0]).toMatchObject({ cca2: 'AW', continent_code: 'NA', landlocked: false, calling_code: '+297', area_km2: 180 });
    expect(obj.states.length).toBe(4963);
  });
});

describe('SQL export', () => {
  it('PostgreSQL: quoting and escaping at text level', async () => {
    const { schema, data } = trickySchema();
    const sql = await collectText(exportSqlChunks(schema, postgres, data));
    expect(sql).toContain('CREATE TABLE "odd ""name""" (');
    expect(sql).toContain('"text`col" TEXT');
    expect(sql).toContain("(1, 'it''s', TRUE, 0.25)");
    expect(sql).toContain("(2, 'back\\slash', FALSE, 1.25)"); // backslash literal (standard_conforming_strings = on)
    expect(sql).toContain("(3, 'two\nlines', NULL, NULL)"); // newline literal inside the string; N/A → NULL
    expect(sql).toContain("'Tromsø 東京 🚀'");
    expect(sql).toContain("'''; DROP TABLE x; --'");
    expect(sql).toContain("SET standard_conforming_strings = on;");
    // Decoding the PostgreSQL literals gives the original values back.
    const literals = [...sql.matchAll(/\(\d+, ('(?:[^']|'')*'|NULL), /g)].map((m) => (m[1] === 'NULL' ? null : m[1].slice(1, -1).replaceAll("''", "'")));
    expect(literals).toEqual(TRICKY.map((v) => v || null));
  });

  it('MySQL: backticks, backslash escapes, 1/0 booleans', async () => {
    const { schema, data } = trickySchema();
    const sql = await collectText(exportSqlChunks(schema, mysql, data));
    expect(sql).toContain('CREATE TABLE `odd "name"` (');
    expect(sql).toContain('`text``col` VARCHAR(255)');
    expect(sql).toContain(') ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;');
    expect(sql).toContain("(1, 'it\\'s', 1, 0.25)");
    expect(sql).toContain("(2, 'back\\\\slash', 0, 1.25)");
    expect(sql).toContain("(3, 'two\\nlines', NULL, NULL)");
    expect(sql).toContain("'crlf\\r\\nend'");
    const unescape = (s: string) => s.replace(/\\(.)/g, (_m, c: string) => ({ n: '\n', r: '\r', '0': '\0', Z: '\x1a' } as Record<string, string>)[c] ?? c);
    const literals = [...sql.matchAll(/\(\d+, ('(?:[^'\\]|\\.)*'|NULL), /g)].map((m) => (m[1] === 'NULL' ? null : unescape(m[1].slice(1, -1))));
    expect(literals).toEqual(TRICKY.map((v) => v || null));
  });

  it('DDL alone, per dialect, reads back with our own DDL importer', async () => {
    const { schema } = worldData();
    for (const d of [postgres, mysql, sqlite]) {
      const ddl = await exportDdlText(schema, d);
      expect(ddl).not.toContain('INSERT');
      const back = await importDdl(ddl);
      expect(back.warnings).toEqual([]);
      expect(back.schema.tables.map((t) => t.name)).toEqual(schema.tables.map((t) => t.name));
      expect(back.schema.relationships).toHaveLength(4);
    }
  });

  it('parents before children; self-references and cycles become ALTER TABLE after the data', async () => {
    const c = (id: string, name: string, pk = false, nullable = !pk) => ({ id, name, data_type: 'integer' as const, is_nullable: nullable, is_primary_key: pk, is_unique: pk });
    const schema: Schema = {
      tables: [
        { id: 'O', name: 'orders', columns: [c('o.id', 'id', true), c('o.cust', 'customer_id')] },
        { id: 'E', name: 'employees', columns: [c('e.id', 'id', true), c('e.mgr', 'manager_id'), c('e.dept', 'dept_id')] },
        { id: 'D', name: 'departments', columns: [c('d.id', 'id', true), c('d.head', 'head_id')] },
        { id: 'C', name: 'customers', columns: [c('c.id', 'id', true), c('c.rep', 'rep_id')] }
      ],
      relationships: [
        { id: 'r1', source_table_id: 'C', source_column_id: 'c.id', target_table_id: 'O', target_column_id: 'o.cust', relationship_type: 'one-to-many' },
        { id: 'r2', source_table_id: 'E', source_column_id: 'e.id', target_table_id: 'E', target_column_id: 'e.mgr', relationship_type: 'one-to-many' },
        { id: 'r3', source_table_id: 'D', source_column_id: 'd.id', target_table_id: 'E', target_column_id: 'e.dept', relationship_type: 'one-to-many' },
        { id: 'r4', source_table_id: 'E', source_column_id: 'e.id', target_table_id: 'D', target_column_id: 'd.head', relationship_type: 'one-to-many' },
        { id: 'r5', source_table_id: 'E', source_column_id: 'e.id', target_table_id: 'C', target_column_id: 'c.rep', relationship_type: 'one-to-many' }
      ]
    };
    const order = tableOrder(schema);
    const names = order.tables.map((t) => t.name);
    expect(names.indexOf('customers')).toBeLessThan(names.indexOf('orders'));
    expect(names.indexOf('employees')).toBeLessThan(names.indexOf('customers'));
    expect([...order.deferred].sort()).toEqual(['r2', 'r3']);
    const data = {
      employees: { names: ['id', 'manager_id', 'dept_id'], columns: [['1', '2'], ['2', null], ['10', '10']] },
      departments: { names: ['id', 'head_id'], columns: [['10'], ['1']] },
      customers: { names: ['id', 'rep_id'], columns: [['5'], ['2']] },
      orders: { names: ['id', 'customer_id'], columns: [['100'], ['5']] }
    };
    const pg = await collectText(exportSqlChunks(schema, postgres, data));
    const lastInsert = pg.lastIndexOf('INSERT INTO');
    expect(pg.indexOf('ALTER TABLE "employees" ADD CONSTRAINT "fk_employees_manager_id" FOREIGN KEY ("manager_id") REFERENCES "employees" ("id");')).toBeGreaterThan(lastInsert);
    expect(pg.indexOf('ALTER TABLE "employees" ADD CONSTRAINT "fk_employees_dept_id"')).toBeGreaterThan(lastInsert);
    if (sqlite3Available()) {
      const out = runSqlite(await collectText(exportSqlChunks(schema, sqlite, data)), 'SELECT count(*) FROM employees; PRAGMA foreign_key_check;');
      expect(out.trim()).toBe('2');
    }
  });
});

function sqlite3Available(): boolean {
  return existsSync('/usr/bin/sqlite3');
}

function runSqlite(script: string, query: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sds-sqlite-'));
  try {
    const db = join(dir, 'test.db');
    writeFileSync(join(dir, 'load.sql'), script);
    execFileSync('/usr/bin/sqlite3', ['-bail', db, `.read ${join(dir, 'load.sql')}`]);
    return execFileSync('/usr/bin/sqlite3', [db, query], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('SQLite round trip of the world dataset', () => {
  it('the script parses statement by statement and carries every cell and a clean FK graph (no sqlite3 needed)', async () => {
    const { schema, data } = worldData();
    const sql = await collectText(exportSqlChunks(schema, sqlite, data, { batchSize: 400 }));
    const { Parser } = createRequire(import.meta.url)('node-sql-parser/build/sqlite');
    const parser = new Parser();
    const loaded: Record<string, (string | null)[][]> = {};
    const created: string[] = [];
    for (const st of splitSqlStatements(sql)) {
      if (/^(PRAGMA|BEGIN|COMMIT)/i.test(st.sql)) continue;
      const ast = parser.astify(st.sql, { database: 'sqlite' });
      const a = Array.isArray(ast) ? ast[0] : ast;
      if (a.type === 'create') { created.push(a.table[0].table); continue; }
      expect(a.type).toBe('insert');
      const rows = (loaded[a.table[0].table] ??= []);
      for (const row of a.values.values) rows.push(row.value.map((v: { type: string; value: unknown }) => (v.type === 'null' ? null : v.type === 'single_quote_string' ? String(v.value).replaceAll("''", "'") : String(v.value))));
      expect(created).toContain(a.table[0].table); // created before it is filled
    }
    expect(created).toEqual(['continents', 'countries', 'languages', 'country_languages', 'states']);
    for (const t of schema.tables) {
      const src = data[t.name];
      expect(loaded[t.name].length, t.name).toBe(src.columns[0].length);
      t.columns.forEach((c, ci) => {
        const col = src.columns[src.names.indexOf(c.name)];
        const got = loaded[t.name].map((r) => r[ci]);
        const expected = c.data_type === 'boolean' ? col.map((v) => (v === null ? null : v === 'true' ? '1' : '0')) : c.data_type === 'float' ? col.map((v) => (v === null ? null : String(Number(v)))) : col;
        expect(c.data_type === 'float' ? got.map((v) => (v === null ? null : String(Number(v)))) : got, `${t.name}.${c.name}`).toEqual(expected);
      });
    }
    // Every foreign key value exists in its parent.
    const colOf = (tname: string, cname: string) => { const t = schema.tables.find((x) => x.name === tname)!; return loaded[tname].map((r) => r[t.columns.findIndex((c) => c.name === cname)]); };
    const byId = new Map(schema.tables.flatMap((t) => t.columns.map((c) => [c.id, [t.name, c.name] as const])));
    for (const r of schema.relationships) {
      const [pt, pc] = byId.get(r.source_column_id)!, [ct, cc] = byId.get(r.target_column_id)!;
      const parent = new Set(colOf(pt, pc));
      expect(colOf(ct, cc).filter((v) => v !== null && !parent.has(v)), `${ct}.${cc}`).toEqual([]);
    }
  });

  it.skipIf(!sqlite3Available())('loads into the real sqlite3: counts match, foreign_key_check is clean, NA kept', async () => {
    const { schema, data } = worldData();
    const sql = await collectText(exportSqlChunks(schema, sqlite, data));
    const out = runSqlite(sql, [
      ...schema.tables.map((t) => `SELECT '${t.name}', count(*) FROM "${t.name}";`),
      "SELECT 'NA', count(*) FROM countries WHERE continent_code = 'NA';",
      "SELECT 'nulls', count(*) FROM states WHERE latitude IS NULL;",
      "SELECT 'native', native FROM languages WHERE code = 'ab';",
      'PRAGMA foreign_key_check;'
    ].join('\n'));
    const lines = out.trim().split('\n');
    expect(lines).toEqual([
      'continents|7', 'countries|250', 'languages|185', 'country_languages|369', 'states|4963',
      'NA|41', `nulls|${data.states.columns[4].filter((v) => v === null).length}`, 'native|Аҧсуа'
    ]); // and nothing from foreign_key_check
  });

  it.runIf(!sqlite3Available())('sqlite3 CLI not found at /usr/bin/sqlite3: the real-database round trip is skipped', () => {
    console.warn('sqlite3 CLI not found at /usr/bin/sqlite3 — skipping the real SQLite load; the parser-based check above still ran.');
  });
});
