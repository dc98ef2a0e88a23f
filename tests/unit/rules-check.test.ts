/** checkRules / rulesReport: the share of rows obeying each rule type, missing values exempt. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../../src/lib/schema/csv';
import type { ColumnarTable, SdvMetadata, SdvTable } from '../../src/lib/schema/model';
import { checkRules, parseRulesFile, rulesReport, rulesReportAll, type TableRule } from '../../src/lib/engine/rules';

// 6 rows; comments give the verdict of each rule per row.
const table: ColumnarTable = {
  names: ['lo', 'x', 'hi', 'd1', 'd2', 'city', 'country', 'price', 'qty', 'total', 'big'],
  columns: [
    ['1', '2', '5', null, '4', '0'],
    ['2', '1', '5', '3', '9', '0.5'],
    ['3', '3', '4', '6', null, '1'],
    ['2020-01-01', '2020-02-01', '2020-03-01', '2020-04-01', null, '2020-06-01'],
    ['2020-01-05', '2020-01-31', '2020-03-01', '2020-05-01', '2020-01-01', '2020-06-02'],
    ['Paris', 'Lyon', 'Paris', 'Paris', 'Lyon', null],
    ['FR', 'FR', 'US', 'FR', 'FR', 'FR'],
    ['2.50', '1.00', '3.10', '4.00', '0.35', '10.00'],
    ['2', '3', '1', '2', '3', '0'],
    ['5.00', '3.00', '3.10', '8.01', '1.05', '0.00'],
    ['true', 'false', 'true', 'true', 'false', 'true']
  ]
};
const meta: SdvTable = {
  columns: {
    lo: { sdtype: 'numerical' }, x: { sdtype: 'numerical' }, hi: { sdtype: 'numerical' },
    d1: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' }, d2: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' },
    city: { sdtype: 'categorical' }, country: { sdtype: 'categorical' },
    price: { sdtype: 'numerical' }, qty: { sdtype: 'numerical' }, total: { sdtype: 'numerical' }, big: { sdtype: 'boolean' }
  }
};

const shares = (rules: TableRule[], t = table, reference?: ColumnarTable) => checkRules(t, rules, { meta, reference }).map((r) => [r.rule, r.share, r.violations]);

describe('checkRules on every rule type', () => {
  it('orderings between columns (numbers, datetimes; strict or not), missing values exempt', () => {
    expect(shares([
      { type: 'inequality', low: 'lo', high: 'x' }, // rows 2 (1<2) break → 5/6
      { type: 'inequality', low: 'lo', high: 'x', strict: true }, // + row 3 (5 = 5) → 4/6
      { type: 'inequality', low: 'd1', high: 'd2' }, // row 2 (Feb 1 after Jan 31) breaks; row 5 has no d1 → 5/6
      { type: 'range', low: 'lo', column: 'x', high: 'hi' } // row 2 (x < lo), row 3 (x > hi) break; row 5 has no hi → 4/6
    ])).toEqual([
      ['x >= lo', 5 / 6, 1],
      ['x > lo', 4 / 6, 2],
      ['d2 >= d1', 5 / 6, 1],
      ['lo <= x <= hi', 4 / 6, 2]
    ]);
  });

  it('fixed bounds and signs; datetime bounds as text', () => {
    expect(shares([
      { type: 'value_range', column: 'x', min: 0.5, max: 6 }, // 9 breaks → 5/6
      { type: 'value_range', column: 'x', min: 0.5, max: 6, strict: true }, // + 0.5 → 4/6
      { type: 'positive', column: 'lo' }, // all ≥ 0 (one missing)
      { type: 'positive', column: 'lo', strict: true }, // 0 breaks → 5/6
      { type: 'negative', column: 'lo' }, // 4 positive values break
      { type: 'value_range', column: 'd2', max: '2020-03-01' } // May 1 and Jun 2 break → 4/6
    ]).map((r) => r[1])).toEqual([5 / 6, 4 / 6, 1, 5 / 6, 2 / 6, 4 / 6]);
  });

  it('fixed combinations against the reference; unique combinations count repeats after the first', () => {
    const ref: ColumnarTable = { names: table.names, columns: table.columns.map((c) => c.slice(0, 2)) }; // Paris|FR, Lyon|FR
    // Paris|US and the missing city are not among the reference's combinations.
    expect(shares([{ type: 'fixed_combinations', columns: ['city', 'country'] }], table, ref)).toEqual([['fixed combinations of (city, country)', 4 / 6, 2]]);
    // Without a reference the table is its own reference.
    expect(shares([{ type: 'fixed_combinations', columns: ['city', 'country'] }])[0][1]).toBe(1);
    // Paris|FR repeats once (row 4), Lyon|FR once (row 5); the row with a missing city is exempt.
    expect(shares([{ type: 'unique', columns: ['city', 'country'] }])[0]).toEqual(['unique (city, country)', 4 / 6, 2]);
    expect(shares([{ type: 'unique', columns: ['qty'] }])[0][1]).toBe(4 / 6);
  });

  it('derived columns within the target\'s rounding, and true/false results', () => {
    expect(shares([
      { type: 'derived', column: 'total', expression: 'price * qty' }, // 4.00*2 = 8 ≠ 8.01; 0.35*3 = 1.05 ✓ (within 0.005)
      { type: 'derived', column: 'total', expression: 'round(price * qty, 1)' }, // 1.05 → 1.1 (or 1.0) ≠ 1.05; 8 ≠ 8.01
      { type: 'derived', column: 'big', expression: 'price >= 2.5 and qty > 0 or qty == 0' }
    ]).map((r) => r[1])).toEqual([5 / 6, 4 / 6, 6 / 6]);
  });

  it('rulesReport gives real and synthetic shares per rule', () => {
    const synth: ColumnarTable = { names: table.names, columns: table.columns.map((c) => [...c].reverse()) };
    const r = rulesReport(table, synth, [{ type: 'inequality', low: 'd1', high: 'd2' }, { type: 'fixed_combinations', columns: ['city', 'country'] }], meta);
    expect(r).toEqual([
      { rule: 'd2 >= d1', real: 5 / 6, synthetic: 5 / 6 },
      { rule: 'fixed combinations of (city, country)', real: 1, synthetic: 1 }
    ]);
  });
});

describe('rulesReportAll over several tables with a cross-table rule', () => {
  const dir = new URL('../fixtures/rules/shop/', import.meta.url);
  const read = (f: string): ColumnarTable => parseCsvText(readFileSync(new URL(f, dir), 'utf8'), f);
  const md = JSON.parse(readFileSync(new URL('metadata.json', dir), 'utf8')) as SdvMetadata;
  const file = parseRulesFile(readFileSync(new URL('../shop.rules.json', dir), 'utf8'));

  it('prefixes table rules with their table and follows the relationship', () => {
    const customers = read('customers.csv'), invoices = read('invoices.csv');
    // "Synthetic": every invoice moved one year back → some fall before the customer's signup.
    const yi = invoices.names.indexOf('date');
    const moved: ColumnarTable = { names: invoices.names, columns: invoices.columns.map((c, i) => (i === yi ? c.map((d) => `${Number(d!.slice(0, 4)) - 1}${d!.slice(4)}`) : c)) };
    const out = rulesReportAll({ customers: { real: customers, synth: customers }, invoices: { real: invoices, synth: moved } }, file, md);
    expect(out.map((r) => r.rule)).toEqual(['invoices: amount > 0', 'customers: 500 <= credit_limit <= 10500', 'invoices.date >= customers.signup_date']);
    expect(out.slice(0, 2).map((r) => [r.real, r.synthetic])).toEqual([[1, 1], [1, 1]]);
    expect(out[2].real).toBe(1);
    expect(out[2].synthetic).toBeLessThan(0.9);
    expect(out[2].synthetic).toBeGreaterThan(0.3);
  });
});
