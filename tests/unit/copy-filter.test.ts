/**
 * "New rows only" (src/lib/engine/copy-filter.ts): rows reproducing a real row by NewRowSynthesis'
 * rule are replaced by new draws, deterministically, with rules still held; degenerate tables are
 * left alone with a reason; the setting can be switched off.
 */
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula } from '../../src/lib/engine/copula/sample';
import { CopyFilter, MAX_COPY_SHARE, newRowsOnlyTable } from '../../src/lib/engine/copy-filter';
import { nearestUnused } from '../../src/lib/engine/copy-nearest';
import { evaluateTable, newRowSynthesis, prepareTable, summary, type PreparedTable } from '../../src/lib/engine/metrics';
import { MATCH_TOLERANCE, RowMatcher } from '../../src/lib/engine/metrics/privacy';
import { generateData } from '../../src/lib/engine/generate';
import { parseRulesFile } from '../../src/lib/engine/rules';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { copiesText } from '../../src/lib/report/scores';
import { loadFixture } from '../fixtures/single/load';
import type { ColumnarTable, SdvTable, Schema } from '../../src/lib/schema/model';
import { keepNewRows } from '../../src/lib/engine/generate';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../../src/lib/schema/csv';
import { sdvMetadataToSchema } from '../../src/lib/schema/formats/sdv-metadata';
import { sampleMulti } from '../../src/lib/engine/multi';
import { badPrimaryKeys, danglingPerRelationship, fitWorld } from '../fixtures/multi/checks';

const rows = (t: ColumnarTable) => t.columns[0]?.length ?? 0;
const rowText = (t: ColumnarTable, r: number) => t.columns.map((c) => c[r]).join('|');
const single = (name: string, data: ColumnarTable): Schema => ({ tables: [{ ...inferTable(name, data).table, name }], relationships: [] });

describe('CopyFilter flags', () => {
  it('agree row by row with NewRowSynthesis: every real row matches itself, shifted rows do not', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('stocks');
    const f = new CopyFilter(core, 'stocks', table, metadata);
    expect(Array.from(f.flags(table)).every((x) => x === 1)).toBe(true);
    // Prices 5 % higher match no real row of the same symbol and month… unless another real price is that close.
    const pi = table.names.indexOf('price');
    const up: ColumnarTable = { names: table.names, columns: table.columns.map((c, i) => (i === pi ? c.map((v) => String(Number(v) * 1.05)) : c)) };
    const flags = f.flags(up);
    const nrs = newRowSynthesis(core, prepareTable('stocks', table, up, metadata));
    expect(flags.reduce((s, x) => s + x, 0)).toBe(nrs.num_matched_rows);
    expect(nrs.num_matched_rows).toBeGreaterThan(0);
    expect(nrs.num_matched_rows).toBeLessThan(rows(up));
  });

  it('an unseen category never matches; keys and PII columns are not compared', async () => {
    const core = await loadCoreNode();
    const real: ColumnarTable = { names: ['id', 'email', 'kind', 'x'], columns: [['1', '2'], ['a@x.org', 'b@x.org'], ['p', 'q'], ['10', '20']] };
    const meta: SdvTable = { primary_key: 'id', columns: { id: { sdtype: 'id' }, email: { sdtype: 'email', pii: true }, kind: { sdtype: 'categorical' }, x: { sdtype: 'numerical' } } };
    const synth: ColumnarTable = { names: real.names, columns: [['7', '8', '9'], ['z@y.org', 'w@y.org', 'v@y.org'], ['p', 'r', 'q'], ['10.05', '10', '25']] };
    expect(Array.from(new CopyFilter(core, 't', real, meta).flags(synth))).toEqual([1, 0, 0]);
  });
});

