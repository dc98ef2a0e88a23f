import { describe, expect, it } from 'vitest';
import { fitTransformers, reverseTable, transformTable } from '../../src/lib/engine/transformers';
import { column, DATASETS, loadFixture } from '../fixtures/single/load';

/** Columns that are regenerated (keys, PII, free text) cannot round-trip; everything else must. */
function generatedColumns(tt: ReturnType<typeof fitTransformers>) {
  return new Set(tt.transformers.filter((t) => t.kind === 'key' || t.kind === 'pii' || t.kind === 'text' || t.kind === 'unknown').map((t) => t.column));
}

describe('forward + reverse round trip on the real datasets', () => {
  for (const name of DATASETS) {
    it(`${name}: every modelled column comes back exactly from its own forward values`, () => {
      const { table, metadata } = loadFixture(name);
      const tt = fitTransformers(table, metadata);
      const m = transformTable(tt, table, 11);
      expect(m.rows).toBe(table.columns[0].length);
      for (const c of m.columns) {
        expect(c.values.length).toBe(m.rows);
        expect(c.values.every(Number.isFinite), c.name).toBe(true);
      }
      const back = reverseTable(tt, m, 12);
      expect(back.names).toEqual(table.names);
      const generated = generatedColumns(tt);
      for (const col of table.names) {
        if (generated.has(col)) continue;
        expect(column(back, col), `${name}.${col}`).toEqual(column(table, col));
      }
    });
  }

  it('stocks.date is written back as "Jan 1 2000", not SDV\'s "Jan 01 2000"', () => {
    const { table, metadata } = loadFixture('stocks');
    const tt = fitTransformers(table, metadata);
    const back = reverseTable(tt, transformTable(tt, table, 1), 1);
    expect(column(back, 'date')[0]).toBe('Jan 1 2000');
    const t = tt.transformers.find((x) => x.column === 'date');
    expect(t).toMatchObject({ kind: 'datetime', renderFormat: '%b %-d %Y', unit: 'month' });
  });

  it('numbers keep their text style: "180" stays "180", seattle "0.0" keeps one decimal', () => {
    const { table, metadata } = loadFixture('seattle-weather');
    const tt = fitTransformers(table, metadata);
    const precip = tt.transformers.find((x) => x.column === 'precipitation');
    expect(precip).toMatchObject({ kind: 'numerical', fixedDecimals: 1, decimals: 1 });
    const c = loadFixture('countries');
    const tc = fitTransformers(c.table, c.metadata);
    const back = reverseTable(tc, transformTable(tc, c.table, 3), 3);
    expect(column(back, 'area_km2')[0]).toBe('180');
    expect(column(back, 'longitude')[0]).toBe('-69.96666666');
  });

  it('the model matrix lists only modelled columns, with roles and marginal hints', () => {
    const { table, metadata } = loadFixture('cars');
    const tt = fitTransformers(table, metadata);
    const roles = Object.fromEntries(tt.modelColumns.map((c) => [c.name, `${c.role}/${c.marginalHint}`]));
    expect(roles).toMatchObject({
      Name: 'category/uniform01', Miles_per_Gallon: 'value/auto', 'Miles_per_Gallon.is_null': 'missing/uniform01',
      Horsepower: 'value/auto', 'Horsepower.is_null': 'missing/uniform01', Year: 'value/auto', Origin: 'category/uniform01'
    });
    expect(roles['Displacement.is_null']).toBeUndefined();
  });
});
