/**
 * Generation runs: builds the request from the open project, calls the engine worker, reports
 * progress, cancels, keeps the result (tables + report) for the preview grid and the report.
 */
import { AppError, type ColumnarTable, type GenerationSettings, type Schema } from '$lib/schema/model';
import type { Progress } from '$lib/engine/progress';
import type { ProjectDoc } from '$lib/db/commands';
import * as Comlink from 'comlink';
import { engine, newJobId, progressProxy } from '$lib/workers/engine-client';
import { TableAssembler, type TableShape, type TableSlice } from '$lib/workers/table-stream';
import type { GenerationResult } from '$lib/engine/generate';
import type { LearnedModel, Synthesizer } from '$lib/engine/learned-model';
import type { SampleRow } from '$lib/db/db';
import type { FileRules } from '$lib/schema/formats/schema-file';
import { toRulesFile } from './rules-convert';
import { DEFAULT_PRIVACY as CART_DEFAULT_PRIVACY } from '$lib/engine/cart/privacy';

/** The copula's default fidelity ↔ privacy value (correlation shrinkage λ = 0.5 × privacy). */
export const COPULA_DEFAULT_PRIVACY = 0.5;
export { CART_DEFAULT_PRIVACY };

/** Each synthesizer's own default for the fidelity ↔ privacy slider. */
export function defaultPrivacy(s: Synthesizer): number {
  return s === 'cart' ? CART_DEFAULT_PRIVACY : COPULA_DEFAULT_PRIVACY;
}

/** The synthesizer a run of this project uses: CART only for schemas without relationships. */
export function effectiveSynthesizer(doc: Pick<ProjectDoc, 'project' | 'schema'>): Synthesizer {
  return doc.project.settings.synthesizer === 'cart' ? 'cart' : 'copula';
}

export interface GenerateRequest {
  schema: Schema;
  /** Sample data per table name, column-major text (null = missing). */
  samples: Record<string, ColumnarTable>;
  settings: GenerationSettings;
  /** The project's business rules, tables by name (docs/rules.md); absent when there are none. */
  rules?: FileRules;
  /** Privacy ↔ fidelity, 0..1 (engine default 0.5); 0 = fidelity-first ("Improve quality"). */
  privacy?: number;
  /** 'copula' (default) or 'cart' (sequential trees; with relationships, child trees use the parent's columns). */
  synthesizer?: Synthesizer;
}

export type GenerateResult = GenerationResult;

export interface GenerationEngine {
  generate(jobId: string, input: GenerateRequest, onProgress: (p: Progress) => void): Promise<GenerateResult>;
  cancel(jobId: string): Promise<boolean> | boolean;
  /** New rows from a learned model without refitting (scored against `samples` when they match). */
  sampleFromModel?(jobId: string, model: LearnedModel, settings: GenerationSettings, onProgress: (p: Progress) => void, opts: { samples?: Record<string, ColumnarTable> }): Promise<GenerateResult>;
}

/** Calls the worker with a slice receiver, so a large result never arrives in one blocking message. */
async function sliced<T extends { tables: Record<string, ColumnarTable>; tableShapes?: Record<string, TableShape> }>(call: (onSlice: TableSlice) => Promise<T>): Promise<GenerateResult> {
  const assembler = new TableAssembler();
  const { tableShapes, ...result } = await call(Comlink.proxy(assembler.add));
  return { ...result, tables: tableShapes ? assembler.build(tableShapes) : result.tables } as unknown as GenerateResult;
}

