/**
 * Multi-table synthesis: world (5 tables, depth 3; targets: fit + sample well under 1 s), the
 * 12-table test schema, and a generated 5-table, 3-level schema with 100k leaf rows (target < 10 s).
 */
import { readFileSync } from 'node:fs';
import { fiveTableSchema } from '../../src/lib/bench/data';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { fitMulti, sampleMulti, type MultiFitOptions, type MultiSynthesizer } from '../../src/lib/engine/multi';
import { evaluate, summary } from '../../src/lib/engine/metrics';
import { parseCsvText } from '../../src/lib/schema/csv';
import { parseSdvMetadata } from '../../src/lib/schema/formats/sdv-metadata';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import { makeShop, SHOP_META } from '../../tests/fixtures/multi/make-shop';
import type { BenchRow } from '../lib';

export const title = 'Multi-table synthesis: copula (default), CART and HMA-compatible (Node, fit and sample wall time, median of runs)';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timeFitSample(core: Core, tables: Record<string, ColumnarTable>, meta: SdvMetadata, runs: number, synthesizer: MultiSynthesizer = 'copula', extra: Omit<MultiFitOptions, 'seed' | 'synthesizer'> = {}) {
  const fit: number[] = [], sample: number[] = [];
  let out: Record<string, ColumnarTable> = {};
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const model = await fitMulti(core, tables, meta, { ...extra, seed: r, synthesizer });
    const t1 = performance.now();
    out = await sampleMulti(core, model, { seed: r });
    fit.push(t1 - t0);
    sample.push(performance.now() - t1);
  }
  return { fit: median(fit), sample: median(sample), out };
}

export async function run(): Promise<BenchRow[]> {
  const core = await loadCoreNode();
  const rows: BenchRow[] = [];
  const dir = new URL('../../tests/fixtures/data/world/', import.meta.url);
  const meta = parseSdvMetadata(readFileSync(new URL('metadata.sdv.json', dir), 'utf8'), 'world').metadata;
  const world = Object.fromEntries(Object.keys(meta.tables).map((t) => [t, parseCsvText(readFileSync(new URL(`${t}.csv`, dir), 'utf8'), `${t}.csv`)]));
  for (const synthesizer of ['copula', 'cart', 'hma'] as const) {
    const runs = 5;
    const w = await timeFitSample(core, world, meta, runs, synthesizer);
    const hmaNote = synthesizer === 'hma' ? '; continents 7 rows × 947 columns: shrunk correlation, PD by construction, no repair' : '';
    rows.push({ name: `world (5 tables, 5,774 rows), ${synthesizer}`, variant: 'fit', value: w.fit / 1000, unit: 's', note: `SDV HMA: 2.70 s${hmaNote}` });
    rows.push({ name: `world (5 tables, 5,774 rows), ${synthesizer}`, variant: 'sample', value: w.sample / 1000, unit: 's', note: 'SDV HMA: 3.97 s' });
    if (synthesizer === 'hma') {
      // The estimator the HMA mode used before: shrink, then Higham's nearest-correlation repair (two or more 947×947 eigendecompositions).
      const old = await timeFitSample(core, world, meta, 1, 'hma', { copula: { correlation_estimator: 'repair' } });
      rows.push({ name: 'world (5 tables, 5,774 rows), hma', variant: "fit, 'repair' estimator", value: old.fit / 1000, unit: 's', note: 'previous default; same scores' });
    }
    const data = Object.fromEntries(Object.keys(meta.tables).map((t) => [t, { real: world[t], synth: w.out[t] }]));
    const used = summary(await evaluate(core, data, meta, { privacy: false }));
    const all = summary(await evaluate(core, data, meta, { privacy: false, correlationThreshold: 0, associationThreshold: 0 }));
    const q = used.quality;
    rows.push({ name: `world quality, ${synthesizer} (seed ${runs - 1})`, variant: 'scores', value: q.score!, unit: 'score', note: `Cardinality ${q.cardinality!.toFixed(3)}, Intertable ${q.intertable_trends!.toFixed(3)} / all ${all.quality.intertable_trends!.toFixed(3)}, Shapes ${q.column_shapes!.toFixed(3)}, Pairs ${q.column_pair_trends!.toFixed(3)}, RI/boundary ${used.diagnostic.relationship_validity} (SDV HMA: quality 0.505, Cardinality 0.745, Intertable 0.230 / 0.300)` });
  }

  const shop = await timeFitSample(core, makeShop(7, 1), SHOP_META, 3);
  rows.push({ name: '12 tables, depth 4 (2.5k rows)', variant: 'fit + sample', value: (shop.fit + shop.sample) / 1000, unit: 's' });

  const big = fiveTableSchema(100_000);
  const b = await timeFitSample(core, big.tables, big.meta, 1);
  const synthRows = Object.values(b.out).reduce((a, t) => a + t.columns[0].length, 0);
  rows.push({ name: '5 tables, 3 levels, 100k leaf rows', variant: 'fit', value: b.fit / 1000, unit: 's', note: 'target: fit + sample < 10 s' });
  rows.push({ name: '5 tables, 3 levels, 100k leaf rows', variant: 'sample', value: b.sample / 1000, unit: 's', note: `${synthRows} rows` });
  const bc = await timeFitSample(core, big.tables, big.meta, 1, 'cart');
  rows.push({ name: '5 tables, 3 levels, 100k leaf rows, cart', variant: 'fit + sample', value: (bc.fit + bc.sample) / 1000, unit: 's' });
  rows.push({ name: 'peak RSS', variant: 'process', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
  return rows;
}
