/**
 * What the /bench page does for each benchmark: start the main-thread monitor, hand the work to a
 * worker, wait, stop the monitor. Exposed to the Node runner (bench/browser/run.ts) as `window.__bench`.
 */
import { benchWorker } from './bench-client';
import { startMainThreadMonitor, type MainThreadStats } from './main-thread-monitor';
import { parseWorld, type WorldInput } from './world';
import type { Measurement, WorkloadId } from './workloads';
import { engine, newJobId } from '../workers/engine-client';
import { sdvMetadataToSchema } from '../schema/formats/sdv-metadata';
import type { GenerationInput } from '../engine/generate';

export interface PageRun {
  id: string;
  flavour?: string;
  /** Worker-side wall time of the whole call (WASM load + input generation + timed work). */
  workerTotalMs: number;
  /** Page-side wall time from the call to the result on the main thread. */
  roundTripMs: number;
  measurements: Measurement[];
  mainThread: MainThreadStats;
}

/**
 * Check of the monitor itself: a deliberate `busyMs` busy loop on the main thread must show up as
 * one long task of about that length (otherwise the other main-thread numbers mean nothing).
 */
export async function calibrate(busyMs = 120): Promise<PageRun> {
  const mon = startMainThreadMonitor();
  await new Promise((r) => setTimeout(r, 50));
  const t0 = performance.now();
  while (performance.now() - t0 < busyMs) { /* block the main thread on purpose */ }
  return {
    id: 'calibration', workerTotalMs: 0, roundTripMs: busyMs, mainThread: await mon.stop(),
    measurements: [{ key: 'calibration', name: `monitor check: a ${busyMs} ms busy loop on the page's main thread`, ms: busyMs, note: 'must show as one long task' }]
  };
}

/** One workload in a fresh bench worker. */
export async function runInWorker(id: WorkloadId, world?: WorldInput): Promise<PageRun> {
  const w = benchWorker();
  try {
    const mon = startMainThreadMonitor();
    const t0 = performance.now();
    const r = await w.api.run(id, { world });
    const roundTripMs = performance.now() - t0;
    return { id, flavour: r.flavour, workerTotalMs: r.totalMs, roundTripMs, measurements: r.measurements, mainThread: await mon.stop() };
  } finally {
    w.terminate();
  }
}

/**
 * `rows` × 10 sampled text rows sent back to the page (structured clone), as the app receives generated
 * tables — as string arrays (`packed` false: what Comlink returns today) or one string per column.
 */
export async function sampleToPage(rows: number, packed = false): Promise<PageRun> {
  const w = benchWorker();
  try {
    const mon = startMainThreadMonitor();
    const t0 = performance.now();
    const r = await w.api.sampleText(rows, packed);
    const roundTripMs = performance.now() - t0;
    const form = packed ? 'as one string per column (not split on the page)' : 'as string arrays';
    const packMs = 'packMs' in r ? r.packMs : undefined;
    const pack = packMs !== undefined ? `, joining ${packMs.toFixed(0)} ms` : '';
    return {
      id: `sample-to-page-${rows}${packed ? '-packed' : ''}`, workerTotalMs: roundTripMs, roundTripMs, mainThread: await mon.stop(),
      measurements: [{ key: `to-page-${rows}${packed ? '-packed' : ''}`, name: `${rows.toLocaleString('en')} × 10 sampled text rows received on the page ${form}`, ms: r.sampleMs, note: `time = sampling in the worker${pack}; ${r.rows.toLocaleString('en')} rows` }]
    };
  } finally {
    w.terminate();
  }
}

/** The real app path: world through the app's engine worker `generate()` (fit + sample + report, tables returned to the page). */
export async function generateWorldInEngine(world: WorldInput): Promise<PageRun> {
  const { meta, tables } = parseWorld(world); // parsed before the monitor starts: the app parses in its import worker
  const input: GenerationInput = { schema: sdvMetadataToSchema(meta), samples: tables, settings: { scale: 1, quality_threshold: 0, include_relationships: true, seed: 0 } };
  const info = await engine().engineInfo(); // worker started and WASM loaded outside the measurement
  const mon = startMainThreadMonitor();
  const t0 = performance.now();
  const r = await engine().generate(newJobId(), input);
  const roundTripMs = performance.now() - t0;
  const s = r.seconds;
  return {
    id: 'app-generate-world', flavour: info.flavour, workerTotalMs: (s.fit + s.sample + s.report) * 1000, roundTripMs, mainThread: await mon.stop(),
    measurements: [{ key: 'app-world', name: 'world via the app engine worker generate(): fit + sample + report', ms: roundTripMs, note: `fit ${(s.fit * 1000).toFixed(0)} ms, sample ${(s.sample * 1000).toFixed(0)} ms, report ${(s.report * 1000).toFixed(0)} ms; quality ${r.summary?.quality.score?.toFixed(3) ?? 'n/a'}` }]
  };
}
