/**
 * Generation runs: builds the request from the open project, calls the engine worker, reports
 * progress, cancels, keeps the result (tables + report) for the preview grid and the report.
 */
import { AppError, type ColumnarTable, type GenerationSettings, type Schema } from '$lib/schema/model';
import type { Progress } from '$lib/engine/progress';
import type { ProjectDoc } from '$lib/db/commands';
import { engine, newJobId, progressProxy } from '$lib/workers/engine-client';
import type { GenerationResult } from '$lib/engine/generate';
import type { SampleRow } from '$lib/db/db';
import type { FileRules } from '$lib/schema/formats/schema-file';
import { toRulesFile } from './rules-convert';

export interface GenerateRequest {
  schema: Schema;
  /** Sample data per table name, column-major text (null = missing). */
  samples: Record<string, ColumnarTable>;
  settings: GenerationSettings;
  /** The project's business rules, tables by name (docs/rules.md); absent when there are none. */
  rules?: FileRules;
  /** Privacy ↔ fidelity, 0..1 (engine default 0.5); 0 = fidelity-first ("Improve quality"). */
  privacy?: number;
}

export type GenerateResult = GenerationResult;

export interface GenerationEngine {
  generate(jobId: string, input: GenerateRequest, onProgress: (p: Progress) => void): Promise<GenerateResult>;
  cancel(jobId: string): Promise<boolean> | boolean;
}

export const generationEngine: GenerationEngine | null = {
  generate: (jobId, input, onProgress) => engine().generate(jobId, input, progressProxy(onProgress)),
  cancel: (jobId) => engine().cancel(jobId)
};

export const ENGINE_UNAVAILABLE = 'The generation engine is not available yet: the schema, samples and settings are saved, and Generate will work once the synthesizer ships.';

/** A stored sample as column-major text (empty cell = missing). */
export function sampleColumnar(s: SampleRow): ColumnarTable {
  return { names: [...s.header], columns: s.header.map((_, c) => s.rows.map((r) => (r[c] === '' || r[c] === undefined ? null : r[c]))) };
}

/**
 * Project document → engine request (samples as columnar text, keyed by table name; business rules
 * by table name). Throws AppError('rules/orphaned') for a cross-table rule whose relationship is gone.
 */
export function buildRequest(doc: ProjectDoc): GenerateRequest {
  const samples: Record<string, ColumnarTable> = {};
  for (const t of doc.schema.tables) {
    const s = doc.samples.get(t.id);
    if (!s) continue;
    samples[t.name] = sampleColumnar(s);
  }
  const st = doc.project.settings;
  const settings: GenerationSettings = { scale: st.scale, quality_threshold: st.quality_threshold, include_relationships: st.include_relationships, seed: st.seed };
  if (st.sample_size !== undefined) settings.sample_size = st.sample_size;
  const schema: GenerateRequest['schema'] = JSON.parse(JSON.stringify(doc.schema));
  const { rules } = toRulesFile(schema, doc.project.rules, { strict: true });
  return rules ? { schema, samples, settings, rules } : { schema, samples, settings };
}

/**
 * Runs one generation. `signal` aborts it (the worker is told to cancel the job).
 * Throws AppError('engine/unavailable') while no engine is wired.
 */
export async function generate(request: GenerateRequest, onProgress: (p: Progress) => void, signal: AbortSignal, backend: GenerationEngine | null = generationEngine): Promise<GenerateResult> {
  if (!backend) throw new AppError('engine/unavailable', ENGINE_UNAVAILABLE);
  const jobId = newJobId();
  const onAbort = () => void backend.cancel(jobId);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await backend.generate(jobId, request, onProgress);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** UI state of the current run. */
class RunState {
  status = $state<'idle' | 'running' | 'done' | 'failed' | 'cancelled'>('idle');
  progress = $state<Progress>({ fraction: 0, step: '' });
  message = $state('');
  result = $state.raw<GenerateResult | null>(null);
  /** The schema and project name the current result was generated from (exports and the report use them). */
  source = $state.raw<{ projectId: string; schema: Schema; projectName: string; finishedAt: string } | null>(null);
  /** Quality before and after "Improve quality" (a fidelity-first re-run); null otherwise. */
  improvement = $state.raw<{ before: number | null; after: number | null } | null>(null);
  #ac: AbortController | null = null;

  /** `opts.privacy = 0` re-runs fidelity-first and records the quality before/after. */
  async start(doc: ProjectDoc, opts: { privacy?: number } = {}) {
    this.#ac?.abort();
    const before = opts.privacy === 0 && this.result ? (this.result.summary?.quality.score ?? null) : undefined;
    const ac = (this.#ac = new AbortController());
    this.status = 'running';
    this.message = '';
    this.progress = { fraction: 0, step: 'Preparing' };
    try {
      const request = buildRequest(doc);
      if (opts.privacy !== undefined) request.privacy = opts.privacy;
      const result = await generate(request, (p) => (this.progress = p), ac.signal);
      this.result = result;
      this.source = { projectId: doc.project.id, schema: request.schema, projectName: doc.project.name, finishedAt: new Date().toISOString() };
      this.improvement = before === undefined ? null : { before, after: result.summary?.quality.score ?? null };
      this.status = 'done';
    } catch (e) {
      const code = (e as { code?: string }).code;
      this.status = code === 'run/cancelled' || ac.signal.aborted ? 'cancelled' : 'failed';
      this.message = this.status === 'cancelled' ? 'Generation cancelled.' : e instanceof Error ? e.message : String(e);
    } finally {
      if (this.#ac === ac) this.#ac = null;
    }
  }

  cancel() { this.#ac?.abort(); }

  /** The current result if it belongs to the given project (another project's run is not shown). */
  resultFor(projectId: string | undefined): GenerateResult | null {
    return this.result && this.source?.projectId === projectId ? this.result : null;
  }
}

export const run = new RunState();
