import { readFileSync } from 'node:fs';
import { parseCsvText } from '../../src/lib/schema/csv';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { fitTransformers, reverseTable, transformTable } from '../../src/lib/engine/transformers';
import { generateKeys } from '../../src/lib/engine/keys/key-generator';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Reversible transformers: text table ⇄ copula matrix (Node)';

function fixture(name: string): { table: ColumnarTable; metadata: SdvTable } {
  const dir = new URL('../../tests/fixtures/single/', import.meta.url);
  const table = parseCsvText(readFileSync(new URL(`${name}.csv`, dir), 'utf8'));
  const md = JSON.parse(readFileSync(new URL(`${name}.metadata.json`, dir), 'utf8'));
  return { table, metadata: Object.values(md.tables)[0] as SdvTable };
}

/** Repeats a table's rows to n rows (cells shared, so only the transformers' cost grows). */
function grow(t: ColumnarTable, n: number): ColumnarTable {
  const m = t.columns[0].length;
  return { names: t.names, columns: t.columns.map((c) => Array.from({ length: n }, (_, i) => c[i % m])) };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const [name, n] of [['seattle-weather', 100_000], ['contacts', 100_000]] as const) {
    const { table, metadata } = fixture(name);
    const big = grow(table, n);
    const tt = fitTransformers(big, metadata);
    const m = transformTable(tt, big, 1);
    rows.push({ name: `fit ${name}`, variant: `${n} rows`, value: await timeIt(() => fitTransformers(big, metadata), 300, 5), unit: 'ms' });
    rows.push({ name: `transform ${name}`, variant: `${n} rows`, value: await timeIt(() => transformTable(tt, big, 1), 300, 5), unit: 'ms' });
    rows.push({ name: `reverse ${name}`, variant: `${n} rows`, value: await timeIt(() => reverseTable(tt, m, 1), 300, 5), unit: 'ms', note: name === 'contacts' ? 'incl. Faker email/phone/name/text' : '' });
  }
  const distinct: ColumnarTable = { names: ['s'], columns: [Array.from({ length: 50_000 }, (_, i) => `customer-${i}`)] };
  const dm = { columns: { s: { sdtype: 'categorical' } } };
  const dt = fitTransformers(distinct, dm);
  const dmx = transformTable(dt, distinct, 1);
  rows.push({ name: 'categorical 50k distinct: fit+transform', variant: '50000 rows', value: await timeIt(() => transformTable(fitTransformers(distinct, dm), distinct, 1), 300, 5), unit: 'ms' });
  rows.push({ name: 'categorical 50k distinct: reverse', variant: '50000 rows', value: await timeIt(() => reverseTable(dt, dmx, 1), 300, 5), unit: 'ms' });
  for (const [label, style] of [['AB-\\d{5} regex', { type: 'regex', pattern: 'AB-\\d{5}', explicit: true }], ['\\d{30} regex (BigInt)', { type: 'regex', pattern: '\\d{30}', explicit: true }], ['uuid v4', { type: 'uuid', upper: false }]] as const) {
    rows.push({ name: `unique keys ${label}`, variant: '100000 keys', value: await timeIt(() => generateKeys('k', style, label.startsWith('AB') ? 90_000 : 100_000, seededRng(1)), 300, 5), unit: 'ms', note: label.startsWith('AB') ? '90000 of 100000 (dense shuffle)' : '' });
  }
  return rows;
}
