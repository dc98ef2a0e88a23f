/** The `synth fit-sample` contract, through the real command line (tsx scripts/synth.ts). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/lib/schema/csv';

const dir = mkdtempSync(join(tmpdir(), 'cli-fit-sample-'));
const synth = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/synth.ts', ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout.trim().split('\n'), stderr: r.stderr.trim() };
};

describe('synth fit-sample', () => {
  it('writes N rows with the same header and value formats; last stdout line is the JSON contract; seeded', () => {
    const a = join(dir, 'a.csv'), b = join(dir, 'b.csv');
    const r1 = synth('fit-sample', '--data', 'tests/fixtures/single/stocks.csv', '--rows', '700', '--seed', '5', '--out', a);
    expect(r1.code, r1.stderr).toBe(0);
    const last = JSON.parse(r1.stdout[r1.stdout.length - 1]);
    expect(Object.keys(last)).toEqual(['rows', 'fit_s', 'sample_s', 'peak_mb']);
    expect(last.rows).toBe(700);
    for (const k of ['fit_s', 'sample_s', 'peak_mb']) expect(last[k]).toBeGreaterThan(0);
    const out = parseCsvText(readFileSync(a, 'utf8'));
    expect(out.names).toEqual(['symbol', 'date', 'price']);
    expect(out.columns[0]).toHaveLength(700);
    // Dates come back in the sample's own style ("Jan 1 2000", no zero padding).
    expect(out.columns[1].every((d) => /^[A-Z][a-z]{2} \d{1,2} \d{4}$/.test(d!))).toBe(true);
    expect(synth('fit-sample', '--data', 'tests/fixtures/single/stocks.csv', '--rows', '700', '--seed', '5', '--out', b).code).toBe(0);
    expect(readFileSync(b, 'utf8')).toBe(readFileSync(a, 'utf8'));
  });

  it('also runs the CART synthesizer with the same contract', () => {
    const r = synth('fit-sample', '--data', 'tests/fixtures/single/iris.csv', '--rows', '150', '--seed', '1', '--out', join(dir, 'c.csv'), '--synthesizer', 'cart');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout[r.stdout.length - 1]).rows).toBe(150);
  });

  it.each([
    ['a missing file', ['--data', 'nope.csv', '--rows', '5', '--out', 'x.csv'], /nope\.csv/],
    ['a ragged row', ['--data', 'RAGGED', '--rows', '5', '--out', 'x.csv'], /line 3.*expected 2 fields, found 3/],
    ['a bad --rows', ['--data', 'tests/fixtures/single/iris.csv', '--rows', '-3', '--out', 'x.csv'], /--rows/],
    ['an unknown option', ['--data', 'tests/fixtures/single/iris.csv', '--rows', '5', '--out', 'x.csv', '--colour', 'red'], /unknown option --colour/],
    ['a bad number cell with metadata', ['--data', 'BADNUM', '--metadata', 'BADNUM_META', '--rows', '5', '--out', 'x.csv'], /"abc"/]
  ])('%s → non-zero exit, one line naming the problem', (_, args, re) => {
    writeFileSync(join(dir, 'ragged.csv'), 'a,b\n1,2\n3,4,5\n');
    writeFileSync(join(dir, 'badnum.csv'), 'x,y\n1,a\n2,b\nabc,c\n');
    writeFileSync(join(dir, 'badnum.json'), JSON.stringify({ METADATA_SPEC_VERSION: 'V1', tables: { badnum: { columns: { x: { sdtype: 'numerical' }, y: { sdtype: 'categorical' } } } }, relationships: [] }));
    const real = args.map((a) => (a === 'RAGGED' ? join(dir, 'ragged.csv') : a === 'BADNUM' ? join(dir, 'badnum.csv') : a === 'BADNUM_META' ? join(dir, 'badnum.json') : a === 'x.csv' ? join(dir, 'x.csv') : a));
    const r = synth('fit-sample', ...real);
    expect(r.code).not.toBe(0);
    expect(r.stderr.split('\n').filter((l) => !/nodedir|npm warn/.test(l))).toHaveLength(1);
    expect(r.stderr).toMatch(re);
  });
});
