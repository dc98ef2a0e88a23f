import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/lib/schema/csv';
import { guessColumnType, guessPrimaryKey } from '../../src/lib/state/guess-types';
import { headerMismatch, tableFromCsv, tableNameFromFile } from '../../src/lib/state/csv-table';
import { junctionFor } from '../../src/lib/state/junction';
import { validateRelationship } from '../../src/lib/schema/relationship-rules';
import { shop } from './ui-fixtures';

describe('guessColumnType (full inference, formats/infer.ts)', () => {
  it.each([
    [['1', '2', '-3'], 'integer'], [['1.5', '2', '3e2'], 'float'], [['true', 'false'], 'boolean'], [['yes', 'no', 'no'], 'boolean'],
    [['a@b.co', 'c@d.org'], 'email'], [['https://x.org/a'], 'url'], [['0b7e4c1a-3c9d-4c1e-9f2a-1b2c3d4e5f60'], 'uuid'],
    [['2024-01-02', '2023-12-31'], 'date'], [['2024-01-02 10:00:00'], 'datetime'], [['Ann', 'Bob'], 'string'], [[null, ''], 'string']
  ] as const)('%j → %s', (values, type) => {
    expect(guessColumnType(values as unknown as (string | null)[])).toBe(type);
  });
  it('low cardinality over enough rows → categorical', () => {
    expect(guessColumnType(Array.from({ length: 40 }, (_, i) => ['red', 'green', 'blue'][i % 3]))).toBe('categorical');
  });
  it('uses the column name (id token → key, e-mail by name) and mixed vocabularies stay text', () => {
    expect(guessColumnType(['true', 'no'])).toBe('categorical');
    expect(guessColumnType(['a', 'b', 'a'], 'customer_id')).toBe('string');
    expect(guessPrimaryKey('t', ['code', 'customer_id'], [['x', 'x'], ['7', '9']])).toBe(1);
  });
});

describe('tableFromCsv', () => {
  it('names the table from the file, guesses types, key and nullability, stores the sample row-major', () => {
    const data = parseCsvText('id,email,score\n1,a@b.co,1.5\n2,,2\n');
    const { table, sample } = tableFromCsv('p', 'Customers 2024.csv', data, []);
    expect(table.name).toBe('customers_2024');
    expect(table.columns.map((c) => [c.name, c.data_type, c.is_primary_key, c.is_nullable])).toEqual([
      ['id', 'integer', true, false], ['email', 'email', false, true], ['score', 'float', false, false]
    ]);
    expect(sample).toMatchObject({ table_id: table.id, header: ['id', 'email', 'score'], rows: [['1', 'a@b.co', '1.5'], ['2', '', '2']], file_name: 'Customers 2024.csv' });
    expect(tableFromCsv('p', 'customers.csv', data, ['customers']).table.name).toBe('customers_2');
    expect(tableNameFromFile('2024.csv')).toBe('t_2024');
  });
  it('no key when the id column repeats', () => {
    expect(guessPrimaryKey('t', ['id'], [['1', '1']])).toBe(-1);
  });
  it('reports header differences', () => {
    const { table } = tableFromCsv('p', 'x.csv', parseCsvText('a,b\n1,2\n'), []);
    expect(headerMismatch(table, ['a', 'b'])).toBeNull();
    expect(headerMismatch(table, ['a', 'c'])).toBe('columns not in the file: b; file columns not in the table: c');
  });
});

describe('junctionFor', () => {
  it('creates a table with two typed non-null FKs and two valid one-to-many links', () => {
    const s = shop();
    const [customers, , products] = s.tables;
    const { table, relationships } = junctionFor(s, { tableId: customers.id, columnId: customers.columns[0].id }, { tableId: products.id, columnId: products.columns[0].id });
    expect(table.name).toBe('customers_products');
    expect(table.columns.map((c) => [c.name, c.data_type, c.is_nullable])).toEqual([['customer_id', 'integer', false], ['product_sku', 'uuid', false]]);
    const withJunction = { tables: [...s.tables, table], relationships: [] as typeof relationships };
    for (const r of relationships) {
      expect(validateRelationship(withJunction, r).ok).toBe(true);
      withJunction.relationships.push(r);
    }
  });
});
