import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importCsvText } from '../../src/lib/schema/formats/csv-import';
import { applyMissingTokens, inferColumn, inferTable, refineDatetimeFormat } from '../../src/lib/schema/formats/infer';
import { fixedShapeRegex } from '../../src/lib/schema/formats/patterns';
import { parseSdvMetadata } from '../../src/lib/schema/formats/sdv-metadata';
import { formatDatetime, parseDatetime } from '../../src/lib/schema/datetime';

const fx = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');
const table = (p: string) => importCsvText(fx(`data/${p}`)).table;

describe('inference matches SDV baseline metadata on the five single-table datasets', () => {
  it.each(['cars', 'iris', 'seattle-weather', 'stocks', 'us-employment'])('%s', (name) => {
    const baseline = JSON.parse(fx(`schemas/sdv-baseline/${name}.metadata.json`)).tables[name];
    const inf = inferTable(name, table(`../single/${name}.csv`));
    expect(Object.keys(inf.sdv.columns)).toEqual(Object.keys(baseline.columns));
    for (const [col, expected] of Object.entries<{ sdtype: string; datetime_format?: string }>(baseline.columns)) {
      expect(inf.sdv.columns[col].sdtype, `${name}.${col}`).toBe(expected.sdtype);
      if (expected.datetime_format) {
        // Deliberate difference: we keep the file's padding ("Jan 1 2000" → %b %-d %Y) so values are written back identically.
        expect(inf.sdv.columns[col].datetime_format!.replace('%-', '%'), `${name}.${col}`).toBe(expected.datetime_format);
      }
    }
    expect(inf.primaryKey).toBeNull(); // the baseline has no primary key for any of them
    expect(baseline.primary_key).toBeUndefined();
  });

  it('us-employment.nonfarm is numerical (unique integers that are not a sequence are not an id)', () => {
    const c = inferTable('us', table('../single/us-employment.csv')).columns.find((x) => x.name === 'nonfarm')!;
    expect(c.unique).toBe(true);
    expect(c.idLike).toBe(false);
    expect(c.sdv).toEqual({ sdtype: 'numerical', computer_representation: 'Int64' });
  });

  it('cars: Cylinders categorical by the SDV small-cardinality rule, missing MPG makes the column nullable', () => {
    const inf = inferTable('cars', table('../single/cars.csv'));
    const cyl = inf.columns.find((c) => c.name === 'Cylinders')!;
    expect(cyl.column.data_type).toBe('integer');
    expect(cyl.column.hints?.categories).toEqual(['3', '4', '5', '6', '8']);
    const mpg = inf.columns.find((c) => c.name === 'Miles_per_Gallon')!;
    expect(mpg.column.is_nullable).toBe(true);
    expect(mpg.nullCount).toBeGreaterThan(0);
    expect(mpg.column.hints?.decimals).toBe(1);
  });

  it('stocks dates are written back exactly with the detected format', () => {
    const t = table('../single/stocks.csv');
    const c = inferColumn('date', t.columns[1]);
    expect(c.column.data_type).toBe('date');
    const f = c.column.hints!.datetime_format!;
    for (const v of t.columns[1]) expect(formatDatetime(parseDatetime(v!, f)!, f)).toBe(v);
  });
});

describe('inference on the world tables matches its hand-written SDV metadata', () => {
  const meta = parseSdvMetadata(fx('data/world/metadata.sdv.json')).metadata;
  it.each(Object.keys(meta.tables))('%s', (name) => {
    const fks = meta.relationships.filter((r) => r.child_table_name === name).map((r) => r.child_foreign_key as string);
    const inf = inferTable(name, table(`world/${name}.csv`), { foreignKeys: fks });
    expect(inf.primaryKey).toBe(meta.tables[name].primary_key);
    for (const [col, expected] of Object.entries(meta.tables[name].columns)) {
      expect(inf.sdv.columns[col].sdtype, `${name}.${col}`).toBe(expected.sdtype);
    }
  });

  it('continent code NA is a kept value, offered as an ambiguous missing token', () => {
    const t = table('world/countries.csv');
    const c = inferColumn('continent_code', t.columns[t.names.indexOf('continent_code')]);
    expect(c.ambiguousTokens).toEqual(['NA']);
    expect(c.missingTokens).toEqual([]);
    expect(c.distinctCount).toBe(7);
    expect(c.column.is_nullable).toBe(false);
    // The user flips it: now NA is missing.
    const flipped = inferColumn('continent_code', t.columns[t.names.indexOf('continent_code')], { missingTokens: ['NA'] });
    expect(flipped.missingTokens).toEqual(['NA']);
    expect(flipped.distinctCount).toBe(6);
    expect(flipped.column.is_nullable).toBe(true);
    expect(flipped.column.hints?.missing_tokens).toEqual(['NA']);
  });

  it('calling codes keep their "+" and stay categorical; booleans are true/false', () => {
    const t = table('world/countries.csv');
    expect(inferColumn('calling_code', t.columns[t.names.indexOf('calling_code')]).sdv.sdtype).toBe('categorical');
    expect(inferColumn('landlocked', t.columns[t.names.indexOf('landlocked')]).column.data_type).toBe('boolean');
  });
});

