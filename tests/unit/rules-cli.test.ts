/** `synth fit-sample --rules` and `synth report --rules` end to end. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as fitSample } from '../../scripts/cli/fit-sample';
import { run as report } from '../../scripts/cli/report';
import { parseCsvText } from '../../src/lib/schema/csv';
import { checkRules, parseRulesFile } from '../../src/lib/engine/rules';
import { loadFixture } from '../fixtures/single/load';

const F = new URL('../fixtures/', import.meta.url).pathname;

async function lastJson(f: (a: string[]) => Promise<void>, args: string[]) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await f(args);
  const lines = log.mock.calls.map((c) => String(c[0]));
  log.mockRestore();
  return JSON.parse(lines[lines.length - 1]);
}

describe('CLI with --rules', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fit-sample writes rows obeying every rule; report adds their shares', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'rules-cli-')), 'seattle.csv');
    const rulesPath = F + 'rules/seattle-weather.rules.json';
    const res = await lastJson(fitSample, ['--data', F + 'single/seattle-weather.csv', '--metadata', F + 'single/seattle-weather.metadata.json', '--rows', '3000', '--seed', '3', '--out', out, '--rules', rulesPath]);
    expect(res.rows).toBe(3000);
    const synth = parseCsvText(readFileSync(out, 'utf8'), 'seattle.csv');
    const rules = parseRulesFile(readFileSync(rulesPath, 'utf8')).tables['seattle-weather'];
    const { table } = loadFixture('seattle-weather');
    expect(synth.names).toEqual(table.names);
    expect(checkRules(synth, rules, { reference: table }).map((r) => r.share)).toEqual([1, 1, 1]);
    const rep = await lastJson(report, ['--real', F + 'single/seattle-weather.csv', '--synth', out, '--metadata', F + 'single/seattle-weather.metadata.json', '--no-privacy', '--rules', rulesPath]);
    expect(Object.keys(rep)).toEqual(['quality', 'diagnostic', 'privacy', 'rules']);
    expect(rep.rules).toEqual([
      { rule: 'temp_max >= temp_min', real: 1, synthetic: 1 },
      { rule: 'precipitation >= 0', real: 1, synthetic: 1 },
      { rule: '0 <= wind <= 10', real: 1, synthetic: 1 }
    ]);
    expect(rep.quality.score).toBeGreaterThan(0.85);
  });

  it('report without --rules is unchanged; with a multi-table rules file it follows relationships', async () => {
    const shop = F + 'rules/shop';
    const plain = await lastJson(report, ['--real', shop, '--synth', shop, '--metadata', shop + '/metadata.json', '--no-privacy']);
    expect(plain.rules).toBeUndefined();
    const rep = await lastJson(report, ['--real', shop, '--synth', shop, '--metadata', shop + '/metadata.json', '--no-privacy', '--rules', F + 'rules/shop.rules.json']);
    expect(rep.rules.map((r: { rule: string }) => r.rule)).toEqual(['invoices: amount > 0', 'customers: 500 <= credit_limit <= 10500', 'invoices.date >= customers.signup_date']);
    expect(rep.rules.every((r: { real: number; synthetic: number }) => r.real === 1 && r.synthetic === 1)).toBe(true);
  });

  it('a missing or invalid rules file is a clear error', async () => {
    const args = ['--data', F + 'single/iris.csv', '--rows', '10', '--out', join(tmpdir(), 'never.csv')];
    await expect(fitSample([...args, '--rules', F + 'rules/nope.json'])).rejects.toThrow(/rules file not found: .*nope\.json/);
    await expect(fitSample([...args, '--rules', F + 'single/iris.metadata.json'])).rejects.toThrow(/is not a valid rules file/);
  });
});
