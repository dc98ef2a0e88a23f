/**
 * Quality and privacy of the sequential CART synthesizer on the three reference tables, scored by our
 * SDMetrics implementation (fit seed 0, sample seed 1, as many rows as the real table).
 *
 * Issue targets: quality ≥ the sequential-CART baseline (0.975 / 0.859 / 0.953) and DCRBaselineProtection
 * ≥ SDV GaussianCopula's (0.275 / 0.602 / 0.501) at the default privacy setting.
 * Measured at the default (privacy 0.2): quality 0.973 / 0.877 / 0.987, DCR 0.129 / 0.420 / 0.174 — the
 * quality targets are met (seattle-weather on the 3-seed mean, 0.975), the DCR targets are NOT (see docs/cart.md: a held-out half of the real data
 * itself scores about 0.14 / 0.44 / 0.08). At privacy 1: quality 0.948 / 0.837 / 0.931 (all above the
 * copula's 0.877 / 0.793 / 0.886), DCR 0.199 / 0.507 / 0.520 (us-employment above the copula's 0.501).
 * The thresholds below sit a little under the measured numbers, so a regression fails the test.
 */
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCart, sampleCart } from '../../src/lib/engine/cart';
import { evaluateTable, summary } from '../../src/lib/engine/metrics';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { loadFixture } from '../fixtures/single/load';

function exactCopies(real: ColumnarTable, synth: ColumnarTable): number {
  const key = (t: ColumnarTable, i: number) => t.columns.map((c) => c[i]).join('\u0001');
  const set = new Set(real.columns[0].map((_, i) => key(real, i)));
  return synth.columns[0].filter((_, i) => set.has(key(synth, i))).length;
}

async function score(name: string, privacy?: number) {
  const core = await loadCoreNode();
  const { table, metadata } = loadFixture(name);
  const model = await fitCart(core, table, metadata, { seed: 0, ...(privacy === undefined ? {} : { privacy }) });
  const synth = await sampleCart(core, model, table.columns[0].length, 1);
  const s = summary(await evaluateTable(core, name, table, synth, metadata));
  return { q: s.quality.score!, shapes: s.quality.column_shapes!, dcr: s.privacy.dcr_baseline_protection!, nrs: s.privacy.new_row_synthesis!, copies: exactCopies(table, synth), n: table.columns[0].length };
}

// [dataset, min quality, min DCR, min NewRowSynthesis] at the default privacy; measured values in the header
const DEFAULT_FLOORS: [string, number, number, number][] = [
  ['seattle-weather', 0.965, 0.11, 0.98],
  ['cars', 0.855, 0.39, 0.995],
  ['us-employment', 0.975, 0.15, 0.99]
];

describe('CART quality and privacy on the reference tables', () => {
  for (const [name, minQ, minDcr, minNrs] of DEFAULT_FLOORS) {
    it(`${name}: default privacy keeps quality and protects rows`, async () => {
      const s = await score(name);
      expect(s.q).toBeGreaterThan(minQ);
      expect(s.dcr).toBeGreaterThan(minDcr);
      expect(s.nrs).toBeGreaterThanOrEqual(minNrs);
      expect(s.copies).toBeLessThanOrEqual(Math.ceil(0.001 * s.n)); // measured 0 on all three
    }, 30_000);
  }

  it('privacy 0 is synthpop-like (quality ≈ the CART baseline), privacy 1 moves rows further from the real ones', async () => {
    // measured at privacy 0: quality 0.976 / 0.871 / 0.973, DCR 0.093 / 0.183 / 0.107
    const zero = { 'seattle-weather': 0.965, cars: 0.855, 'us-employment': 0.96 } as Record<string, number>;
    // privacy 1 still beats the SDV GaussianCopula's quality (0.877 / 0.793 / 0.886, sdv-baseline.md)
    const copulaQ = { 'seattle-weather': 0.877, cars: 0.793, 'us-employment': 0.886 } as Record<string, number>;
    for (const name of Object.keys(zero)) {
      const s0 = await score(name, 0);
      const s1 = await score(name, 1);
      expect(s0.q).toBeGreaterThan(zero[name]);
      expect(s1.dcr).toBeGreaterThan(s0.dcr + 0.04);
      expect(s1.q).toBeGreaterThan(copulaQ[name]);
      if (name === 'us-employment') expect(s1.dcr).toBeGreaterThan(0.501); // the copula's DCR (measured 0.520)
    }
  }, 60_000);
});
