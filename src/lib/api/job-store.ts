/** Generation sessions of the `/api/sdv` routes, kept in IndexedDB (`runs`) so status survives a reload. */
import type { StudioDB } from '../db/db';
import type { JobRecord, JobStore } from './routes';

export function dexieJobStore(d: StudioDB): JobStore {
  return {
    async get(id) {
      const r = await d.runs.get(id);
      if (!r) return undefined;
      return { id: r.id, status: r.status, progress: r.progress, step: r.step, created_at: r.created_at, started_at: r.started_at, finished_at: r.finished_at, error: r.error, result: r.result };
    },
    async put(job: JobRecord) {
      await d.runs.put({ ...job, project_id: undefined });
    }
  };
}

/**
 * Jobs still `queued`/`running` in storage but not running in this service-worker instance were cut
 * off (the browser stopped the worker, or the tab that held it closed): say so instead of
 * reporting `running` forever.
 */
export async function failInterruptedJobs(d: StudioDB, runningHere: Set<string>): Promise<number> {
  const stale = await d.runs.where('status').anyOf('queued', 'running').toArray();
  let n = 0;
  for (const r of stale) {
    if (runningHere.has(r.id)) continue;
    await d.runs.update(r.id, { status: 'failed', finished_at: new Date().toISOString(), error: 'Interrupted: the browser stopped the service worker before the job finished. Start it again.' });
    n++;
  }
  return n;
}
