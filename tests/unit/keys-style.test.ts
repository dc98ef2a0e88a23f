import { describe, expect, it } from 'vitest';
import { fitTransformers, reverseTable } from '../../src/lib/engine/transformers';
import { generateKeys } from '../../src/lib/engine/keys/key-generator';
import { learnKeyStyle, learnTemplate } from '../../src/lib/engine/keys/key-style';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { column, loadFixture } from '../fixtures/single/load';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('key styles learned from the sample', () => {
  it('integer sequences continue the sample start and step', () => {
    expect(learnKeyStyle('id', ['1', '2', '3', '5'])).toEqual({ type: 'integer', start: 1, step: 1 });
    const s = learnKeyStyle('id', ['100', '110', '130']);
    expect(s).toEqual({ type: 'integer', start: 100, step: 10 });
    expect(generateKeys('id', s, 4, seededRng(1))).toEqual(['100', '110', '120', '130']);
  });

  it('prefix + zero-padded number: AB-00012 → AB- + 5 digits', () => {
    const s = learnKeyStyle('id', ['AB-00012', 'AB-00013', 'AB-00020']);
    expect(s).toEqual({ type: 'padded', prefix: 'AB-', suffix: '', width: 5, start: 12, step: 1 });
    expect(generateKeys('id', s, 3, seededRng(1))).toEqual(['AB-00012', 'AB-00013', 'AB-00014']);
    expect(learnKeyStyle('id', ['007', '012'])).toMatchObject({ type: 'padded', prefix: '', width: 3 });
  });

  it('UUIDs → seeded uuid v4 in the sample case', () => {
    const s = learnKeyStyle('id', ['3F2504E0-4F89-41D3-9A0C-0305E82C3301']);
    expect(s).toEqual({ type: 'uuid', upper: true });
    const keys = generateKeys('id', { type: 'uuid', upper: false }, 1000, seededRng(3));
    expect(new Set(keys).size).toBe(1000);
    expect(keys.every((k) => UUID_V4.test(k))).toBe(true);
    expect(generateKeys('id', { type: 'uuid', upper: false }, 3, seededRng(3))).toEqual(keys.slice(0, 3));
  });

  it('other strings get a per-position class template', () => {
    expect(learnTemplate(['AW', 'AF', 'ZW'])).toBe('[A-Z]{2}');
    expect(learnTemplate(['x-1a', 'x-2b', 'x-9z'])).toBe('x\\-\\d[a-z]');
    expect(learnKeyStyle('k', ['ABW', 'AFG'], '[A-Z]{3}')).toEqual({ type: 'regex', pattern: '[A-Z]{3}', explicit: true });
  });

  it('a learned template too narrow for n keys grows; an explicit regex_format errors instead', () => {
    const keys = generateKeys('cca2', { type: 'regex', pattern: '[A-Z]{2}', explicit: false }, 1000, seededRng(1));
    expect(new Set(keys).size).toBe(1000);
    expect(keys.every((k) => /^[A-Z]{2,3}$/.test(k))).toBe(true);
    expect(() => generateKeys('cca2', { type: 'regex', pattern: '[A-Z]{2}', explicit: true }, 1000, seededRng(1))).toThrow(expect.objectContaining({ code: 'keys/not-enough-unique' }));
  });

  it('tables: primary and alternate keys are regenerated unique, never modelled', () => {
    const { table, metadata } = loadFixture('countries');
    const tt = fitTransformers(table, metadata);
    expect(tt.modelColumns.find((c) => c.source === 'cca2' || c.source === 'cca3')).toBeUndefined();
    const out = reverseTable(tt, { rows: 600, columns: tt.modelColumns.map((s) => ({ ...s, values: new Float64Array(600).fill(0.5) })) }, 4);
    for (const k of ['cca2', 'cca3']) {
      const keys = column(out, k);
      expect(new Set(keys).size, k).toBe(600);
    }
    expect(column(out, 'cca3').every((v) => /^[A-Z]{3}$/.test(v!))).toBe(true);
    const c = loadFixture('contacts');
    const tc = fitTransformers(c.table, c.metadata);
    const ids = column(reverseTable(tc, { rows: 3, columns: tc.modelColumns.map((s) => ({ ...s, values: new Float64Array(3) })) }, 1), 'customer_id');
    expect(ids).toEqual(['C-01000', 'C-01003', 'C-01006']);
  });

  it('a non-key id with regex_format is generated from it; without regex it is categorical', () => {
    const t = { names: ['k', 'f'], columns: [['x1', 'x2', 'x1'], ['a', 'b', 'a']] };
    const tt = fitTransformers(t, { columns: { k: { sdtype: 'id', regex_format: 'Q\\d{2}' }, f: { sdtype: 'id' } } });
    expect(tt.transformers.map((x) => x.kind)).toEqual(['key', 'categorical']);
    const out = reverseTable(tt, { rows: 200, columns: tt.modelColumns.map((s) => ({ ...s, values: new Float64Array(200).fill(0.1) })) }, 1);
    expect(out.columns[0].every((v) => /^Q\d{2}$/.test(v!))).toBe(true); // 200 > 100 values: not unique, no error
  });
});
