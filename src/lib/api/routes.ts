/**
 * `/api/sdv/*` — the original product's HTTP API, answered on the device (by the service worker).
 * Pure request → response logic; storage, the engine and the on/off setting are injected so the
 * same code runs in the service worker and in Node tests.
 */
import { parseGenerateRequest, type GenerateRequest, type Problem } from './request-schema';

export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface JobRecord {
  id: string;
  status: JobStatus;
  progress: number;
  step?: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  error?: string;
  result?: unknown;
}

export interface JobStore {
  get(id: string): Promise<JobRecord | undefined>;
  put(job: JobRecord): Promise<void>;
}

export interface ApiDeps {
  version: string;
  store: JobStore;
  /** Starts the job in the background; it updates the store as it goes. */
  startJob(id: string, req: GenerateRequest): void | Promise<void>;
  /** Cancels a running job; false if it is not running here. */
  cancelJob(id: string): boolean;
  /** Quality, diagnostic and privacy scores of real vs synthetic tables. */
  validate(body: unknown): Promise<{ ok: true; value: unknown } | { ok: false; problems: Problem[] }>;
  /** The routes can be switched off in Settings. */
  enabled(): Promise<boolean>;
  newId?: () => string;
}

export const MAX_BODY_BYTES = 50 * 1024 * 1024;
const PREFIX = '/api/sdv';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

const badRequest = (error: string, details: Problem[] = []) => json(400, { error, details });

export function isApiPath(pathname: string): boolean {
  return pathname === PREFIX || pathname.startsWith(PREFIX + '/');
}

async function readJson(req: Request): Promise<{ ok: true; value: unknown } | { ok: false; res: Response }> {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_BODY_BYTES) return { ok: false, res: json(413, { error: `Request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` }) };
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) return { ok: false, res: json(413, { error: `Request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` }) };
  if (!text.trim()) return { ok: false, res: badRequest('The request body is empty; expected JSON') };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, res: badRequest(`Malformed JSON: ${(e as Error).message}`, [{ path: '(body)', message: 'not valid JSON' }]) };
  }
}

export async function handleApi(req: Request, deps: ApiDeps): Promise<Response> {
  const url = new URL(req.url);
  const path = url.pathname.replace(/\/+$/, '');
  try {
    if (!(await deps.enabled())) return json(503, { error: 'The local /api/sdv routes are switched off in Settings' });

    if (path === `${PREFIX}/health`) {
      if (req.method !== 'GET') return json(405, { error: 'Use GET' });
      return json(200, { status: 'ok', version: deps.version, engine: { wasm: typeof WebAssembly === 'object', synthesizers: ['GaussianCopula', 'HMA'] } });
    }

    if (path === `${PREFIX}/generate`) {
      if (req.method !== 'POST') return json(405, { error: 'Use POST' });
      const body = await readJson(req);
      if (!body.ok) return body.res;
      const parsed = parseGenerateRequest(body.value);
      if (!parsed.ok) return badRequest('Invalid generate request', parsed.problems);
      const id = (deps.newId ?? (() => crypto.randomUUID()))();
      await deps.store.put({ id, status: 'queued', progress: 0, step: 'queued', created_at: new Date().toISOString() });
      deps.startJob(id, parsed.value);
      return json(202, { session_id: id, status: 'queued' });
    }

    const status = new RegExp(`^${PREFIX}/status/([^/]+)(/cancel)?$`).exec(path);
    if (status) {
      const id = decodeURIComponent(status[1]);
      const job = await deps.store.get(id);
      if (!job) return json(404, { error: `No generation session "${id}"` });
      const cancel = req.method === 'DELETE' || (req.method === 'POST' && status[2]);
      if (cancel) {
        if (job.status === 'queued' || job.status === 'running') {
          const stopped = deps.cancelJob(id);
          const next: JobRecord = { ...job, status: 'cancelled', finished_at: new Date().toISOString(), error: stopped ? undefined : 'The job was not running in this browser session' };
          await deps.store.put(next);
          return json(200, publicJob(next));
        }
        return json(409, { error: `Session "${id}" is already ${job.status}`, status: job.status });
      }
      if (req.method !== 'GET') return json(405, { error: 'Use GET, DELETE or POST …/cancel' });
      return json(200, publicJob(job));
    }

    if (path === `${PREFIX}/validate`) {
      if (req.method !== 'POST') return json(405, { error: 'Use POST' });
      const body = await readJson(req);
      if (!body.ok) return body.res;
      const r = await deps.validate(body.value);
      return r.ok ? json(200, r.value) : badRequest('Invalid validate request', r.problems);
    }

    return json(404, { error: `Unknown route ${req.method} ${url.pathname}` });
  } catch (e) {
    // Never a 500 with an HTML page: a JSON error the caller can read.
    return json(500, { error: e instanceof Error ? e.message : String(e) });
  }
}

function publicJob(j: JobRecord) {
  return {
    session_id: j.id,
    status: j.status,
    progress: j.progress,
    step: j.step,
    started_at: j.started_at ?? null,
    finished_at: j.finished_at ?? null,
    ...(j.error ? { error: j.error } : {}),
    ...(j.result !== undefined ? { result: j.result } : {})
  };
}
