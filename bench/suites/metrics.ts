/**
 * Metric kernels and the full report: WASM-SIMD vs WASM-scalar vs plain TypeScript (bench/ts-ref).
 * Data is synthetic and seeded: "real" and "synthetic" tables come from the same correlated generator
 * with different seeds, so distances to the closest record are realistic (neither 0 nor all 1).
 */
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { ksStatistic } from '../../src/lib/engine/metrics/kernels';
import { dcrToClosest } from '../../src/lib/engine/metrics/privacy';
import { evaluateTable } from '../../src/lib/engine/metrics/report';
import { dcrColumns, rand, textTable, textTableMeta as tableMeta } from '../../src/lib/bench/data';
import { dcrTs, ksStatisticTs } from '../ts-ref/metrics';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Metrics: KS, DCR, full SDMetrics-style report';

async function once<T>(fn: () => Promise<T> | T): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const simd = await loadCoreNode('simd'), scalar = await loadCoreNode('scalar');

  // KS, 1M vs 1M (normal-ish values with ties from rounding)
  const r = rand(7);
  const a = Float64Array.from({ length: 1_000_000 }, () => Math.round((r() + r() + r()) * 1e4) / 1e4);
  const b = Float64Array.from({ length: 1_000_000 }, () => Math.round((r() + r() + r() + 0.01) * 1e4) / 1e4);
  const d = ksStatisticTs(a, b);
  for (const [variant, core] of [['wasm-simd', simd], ['wasm-scalar', scalar]] as const) {
    const ms = await timeIt(() => ksStatistic(core, a, b), 1000, 5);
    if (ksStatistic(core, a, b) !== d) throw new Error('KS mismatch between WASM and TS');
    rows.push({ name: 'KS statistic, 1M vs 1M', variant, value: ms, unit: 'ms', note: 'copy + round + introsort + merge' });
  }
  rows.push({ name: 'KS statistic, 1M vs 1M', variant: 'typescript', value: await timeIt(() => ksStatisticTs(a, b), 1000, 5), unit: 'ms', note: 'Float64Array.sort (native)' });

  // DCR 10k × 10k × 10 mixed columns
  const ref10 = dcrColumns(1, 10_000), q10 = dcrColumns(2, 10_000);
  const want = dcrTs(q10, ref10);
  const tsMs = await once(() => dcrTs(q10, ref10));
  for (const [variant, core] of [['wasm-simd', simd], ['wasm-scalar', scalar]] as const) {
    for (const prune of [true, false]) {
      let got: Float64Array | undefined;
      const ms = await once(async () => { got = await dcrToClosest(core, q10, ref10, undefined, 'dcr', prune); });
      if (got!.some((v, i) => v !== want[i])) throw new Error(`DCR mismatch (${variant}, prune=${prune})`);
      rows.push({ name: 'DCR 10k × 10k × 10 cols', variant: `${variant}${prune ? ' (block bounds)' : ' (no block bounds)'}`, value: ms, unit: 'ms', note: 'identical to TS brute force' });
    }
  }
  rows.push({ name: 'DCR 10k × 10k × 10 cols', variant: 'typescript (brute force)', value: tsMs, unit: 'ms' });

  // DCR 50k × 50k × 10 (synthetic-like query) and a uniform random baseline query
  const ref50 = dcrColumns(3, 50_000), q50 = dcrColumns(4, 50_000);
  const rb = rand(5);
  const base50 = ref50.map((col, c) => Float64Array.from(col, () => (c < 7 ? rb() : Math.floor(rb() * (4 + 4 * (c - 7))))));
  for (const [variant, core] of [['wasm-simd', simd], ['wasm-scalar', scalar]] as const) {
    rows.push({ name: 'DCR 50k × 50k × 10 cols, synthetic→real', variant, value: (await once(() => dcrToClosest(core, q50, ref50))) / 1000, unit: 's', note: 'exact, no subsampling' });
    rows.push({ name: 'DCR 50k × 50k × 10 cols, random baseline→real', variant, value: (await once(() => dcrToClosest(core, base50, ref50))) / 1000, unit: 's', note: 'larger distances: less pruning' });
  }

  // Full report, 100k rows × 20 columns (quality + diagnostic; privacy on 50k sampled synthetic rows vs all 100k real)
  const real = textTable(11, 100_000), synth = textTable(12, 100_000);
  const meta = tableMeta(real);
  const qd = await once(() => evaluateTable(simd, 't', real, synth, meta, { privacy: false }));
  rows.push({ name: 'report 100k × 20: quality + diagnostic', variant: 'wasm-simd', value: qd / 1000, unit: 's', note: '190 pairs, parse included' });
  const full = await once(() => evaluateTable(simd, 't', real, synth, meta));
  rows.push({ name: 'report 100k × 20: full incl. privacy', variant: 'wasm-simd', value: full / 1000, unit: 's', note: 'DCR beyond 50k² pairs: 2,000 sampled synthetic rows and a 1,000-row baseline vs all 100k real rows' });
  return rows;
}
