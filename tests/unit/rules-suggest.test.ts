/** Suggested rules hold in every sample row, come with evidence, and skip trivial orderings. */
import { describe, expect, it } from 'vitest';
import { checkRules, suggestRules } from '../../src/lib/engine/rules';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { loadFixture } from '../fixtures/single/load';

const texts = (name: string) => {
  const { table, metadata } = loadFixture(name);
  return { table, metadata, s: suggestRules(table, metadata) };
};

describe('suggestRules on real tables', () => {
  it('seattle-weather: temp_max > temp_min with evidence; every suggestion holds in 100% of rows', () => {
    const { table, metadata, s } = texts('seattle-weather');
    const ord = s.find((x) => x.text === 'temp_max > temp_min')!;
    expect(ord.rule).toEqual({ type: 'inequality', low: 'temp_min', high: 'temp_max', strict: true });
    expect(ord.evidence).toMatch(/^holds in all 1461 rows with both values; the columns' ranges overlap \(\d+% of rows/);
    expect(s.map((x) => x.text)).toEqual(expect.arrayContaining(['precipitation >= 0', 'wind > 0']));
    for (const x of s) expect(checkRules(table, [x.rule], { meta: metadata })[0].share).toBe(1);
  });

  it('cars: no trivially separated orderings (weight vs cylinders), no chain shortcuts', () => {
    const { s } = texts('cars');
    const orderings = s.filter((x) => x.rule.type === 'inequality').map((x) => x.text);
    expect(orderings.some((t) => /Weight_in_lbs .* Cylinders|Displacement .* Cylinders|Weight_in_lbs .* Horsepower/.test(t))).toBe(false);
  });

  it('world countries: region/subregion as a fixed combination', () => {
    const { s } = texts('countries');
    const fc = s.find((x) => x.rule.type === 'fixed_combinations' && x.rule.columns.includes('subregion'))!;
    expect(fc.rule).toEqual({ type: 'fixed_combinations', columns: ['region', 'subregion'] });
    expect(fc.evidence).toMatch(/each of the 25 "subregion" values occurs with one "region"/);
    // Key-like columns (name, capital: one row per value) are not offered.
    expect(s.some((x) => x.rule.type === 'fixed_combinations' && (x.rule.columns.includes('name') || x.rule.columns.includes('capital')))).toBe(false);
  });

  it('us-employment: derived sums (nonfarm = goods + services, manufacturing = durable + nondurable)', () => {
    const { table, metadata, s } = texts('us-employment');
    const derived = s.filter((x) => x.rule.type === 'derived').map((x) => x.text);
    expect(derived).toEqual(expect.arrayContaining([
      'nonfarm = goods_producing + service_providing',
      'manufacturing = durable_goods + nondurable_goods',
      'private = goods_producing + private_service_providing'
    ]));
    for (const x of s.filter((y) => y.rule.type === 'derived')) expect(checkRules(table, [x.rule], { meta: metadata })[0].share).toBe(1);
  });

  it('finds products within rounding and quotes odd column names', () => {
    const t: ColumnarTable = {
      names: ['unit price', 'qty', 'total'],
      columns: [
        ['1.25', '2.50', '0.99', '10.00', '3.33', '7.10', '0.50', '1.75', '2.20', '9.99', '4.05', '6.66'],
        ['3', '2', '7', '1', '3', '4', '9', '2', '5', '3', '6', '2'],
        ['3.75', '5.00', '6.93', '10.00', '9.99', '28.40', '4.50', '3.50', '11.00', '29.97', '24.30', '13.32']
      ]
    };
    const s = suggestRules(t);
    expect(s.filter((x) => x.rule.type === 'derived').map((x) => x.text)).toEqual(['total = `unit price` * qty']);
    expect(checkRules(t, [s.find((x) => x.rule.type === 'derived')!.rule])[0].share).toBe(1);
  });
});
