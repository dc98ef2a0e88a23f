/**
 * Runs `/api/sdv/generate` jobs: status and progress go to the job store as the work proceeds
 * (throttled), the result or the error at the end. Cancellation through an AbortController per job.
 */
import { CancelledError, type Progress } from '../engine/progress';
import type { GenerateRequest } from './request-schema';
import type { JobRecord, JobStore } from './routes';

export type GenerateFn = (req: GenerateRequest, ctl: { signal: AbortSignal; onProgress: (p: Progress) => Promise<void> }) => Promise<unknown>;

export class JobRunner {
  readonly running = new Map<string, AbortController>();

  constructor(private store: JobStore, private generate: GenerateFn) {}

  /** Starts a job; the returned promise settles when it has finished (for `event.waitUntil`). */
  start(id: string, req: GenerateRequest): Promise<void> {
    const ac = new AbortController();
    this.running.set(id, ac);
    return this.run(id, req, ac).finally(() => this.running.delete(id));
  }

  cancel(id: string): boolean {
    const ac = this.running.get(id);
    ac?.abort();
    return !!ac;
  }

  private async run(id: string, req: GenerateRequest, ac: AbortController): Promise<void> {
    const base = await this.store.get(id);
    if (!base || base.status === 'cancelled') return;
    let job: JobRecord = { ...base, status: 'running', started_at: new Date().toISOString(), step: 'starting' };
    await this.store.put(job);
    let lastWrite = 0;
    try {
      const result = await this.generate(req, {
        signal: ac.signal,
        onProgress: async (p) => {
          job = { ...job, progress: Math.min(0.99, p.fraction), step: p.step };
          const now = Date.now();
          if (now - lastWrite > 250) { lastWrite = now; await this.store.put(job); }
        }
      });
      if (ac.signal.aborted) throw new CancelledError();
      await this.store.put({ ...job, status: 'completed', progress: 1, step: 'done', finished_at: new Date().toISOString(), result });
    } catch (e) {
      const cancelled = e instanceof CancelledError || ac.signal.aborted;
      await this.store.put({ ...job, status: cancelled ? 'cancelled' : 'failed', finished_at: new Date().toISOString(), error: cancelled ? undefined : e instanceof Error ? e.message : String(e) });
    }
  }
}
