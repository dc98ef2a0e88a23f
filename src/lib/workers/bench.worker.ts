/**
 * Bench-only worker (the /bench route): runs one engine workload of src/lib/bench/workloads.ts in
 * a Web Worker exactly as the app's engine worker runs engine calls — same WASM loader, same
 * bundling. `run` returns only timings (a few bytes reach the page); `sampleText` returns the
 * sampled table itself, to measure what receiving a large result costs the page's main thread.
 */
import * as Comlink from 'comlink';
import { loadCoreBrowser } from '$lib/engine/wasm-browser';
import { fitCopula } from '$lib/engine/copula/fit';
import { sampleCopula } from '$lib/engine/copula/sample';
import { mixedTable } from '$lib/bench/data';
import { runWorkload, type WorkloadId, type WorkloadInput } from '$lib/bench/workloads';

const api = {
  async run(id: WorkloadId, input: WorkloadInput = {}) {
    const t0 = performance.now();
    const core = await loadCoreBrowser();
    const loadMs = performance.now() - t0;
    const measurements = await runWorkload(core, id, input);
    return { flavour: core.flavour, loadMs, totalMs: performance.now() - t0, measurements };
  },
  /**
   * `rows` sampled rows × 10 text columns (model fitted on 20k rows, as in the sampling workload);
   * `packed`: each column joined into one '\n'-separated string (nulls as ''), the cheap-to-clone form.
   */
  async sampleText(rows: number, packed = false) {
    const core = await loadCoreBrowser();
    const { table, meta } = mixedTable(20_000, 10, 2);
    const model = await fitCopula(core, 'bench10', table, meta, { seed: 1 });
    const t0 = performance.now();
    const out = await sampleCopula(core, model, rows, { seed: 1 });
    const sampleMs = performance.now() - t0;
    if (!packed) return { sampleMs, rows: out.columns[0].length, table: out };
    const t1 = performance.now();
    const columns = out.columns.map((c) => c.map((v) => v ?? '').join('\n'));
    return { sampleMs, packMs: performance.now() - t1, rows: out.columns[0].length, names: out.names, columns };
  }
};

export type BenchWorkerApi = typeof api;
Comlink.expose(api);
