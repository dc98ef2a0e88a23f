/**
 * The engine workloads behind the speed targets, as plain functions of a `Core`, so the same code is
 * timed in Node (bench/browser/node-side.ts) and inside a Chromium Web Worker (bench.worker.ts).
 * Inputs are generated before the clock starts; each measurement is one wall-clock span of engine
 * work (world: median of 3 runs, it is short).
 */
import type { Core } from '../engine/wasm';
import { CancelledError, type RunControl } from '../engine/progress';
import { fitCopula } from '../engine/copula/fit';
import { sampleCopulaChunks, DEFAULT_CHUNK_ROWS } from '../engine/copula/sample';
import { NormalToValue } from '../engine/copula/normal-to-value';
import { cholesky, sampleMvnInto } from '../engine/core/linalg';
import { fitMulti, sampleMulti } from '../engine/multi';
import { evaluateTable } from '../engine/metrics/report';
import { dcrToClosest } from '../engine/metrics/privacy';
import { parseWorld, type WorldInput } from './world';
import { dcrColumns, fiveTableSchema, mixedTable, textTable, textTableMeta } from './data';

export const WORKLOAD_IDS = ['copula-fit', 'copula-sample', 'world', 'five-table', 'report', 'dcr'] as const;
export type WorkloadId = (typeof WORKLOAD_IDS)[number];

/** The world dataset is not part of build/: the caller passes its text in. */
export interface WorkloadInput { world?: WorldInput }

export interface Measurement {
  /** Stable key, the same in Node and in the browser (joins the two columns of the table). */
  key: string;
  name: string;
  ms: number;
  target?: string;
  note?: string;
  /** The run hit its time budget and was cancelled: `ms` is a lower bound. */
  stopped?: boolean;
}

/** Time budget of one workload (report: 6× its target) so a slow engine cannot stall the suite. */
export const BUDGET_MS: Partial<Record<WorkloadId, number>> = { report: 30_000 };

/**
 * A RunControl like the app's engine worker passes (its checkpoints yield to the event loop, which
 * is part of the real cost in a worker), whose signal turns aborted once `budgetMs` has passed.
 */