describe('RowMatcher', () => {
  it('equals a brute-force NewRowSynthesis match, chunk after chunk (grouped key, missing values, unseen codes)', async () => {
    const core = await loadCoreNode();
    let x = 99;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const num = (n: number) => Float64Array.from({ length: n }, () => (rnd() < 0.05 ? NaN : Math.round(rnd() * 40) / 4));
    const code = (n: number, k: number) => Float64Array.from({ length: n }, () => (rnd() < 0.05 ? NaN : Math.floor(rnd() * k)));
    const shapes = ['continuous', 'discrete', 'continuous', 'discrete'] as const;
    const make = (n: number) => [num(n), code(n, 3), num(n), code(n, 2)];
    const real = make(400);
    const t = { nReal: 400, columns: shapes.map((shape, c) => ({ shape, real: real[c], categories: shape === 'discrete' ? ['a', 'b', 'c'] : [] })) } as unknown as PreparedTable;
    const brute = (syn: Float64Array[], i: number) => {
      for (let j = 0; j < 400; j++) {
        let ok = true;
        for (let c = 0; c < 4 && ok; c++) {
          const r = real[c][j], v = syn[c][i];
          if (Number.isNaN(r) || Number.isNaN(v)) ok = Number.isNaN(r) && Number.isNaN(v);
          else ok = Math.abs(r - v) <= Math.abs((shapes[c] === 'continuous' ? MATCH_TOLERANCE : 0) * v);
        }
        if (ok) return 1;
      }
      return 0;
    };
    const m = new RowMatcher(core, t);
    let hits = 0;
    for (let chunk = 0; chunk < 3; chunk++) {
      const syn = make(500);
      if (chunk === 2) syn[1][0] = -1; // a category the real table does not have
      const got = Array.from(m.matched(syn));
      expect(got).toEqual(Array.from({ length: 500 }, (_, i) => brute(syn, i)));
      hits += got.reduce((a, b) => a + b, 0);
    }
    expect(hits).toBeGreaterThan(20); // the test data does produce matches
  });
});

describe('nearestUnused', () => {
  it('is the greedy exact nearest unused candidate on small pools (categories, numbers, missing values)', () => {
    let x = 12345;
    const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
    const col = (n: number, f: () => number) => Float64Array.from({ length: n }, f);
    const make = (n: number) => [col(n, () => Math.floor(rnd() * 3)), col(n, () => (rnd() < 0.1 ? NaN : rnd() * 50)), col(n, () => rnd() * 2)];
    const removed = make(40), pool = make(300);
    const discrete = [true, false, false], ranges = [1, 50, 2];
    const d = (i: number, j: number) => (removed[0][i] === pool[0][j] ? 0 : 1)
      + (Number.isNaN(removed[1][i]) || Number.isNaN(pool[1][j]) ? (Number.isNaN(removed[1][i]) && Number.isNaN(pool[1][j]) ? 0 : 1) : Math.abs(removed[1][i] - pool[1][j]) / 50)
      + Math.abs(removed[2][i] - pool[2][j]) / 2;
    const used = new Set<number>(), want: number[] = [];
    for (let i = 0; i < 40; i++) {
      let best = -1, bd = Infinity;
      for (let j = 0; j < 300; j++) if (!used.has(j) && d(i, j) < bd) { bd = d(i, j); best = j; }
      used.add(best); want.push(best);
    }
    const got = Array.from(nearestUnused(removed, pool, discrete, ranges));
    // Same distances (ties may pick another candidate at the same distance).
    expect(got.map((j, i) => d(i, j))).toEqual(want.map((j, i) => d(i, j)));
    expect(new Set(got).size).toBe(40);
  });

  it('runs out gracefully: −1 for rows beyond the pool', () => {
    const got = nearestUnused([Float64Array.of(1, 2, 3)], [Float64Array.of(2)], [false], [1]);
    expect(Array.from(got)).toEqual([0, -1, -1]);
  });
});

