/**
 * The fidelity ↔ privacy frontier on the five shared single tables: quality / DCRBaselineProtection /
 * NewRowSynthesis of the copula and of CART across their privacy settings (with New rows only, the
 * default), next to what new real rows score (a random half of the table against the other half) and
 * SDV GaussianCopula's published point (sdv-baseline.md). Means of 3 seeds (fit seed s, sample s + 1).
 */
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula } from '../../src/lib/engine/copula/sample';
import { fitCart, sampleCart } from '../../src/lib/engine/cart';
import { CopyFilter, newRowsOnlyTable } from '../../src/lib/engine/copy-filter';
import { evaluateTable, summary } from '../../src/lib/engine/metrics';
import { loadFixture } from '../../tests/fixtures/single/load';
import type { ColumnarTable } from '../../src/lib/schema/model';
import type { BenchRow } from '../lib';

export const title = 'Fidelity ↔ privacy frontier (5 tables, 3 seeds; New rows only on)';

/** SDV GaussianCopula, SDV 1.38.1 (../shared/reference/sdv-baseline.md): quality, DCR, NewRowSynthesis. */
const SDV: Record<string, [number, number, number]> = {
  'seattle-weather': [0.855, 0.275, 1], cars: [0.742, 0.602, 1], iris: [0.776, 0.414, 1], stocks: [0.777, 0.187, 0.954], 'us-employment': [0.87, 0.501, 1]
};
const SEEDS = [0, 1, 2];

const fmt = (x: number) => x.toFixed(3);

export async function run(): Promise<BenchRow[]> {
  const core = await loadCoreNode();
  const rows: BenchRow[] = [];
  for (const name of Object.keys(SDV)) {
    const { table, metadata } = loadFixture(name);
    const n = table.columns[0].length;
    const score = async (t: ColumnarTable) => {
      const s = summary(await evaluateTable(core, name, table, t, metadata, { seed: 0 }));
      return [s.quality.score ?? NaN, s.privacy.dcr_baseline_protection ?? NaN, s.privacy.new_row_synthesis ?? NaN];
    };
    const push = (variant: string, v: number[], note = '') => rows.push({ name, variant, value: v[0], unit: 'quality', note: `DCR ${fmt(v[1])} · NewRowSynthesis ${fmt(v[2])}${note}` });
    const mean = (xs: number[][]) => xs[0].map((_, i) => xs.reduce((a, r) => a + r[i], 0) / xs.length);

    // New real rows: a seeded random half of the table scored against the other half.
    const halves: number[][] = [];
    for (const s of SEEDS) {
      let x = s + 1;
      const idx = Array.from({ length: n }, (_, i) => i);
      for (let i = n - 1; i > 0; i--) { x = (x * 16807) % 2147483647; const j = x % (i + 1); [idx[i], idx[j]] = [idx[j], idx[i]]; }
      const pick = (r: number[]): ColumnarTable => ({ names: table.names, columns: table.columns.map((c) => r.map((i) => c[i])) });
      const a = pick(idx.slice(0, n >> 1)), b = pick(idx.slice(n >> 1));
      const sm = summary(await evaluateTable(core, name, b, a, metadata, { seed: 0 }));
      halves.push([sm.quality.score ?? NaN, sm.privacy.dcr_baseline_protection ?? NaN, sm.privacy.new_row_synthesis ?? NaN]);
    }
    push('new real rows (half vs half)', mean(halves), ' (reference)');
    push('SDV GaussianCopula (published)', SDV[name], ' (reference)');

    const filter = new CopyFilter(core, name, table, metadata);
    for (const privacy of [0, 0.5, 1]) {
      const runs: number[][] = [];
      for (const s of SEEDS) {
        const model = await fitCopula(core, name, table, metadata, { seed: s, privacy });
        const { table: out } = await newRowsOnlyTable(filter, n, (m, pass) => sampleCopula(core, model, m, { seed: s + 1 + 104729 * pass }));
        runs.push(await score(out));
      }
      push(`copula, privacy ${privacy}${privacy === 0.5 ? ' (default)' : ''}`, mean(runs));
    }
    for (const privacy of [0, 0.2, 1]) {
      const runs: number[][] = [];
      for (const s of SEEDS) {
        const model = await fitCart(core, table, metadata, { seed: s, privacy });
        const { table: out } = await newRowsOnlyTable(filter, n, (m, pass) => sampleCart(core, model, m, s + 1 + 104729 * pass));
        runs.push(await score(out));
      }
      push(`CART, privacy ${privacy}${privacy === 0.2 ? ' (default)' : ''}`, mean(runs));
    }
  }
  return rows;
}
