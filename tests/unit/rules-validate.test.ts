/** Rules are checked before any work: structure, column kinds, keys, and against the sample. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../src/lib/schema/model';
import { parseRulesFile, prepareRules, validateRules, type TableRule } from '../../src/lib/engine/rules';
import { loadFixture } from '../fixtures/single/load';

const fitSpy = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../src/lib/engine/copula/fit', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../src/lib/engine/copula/fit')>();
  return { ...orig, fitCopula: (...a: Parameters<typeof orig.fitCopula>) => { fitSpy.calls++; return orig.fitCopula(...a); } };
});

function errorOf(f: () => unknown): AppError {
  try { f(); } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected an AppError');
}

describe('a rule contradicting the sample is an error before any work', () => {
  const { table, metadata } = loadFixture('seattle-weather');
  afterEach(() => vi.restoreAllMocks());

  it('names the rule, the count and the first violating row', () => {
    const e = errorOf(() => prepareRules(table, metadata, [{ type: 'inequality', low: 'temp_max', high: 'temp_min', strict: true }]));
    expect(e.code).toBe('rules/contradicts-sample');
    expect(e.message).toBe('Rule "temp_min > temp_max" is broken by 1461 of 1461 sample rows (100.0%); first at row 1: temp_max=12.8, temp_min=5.0. Check the rule against the sample.');
    expect(e.where).toEqual({ column: 'temp_max', line: 2 });
  });

  it('the CLI stops before loading the model or writing output', async () => {
    const { run } = await import('../../scripts/cli/fit-sample');
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    const out = join(dir, 'out.csv');
    const F = new URL('../fixtures/', import.meta.url).pathname;
    await expect(run(['--data', F + 'single/seattle-weather.csv', '--metadata', F + 'single/seattle-weather.metadata.json', '--rows', '100', '--out', out, '--rules', F + 'rules/seattle-weather.contradicting.rules.json']))
      .rejects.toThrow(/Rule "temp_min > temp_max" is broken by 1461 of 1461 sample rows/);
    expect(fitSpy.calls).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('a derived column that does not match is shown with what the expression gives', () => {
    const { table: us, metadata: usMeta } = loadFixture('us-employment');
    const e = errorOf(() => prepareRules(us, usMeta, [{ type: 'derived', column: 'nonfarm', expression: 'private + goods_producing' }]));
    expect(e.message).toMatch(/^Rule "nonfarm = private \+ goods_producing" is broken by 120 of 120 sample rows .* first at row 1: nonfarm=135450, private=113603, goods_producing=22467, expression gives 136070\./);
  });

  it('a tolerance lets a few breaking rows through, leaving them out of fitting', () => {
    const rule: TableRule = { type: 'value_range', column: 'precipitation', max: 30 };
    const strict = errorOf(() => prepareRules(table, metadata, [rule]));
    const broken = Number(/broken by (\d+) of/.exec(strict.message)![1]);
    expect(broken).toBe(19); // rows with precipitation > 30 (awk -F, '$2 > 30')
    const prep = prepareRules(table, metadata, [rule], { tolerance: 0.02 });
    expect(prep.plan.droppedRows).toBe(broken);
    expect(prep.table.columns[0].length).toBe(1461 - broken);
    expect(() => validateRules(table, metadata, [rule], { tolerance: 1.5 })).toThrow(/tolerance must be a share between 0 and 1/);
  });
});

describe('rule structure is checked against the table', () => {
  const { table, metadata } = loadFixture('seattle-weather');
  const cases: [string, TableRule, string, RegExp][] = [
    ['unknown column', { type: 'inequality', low: 'temp_min', high: 'temp_maxx' }, 'rules/unknown-column', /names column "temp_maxx", which the table does not have/],
    ['categorical in an ordering', { type: 'inequality', low: 'weather', high: 'wind' }, 'rules/column-type', /column "weather" holds text values; this rule compares numbers or datetimes/],
    ['number vs datetime', { type: 'inequality', low: 'date', high: 'wind' }, 'rules/column-type', /are not all the same kind/],
    ['self comparison', { type: 'range', low: 'wind', column: 'wind', high: 'temp_max' }, 'rules/column-type', /names the same column twice/],
    ['derived from itself', { type: 'derived', column: 'wind', expression: 'wind * 2' }, 'rules/derived-self', /uses the column it defines/],
    ['derived from text', { type: 'derived', column: 'wind', expression: 'weather + 1' }, 'rules/column-type', /uses "weather", which holds text values/],
    ['bad expression', { type: 'derived', column: 'wind', expression: 'temp_max; 1' }, 'rules/expression-syntax', /Rule "wind = temp_max; 1": Unexpected character ";"/],
    ['min above max', { type: 'value_range', column: 'wind', min: 10, max: 1 }, 'rules/bad-bound', /the minimum is above the maximum/],
    ['number bound on a date', { type: 'value_range', column: 'date', min: 5 }, 'rules/bad-bound', /is a datetime; give the bound as text/],
    ['bad date bound', { type: 'value_range', column: 'date', min: 'soon' }, 'rules/bad-bound', /"soon" is not a date/],
    ['sign of a date', { type: 'positive', column: 'date' }, 'rules/column-type', /holds datetime values, not numbers/]
  ];
  for (const [what, rule, code, msg] of cases) {
    it(what, () => {
      const e = errorOf(() => prepareRules(table, metadata, [rule]));
      expect(e.code).toBe(code);
      expect(e.message).toMatch(msg);
    });
  }

  it('key columns cannot be rewritten by a rule', () => {
    const { table: c, metadata: m } = loadFixture('countries');
    const e = errorOf(() => prepareRules(c, m, [{ type: 'fixed_combinations', columns: ['cca2', 'region'] }]));
    expect(e.code).toBe('rules/key-column');
    expect(e.message).toMatch(/"cca2" is a key column/);
  });

  it('id and PII columns cannot be rewritten; pii: false columns can', () => {
    const { table: c, metadata: m } = loadFixture('countries');
    expect(errorOf(() => prepareRules(c, m, [{ type: 'fixed_combinations', columns: ['continent_code', 'region'] }])).code).toBe('rules/key-column');
    const pii = { ...m, columns: { ...m.columns, capital: { sdtype: 'city' } } };
    const e = errorOf(() => prepareRules(c, pii, [{ type: 'fixed_combinations', columns: ['capital', 'region'] }]));
    expect(e.code).toBe('rules/pii-column');
    expect(e.message).toMatch(/"capital" is a PII column \(city\).*Mark it "pii": false/);
    expect(m.columns.capital).toEqual({ sdtype: 'city', pii: false });
    expect(prepareRules(c, m, [{ type: 'fixed_combinations', columns: ['capital', 'region'] }]).plan.enforced).toEqual([0]);
  });

  it('datetime bounds are read in the column format or ISO', () => {
    expect(() => prepareRules(table, metadata, [{ type: 'value_range', column: 'date', min: '2012/01/01', max: '2015-12-31' }])).not.toThrow();
    expect(() => prepareRules(table, metadata, [{ type: 'value_range', column: 'date', min: '2012-06-01' }])).toThrow(/broken by 152 of 1461/);
  });
});

describe('rules file', () => {
  it('reads the full form, a bare list and { rules: [...] }', () => {
    const full = parseRulesFile('{"version":1,"tables":{"t":[{"type":"positive","column":"x"}]}}');
    expect(full.tables.t).toEqual([{ type: 'positive', column: 'x' }]);
    expect(parseRulesFile('[{"type":"unique","columns":["a"]}]', 't').tables).toEqual({ t: [{ type: 'unique', columns: ['a'] }] });
    expect(parseRulesFile({ rules: [{ type: 'unique', columns: ['a'] }] }, 't').tables.t).toHaveLength(1);
  });

  it('rejects typos, unknown types and incomplete rules with the JSON path', () => {
    const bad = (json: string) => errorOf(() => parseRulesFile(json, 't', 'rules.json'));
    expect(bad('[{"type":"inequality","low":"a","hihg":"b"}]').message).toMatch(/^rules\.json is not a valid rules file: tables\.t\[0\]/);
    expect(bad('[{"type":"sometimes","column":"a"}]').code).toBe('rules/invalid-file');
    expect(bad('[{"type":"value_range","column":"a"}]').message).toMatch(/needs "min", "max" or both/);
    expect(bad('[{"type":"fixed_combinations","columns":["a"]}]').message).toMatch(/needs at least 2 columns/);
    expect(bad('[{"type":"unique","columns":["a","a"]}]').message).toMatch(/lists a column twice/);
    expect(bad('{"tables":{"t":[]},"cross_table":[{"type":"cross_table","child_table":"a","child_column":"b","op":"=>","parent_table":"c","parent_column":"d"}]}').message).toMatch(/cross_table\[0\]\.op/);
    expect(bad('not json').code).toBe('json/syntax');
    expect(errorOf(() => parseRulesFile('[]')).message).toMatch(/bare list of rules; name the table/);
  });
});