describe('newRowsOnly', () => {
  it('stocks, copula: reproduced rows are replaced, NewRowSynthesis becomes 1, the rest is kept in order, same seed same rows', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('stocks');
    const model = await fitCopula(core, 'stocks', table, metadata, { seed: 1 });
    const n = rows(table);
    const draw = (m: number, pass: number) => sampleCopula(core, model, m, { seed: 11 + 104729 * pass });
    const main = await draw(n, 0);
    const filter = new CopyFilter(core, 'stocks', table, metadata);
    const flags = filter.flags(main);
    const { table: out, check } = await newRowsOnlyTable(filter, n, draw);
    expect(check.applied).toBe(true);
    expect(check.matched).toBe(flags.reduce((s, x) => s + x, 0));
    expect(check.matched).toBeGreaterThan(0); // stocks' copula output has ~5 % near-copies (NewRowSynthesis ≈ 0.95)
    expect(check.replaced).toBe(check.matched);
    expect(rows(out)).toBe(n);
    expect(Array.from(filter.flags(out)).every((x) => x === 0)).toBe(true);
    // The main draw's new rows come first, unchanged and in order.
    const kept = Array.from(flags.keys()).filter((r) => !flags[r]);
    kept.forEach((r, i) => expect(rowText(out, i)).toBe(rowText(main, r)));
    const s = summary(await evaluateTable(core, 'stocks', table, out, metadata));
    expect(s.privacy.new_row_synthesis).toBe(1);
    expect((await newRowsOnlyTable(filter, n, draw)).table).toEqual(out);
  });

  it(`a table of few distinct rows (two booleans) is left alone: > ${MAX_COPY_SHARE * 100} % of new real rows would reproduce old ones`, async () => {
    const core = await loadCoreNode();
    const real: ColumnarTable = { names: ['a', 'b'], columns: [Array.from({ length: 40 }, (_, i) => String(i % 5 < 2)), Array.from({ length: 40 }, (_, i) => String(i % 3 === 0))] };
    const meta: SdvTable = { columns: { a: { sdtype: 'boolean' }, b: { sdtype: 'boolean' } } };
    const f = new CopyFilter(core, 't', real, meta);
    expect(f.realCopyShare()).toBe(1);
    expect(f.hasNumbers()).toBe(false);
    const synth: ColumnarTable = { names: ['a', 'b'], columns: [['true', 'false', 'false'], ['false', 'false', 'true']] };
    let calls = 0;
    const { table, check } = await newRowsOnlyTable(f, 3, async () => { calls++; return synth; });
    expect(table).toEqual(synth);
    expect(calls).toBe(1);
    expect(check).toMatchObject({ applied: false, matched: 0, replaced: 0, drawn: 3 });
    expect(check.reason).toMatch(/^the table has no numerical or datetime column/);
    expect(copiesText([check])[0]).toMatch(/^t: rows reproducing a real row were kept/);
    // With a number that repeats as much, the real data itself says new rows are not the rule.
    const withNum: ColumnarTable = { names: ['a', 'x'], columns: [real.columns[0], Array.from({ length: 40 }, (_, i) => String(i % 2))] };
    const g = new CopyFilter(core, 't', withNum, { columns: { a: { sdtype: 'boolean' }, x: { sdtype: 'numerical' } } });
    expect(g.realCopyShare()).toBe(1);
    const other = await newRowsOnlyTable(g, 2, async () => ({ names: ['a', 'x'], columns: [['true', 'false'], ['0', '1']] }));
    expect(other.check.reason).toMatch(/^100% of new real rows would reproduce an old one/);
  });

  it('when no further draw has a new row, the drawn rows stay and the report says so', async () => {
    const core = await loadCoreNode();
    const real: ColumnarTable = { names: ['a'], columns: [['1', '2', '3']] };
    const f = new CopyFilter(core, 't', real, { columns: { a: { sdtype: 'numerical' } } });
    expect(f.realCopyShare()).toBeNull(); // too few rows to judge: the filter tries
    const synth: ColumnarTable = { names: ['a'], columns: [['1', '3', '2', '1']] };
    const { table, check } = await newRowsOnlyTable(f, 4, async () => synth);
    expect([...table.columns[0]].sort()).toEqual(['1', '1', '2', '3']);
    expect(check).toMatchObject({ applied: false, matched: 4, replaced: 0 });
    expect(check.reason).toMatch(/further drawn rows reproduced a real row too/);
  });

  it('a synthesizer that copies most rows is still filtered (CART on stocks: ~45 % of rows)', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('stocks');
    const f = new CopyFilter(core, 'stocks', table, metadata);
    expect(f.realCopyShare()!).toBeLessThan(MAX_COPY_SHARE);
    const n = rows(table);
    // Half of the main draw are real rows themselves.
    const model = await fitCopula(core, 'stocks', table, metadata, { seed: 1 });
    const draw = async (m: number, pass: number) => {
      const t = await sampleCopula(core, model, m, { seed: 3 + 104729 * pass });
      return pass ? t : { names: t.names, columns: t.columns.map((c, k) => c.map((v, i) => (i % 2 ? table.columns[k][i] : v))) };
    };
    const { table: out, check } = await newRowsOnlyTable(f, n, draw);
    expect(check.applied).toBe(true);
    expect(check.matched).toBeGreaterThan(n / 2);
    expect(check.replaced).toBe(check.matched);
    expect(Array.from(f.flags(out)).every((x) => x === 0)).toBe(true);
  });
});