describe('inference rules', () => {
  const col = (values: (string | null)[], name = 'x') => inferColumn(name, values);

  it('missing tokens in a typed column; NA too when the rest is numeric', () => {
    const c = col(['1', '2', 'NULL', 'N/A', '', 'NA', '5', 'NaN']);
    expect(c.column.data_type).toBe('integer');
    expect(c.missingTokens.sort()).toEqual(['N/A', 'NA', 'NULL', 'NaN']);
    expect(c.ambiguousTokens).toEqual([]);
    expect(c.nullCount).toBe(5);
    expect(applyMissingTokens(['1', 'NULL', null], c.missingTokens)).toEqual(['1', null, null]);
  });

  it('booleans: true/false, yes/no, 0/1 only when that is all', () => {
    expect(col(['true', 'false', 'TRUE']).column.data_type).toBe('boolean');
    expect(col(['yes', 'no', 'no']).column.data_type).toBe('boolean');
    expect(col(['0', '1', '1', '0']).column.data_type).toBe('boolean');
    expect(col(['0', '1', '2']).column.data_type).toBe('integer');
    expect(col(['1', '1']).column.data_type).toBe('integer');
  });

  it('floats keep the decimal places seen', () => {
    const c = col(['1.5', '2.25', '3', '-0.125']);
    expect(c.column.data_type).toBe('float');
    expect(c.column.hints?.decimals).toBe(3);
    expect(c.column.hints?.min).toBe(-0.125);
  });

  it('id-like columns: sequential integers and fixed-shape codes, with a regex', () => {
    const seq = col(['3', '1', '2', '4', '5', '6', '7']);
    expect(seq.idLike).toBe(true);
    expect(seq.sdv.sdtype).toBe('id');
    const codes = Array.from({ length: 40 }, (_, i) => `AB-${String(i + 12).padStart(5, '0')}`);
    const c = col(codes, 'code');
    expect(c.idLike).toBe(true);
    expect(c.sdv).toEqual({ sdtype: 'id', regex_format: 'AB-\\d{5}' });
    for (const v of codes) expect(new RegExp(`^${c.sdv.regex_format}$`).test(v)).toBe(true);
    expect(fixedShapeRegex(['x1', 'y22'])).toBeNull();
    expect(fixedShapeRegex(['ab', 'ab'])).toBeNull();
    const t = inferTable('t', { names: ['name', 'order_id', 'qty'], columns: [['a', 'b', 'c'], ['10', '11', '12'], ['5', '3', '5']] });
    expect(t.primaryKey).toBe('order_id');
    expect(t.sdv.primary_key).toBe('order_id');
    expect(t.table.columns[1].is_primary_key).toBe(true);
  });

  it('emails, phones, UUIDs, URLs, person names', () => {
    expect(col(['a@example.com', 'b.c@x.org']).column.data_type).toBe('email');
    expect(col(['a@example.com', 'b.c@x.org']).sdv).toEqual({ sdtype: 'email', pii: true });
    expect(col(['+1 (555) 123-4567', '555-987-6543', '+44 20 7946 0958']).sdv.sdtype).toBe('phone_number');
    expect(col(['123e4567-e89b-12d3-a456-426614174000', '00000000-0000-4000-8000-000000000000']).column.data_type).toBe('uuid');
    expect(col(['https://example.com/a', 'http://x.org']).sdv.sdtype).toBe('url');
    const fn = col(['Ann', 'Bob', 'Cy'], 'first_name');
    expect(fn.sdv).toEqual({ sdtype: 'first_name', pii: true });
    expect(fn.column.data_type).toBe('name');
  });

  it('categorical vs free text by distinct ratio and length', () => {
    const cat = col(['red', 'blue', 'red', 'green', 'blue', 'red']);
    expect(cat.column.data_type).toBe('categorical');
    expect(cat.column.hints?.categories).toEqual(['red', 'blue', 'green']);
    const text = col(Array.from({ length: 30 }, (_, i) => `This is review number ${i} and it says something long`));
    expect(text.column.data_type).toBe('text');
    expect(text.sdv.sdtype).toBe('text');
  });

  it('codes with leading zeros stay text', () => {
    expect(col(['02', '03', '10', '11']).column.data_type).not.toBe('integer');
  });

  it('refines datetime padding for exact write-back', () => {
    expect(refineDatetimeFormat('%m/%d/%Y', ['1/5/2020', '12/25/2020'])).toBe('%-m/%-d/%Y');
    expect(refineDatetimeFormat('%Y-%m-%d', ['2020-01-05'])).toBe('%Y-%m-%d');
  });

  it('an all-missing column is nullable text', () => {
    const c = col([null, 'NULL', '']);
    expect(c.column.is_nullable).toBe(true);
    expect(c.nullCount).toBe(3);
  });
});
