import { describe, expect, it } from 'vitest';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { fitTransformers, reverseTable, type TableTransformer } from '../../src/lib/engine/transformers';
import { resolveLocale } from '../../src/lib/engine/pii/faker-instance';
import { generatePii, piiHash, resolveProvider } from '../../src/lib/engine/pii/pii-generator';
import { seededRng } from '../../src/lib/engine/transformers/rng';
import { column, loadFixture } from '../fixtures/single/load';

const sampleOf = (tt: TableTransformer, n: number, seed = 1) => {
  const rng = seededRng(seed);
  return reverseTable(tt, { rows: n, columns: tt.modelColumns.map((s) => ({ ...s, values: Float64Array.from({ length: n }, () => rng.nextFloat()) })) }, seed);
};

describe('PII columns regenerated with Faker', () => {
  it('contacts.email: emails, never equal to any sample email; pii: false reuses sample values', () => {
    const { table, metadata } = loadFixture('contacts');
    const tt = fitTransformers(table, metadata);
    expect(tt.transformers.find((t) => t.column === 'email')).toMatchObject({ kind: 'pii', provider: 'internet.email' });
    const out = sampleOf(tt, 3000);
    const real = new Set(column(table, 'email').filter((v) => v !== null).map((v) => v!.toLowerCase()));
    const fake = column(out, 'email').filter((v): v is string => v !== null);
    expect(fake.length).toBeGreaterThan(2000);
    expect(fake.every((v) => /^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(v))).toBe(true);
    expect(fake.filter((v) => real.has(v.toLowerCase()))).toEqual([]);
    const lastNames = new Set(column(table, 'last_name'));
    expect(column(out, 'last_name').every((v) => lastNames.has(v))).toBe(true);
    expect(column(out, 'phone').every((v) => v !== null && /\d/.test(v))).toBe(true);
  });

  it('never copies even when the sample is exactly what the same seeded Faker would write', () => {
    const provider = resolveProvider('email', 'e');
    const sample = generatePii('e', provider, [], 500, 'en', seededRng(77), null) as string[];
    // Without avoidance the same seed reproduces the sample value for value…
    expect(generatePii('e', provider, [], 500, 'en', seededRng(77), null)).toEqual(sample);
    // …with the sample's hashes, not one value is copied.
    const out = generatePii('e', provider, sample.map(piiHash), 500, 'en', seededRng(77), null);
    const seen = new Set(sample.map((v) => v.toLowerCase()));
    expect(out.filter((v) => seen.has(v!.toLowerCase()))).toEqual([]);
  });

  it('is locale-aware and seeded', () => {
    const t: ColumnarTable = { names: ['p', 'c'], columns: [['+1 555 0100', '+1 555 0101'], ['Springfield', 'Shelbyville']] };
    const meta = { columns: { p: { sdtype: 'phone_number' }, c: { sdtype: 'city' } } };
    const de = sampleOf(fitTransformers(t, meta, { locale: 'de' }), 200, 3);
    const en = sampleOf(fitTransformers(t, meta, { locale: 'en' }), 200, 3);
    expect(column(de, 'p').filter((v) => /^(\+49|\(0)/.test(v!)).length).toBe(200);
    expect(column(de, 'p')).not.toEqual(column(en, 'p'));
    expect(sampleOf(fitTransformers(t, meta, { locale: 'de-DE' }), 200, 3)).toEqual(de);
    expect(resolveLocale('pt-br')).toBe('pt_BR');
    expect(() => fitTransformers(t, meta, { locale: 'xx' })).toThrow(expect.objectContaining({ code: 'pii/unknown-locale' }));
  });

  it('custom providers per column; unknown providers and exhausted providers are clear errors', () => {
    const t: ColumnarTable = { names: ['a'], columns: [['true', 'false']] };
    const ok = fitTransformers(t, { columns: { a: { sdtype: 'categorical' } } }, { columns: { a: { provider: 'internet.domainName' } } });
    expect(column(sampleOf(ok, 20), 'a').every((v) => /^[a-z0-9.-]+\.[a-z]+$/.test(v!))).toBe(true);
    expect(() => fitTransformers(t, { columns: { a: { sdtype: 'categorical' } } }, { columns: { a: { provider: 'constructor.call' } } })).toThrow(expect.objectContaining({ code: 'pii/unknown-provider' }));
    const tiny = fitTransformers(t, { columns: { a: { sdtype: 'categorical' } } }, { columns: { a: { provider: 'datatype.boolean' } } });
    expect(() => sampleOf(tiny, 5)).toThrow(expect.objectContaining({ code: 'pii/exhausted' }));
  });

  it('unknown sdtype: random text with the sample widths (digits stay digits)', () => {
    const t: ColumnarTable = { names: ['u', 'v'], columns: [['12345', '67890', '13579'], ['abc', 'defgh', null]] };
    const tt = fitTransformers(t, { columns: { u: { sdtype: 'unknown' }, v: { sdtype: 'unknown' } } });
    const out = sampleOf(tt, 300);
    expect(column(out, 'u').every((v) => /^\d{5}$/.test(v!))).toBe(true);
    expect(column(out, 'v').every((v) => v === null || /^[a-z0-9]{3}$|^[a-z0-9]{5}$/.test(v))).toBe(true);
    expect(column(out, 'v').some((v) => v === null)).toBe(true);
  });

  it('free text: Faker lorem with the sample word counts, or categories when the user says so', () => {
    const { table, metadata } = loadFixture('contacts');
    const tt = fitTransformers(table, metadata);
    const out = column(sampleOf(tt, 2000), 'notes').filter((v): v is string => v !== null);
    const words = (xs: string[]) => xs.reduce((s, x) => s + x.split(/\s+/).length, 0) / xs.length;
    const real = column(table, 'notes').filter((v): v is string => v !== null);
    expect(Math.abs(words(out) - words(real))).toBeLessThan(0.6); // means of 3–12 words, n = 2000 vs 210
    expect(out.every((v) => v.endsWith('.'))).toBe(true);
    const asCategory = fitTransformers(table, metadata, { columns: { notes: { text: 'category' } } });
    expect(asCategory.transformers.find((t) => t.column === 'notes')?.kind).toBe('categorical');
    const realSet = new Set(column(table, 'notes'));
    expect(column(sampleOf(asCategory, 200), 'notes').every((v) => realSet.has(v))).toBe(true);
  });
});