describe('a sample the metrics cannot read', () => {
  it('makes the filter stand aside with the reason, never fail the run', async () => {
    const core = await loadCoreNode();
    const real: ColumnarTable = { names: ['x'], columns: [['1', '2', 'oops']] };
    const f = new CopyFilter(core, 't', real, { columns: { x: { sdtype: 'numerical' } } });
    expect(f.problem).toMatch(/"oops" is not a number/);
    const synth: ColumnarTable = { names: ['x'], columns: [['1', '5']] };
    const { table, check } = await newRowsOnlyTable(f, 2, async () => synth);
    expect(table).toEqual(synth);
    expect(check).toMatchObject({ applied: false, matched: 0, drawn: 2 });
    expect(check.reason).toMatch(/^rows could not be compared with the sample/);
  });
});

describe('generateData: New rows only', () => {
  const stocks = loadFixture('stocks').table;
  const settings = { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 3 };

  it('is on by default for both synthesizers (NewRowSynthesis 1) and off with new_rows_only: false', async () => {
    const core = await loadCoreNode();
    for (const synthesizer of ['copula', 'cart'] as const) {
      const on = await generateData(core, { schema: single('stocks', stocks), samples: { stocks }, settings, synthesizer });
      expect(on.copies).toHaveLength(1);
      expect(on.copies[0]).toMatchObject({ table: 'stocks', applied: true });
      expect(on.copies[0].replaced).toBe(on.copies[0].matched);
      expect(on.summary!.privacy.new_row_synthesis).toBe(1);
      expect(rows(on.tables.stocks)).toBe(rows(stocks));
      const off = await generateData(core, { schema: single('stocks', stocks), samples: { stocks }, settings: { ...settings, new_rows_only: false }, synthesizer });
      expect(off.copies).toEqual([]);
      expect(off.summary!.privacy.new_row_synthesis).toBeLessThan(1);
      expect(copiesText(on.copies)[0]).toMatch(/^stocks: \d+ drawn rows reproduced a real row .* were replaced by new rows\.$/);
    }
  });

  it('top-up rows obey the rules like the main draw (CART with a range rule)', async () => {
    const core = await loadCoreNode();
    const { table } = loadFixture('seattle-weather');
    const rules = parseRulesFile({ version: 1, tables: { weather: [{ type: 'inequality', low: 'temp_min', high: 'temp_max' }] } });
    const run = await generateData(core, { schema: single('weather', table), samples: { weather: table }, settings, synthesizer: 'cart', rules });
    expect(run.copies[0].applied).toBe(true);
    expect(run.copies[0].matched).toBeGreaterThan(0); // CART at the default reproduces ~1 % of seattle's rows
    expect(run.summary!.privacy.new_row_synthesis).toBe(1);
    const t = run.tables.weather, hi = t.columns[t.names.indexOf('temp_max')].map(Number), lo = t.columns[t.names.indexOf('temp_min')].map(Number);
    expect(hi.every((h, i) => h >= lo[i])).toBe(true);
    expect(run.rules[0].synthetic).toBe(1);
  });
});

