import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { fitTransformers, reverseTable, transformTable } from '../../src/lib/engine/transformers';
import { finestUnit, learnRenderFormat, roundToUnit } from '../../src/lib/engine/transformers/datetime';

const fitOne = (cells: (string | null)[], datetime_format?: string) =>
  fitTransformers({ names: ['d'], columns: [cells] } as ColumnarTable, { columns: { d: { sdtype: 'datetime', datetime_format } } });
const reverseMs = (tt: ReturnType<typeof fitOne>, ms: number[]) =>
  reverseTable(tt, { rows: ms.length, columns: tt.modelColumns.map((s) => ({ ...s, values: Float64Array.from(s.role === 'value' ? ms : ms.map(() => 0.01)) })) }, 1).columns[0];

describe('datetime transformer', () => {
  it('learns the sample padding per directive', () => {
    const ms = [Date.UTC(2000, 0, 1), Date.UTC(2000, 10, 12)];
    expect(learnRenderFormat('%b %d %Y', ms, ['Jan 1 2000', 'Nov 12 2000'])).toBe('%b %-d %Y');
    expect(learnRenderFormat('%m/%d/%Y', ms, ['1/1/2000', '11/12/2000'])).toBe('%-m/%-d/%Y');
    expect(learnRenderFormat('%m/%d/%Y', ms, ['01/01/2000', '11/12/2000'])).toBe('%m/%d/%Y');
  });

  it('rounds to the finest unit seen: days, months, years, seconds', () => {
    expect(finestUnit([Date.UTC(2020, 0, 1), Date.UTC(2020, 5, 17)])).toBe('day');
    expect(finestUnit([Date.UTC(2020, 0, 1), Date.UTC(2020, 5, 1)])).toBe('month');
    expect(finestUnit([Date.UTC(2020, 0, 1), Date.UTC(1970, 0, 1)])).toBe('year');
    expect(finestUnit([Date.UTC(2020, 0, 1, 3, 4, 5)])).toBe('second');
    expect(roundToUnit(Date.UTC(2020, 0, 17), 'month')).toBe(Date.UTC(2020, 1, 1));
    expect(roundToUnit(Date.UTC(2020, 0, 15), 'month')).toBe(Date.UTC(2020, 0, 1));
    expect(roundToUnit(Date.UTC(2020, 6, 3), 'year')).toBe(Date.UTC(2021, 0, 1));
  });

  it('writes back in the original format, rounded to whole days and clipped to the seen range', () => {
    const tt = fitOne(['2012/01/01', '2012/03/15', '2012/12/31'], '%Y/%m/%d');
    const out = reverseMs(tt, [Date.UTC(2011, 5, 1), Date.UTC(2012, 5, 1, 13), Date.UTC(2013, 0, 5)]);
    expect(out).toEqual(['2012/01/01', '2012/06/02', '2012/12/31']);
  });

  it('guesses the format when the metadata has none', () => {
    const tt = fitOne(['2020-01-05 10:00:00', '2020-02-01 11:30:00']);
    expect(tt.transformers[0]).toMatchObject({ kind: 'datetime', format: '%Y-%m-%d %H:%M:%S', unit: 'minute' });
    expect(reverseMs(tt, [Date.UTC(2020, 0, 20, 10, 10, 31)])).toEqual(['2020-01-20 10:11:00']);
  });

  it('an unparseable value is a typed error naming column, row and value', () => {
    expect(() => fitOne(['2020-01-01', '2020-13-01'], '%Y-%m-%d')).toThrow(expect.objectContaining({ code: 'transform/bad-datetime', message: 'Column "d" is a datetime in format "%Y-%m-%d", but row 2 holds "2020-13-01"' }));
    expect(() => fitOne(['hello', 'world'])).toThrow(expect.objectContaining({ code: 'transform/datetime-format-unknown' }));
  });

  it('missing dates become an indicator; the transformed value column is finite', () => {
    const tt = fitOne(['2020-01-01', null, 'NaT', '2020-03-01'], '%Y-%m-%d');
    const m = transformTable(tt, { names: ['d'], columns: [['2020-01-01', null, 'NaT', '2020-03-01']] }, 4);
    expect(m.columns.map((c) => c.name)).toEqual(['d', 'd.is_null']);
    expect(m.columns[0].values.every(Number.isFinite)).toBe(true);
    const back = reverseTable(tt, m, 1).columns[0];
    expect(back).toEqual(['2020-01-01', null, null, '2020-03-01']);
  });
});
