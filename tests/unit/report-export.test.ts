import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { exportPlan, safeFileBase, EXPORT_FORMATS, type ExportContext, type ExportFormat } from '../../src/lib/report/export-plan';
import { chunksToBlob, formatBytes } from '../../src/lib/report/blob-stream';
import { sdvMetadataToSchema } from '../../src/lib/schema/formats';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import { generated } from './report-fixtures';

const SHOP: SdvMetadata = {
  METADATA_SPEC_VERSION: 'V1',
  tables: {
    customers: { primary_key: 'id', columns: { id: { sdtype: 'id' }, name: { sdtype: 'categorical' } } },
    orders: { primary_key: 'id', columns: { id: { sdtype: 'id' }, customer_id: { sdtype: 'id' }, total: { sdtype: 'numerical' } } }
  },
  relationships: [{ parent_table_name: 'customers', parent_primary_key: 'id', child_table_name: 'orders', child_foreign_key: 'customer_id' }]
};
const SHOP_DATA: Record<string, ColumnarTable> = {
  customers: { names: ['id', 'name'], columns: [['1', '2'], ['Ann', 'Bo "B"']] },
  orders: { names: ['id', 'customer_id', 'total'], columns: [['10', '11', '12'], ['1', '1', '2'], ['9.5', null, '3']] }
};
const shop = (): ExportContext => ({ data: SHOP_DATA, schema: sdvMetadataToSchema(SHOP), baseName: 'My shop: v1/2' });

async function fileText(format: ExportFormat, ctx: ExportContext, dialect: 'postgresql' | 'mysql' | 'sqlite' = 'postgresql') {
  const f = exportPlan({ format, dialect }, ctx);
  const blob = await chunksToBlob(f.chunks, f.mimeType);
  return { name: f.fileName, type: blob.type, bytes: new Uint8Array(await blob.arrayBuffer()) };
}
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('export plan', () => {
  it('CSV: one table → name.csv with every generated row', async () => {
    const { result } = await generated('iris');
    const f = await fileText('csv', { data: result.tables, schema: sdvMetadataToSchema(result.metadata), metadata: result.metadata, baseName: 'Iris' });
    expect(f.name).toBe('iris.csv');
    expect(f.type).toBe('text/csv');
    const lines = text(f.bytes).trimEnd().split('\n');
    expect(lines[0]).toBe(result.tables.iris.names.join(','));
    expect(lines).toHaveLength(result.tables.iris.columns[0].length + 1);
    expect(lines[1]).toBe(result.tables.iris.names.map((_, c) => result.tables.iris.columns[c][0]).join(','));
  });

  it('CSV: several tables → one zip with a CSV per table', async () => {
    const f = await fileText('csv', shop());
    expect(f.name).toBe('My-shop_-v1_2.zip');
    const files = unzipSync(f.bytes);
    expect(Object.keys(files).sort()).toEqual(['customers.csv', 'orders.csv']);
    expect(strFromU8(files['customers.csv'])).toBe('id,name\n1,Ann\n2,"Bo ""B"""\n');
    expect(strFromU8(files['orders.csv'])).toBe('id,customer_id,total\n10,1,9.5\n11,1,\n12,2,3\n');
  });

  it('JSON records per table (zip when several) and one object keyed by table', async () => {
    const zip = unzipSync((await fileText('json-records', shop())).bytes);
    expect(JSON.parse(strFromU8(zip['orders.json']))).toEqual([{ id: '10', customer_id: '1', total: 9.5 }, { id: '11', customer_id: '1', total: null }, { id: '12', customer_id: '2', total: 3 }]);
    const one = await fileText('json-records', { ...shop(), data: { customers: SHOP_DATA.customers } });
    expect(one.name).toBe('customers.json');
    expect(JSON.parse(text(one.bytes))).toEqual([{ id: '1', name: 'Ann' }, { id: '2', name: 'Bo "B"' }]);
    const obj = await fileText('json-object', shop());
    expect(obj.name).toBe('My-shop_-v1_2.json');
    const parsed = JSON.parse(text(obj.bytes));
    expect(Object.keys(parsed)).toEqual(['customers', 'orders']);
    expect(parsed.orders[2].total).toBe(3);
  });

  it('SQL per dialect: CREATE TABLE with keys, parents first, batched INSERTs', async () => {
    for (const dialect of ['postgresql', 'mysql', 'sqlite'] as const) {
      const f = await fileText('sql', shop(), dialect);
      expect(f.name).toBe(`My-shop_-v1_2-${dialect}.sql`);
      const sql = text(f.bytes);
      const q = dialect === 'mysql' ? '`' : '"';
      expect(sql.indexOf(`CREATE TABLE ${q}customers${q}`)).toBeGreaterThanOrEqual(0);
      expect(sql.indexOf(`CREATE TABLE ${q}customers${q}`)).toBeLessThan(sql.indexOf(`CREATE TABLE ${q}orders${q}`));
      expect(sql).toMatch(/PRIMARY KEY/);
      expect(sql).toMatch(/FOREIGN KEY|REFERENCES/);
      expect(sql.match(/INSERT INTO/g)).toHaveLength(2);
    }
  });

  it.skipIf(!existsSync('/usr/bin/sqlite3'))('the SQLite export of a real run loads into sqlite3 with every row', async () => {
    const { result } = await generated('iris');
    const f = await fileText('sql', { data: result.tables, schema: sdvMetadataToSchema(result.metadata), baseName: 'iris' }, 'sqlite');
    const dir = mkdtempSync(join(tmpdir(), 'report-export-'));
    writeFileSync(join(dir, 'load.sql'), f.bytes);
    execFileSync('/usr/bin/sqlite3', ['-bail', join(dir, 'db.sqlite'), `.read ${join(dir, 'load.sql')}`]);
    const out = execFileSync('/usr/bin/sqlite3', [join(dir, 'db.sqlite'), 'SELECT count(*), count(DISTINCT species) FROM iris'], { encoding: 'utf8' });
    expect(out.trim()).toBe(`${result.tables.iris.columns[0].length}|${new Set(result.tables.iris.columns[4]).size}`);
  });

  it('schema as SDV metadata JSON (what the engine modelled) and as DDL', async () => {
    const meta = await fileText('sdv-metadata', { ...shop(), metadata: SHOP });
    expect(meta.name).toBe('My-shop_-v1_2-metadata.json');
    expect(JSON.parse(text(meta.bytes))).toEqual(SHOP);
    const fromSchema = JSON.parse(text((await fileText('sdv-metadata', shop())).bytes));
    expect(fromSchema.relationships).toEqual(SHOP.relationships);
    const ddl = text((await fileText('ddl', shop(), 'mysql')).bytes);
    expect(ddl).toContain('CREATE TABLE `orders`');
    expect(ddl).not.toContain('INSERT');
  });

  it('refuses data formats without data, with a typed error; every listed format is handled', () => {
    expect(() => exportPlan({ format: 'csv', dialect: 'sqlite' }, { ...shop(), data: {} })).toThrow(expect.objectContaining({ code: 'export/no-data' }));
    expect(() => exportPlan({ format: 'xml' as ExportFormat, dialect: 'sqlite' }, shop())).toThrow(expect.objectContaining({ code: 'export/format' }));
    for (const f of EXPORT_FORMATS) expect(exportPlan({ format: f.id, dialect: 'sqlite' }, shop()).fileName).toBeTruthy();
    expect(safeFileBase('  ../..  ')).toBe('_');
    expect(safeFileBase('')).toBe('synthetic-data');
  });
});

