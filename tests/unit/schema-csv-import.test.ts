import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/schema/model';
import { detectHeader, importCsvStream, importCsvText, looksBinary } from '../../src/lib/schema/formats/csv-import';
import { parseCsvText } from '../../src/lib/schema/csv';

const fx = (p: string) => readFileSync(new URL(`../fixtures/data/${p}`, import.meta.url), 'utf8');

function appError(fn: () => unknown): AppError {
  try { fn(); } catch (e) { expect(e).toBeInstanceOf(AppError); return e as AppError; }
  throw new Error('expected an AppError');
}
async function appErrorAsync(p: Promise<unknown>): Promise<AppError> {
  try { await p; } catch (e) { expect(e).toBeInstanceOf(AppError); return e as AppError; }
  throw new Error('expected an AppError');
}

describe('CSV import: real files', () => {
  it.each([
    ['../single/cars.csv', 406, 9], ['../single/iris.csv', 150, 5], ['../single/seattle-weather.csv', 1461, 6],
    ['../single/stocks.csv', 560, 3], ['../single/us-employment.csv', 120, 24], ['world/states.csv', 4963, 6], ['world/countries.csv', 250, 15]
  ])('%s → %i rows × %i columns, same cells as the basic reader', (file, rows, cols) => {
    const text = fx(file);
    const r = importCsvText(text, { fileName: file, chunkSize: 4096 });
    expect(r.rowCount).toBe(rows);
    expect(r.table.names.length).toBe(cols);
    expect(r.hasHeader).toBe(true);
    expect(r.delimiter).toBe(',');
    expect(r.table).toEqual(parseCsvText(text));
  });

  it('keeps "NA" (North America / Namibia) as a value and only empty cells as missing', () => {
    const r = importCsvText(fx('world/countries.csv'));
    const cont = r.table.columns[r.table.names.indexOf('continent_code')];
    expect(cont.filter((v) => v === 'NA').length).toBe(41);
    expect(r.table.columns[r.table.names.indexOf('cca2')]).toContain('NA');
    const lat = importCsvText(fx('world/states.csv')).table;
    expect(lat.columns[lat.names.indexOf('latitude')].some((v) => v === null)).toBe(true);
  });

  it('streaming with tiny chunks gives the same table, with monotone progress ending near 1', async () => {
    const text = fx('../single/cars.csv');
    const fractions: number[] = [];
    const r = await importCsvStream(text, { chunkSize: 777 }, { onProgress: (p) => { fractions.push(p.fraction); } });
    expect(r.table).toEqual(importCsvText(text).table);
    expect(fractions.length).toBeGreaterThan(10);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
    expect(fractions.at(-1)).toBeGreaterThan(0.95);
  });

  it('streams a Blob (as the worker does with a File), multi-byte characters split across slices intact', async () => {
    const text = fx('world/languages.csv'); // Cyrillic, Arabic, Devanagari … in `native`
    const bytes = new TextEncoder().encode('\ufeff' + text);
    const fractions: number[] = [];
    for (const chunkSize of [7, 100, 1 << 20]) {
      const r = await importCsvStream(new Blob([bytes]), { fileName: 'languages.csv', chunkSize }, { onProgress: (p) => { fractions.push(p.fraction); } });
      expect(r.table).toEqual(importCsvText(text).table);
    }
    expect(fractions.at(-1)).toBe(1);
  });

  it('cancels a Blob stream', async () => {
    const ac = new AbortController();
    const p = importCsvStream(new Blob([fx('world/states.csv')]), { chunkSize: 4096 }, { signal: ac.signal, onProgress: () => ac.abort() });
    expect((await appErrorAsync(p)).code).toBe('run/cancelled');
  });

  it('cancels between chunks with a typed error', async () => {
    const ac = new AbortController();
    const p = importCsvStream(fx('world/states.csv'), { chunkSize: 2000 }, { signal: ac.signal, onProgress: () => ac.abort() });
    expect((await appErrorAsync(p)).code).toBe('run/cancelled');
  });

  it('maxRows reads a preview', () => {
    const r = importCsvText(fx('world/states.csv'), { maxRows: 10, chunkSize: 500 });
    expect(r.rowCount).toBe(10);
    expect(r.truncated).toBe(true);
  });
});

