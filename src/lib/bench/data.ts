/**
 * Seeded benchmark inputs shared by the Node suites (bench/suites/metrics.ts, multi.ts) and the
 * in-browser (worker) runs, so both time the same data. `mixedTable` is bench/data.ts itself.
 */
import type { ColumnarTable, SdvMetadata, SdvTable } from '../schema/model';
import { seededRng } from '../engine/transformers/rng';

export { mixedTable } from '../../../bench/data';

/** mulberry32: the tiny seeded generator of bench/suites/metrics.ts. */
export function rand(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** DCR-encoded mixed rows: 7 scaled numeric columns (correlated), 3 categorical codes. */
export function dcrColumns(seed: number, n: number): Float64Array[] {
  const r = rand(seed);
  const base = Float64Array.from({ length: n }, () => r());
  const cols: Float64Array[] = [];
  for (let c = 0; c < 7; c++) cols.push(Float64Array.from(base, (b) => Math.min(1, Math.max(0, 0.6 * b + 0.4 * r()))));
  for (let c = 0; c < 3; c++) cols.push(Float64Array.from(base, (b) => Math.floor((0.5 * b + 0.5 * r()) * (4 + 4 * c))));
  return cols;
}

/** A text table of n rows: 14 numerical (correlated), 4 categorical, 1 boolean, 1 datetime. */
export function textTable(seed: number, n: number): ColumnarTable {
  const r = rand(seed);
  const names: string[] = [];
  const columns: (string | null)[][] = [];
  const base = Float64Array.from({ length: n }, () => r());
  for (let c = 0; c < 14; c++) {
    names.push(`num${c}`);
    columns.push(Array.from(base, (b) => (r() < 0.02 ? null : ((0.7 * b + 0.3 * r()) * 1000 * (c + 1)).toFixed(2))));
  }
  for (let c = 0; c < 4; c++) {
    names.push(`cat${c}`);
    columns.push(Array.from(base, (b) => `v${Math.floor((0.5 * b + 0.5 * r()) * (3 + 10 * c))}`));
  }
  names.push('flag');
  columns.push(Array.from(base, (b) => (b + r() > 1 ? 'true' : 'false')));
  names.push('day');
  columns.push(Array.from(base, (b) => new Date(Date.UTC(2000, 0, 1) + Math.floor((0.5 * b + 0.5 * r()) * 7000) * 86_400_000).toISOString().slice(0, 10)));
  return { names, columns };
}

export function textTableMeta(t: ColumnarTable): SdvTable {
  return {
    columns: Object.fromEntries(t.names.map((n) => [n, n.startsWith('num') ? { sdtype: 'numerical' } : n.startsWith('cat') ? { sdtype: 'categorical' } : n === 'flag' ? { sdtype: 'boolean' } : { sdtype: 'datetime', datetime_format: '%Y-%m-%d' }]))
  };
}

/** customers → orders → lines, with products (second parent of lines) and warehouses (of orders): 5 tables, 3 levels. */
export function fiveTableSchema(leafRows: number): { meta: SdvMetadata; tables: Record<string, ColumnarTable> } {
  const r = seededRng(99);
  const num = { sdtype: 'numerical', computer_representation: 'Float' }, cat = { sdtype: 'categorical' }, id = { sdtype: 'id' };
  const meta: SdvMetadata = {
    METADATA_SPEC_VERSION: 'V1',
    tables: {
      customers: { primary_key: 'id', columns: { id, age: num, tier: cat } },
      warehouses: { primary_key: 'id', columns: { id, capacity: num } },
      products: { primary_key: 'id', columns: { id, price: num, family: cat } },
      orders: { primary_key: 'id', columns: { id, customer_id: id, warehouse_id: id, total: num, channel: cat, day: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' } } },
      lines: { primary_key: 'id', columns: { id, order_id: id, product_id: id, qty: num, discount: num } }
    },
    relationships: [
      { parent_table_name: 'customers', parent_primary_key: 'id', child_table_name: 'orders', child_foreign_key: 'customer_id' },
      { parent_table_name: 'warehouses', parent_primary_key: 'id', child_table_name: 'orders', child_foreign_key: 'warehouse_id' },
      { parent_table_name: 'orders', parent_primary_key: 'id', child_table_name: 'lines', child_foreign_key: 'order_id' },
      { parent_table_name: 'products', parent_primary_key: 'id', child_table_name: 'lines', child_foreign_key: 'product_id' }
    ]
  };
  const t = (names: string[], rows: string[][]): ColumnarTable => ({ names, columns: names.map((_, c) => rows.map((row) => row[c])) });
  const nOrders = Math.round(leafRows / 5), nCust = Math.round(nOrders / 4);
  const cust = Array.from({ length: nCust }, (_, i) => [String(i + 1), String(18 + Math.floor(r.nextFloat() * 60)), r.nextFloat() < 0.2 ? 'gold' : 'basic']);
  const wh = Array.from({ length: 20 }, (_, i) => [`W${i + 1}`, (1000 + r.nextFloat() * 9000).toFixed(0)]);
  const prod = Array.from({ length: 500 }, (_, i) => [`P${i + 1}`, (5 + r.nextFloat() * 200).toFixed(2), ['a', 'b', 'c', 'd'][i % 4]]);
  const orders: string[][] = [];
  for (let i = 0; i < nOrders; i++) {
    const c = cust[Math.floor(r.nextFloat() * nCust)];
    orders.push([String(i + 1), c[0], wh[Math.floor(r.nextFloat() * 20)][0], ((c[2] === 'gold' ? 200 : 80) * (0.5 + r.nextFloat())).toFixed(2), r.nextFloat() < 0.6 ? 'web' : 'store', new Date(Date.UTC(2024, 0, 1) + Math.floor(r.nextFloat() * 366) * 864e5).toISOString().slice(0, 10)]);
  }
  const lines: string[][] = [];
  for (let i = 0; i < leafRows; i++) {
    const o = orders[Math.floor(r.nextFloat() * nOrders)];
    lines.push([String(i + 1), o[0], prod[Math.floor(r.nextFloat() * 500)][0], String(1 + Math.floor(r.nextFloat() * 5)), (r.nextFloat() * 0.3).toFixed(2)]);
  }
  return {
    meta,
    tables: {
      customers: t(['id', 'age', 'tier'], cust), warehouses: t(['id', 'capacity'], wh), products: t(['id', 'price', 'family'], prod),
      orders: t(['id', 'customer_id', 'warehouse_id', 'total', 'channel', 'day'], orders), lines: t(['id', 'order_id', 'product_id', 'qty', 'discount'], lines)
    }
  };
}