describe('chunks → Blob', () => {
  it('keeps text and bytes in order', async () => {
    async function* parts() { yield 'ab'; yield new Uint8Array([0x63, 0x64]); yield 'é'; }
    const b = await chunksToBlob(parts(), 'text/plain');
    expect(await b.text()).toBe('abcdé');
    expect(b.type).toBe('text/plain');
  });

  it('yields to the event loop during a long stream, so timers (and the page) get to run', async () => {
    let timerRanAt = -1, produced = 0;
    async function* slow() {
      for (let i = 0; i < 20; i++) {
        const t = performance.now();
        while (performance.now() - t < 5) { /* busy: one heavy chunk */ }
        produced++;
        yield 'x';
      }
    }
    setTimeout(() => (timerRanAt = produced), 0);
    const progress: number[] = [];
    const b = await chunksToBlob(slow(), 'text/plain', { budgetMs: 10, onProgress: (bytes) => progress.push(bytes) });
    expect(b.size).toBe(20);
    expect(timerRanAt).toBeGreaterThan(0);
    expect(timerRanAt).toBeLessThan(20);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.at(-1)).toBe(20);
  });

  it('stops with a typed error when cancelled', async () => {
    const ac = new AbortController();
    async function* endless() { for (let i = 0; ; i++) { if (i === 3) ac.abort(); yield 'x'; } }
    await expect(chunksToBlob(endless(), 'text/plain', { signal: ac.signal })).rejects.toMatchObject({ code: 'export/cancelled' });
  });

  it('formats sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
