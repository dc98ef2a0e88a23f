import { describe, expect, it } from 'vitest';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { fitTransformers, quickDetect, reverseTable, transformTable } from '../../src/lib/engine/transformers';
import { seededRng } from '../../src/lib/engine/transformers/rng';

const meta: SdvTable = {
  primary_key: 'id',
  columns: { id: { sdtype: 'id' }, n: { sdtype: 'numerical' }, c: { sdtype: 'categorical' }, d: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' }, b: { sdtype: 'boolean' } }
};
const uniformMatrix = (tt: ReturnType<typeof fitTransformers>, n: number, seed = 1) => {
  const rng = seededRng(seed);
  return { rows: n, columns: tt.modelColumns.map((s) => ({ ...s, values: Float64Array.from({ length: n }, () => rng.nextFloat()) })) };
};

describe('bad and degenerate input', () => {
  it('empty table (0 rows): fits, models nothing, and generates keys and nulls', () => {
    const t: ColumnarTable = { names: ['id', 'n', 'c', 'd', 'b'], columns: [[], [], [], [], []] };
    const tt = fitTransformers(t, meta);
    expect(tt.modelColumns).toEqual([]);
    expect(transformTable(tt, t, 1)).toEqual({ rows: 0, columns: [] });
    const out = reverseTable(tt, { rows: 3, columns: [] }, 1);
    expect(out.columns[0]).toEqual(['1', '2', '3']);
    expect(out.columns.slice(1).every((c) => c.every((v) => v === null))).toBe(true);
  });

  it('one row: every column is a constant, reproduced on reverse', () => {
    const t: ColumnarTable = { names: ['id', 'n', 'c', 'd', 'b'], columns: [['7'], ['1.5'], ['x'], ['2020-01-02'], ['true']] };
    const tt = fitTransformers(t, meta);
    expect(tt.modelColumns).toEqual([]);
    const out = reverseTable(tt, { rows: 2, columns: [] }, 1);
    expect(out.columns).toEqual([['7', '8'], ['1.5', '1.5'], ['x', 'x'], ['2020-01-02', '2020-01-02'], ['true', 'true']]);
  });

  it('all-null column → always null; constant column → not modelled, regenerated constant', () => {
    const t: ColumnarTable = { names: ['id', 'n', 'c', 'd', 'b'], columns: [['1', '2', '3'], [null, null, null], ['k', 'k', 'k'], ['2020-01-01', null, '2020-01-01'], ['yes', 'no', 'yes']] };
    const tt = fitTransformers(t, meta);
    expect(tt.transformers.map((x) => x.kind)).toEqual(['key', 'constant', 'constant', 'constant', 'categorical']);
    // A constant date with a missing value keeps its missingness as a modelled indicator.
    expect(tt.modelColumns.map((c) => c.name)).toEqual(['d.is_null', 'b']);
    const out = reverseTable(tt, transformTable(tt, t, 2), 2);
    expect(out.columns.slice(1)).toEqual(t.columns.slice(1));
  });

  it('50k distinct strings: Map-based encoder, exact round trip', () => {
    const n = 50_000;
    const values = Array.from({ length: n }, (_, i) => `customer-${(i * 7919) % n}`);
    const t: ColumnarTable = { names: ['s'], columns: [values] };
    const tt = fitTransformers(t, { columns: { s: { sdtype: 'categorical' } } });
    // Speed is measured in bench/suites/transformers.ts; an O(n·k) encoder would time this test out.
    const back = reverseTable(tt, transformTable(tt, t, 3), 3);
    expect(back.columns[0]).toEqual(values);
  });

  it('NaN / Infinity text in a numerical column → missing, never NaN in the matrix or the output', () => {
    const t: ColumnarTable = { names: ['n'], columns: [['1', 'NaN', 'Infinity', '-Infinity', '4', 'nan', '2.5']] };
    const tt = fitTransformers(t, { columns: { n: { sdtype: 'numerical' } } });
    const m = transformTable(tt, t, 1);
    expect(m.columns.every((c) => c.values.every(Number.isFinite))).toBe(true);
    const out = reverseTable(tt, uniformMatrix(tt, 500), 1).columns[0];
    expect(out.some((v) => v === null)).toBe(true);
    expect(out.every((v) => v === null || /^\d+(\.\d)?$/.test(v))).toBe(true);
  });

  it('mixed types in a numerical column: AppError with column, row and value', () => {
    const t: ColumnarTable = { names: ['n'], columns: [['12', '7', 'abc']] };
    try {
      fitTransformers(t, { columns: { n: { sdtype: 'numerical' } } });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ name: 'AppError', code: 'transform/not-a-number', where: { column: 'n' }, details: { row: 3, value: 'abc' } });
    }
  });

  it('a boolean column with a third value, metadata/table mismatches and a ragged table are typed errors', () => {
    const b: ColumnarTable = { names: ['b'], columns: [['yes', 'no', 'maybe']] };
    expect(() => fitTransformers(b, { columns: { b: { sdtype: 'boolean' } } })).toThrow(expect.objectContaining({ code: 'transform/not-a-boolean' }));
    expect(() => fitTransformers(b, { columns: {} })).toThrow(expect.objectContaining({ code: 'transform/unknown-column' }));
    expect(() => fitTransformers(b, { columns: { b: { sdtype: 'categorical' }, z: { sdtype: 'numerical' } } })).toThrow(expect.objectContaining({ code: 'transform/missing-column' }));
    expect(() => fitTransformers({ names: ['a', 'b'], columns: [['1'], ['1', '2']] }, { columns: { a: { sdtype: 'numerical' }, b: { sdtype: 'numerical' } } })).toThrow(expect.objectContaining({ code: 'transform/ragged-table' }));
  });

  it('a matrix without a modelled column, or with NaN, is a typed error on reverse', () => {
    const t: ColumnarTable = { names: ['n'], columns: [['1', '2', '3']] };
    const tt = fitTransformers(t, { columns: { n: { sdtype: 'numerical' } } });
    expect(() => reverseTable(tt, { rows: 1, columns: [] }, 1)).toThrow(expect.objectContaining({ code: 'transform/bad-matrix' }));
    expect(() => reverseTable(tt, { rows: 1, columns: [{ ...tt.modelColumns[0], values: new Float64Array([NaN]) }] }, 1)).toThrow(expect.objectContaining({ code: 'transform/non-finite' }));
  });

  it('quickDetect (temporary) gives usable metadata', () => {
    const t: ColumnarTable = { names: ['n', 'd', 'b', 'c'], columns: [['1', '2.5', null], ['2020-01-01', '2020-02-01', '2021-01-01'], ['True', 'False', 'True'], ['a', 'b', 'a']] };
    expect(quickDetect(t).columns).toEqual({ n: { sdtype: 'numerical' }, d: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' }, b: { sdtype: 'boolean' }, c: { sdtype: 'categorical' } });
  });
});