describe('New rows only keeps keys', () => {
  it('single table with a primary key: replacement rows carry the removed rows\' ids (ids unique, same id set)', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('stocks');
    const n = rows(table);
    const withId: ColumnarTable = { names: ['id', ...table.names], columns: [Array.from({ length: n }, (_, i) => `S-${String(i + 1).padStart(4, '0')}`), ...table.columns] };
    const meta: SdvTable = { primary_key: 'id', columns: { id: { sdtype: 'id', regex_format: 'S-[0-9]{4}' }, ...metadata.columns } };
    const model = await fitCopula(core, 'stocks', withId, meta, { seed: 2 });
    const draw = (m: number, pass: number) => sampleCopula(core, model, m, { seed: 5 + 104729 * pass });
    const main = await draw(n, 0);
    const filter = new CopyFilter(core, 'stocks', withId, meta);
    expect(filter.keep).toEqual(['id']);
    const { table: out, check } = await newRowsOnlyTable(filter, n, draw);
    expect(check.replaced).toBeGreaterThan(0);
    const ids = out.columns[0];
    expect(new Set(ids).size).toBe(n);
    expect([...ids].sort()).toEqual([...main.columns[0]].sort());
    expect(Array.from(filter.flags(out)).every((x) => x === 0)).toBe(true);
  });

  it('related tables (world): categories-only tables are left alone with the reason, referential integrity stays whole', async () => {
    const { core, meta, real, model } = await fitWorld();
    const settings = { scale: 1, quality_threshold: 0, include_relationships: true, seed: 1 };
    const draw = (o: { sample_size?: number; pass?: number } = {}) => sampleMulti(core, model, { seed: 1 + (o.pass ?? 0), scale: 1, include_relationships: true });
    const plain = await draw();
    const { tables, copies } = await keepNewRows(core, { samples: real, settings }, new Map(), { tables: plain, draw }, meta);
    expect(copies.map((c) => c.table).sort()).toEqual(Object.keys(real).sort());
    for (const t of ['continents', 'languages', 'country_languages']) {
      expect(copies.find((c) => c.table === t)).toMatchObject({ applied: false, reason: expect.stringMatching(/no numerical or datetime column/) });
      expect(tables[t]).toBe(plain[t]);
    }
    for (const c of copies.filter((x) => x.applied)) {
      expect(rows(tables[c.table])).toBe(rows(plain[c.table]));
      const f = new CopyFilter(core, c.table, real[c.table], meta.tables[c.table], meta.relationships.filter((r) => r.child_table_name === c.table).flatMap((r) => [r.child_foreign_key].flat()));
      expect(Array.from(f.flags(tables[c.table])).every((x) => x === 0)).toBe(true);
    }
    expect(badPrimaryKeys(meta, tables)).toEqual([]);
    expect(Object.values(danglingPerRelationship(meta, tables)).every((x) => x === 0)).toBe(true);
  });
});

