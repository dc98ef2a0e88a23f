import { describe, expect, it } from 'vitest';
import { toCsvText } from '../../src/lib/schema/csv';
import { fitTransformers, reverseTable, transformTable, type TableTransformer } from '../../src/lib/engine/transformers';
import { seededRng, streamFactory } from '../../src/lib/engine/transformers/rng';
import { loadFixture } from '../fixtures/single/load';

const uniformMatrix = (tt: TableTransformer, n: number, seed: number) => {
  const rng = seededRng(seed);
  return { rows: n, columns: tt.modelColumns.map((s) => ({ ...s, values: Float64Array.from({ length: n }, () => rng.nextFloat()) })) };
};

describe('determinism and serialisable state', () => {
  it('seeded RNG: same seed, same stream; different seeds and streams differ; values in [0,1)', () => {
    const a = seededRng(42), b = seededRng(42), c = seededRng(43);
    const xa = Array.from({ length: 1000 }, () => a.nextFloat());
    expect(Array.from({ length: 1000 }, () => b.nextFloat())).toEqual(xa);
    expect(c.nextFloat()).not.toBe(xa[0]);
    expect(xa.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xa.reduce((s, x) => s + x, 0) / xa.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.04); // 4.4 SE of a uniform mean at n = 1000
    const s = streamFactory(7);
    expect(s('a').nextFloat()).not.toBe(s('b').nextFloat());
    expect(streamFactory(7)('a').nextFloat()).toBe(streamFactory(7)('a').nextFloat());
  });

  for (const name of ['contacts', 'countries', 'cars'] as const) {
    it(`${name}: same input + seed ⇒ byte-identical transform and reverse output; another seed differs`, () => {
      const { table, metadata } = loadFixture(name);
      const run = (seed: number) => {
        const tt = fitTransformers(table, metadata);
        const m = transformTable(tt, table, seed);
        const bytes = m.columns.map((c) => Buffer.from(c.values.buffer).toString('base64')).join('|');
        return { bytes, csv: toCsvText(reverseTable(tt, uniformMatrix(tt, 700, seed), seed)) };
      };
      const a = run(5), b = run(5), c = run(6);
      expect(b.bytes).toBe(a.bytes);
      expect(b.csv).toBe(a.csv);
      expect(c.csv).not.toBe(a.csv);
    });
  }

  it('JSON.parse(JSON.stringify(transformer)) reverse-transforms identically (keys, PII, text included)', () => {
    for (const name of ['contacts', 'countries', 'stocks'] as const) {
      const { table, metadata } = loadFixture(name);
      const tt = fitTransformers(table, metadata, { locale: 'de' });
      const copy = JSON.parse(JSON.stringify(tt)) as TableTransformer;
      expect(copy).toEqual(tt);
      const m = uniformMatrix(tt, 400, 9);
      expect(toCsvText(reverseTable(copy, m, 21))).toBe(toCsvText(reverseTable(tt, m, 21)));
      expect(transformTable(copy, table, 4)).toEqual(transformTable(tt, table, 4));
    }
  });

  it('the saved state holds no PII sample value in clear text', () => {
    const { table, metadata } = loadFixture('contacts');
    const json = JSON.stringify(fitTransformers(table, metadata));
    const emails = table.columns[table.names.indexOf('email')].filter((v): v is string => v !== null);
    const phones = table.columns[table.names.indexOf('phone')].filter((v): v is string => v !== null);
    for (const v of [...emails, ...phones]) expect(json.includes(v), v).toBe(false);
  });
});
