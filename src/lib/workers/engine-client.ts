/** Page-side handle on the engine worker (one per page, created lazily). */
import * as Comlink from 'comlink';
import type { EngineWorkerApi } from './engine.worker';
import type { Progress } from '$lib/engine/progress';

let remote: Comlink.Remote<EngineWorkerApi> | undefined;

export function engine(): Comlink.Remote<EngineWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' });
    remote = Comlink.wrap<EngineWorkerApi>(worker);
  }
  return remote;
}

/** Wraps a progress callback so it can cross the worker boundary. */
export function progressProxy(fn: (p: Progress) => void) {
  return Comlink.proxy(fn);
}

export function newJobId(): string {
  return crypto.randomUUID();
}
