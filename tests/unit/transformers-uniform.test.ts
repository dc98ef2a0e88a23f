import { describe, expect, it } from 'vitest';
import { fitTransformers, reverseTable, transformTable } from '../../src/lib/engine/transformers';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { decodeUniform, decodeUniformIndex, encodeUniform, fitUniformEncoder } from '../../src/lib/engine/transformers/uniform-encoder';
import { column, ksUniform, loadFixture } from '../fixtures/single/load';

/** KS critical value at α = 0.001 for n draws: 1.95/√n (Smirnov's asymptotic, c(0.001) = 1.949). */
const ksTolerance = (n: number) => 1.95 / Math.sqrt(n);

describe('UniformEncoder (categorical and boolean)', () => {
  for (const [ds, cols] of [['cars', ['Name', 'Cylinders', 'Origin']], ['iris', ['species']], ['seattle-weather', ['weather']], ['countries', ['region', 'subregion', 'landlocked', 'independent', 'calling_code']]] as const) {
    it(`${ds}: encoded ${cols.join(', ')} are uniform on [0,1] (KS D < 1.95/√n)`, () => {
      const { table, metadata } = loadFixture(ds);
      const tt = fitTransformers(table, metadata);
      const m = transformTable(tt, table, 5);
      for (const c of cols) {
        const mc = m.columns.find((x) => x.name === c)!;
        expect(mc.role).toBe('category');
        expect(mc.values.every((u) => u >= 0 && u < 1)).toBe(true);
        expect(ksUniform(mc.values), `${ds}.${c}`).toBeLessThan(ksTolerance(m.rows));
      }
    });
  }

  it('a non-uniform draw fails the same KS check (the check has teeth)', () => {
    const rng = seededRng(3);
    const skewed = Array.from({ length: 406 }, () => rng.nextFloat() ** 1.5);
    expect(ksUniform(skewed)).toBeGreaterThan(ksTolerance(406));
  });

  it('each value lands inside its own interval; reverse is the interval look-up', () => {
    const values = ['b', 'a', 'b', null, 'c', 'b', 'a', null];
    const s = fitUniformEncoder(values, { column: 'x' });
    expect(s.categories).toEqual(['b', 'a', null, 'c']); // first appearance, missing is a category
    expect(s.cumulative).toEqual([3 / 8, 5 / 8, 7 / 8, 1]);
    const u = encodeUniform(s, values, seededRng(1), 'x');
    expect(decodeUniform(s, u)).toEqual(values);
    expect(decodeUniformIndex(s, -0.3)).toBe(0); // clipped to [0,1]
    expect(decodeUniformIndex(s, 1.7)).toBe(3);
    expect(decodeUniformIndex(s, 3 / 8)).toBe(1); // interval [F_{k-1}, F_k) is closed on the left
  });

  it('order and order_by set the interval order; a value outside "order" is a clear error', () => {
    expect(fitUniformEncoder(['10', '9', '100'], { column: 'x', orderBy: 'numerical_value' }).categories).toEqual(['9', '10', '100']);
    expect(fitUniformEncoder(['b', 'C', 'a'], { column: 'x', orderBy: 'alphabetical' }).categories).toEqual(['C', 'a', 'b']);
    expect(fitUniformEncoder(['pro', 'basic', null], { column: 'x', order: ['basic', 'pro', 'enterprise'] }).categories).toEqual(['basic', 'pro', null]);
    expect(() => fitUniformEncoder(['pro', 'gold'], { column: 'plan', order: ['basic', 'pro'] })).toThrow(/Column "plan": value "gold" \(row 2\)/);
  });

  it('booleans keep their text form (true/false, yes/no) and their frequencies', () => {
    const { table, metadata } = loadFixture('contacts');
    const tt = fitTransformers(table, metadata);
    const m = transformTable(tt, table, 1);
    // Decode a fresh uniform sample: frequencies follow the sample's within sampling error.
    const rng = seededRng(9);
    const n = 20000;
    for (const mc of m.columns) mc.values = Float64Array.from({ length: n }, () => rng.nextFloat());
    const back = reverseTable(tt, { rows: n, columns: m.columns }, 2);
    const yesSample = column(table, 'newsletter').filter((v) => v === 'yes').length / table.columns[0].length;
    const yesOut = column(back, 'newsletter').filter((v) => v === 'yes').length / n;
    expect(new Set(column(back, 'newsletter'))).toEqual(new Set(['yes', 'no']));
    expect(Math.abs(yesOut - yesSample)).toBeLessThan(0.02); // 4.4 standard errors at n = 20000
  });

  it('an unseen category in transform is a typed error naming column, row and value', () => {
    const { table, metadata } = loadFixture('iris');
    const tt = fitTransformers(table, metadata);
    const t2 = { names: table.names, columns: table.columns.map((c) => c.slice(0, 3)) };
    t2.columns[4][2] = 'rosea';
    expect(() => transformTable(tt, t2, 1)).toThrow(expect.objectContaining({ code: 'transform/unknown-category', message: expect.stringContaining('"rosea" (row 3)') }));
  });
});

describe('partial transform (conditions)', () => {
  it('transforms only the given columns, a category to a point inside its interval', () => {
    const { table, metadata } = loadFixture('cars');
    const tt = fitTransformers(table, metadata);
    const m = transformTable(tt, { names: ['Origin', 'Horsepower'], columns: [['Japan', 'USA'], ['100', null]] }, 1, { partial: true });
    expect(m.columns.map((c) => c.name)).toEqual(['Horsepower', 'Horsepower.is_null', 'Origin']);
    const origin = tt.transformers.find((t) => t.column === 'Origin')!;
    if (origin.kind !== 'categorical') throw new Error('Origin should be categorical');
    expect(decodeUniform(origin.encoder, m.columns[2].values)).toEqual(['Japan', 'USA']);
    expect(() => transformTable(tt, { names: ['Origin'], columns: [['Japan']] }, 1)).toThrow(expect.objectContaining({ code: 'transform/missing-column' }));
  });
});
