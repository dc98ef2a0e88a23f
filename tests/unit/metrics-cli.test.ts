import { afterEach, describe, expect, it, vi } from 'vitest';
import { run } from '../../scripts/cli/report';

const F = new URL('../fixtures/sdmetrics/', import.meta.url).pathname;

async function lastJson(args: string[]) {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await run(args);
  const lines = log.mock.calls.map((c) => String(c[0]));
  return JSON.parse(lines[lines.length - 1]);
}

describe('synth report CLI', () => {
  afterEach(() => vi.restoreAllMocks());

  it('single table with SDV metadata prints the summary as the last line', async () => {
    const out = await lastJson(['--real', F + 'iris/real.csv', '--synth', F + 'iris/synthetic_sdv.csv', '--metadata', F + 'iris/metadata.json']);
    expect(Object.keys(out)).toEqual(['quality', 'diagnostic', 'privacy']);
    expect(out.quality.column_shapes).toBeCloseTo(0.832, 6);
    expect(out.quality.column_pair_trends).toBeCloseTo(0.72097, 5);
    expect(out.quality.cardinality).toBeUndefined();
    expect(out.privacy.new_row_synthesis).toBe(1);
    expect(Math.abs(out.privacy.dcr_baseline_protection - 0.414257)).toBeLessThan(0.03);
  });

  it('folders + multi-table metadata add cardinality and intertable trends', async () => {
    const out = await lastJson(['--real', F + 'world/real', '--synth', F + 'world/synthetic_hma', '--metadata', F + 'world/metadata.json', '--no-privacy']);
    expect(out.quality.cardinality).toBeCloseTo(0.744506, 5);
    expect(out.quality.intertable_trends).toBeCloseTo(0.229545, 5);
    expect(out.diagnostic.relationship_validity).toBe(1);
  });

  it('without metadata detects sdtypes', async () => {
    const out = await lastJson(['--real', F + 'iris/real.csv', '--synth', F + 'iris/synthetic_shuffled.csv', '--no-privacy']);
    expect(out.quality.column_shapes).toBe(1);
  });

  it('bad arguments and files are one-line errors naming the problem', async () => {
    await expect(run(['--real', F + 'nope.csv', '--synth', F + 'iris/real.csv'])).rejects.toThrow(/--real: not found: .*nope\.csv/);
    await expect(run(['--synth', F + 'iris/real.csv'])).rejects.toThrow(/missing required option --real/);
    await expect(run(['--real', F + 'world/real', '--synth', F + 'world/synthetic_hma'])).rejects.toThrow(/needs --metadata/);
    await expect(run(['--real', F + 'iris/real.csv', '--synth', F + 'iris/real.csv', '--metadata', F + 'iris/real.csv'])).rejects.toThrow(/not valid JSON/);
    await expect(run(['--real', F + 'iris/real.csv', '--synth', F + 'cars/real.csv', '--metadata', F + 'iris/metadata.json'])).rejects.toThrow(/no column "sepalLength"/);
  });
});
