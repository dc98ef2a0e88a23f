import { describe, expect, it } from 'vitest';
import { fitTransformers, reverseTable, transformTable } from '../../src/lib/engine/transformers';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { column, loadFixture } from '../fixtures/single/load';

const nullRate = (c: (string | null)[]) => c.filter((v) => v === null).length / c.length;

describe('missing values as a copula column', () => {
  it('cars: Miles_per_Gallon and Horsepower get a 0/1 indicator, encoded uniform on [0,1]', () => {
    const { table, metadata } = loadFixture('cars');
    const tt = fitTransformers(table, metadata);
    const m = transformTable(tt, table, 2);
    const ind = m.columns.find((c) => c.name === 'Horsepower.is_null')!;
    expect(ind).toMatchObject({ source: 'Horsepower', role: 'missing', marginalHint: 'uniform01' });
    // The missing rows' draws lie in the '1' interval, the others in the '0' interval.
    const hp = column(table, 'Horsepower');
    const cut = 1 - nullRate(hp); // '0' (present) appears first, so it owns [0, 1 − p)
    hp.forEach((v, r) => expect(ind.values[r] >= cut, `row ${r}`).toBe(v === null));
    // Filled value positions hold observed values (draws from the sample), never NaN.
    const value = m.columns.find((c) => c.name === 'Horsepower')!.values;
    const observed = new Set(hp.filter((v) => v !== null).map(Number));
    hp.forEach((v, r) => { if (v === null) expect(observed.has(value[r])).toBe(true); });
  });

  it('indicator rates are preserved when decoding uniform draws (n = 20000, within 4.4 SE)', () => {
    const { table, metadata } = loadFixture('contacts');
    const tt = fitTransformers(table, metadata);
    const rng = seededRng(17);
    const n = 20000;
    const matrix = { rows: n, columns: tt.modelColumns.map((s) => ({ ...s, values: Float64Array.from({ length: n }, () => rng.nextFloat()) })) };
    const back = reverseTable(tt, matrix, 3);
    for (const col of ['email', 'age', 'notes']) {
      const p = nullRate(column(table, col));
      const q = nullRate(column(back, col));
      expect(p).toBeGreaterThan(0);
      expect(Math.abs(q - p), col).toBeLessThan(4.4 * Math.sqrt((p * (1 - p)) / n));
    }
    // PII and free-text columns are not modelled, but their missingness is.
    expect(tt.modelColumns.filter((c) => c.role === 'missing').map((c) => c.source).sort()).toEqual(['age', 'email', 'notes']);
  });

  it('missingness follows the indicator row by row, so its correlation with other columns survives', () => {
    // In contacts, age is missing far more often for the enterprise plan. Decoding the sample's own
    // forward values keeps that link exactly (the copula only has to model it).
    const { table, metadata } = loadFixture('contacts');
    const tt = fitTransformers(table, metadata);
    const back = reverseTable(tt, transformTable(tt, table, 8), 8);
    const rate = (t: typeof table, plan: string) => {
      const plans = column(t, 'plan');
      const ages = column(t, 'age');
      const rows = plans.map((p, i) => i).filter((i) => plans[i] === plan);
      return rows.filter((i) => ages[i] === null).length / rows.length;
    };
    expect(rate(table, 'enterprise')).toBeGreaterThan(3 * rate(table, 'basic'));
    expect(rate(back, 'enterprise')).toBe(rate(table, 'enterprise'));
    expect(rate(back, 'basic')).toBe(rate(table, 'basic'));
  });

  it('categorical missing is its own category (no indicator)', () => {
    const { table, metadata } = loadFixture('countries');
    const tt = fitTransformers(table, metadata);
    expect(tt.modelColumns.find((c) => c.name === 'subregion.is_null')).toBeUndefined();
    const sub = tt.transformers.find((t) => t.column === 'subregion');
    expect(sub?.kind === 'categorical' && sub.encoder.categories.includes(null)).toBe(true);
  });
});
