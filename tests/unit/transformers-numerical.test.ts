import { describe, expect, it } from 'vitest';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { fitTransformers, reverseTable } from '../../src/lib/engine/transformers';
import { formatNumber, learnRounding, parseNumberCell } from '../../src/lib/engine/transformers/number-text';

const one = (cells: (string | null)[], meta: SdvTable['columns'][string] = { sdtype: 'numerical' }, options = {}) => {
  const table: ColumnarTable = { names: ['x'], columns: [cells] };
  return fitTransformers(table, { columns: { x: meta } }, options);
};
const reverseValues = (tt: ReturnType<typeof one>, xs: number[]) =>
  reverseTable(tt, { rows: xs.length, columns: tt.modelColumns.map((s) => ({ ...s, values: Float64Array.from(s.role === 'value' ? xs : xs.map(() => 0.01)) })) }, 1).columns[0];

describe('numerical transformer', () => {
  it('parses numbers strictly; NaN/Infinity/null text is missing, never NaN', () => {
    expect(parseNumberCell(' 12.50 ')).toEqual({ kind: 'number', value: 12.5, decimals: 2 });
    expect(parseNumberCell('1.5e-3')).toEqual({ kind: 'number', value: 0.0015, decimals: 4 });
    for (const t of ['NaN', 'nan', 'Infinity', '-Infinity', 'inf', '-inf', 'null', 'None', 'NA', '', '1e999']) expect(parseNumberCell(t).kind, t).toBe('missing');
    for (const t of ['abc', '12abc', '1,234', '0x10', '--1']) expect(parseNumberCell(t).kind, t).toBe('bad');
  });

  it('learns rounding like RDT: smallest d with x == round(x, d), capped at 14 − integer digits', () => {
    expect(learnRounding([1, 2.5, 3.25], [0, 1, 2])).toBe(2);
    expect(learnRounding([5, 10.9], [1, 1])).toBe(1); // "5.0" has one written but zero significant decimals
    expect(learnRounding([5, 10], [1, 1])).toBe(0);
    expect(learnRounding([123456.123456789], [9])).toBe(null); // 9 > 14 − 6
  });

  it('writes numbers back in the sample style', () => {
    expect(formatNumber(180, null, 0)).toBe('180');
    expect(formatNumber(11.5, null, 1)).toBe('11.5');
    expect(formatNumber(5, 1, 1)).toBe('5.0');
    expect(formatNumber(-0.0001, 1, 1)).toBe('0.0');
    expect(formatNumber(-0.00001, null, 2)).toBe('0');
  });

  it('clips to the sample range, rounds to the learned decimals, mixes "12" and "11.5" like the sample', () => {
    const tt = one(['12', '11.5', '20.25', '15']);
    expect(reverseValues(tt, [3, 99, 12.3333, 14.999, 15.004])).toEqual(['11.5', '20.25', '12.33', '15', '15']);
  });

  it('integer computer_representation gives integers inside the type range', () => {
    const tt = one(['-100', '20', '127'], { sdtype: 'numerical', computer_representation: 'Int8' }, { enforceMinMax: false });
    expect(reverseValues(tt, [-1000, 3.6, 126.5, 1e9])).toEqual(['-128', '4', '127', '127']);
    const tu = one(['1.5', '2.5'], { sdtype: 'numerical', computer_representation: 'UInt8' });
    expect(reverseValues(tu, [1.7, 2.2])).toEqual(['2', '2']);
  });

  it('mixed types ("12", "abc") are a typed error naming column, row and value — or missing on request', () => {
    expect(() => one(['12', '13', 'abc', '14'])).toThrow(expect.objectContaining({ code: 'transform/not-a-number', message: 'Column "x" is numerical, but row 3 holds "abc"', where: { column: 'x' } }));
    const tt = one(['12', '13', 'abc', '14'], { sdtype: 'numerical' }, { columns: { x: { badValues: 'missing' } } });
    expect(tt.modelColumns.map((c) => c.name)).toEqual(['x', 'x.is_null']);
  });

  it('NaN/Infinity text becomes a missing indicator and the output never holds NaN', () => {
    const tt = one(['1', 'NaN', '3', 'Infinity', '-inf', '2']);
    const out = reverseValues(tt, [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, 2.2]);
    expect(out).toEqual(['1', '3', '2']);
    expect(() => reverseValues(tt, [Number.NaN])).toThrow(expect.objectContaining({ code: 'transform/non-finite' }));
  });
});

describe('non-finite model values without min/max enforcement', () => {
  it('±∞ is clipped to the sample range even with enforceMinMax: false (never "Infinity" text)', () => {
    const tt = one(['1.5', '2.5', '9'], { sdtype: 'numerical' }, { enforceMinMax: false });
    expect(reverseValues(tt, [Infinity, -Infinity, 20])).toEqual(['9', '1.5', '20']);
    const td = fitTransformers({ names: ['d'], columns: [['2020-01-01', '2020-02-03']] }, { columns: { d: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' } } }, { enforceMinMax: false });
    const out = reverseTable(td, { rows: 3, columns: [{ ...td.modelColumns[0], values: Float64Array.from([Infinity, -1e300, Date.UTC(2021, 0, 1)]) }] }, 1).columns[0];
    expect(out[0]).toBe('2020-02-03');
    expect(out[1]).toMatch(/^-?\d{4,}-\d{2}-\d{2}$/);
    expect(out[2]).toBe('2021-01-01');
  });
});
