import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { categoryMinRowsOf, fitCopula, shrinkageOf } from '../../src/lib/engine/copula/fit';
import { sampleCopula } from '../../src/lib/engine/copula/sample';
import { evaluateTable, summary } from '../../src/lib/engine/metrics';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { loadFixture } from '../fixtures/single/load';
import { seededRng } from '../../src/lib/engine/transformers';

// SDV GaussianCopulaSynthesizer's DCRBaselineProtection on the same tables (sdv-baseline.md). Its
// baseline is random (±0.04 between baseline seeds), hence the tolerance.
const SDV_DCR: Record<string, number> = { iris: 0.414, 'us-employment': 0.501 };
const TOLERANCE = 0.03;

async function scores(name: string, opts: { privacy?: number } = {}) {
  const core = await loadCoreNode();
  const { table, metadata } = loadFixture(name);
  const model = await fitCopula(core, name, table, metadata, { seed: 1, ...opts });
  const synth = await sampleCopula(core, model, table.columns[0].length, { seed: 1 });
  return summary(await evaluateTable(core, name, table, synth, metadata));
}

describe('copula privacy setting', () => {
  for (const [name, sdv] of Object.entries(SDV_DCR)) {
    it(`${name}: default DCRBaselineProtection ≥ SDV's ${sdv} − ${TOLERANCE}, NewRowSynthesis 1 (seed 1)`, async () => {
      const s = await scores(name);
      // Measured (seed 1): iris 0.509, us-employment 0.609.
      expect(s.privacy.dcr_baseline_protection).toBeGreaterThanOrEqual(sdv - TOLERANCE);
      expect(s.privacy.new_row_synthesis).toBe(1);
    });
  }

  it('cars: the default is farther from the real rows than privacy 0 (near-identifier names not re-attached)', async () => {
    const p0 = await scores('cars', { privacy: 0 });
    const def = await scores('cars');
    // Measured (seed 1): 0.444 at privacy 0, 0.550 at the default.
    expect(def.privacy.dcr_baseline_protection!).toBeGreaterThan(p0.privacy.dcr_baseline_protection! + 0.05);
    expect(def.quality.score!).toBeGreaterThanOrEqual(0.742); // SDV's quality on cars
  });

  it('maps privacy monotonically onto the shrinkage and the small-cell threshold', () => {
    expect([0, 0.5, 1].map((privacy) => shrinkageOf({ privacy }))).toEqual([0, 0.25, 0.5]);
    expect([0, 0.2, 0.5, 1].map((privacy) => categoryMinRowsOf({ privacy }))).toEqual([1, 2, 3, 5]);
    expect(categoryMinRowsOf({})).toBe(3);
    expect(categoryMinRowsOf({ privacy: 1, category_min_rows: 1 })).toBe(1);
    for (const bad of [0, 1.5, -2, NaN]) expect(() => categoryMinRowsOf({ category_min_rows: bad })).toThrow(/category_min_rows/);
    expect(() => categoryMinRowsOf({ privacy: 2 })).toThrow(expect.objectContaining({ code: 'copula/bad-option' }));
  });

  it('a category seen once is written back next to its own row\'s value only at privacy 0', async () => {
    // 300 distinct ids (categorical), each tied to one value of x: the worst case of a near-identifier.
    const rng = seededRng(7);
    const rand = () => rng.nextFloat();
    const n = 300;
    const xs = Array.from({ length: n }, () => Math.round(rand() * 10000) / 10);
    const table: ColumnarTable = {
      names: ['id', 'x', 'y'],
      columns: [xs.map((_, i) => `u${i}`), xs.map(String), xs.map((x) => (x * 2 + rand() * 50).toFixed(1))]
    };
    const meta: SdvTable = { columns: { id: { sdtype: 'categorical' }, x: { sdtype: 'numerical' }, y: { sdtype: 'numerical' } } };
    const xOf = new Map(xs.map((x, i) => [`u${i}`, x]));
    const core = await loadCoreNode();
    const nearOwnRow = async (privacy: number) => {
      const model = await fitCopula(core, 't', table, meta, { seed: 3, privacy });
      const s = await sampleCopula(core, model, 3000, { seed: 4 });
      let near = 0;
      for (let r = 0; r < 3000; r++) if (Math.abs(Number(s.columns[1][r]) - xOf.get(s.columns[0][r]!)!) < 20) near++;
      return near / 3000;
    };
    // Chance level (x uniform on 0..1000, window ±20) is about 0.04. Measured: 0.33 at privacy 0, 0.037 at 0.5.
    const p0 = await nearOwnRow(0), def = await nearOwnRow(0.5);
    expect(p0).toBeGreaterThan(0.2);
    expect(def).toBeLessThan(0.08);
  });
});