describe('New rows only on bad input (generateData, filter on by default): a result, never a crash', () => {
  const settings = { scale: 1, quality_threshold: 0, include_relationships: true, seed: 1 };
  const cases: [string, ColumnarTable][] = [
    ['one row', { names: ['a', 'b'], columns: [['1.5'], ['x']] }],
    ['an all-null and a constant column', { names: ['v', 'none', 'const'], columns: [Array.from({ length: 50 }, (_, i) => String(i)), Array(50).fill(null), Array(50).fill('same')] }],
    ['NaN / Infinity text', { names: ['x'], columns: [Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 'NaN' : i % 10 === 1 ? 'Infinity' : String(i)))] }],
    ['a mixed-type column', { names: ['m'], columns: [Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'abc' : String(i % 7)))] }],
    ['20k distinct strings', { names: ['label', 'x'], columns: [Array.from({ length: 20_000 }, (_, i) => `name-${(i * 7919) % 1_000_003}`), Array.from({ length: 20_000 }, (_, i) => String(i % 100))] }]
  ];
  for (const [what, t] of cases) {
    it(what, async () => {
      const core = await loadCoreNode();
      for (const synthesizer of ['copula', 'cart'] as const) {
        const run = await generateData(core, { schema: single('t', t), samples: { t }, settings, synthesizer, report: false });
        expect(rows(run.tables.t)).toBe(rows(t));
        expect(run.copies).toHaveLength(1);
        const c = run.copies[0];
        expect(c.applied ? c.replaced === c.matched : typeof c.reason === 'string').toBe(true);
      }
    }, 60_000);
  }
});

describe('New rows only with a cross-table rule', () => {
  it('shop: invoices.date >= customers.signup_date still holds in every row after replacements', async () => {
    const core = await loadCoreNode();
    const dir = new URL('../fixtures/rules/shop/', import.meta.url);
    const read = (f: string): ColumnarTable => parseCsvText(readFileSync(new URL(f, dir), 'utf8'), f);
    const samples = { customers: read('customers.csv'), invoices: read('invoices.csv') };
    const schema = sdvMetadataToSchema(JSON.parse(readFileSync(new URL('metadata.json', dir), 'utf8')));
    const rules = parseRulesFile({ version: 1, tables: {}, cross_table: [{ type: 'cross_table', child_table: 'invoices', child_column: 'date', op: '>=', parent_table: 'customers', parent_column: 'signup_date' }] });
    const settings = { scale: 1, quality_threshold: 0, include_relationships: true, seed: 7 };
    const run = await generateData(core, { schema, samples, settings, rules, report: false });
    expect(run.copies.map((c) => c.table).sort()).toEqual(['customers', 'invoices']);
    expect(run.copies.find((c) => c.table === 'invoices')!.replaced).toBeGreaterThan(0); // the repair after replacement is exercised
    // Replacements keep their keys: the same invoice ids and the same customer per invoice as without the filter.
    const off = await generateData(core, { schema, samples, settings: { ...settings, new_rows_only: false }, rules, report: false });
    const pairs = (t: ColumnarTable) => t.columns[t.names.indexOf('id')].map((id, i) => `${id}>${t.columns[t.names.indexOf('customer_id')][i]}`).sort();
    expect(pairs(run.tables.invoices)).toEqual(pairs(off.tables.invoices));
    expect(run.rules.find((r) => r.rule.includes('signup_date'))?.synthetic).toBe(1);
    expect(badPrimaryKeys(run.metadata, run.tables)).toEqual([]);
    expect(Object.values(danglingPerRelationship(run.metadata, run.tables)).every((x) => x === 0)).toBe(true);
  });
});

describe('New rows only can be cancelled', () => {
  it('while it draws replacement candidates', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('stocks');
    const model = await fitCopula(core, 'stocks', table, metadata, { seed: 1 });
    const abort = new AbortController();
    const steps: string[] = [];
    const ctl = { signal: abort.signal, onProgress: (p: { step: string }) => { steps.push(p.step); abort.abort(); } };
    const draw = (m: number, pass: number) => sampleCopula(core, model, m, { seed: 3 + 104729 * pass });
    await expect(newRowsOnlyTable(new CopyFilter(core, 'stocks', table, metadata), rows(table), draw, undefined, ctl)).rejects.toThrow(/cancel/i);
    expect(steps[0]).toMatch(/^table stocks: drawing new rows for \d+ that reproduced a real row$/);
  });
});
