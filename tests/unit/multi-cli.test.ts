/** `synth multi` end to end in a child process: output files, last-line JSON, one-line errors. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const world = new URL('../fixtures/data/world/', import.meta.url).pathname;
const synth = (args: string[]) => spawnSync('npx', ['tsx', 'scripts/synth.ts', 'multi', ...args], { encoding: 'utf8', cwd: new URL('../../', import.meta.url).pathname });

describe('synth multi', () => {
  it('writes one CSV per table with the same headers and prints the summary JSON last', () => {
    const out = mkdtempSync(join(tmpdir(), 'multi-'));
    const r = synth(['--dir', world, '--metadata', join(world, 'metadata.sdv.json'), '--seed', '4', '--scale', '0.5', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(last.tables).toMatchObject({ languages: 93, continents: 4 });
    expect(typeof last.fit_s).toBe('number');
    expect(last.peak_mb).toBeGreaterThan(0);
    for (const t of ['continents', 'countries', 'languages', 'country_languages', 'states']) {
      const header = (f: string) => readFileSync(f, 'utf8').split('\n')[0];
      expect(header(join(out, `${t}.csv`))).toBe(header(join(world, `${t}.csv`)));
      expect(readFileSync(join(out, `${t}.csv`), 'utf8').trim().split('\n').length - 1).toBe(last.tables[t]);
    }
  });

  it('--synthesizer cart / hma model the tables with CART / HMA; an unknown name is refused', () => {
    for (const name of ['cart', 'hma']) {
      const out = mkdtempSync(join(tmpdir(), `multi-${name}-`));
      const r = synth(['--dir', world, '--metadata', join(world, 'metadata.sdv.json'), '--seed', '1', '--synthesizer', name, '--out', out]);
      expect(r.status, r.stderr).toBe(0);
      const last = JSON.parse(r.stdout.trim().split('\n').pop()!);
      expect(last.tables).toMatchObject({ continents: 7, countries: 250, languages: 185 });
      expect(readFileSync(join(out, 'states.csv'), 'utf8').split('\n')[0]).toBe('id,country_cca2,iso_code,name,latitude,longitude');
      // HMA's width warning goes to stderr
      if (name === 'hma') expect(r.stderr).toMatch(/warning \(multi\/hma-wide\): .*continents/);
    }
    const bad = synth(['--dir', world, '--metadata', join(world, 'metadata.sdv.json'), '--synthesizer', 'gan', '--out', mkdtempSync(join(tmpdir(), 'multi-gan-'))]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--synthesizer must be one of copula, cart, hma, got gan/);
  }, 120_000);

  it('fails with a one-line message naming the file and column', () => {
    const dir = mkdtempSync(join(tmpdir(), 'multi-bad-'));
    cpSync(world, dir, { recursive: true });
    writeFileSync(join(dir, 'states.csv'), readFileSync(join(world, 'states.csv'), 'utf8').replace('latitude', 'lat'));
    const r = synth(['--dir', dir, '--metadata', join(dir, 'metadata.sdv.json'), '--out', join(dir, 'out')]);
    expect(r.status).not.toBe(0);
    const msg = r.stderr.trim().split('\n').filter((l) => !l.startsWith('npm warn')).pop()!;
    expect(msg).toMatch(/states\.csv/);
    expect(msg).toMatch(/latitude/);
    const noMeta = synth(['--dir', dir, '--metadata', join(dir, 'nope.json'), '--out', join(dir, 'out')]);
    expect(noMeta.status).not.toBe(0);
    expect(noMeta.stderr).toMatch(/nope\.json/);
  });
});