export const generationEngine: GenerationEngine | null = {
  generate: (jobId, input, onProgress) => sliced((onSlice) => engine().generate(jobId, input, progressProxy(onProgress), onSlice)),
  sampleFromModel: (jobId, model, settings, onProgress, opts) => sliced((onSlice) => engine().sampleFromModel(jobId, model, settings, progressProxy(onProgress), opts, onSlice)),
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
  const request: GenerateRequest = { schema, samples, settings };
  const { rules } = toRulesFile(schema, doc.project.rules, { strict: true });
  if (rules) request.rules = rules;
  if (st.synthesizer) request.synthesizer = st.synthesizer;
  if (st.privacy !== undefined) request.privacy = st.privacy;
  return request;
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

/** Runs `work(jobId)` on the backend; `signal` aborts it (the worker is told to cancel the job). */
async function withJob<T>(backend: GenerationEngine, signal: AbortSignal, work: (jobId: string) => Promise<T>): Promise<T> {
  const jobId = newJobId();
  const onAbort = () => void backend.cancel(jobId);
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    return await work(jobId);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

/** New rows from a learned model with the project's settings, scored against the project's samples when they match. */
export async function sampleModel(model: LearnedModel, request: GenerateRequest, onProgress: (p: Progress) => void, signal: AbortSignal, backend: GenerationEngine | null = generationEngine): Promise<GenerateResult> {
  if (!backend?.sampleFromModel) throw new AppError('engine/unavailable', ENGINE_UNAVAILABLE);
  const sampleFrom = backend.sampleFromModel.bind(backend);
  return withJob(backend, signal, (jobId) => sampleFrom(jobId, model, request.settings, onProgress, { samples: request.samples }));
}

/** The model shown in the Model panel: fitted by the last run, or loaded from storage / a file. */
export interface ShownModel {
  model: LearnedModel;
  /** Where it comes from, for the panel's heading. */
  label: string;
  projectId: string;
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
  /** The learned model of the current result, or a model the user loaded. */
  model = $state.raw<ShownModel | null>(null);
  /** What produced the current result: a fit or "Sample again" from a model. */
  origin = $state<'fit' | 'model'>('fit');
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
      this.origin = 'fit';
      this.model = { model: result.model, label: `Fitted by the run of ${new Date().toLocaleTimeString()}`, projectId: doc.project.id };
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

  /** Makes a finished run (e.g. the chosen one of "Compare synthesizers") the current result. */
  adopt(doc: ProjectDoc, result: GenerateResult, schema: Schema) {
    this.result = result;
    this.source = { projectId: doc.project.id, schema, projectName: doc.project.name, finishedAt: new Date().toISOString() };
    this.improvement = null;
    this.origin = 'fit';
    this.model = { model: result.model, label: `Fitted by the ${result.model.synthesizer === 'cart' ? 'sequential CART' : 'Gaussian copula'} run of the comparison`, projectId: doc.project.id };
    this.status = 'done';
    this.message = '';
  }

  /** Shows a learned model (loaded from storage or a file) in the Model panel without sampling it. */
  showModel(doc: ProjectDoc, model: LearnedModel, label: string) {
    this.model = { model, label, projectId: doc.project.id };
  }

  /** The shown model if it belongs to the given project's view. */
  modelFor(projectId: string | undefined): ShownModel | null {
    return this.model && this.model.projectId === projectId ? this.model : null;
  }

  /** "Sample again": new rows from the shown model, with the project's current settings; progress and cancel as a run. */
  async startFromModel(doc: ProjectDoc, backend: GenerationEngine | null = generationEngine) {
    const shown = this.modelFor(doc.project.id);
    if (!shown) return;
    this.#ac?.abort();
    const ac = (this.#ac = new AbortController());
    this.status = 'running';
    this.message = '';
    this.progress = { fraction: 0, step: 'Sampling from the model' };
    try {
      const result = await sampleModel(shown.model, buildRequest(doc), (p) => (this.progress = p), ac.signal, backend);
      this.result = result;
      this.source = { projectId: doc.project.id, schema: shown.model.schema, projectName: doc.project.name, finishedAt: new Date().toISOString() };
      this.improvement = null;
      this.origin = 'model';
      this.status = 'done';
    } catch (e) {
      const code = (e as { code?: string }).code;
      this.status = code === 'run/cancelled' || ac.signal.aborted ? 'cancelled' : 'failed';
      this.message = this.status === 'cancelled' ? 'Sampling cancelled.' : e instanceof Error ? e.message : String(e);
    } finally {
      if (this.#ac === ac) this.#ac = null;
    }
  }

  /** The current result if it belongs to the given project (another project's run is not shown). */
  resultFor(projectId: string | undefined): GenerateResult | null {
    return this.result && this.source?.projectId === projectId ? this.result : null;
  }
}

export const run = new RunState();