function budget(budgetMs = Infinity, onProgress?: RunControl['onProgress']): RunControl {
  const end = performance.now() + budgetMs;
  return { onProgress, signal: { get aborted() { return performance.now() > end; } } };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function span(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function copulaFit(core: Core): Promise<Measurement[]> {
  const { table, meta } = mixedTable(100_000, 20, 1);
  const ms = await span(() => fitCopula(core, 'bench', table, meta, { seed: 1 }, budget()));
  return [{ key: 'copula-fit', name: 'copula fit 100k rows × 20 mixed columns', ms, target: '< 2 s' }];
}

/** Sampling 1M rows of a 10-column model: the numeric stage alone (z ~ N(0,R), x = F⁻¹(Φ(z))) and the full text output. */
async function copulaSample(core: Core): Promise<Measurement[]> {
  const { table, meta } = mixedTable(20_000, 10, 2);
  const model = await fitCopula(core, 'bench10', table, meta, { seed: 1 });
  const n = 1_000_000, k = model.columns.length, chunk = DEFAULT_CHUNK_ROWS;
  const values = await span(() => {
    // The numeric half of sampleCopulaChunks (same chunking, same kernels), values copied out as it does.
    const L = cholesky(core, model.correlation, k).L;
    const toValue = model.columns.map((c) => new NormalToValue(core, c.marginal));
    const rng = core.newRng(1), buf = core.allocF64(chunk * k);
    try {
      for (let offset = 0; offset < n; offset += chunk) {
        const m = Math.min(chunk, n - offset);
        sampleMvnInto(core, L, k, m, rng, buf, m);
        for (let j = 0; j < k; j++) { toValue[j].applyPtr(buf + j * m * 8, m); core.f64(buf + j * m * 8, m).slice(); }
      }
    } finally { core.free(buf); core.free(rng); }
  });
  let rows = 0;
  const text = await span(async () => { for await (const c of sampleCopulaChunks(core, model, n, { seed: 1 }, budget())) rows += c.columns[0].length; });
  return [
    { key: 'sample-values', name: `copula sample 1M rows × 10 columns: model values (${k} model columns)`, ms: values, target: '< 1 s' },
    { key: 'sample-text', name: 'copula sample 1M rows × 10 columns: text output', ms: text, target: '< 1 s', note: `${rows.toLocaleString('en')} rows` }
  ];
}

async function world(core: Core, input: WorkloadInput): Promise<Measurement[]> {
  if (!input.world) throw new Error('the world workload needs the world CSVs and metadata as input');
  const { meta, tables } = parseWorld(input.world);
  const rows = Object.values(tables).reduce((a, t) => a + t.columns[0].length, 0);
  const fit: number[] = [], sample: number[] = [], both: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    const model = await fitMulti(core, tables, meta, { seed: r }, budget());
    const t1 = performance.now();
    await sampleMulti(core, model, { seed: r }, budget());
    const t2 = performance.now();
    fit.push(t1 - t0); sample.push(t2 - t1); both.push(t2 - t0);
  }
  const name = `world (${Object.keys(tables).length} tables, ${rows.toLocaleString('en')} rows)`;
  return [
    { key: 'world-fit', name: `${name}: fit`, ms: median(fit), note: 'median of 3' },
    { key: 'world-sample', name: `${name}: sample`, ms: median(sample), note: 'median of 3' },
    { key: 'world-both', name: `${name}: fit + sample`, ms: median(both), target: 'well under 1 s', note: 'median of 3' }
  ];
}

async function fiveTable(core: Core): Promise<Measurement[]> {
  const { meta, tables } = fiveTableSchema(100_000);
  const t0 = performance.now();
  const model = await fitMulti(core, tables, meta, { seed: 0 }, budget());
  const t1 = performance.now();
  const out = await sampleMulti(core, model, { seed: 0 }, budget());
  const t2 = performance.now();
  const rows = Object.values(out).reduce((a, t) => a + t.columns[0].length, 0);
  const name = '5 tables, 3 levels, 100k leaf rows';
  return [
    { key: 'five-fit', name: `${name}: fit`, ms: t1 - t0 },
    { key: 'five-sample', name: `${name}: sample`, ms: t2 - t1, note: `${rows.toLocaleString('en')} rows` },
    { key: 'five-both', name: `${name}: fit + sample`, ms: t2 - t0, target: '< 10 s' }
  ];
}

async function report(core: Core): Promise<Measurement[]> {
  const real = textTable(11, 100_000), synth = textTable(12, 100_000);
  const limit = BUDGET_MS.report!;
  let qualityMs = NaN, stopped = false;
  const t0 = performance.now();
  // The privacy part starts with the distance search: the first such step ends quality + diagnostic.
  const ctl = budget(limit, (p) => { if (Number.isNaN(qualityMs) && /distances/.test(p.step)) qualityMs = performance.now() - t0; });
  try {
    await evaluateTable(core, 't', real, synth, textTableMeta(real), {}, ctl);
  } catch (e) {
    if (!(e instanceof CancelledError)) throw e;
    stopped = true;
  }
  const ms = performance.now() - t0;
  return [
    { key: 'report-qd', name: 'report 100k × 20: quality + diagnostic', ms: Number.isNaN(qualityMs) ? ms : qualityMs, note: '190 pairs' },
    { key: 'report', name: 'report 100k × 20: full, incl. privacy (DCR, baseline, new rows)', ms, target: '< 5 s', stopped, note: stopped ? `stopped at the ${limit / 1000} s budget` : undefined }
  ];
}

/** With and without a RunControl: the difference is what the checkpoints' event-loop yields cost (625 of them here). */
async function dcr(core: Core): Promise<Measurement[]> {
  const ref = dcrColumns(3, 50_000), query = dcrColumns(4, 50_000);
  let yields = 0;
  const app = await span(() => dcrToClosest(core, query, ref, budget(Infinity, () => { yields++; })));
  const bare = await span(() => dcrToClosest(core, query, ref));
  return [
    { key: 'dcr', name: 'DCR 50k × 50k × 10 columns (exact), with a RunControl as the app runs it', ms: app, target: '< 10 s', note: `${yields} checkpoints` },
    { key: 'dcr-bare', name: 'DCR 50k × 50k × 10 columns (exact), no RunControl (no yields)', ms: bare }
  ];
}

export async function runWorkload(core: Core, id: WorkloadId, input: WorkloadInput = {}): Promise<Measurement[]> {
  switch (id) {
    case 'copula-fit': return copulaFit(core);
    case 'copula-sample': return copulaSample(core);
    case 'world': return world(core, input);
    case 'five-table': return fiveTable(core);
    case 'report': return report(core);
    case 'dcr': return dcr(core);
    default: throw new Error(`unknown workload "${String(id)}"`);
  }
}