describe('CSV import: dialects and structure', () => {
  it('BOM, semicolons, CRLF, doubled quotes and quoted newlines', () => {
    const r = importCsvText(fx('bad/semicolon-bom-crlf.csv'));
    expect(r.delimiter).toBe(';');
    expect(r.table.names).toEqual(['id', 'note', 'price']);
    expect(r.table.columns[1]).toEqual(['He said "hi"; then left', 'line one\r\nline two', 'plain']);
    expect(r.table.columns[2]).toEqual(['1,5', '2,25', '3']);
  });

  it('tab-separated without a header gets column_N names', () => {
    const r = importCsvText(fx('bad/no-header.tsv'));
    expect(r.delimiter).toBe('\t');
    expect(r.hasHeader).toBe(false);
    expect(r.table.names).toEqual(['column_1', 'column_2', 'column_3']);
    expect(r.rowCount).toBe(3);
  });

  it('header option overrides detection', () => {
    expect(importCsvText('a,b\nc,d\n', { header: false }).rowCount).toBe(2);
    expect(importCsvText('1,2\n3,4\n', { header: true }).table.names).toEqual(['1', '2']);
  });

  it('header heuristic', () => {
    expect(detectHeader(['id', 'price'], [['1', '2.5'], ['2', '3']])).toBe(true);
    expect(detectHeader(['1', '2.5'], [['2', '3']])).toBe(false);
    expect(detectHeader(['a', 'a'], [['x', 'y']])).toBe(false);
    expect(detectHeader(['name', ''], [['x', 'y']])).toBe(false);
  });
});

describe('CSV import: bad input gives specific errors', () => {
  it('empty file and blank lines', () => {
    expect(appError(() => importCsvText(fx('bad/empty.csv'), { fileName: 'empty.csv' })).code).toBe('csv/empty');
    const e = appError(() => importCsvText(fx('bad/blank-lines.csv'), { fileName: 'blank-lines.csv' }));
    expect(e.code).toBe('csv/empty');
    expect(e.message).toContain('blank-lines.csv');
  });

  it('header-only file', () => {
    const e = appError(() => importCsvText(fx('bad/header-only.csv'), { fileName: 'header-only.csv' }));
    expect(e.code).toBe('csv/header-only');
    expect(e.message).toMatch(/3 columns.*no data rows/);
  });

  it('binary file', async () => {
    const text = fx('bad/image.csv');
    expect(looksBinary(text)).toBe(true);
    expect(appError(() => importCsvText(text, { fileName: 'image.csv' })).code).toBe('csv/binary');
    expect((await appErrorAsync(importCsvStream(text, { fileName: 'image.csv' }))).code).toBe('csv/binary');
    expect(looksBinary(fx('../single/cars.csv'))).toBe(false);
    expect(looksBinary(fx('world/languages.csv'))).toBe(false); // Cyrillic, Arabic … are text
  });

  it('ragged rows abort by default with the line number', () => {
    const e = appError(() => importCsvText(fx('bad/ragged.csv'), { fileName: 'ragged.csv' }));
    expect(e.code).toBe('csv/ragged-row');
    expect(e.where.line).toBe(4);
    expect(e.message).toBe('ragged.csv line 4: expected 3 fields, found 2');
  });

  it('ragged rows skipped and listed with their lines (quoted newlines counted)', async () => {
    const r = importCsvText(fx('bad/ragged.csv'), { raggedRows: 'skip' });
    expect(r.raggedRows).toEqual([{ line: 4, expected: 3, found: 2 }, { line: 5, expected: 3, found: 4 }]);
    expect(r.raggedRowCount).toBe(2);
    expect(r.table.columns[0]).toEqual(['1', '2', '5', '6']);
    expect(r.table.columns[1]).toEqual(['Oslo', 'Bergen, Vestland', 'Multi\nline', 'Tromsø']);
    const s = await importCsvStream(fx('bad/ragged.csv'), { raggedRows: 'skip', chunkSize: 16 });
    expect(s.raggedRows).toEqual(r.raggedRows);
    expect(s.table).toEqual(r.table);
  });

  it('a line after a quoted newline is numbered by file line', () => {
    const e = appError(() => importCsvText('a,b\n"x\ny\nz",1\n1,2,3\n'));
    expect(e.where.line).toBe(5);
  });
});
