/** Page-side handle on a bench worker: a fresh worker per workload, so WASM memory and JIT state start clean each time. */
import * as Comlink from 'comlink';
import type { BenchWorkerApi } from '$lib/workers/bench.worker';

export function benchWorker(): { api: Comlink.Remote<BenchWorkerApi>; terminate: () => void } {
  const worker = new Worker(new URL('../workers/bench.worker.ts', import.meta.url), { type: 'module', name: 'bench' });
  const api = Comlink.wrap<BenchWorkerApi>(worker);
  return { api, terminate: () => { api[Comlink.releaseProxy](); worker.terminate(); } };
}
