/**
 * Generation runs: builds the request from the open project, calls the engine worker, reports
 * progress, cancels, keeps the result (tables + report) for the preview grid and the report.
 * The last finished run of a project is saved on this device once it is on screen, restored when
 * the Synthetic Data tab opens after a reload, and removed by "Clear results" (db/results.ts).
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
import { db } from '$lib/db/db';
import { clearStoredRuns, loadLatestRun, saveLatestRun } from '$lib/db/results';
import { isSavedRunPayload, rowsMissingMessage, saveFailedMessage, settingsInfo, toPayload, tooLargeNowMessage, type RunSource } from './saved-run';

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
  if (st.new_rows_only === false) settings.new_rows_only = false;
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

/** Whether the current result is kept on this device (shown under the results). */
export interface SavedState {
  projectId: string;
  status: 'saving' | 'saved' | 'report-only' | 'failed' | 'restoring';
  /** Non-fatal notice for the user ('' when there is nothing to say). */
  message: string;
}

/**
 * Resolves after the browser has painted the current state (the save must not delay the results on
 * screen) — or after 100 ms, since a hidden tab gets no animation frames and must still save.
 */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    let done = false;
    const go = () => { if (!done) { done = true; setTimeout(resolve, 0); } };
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(go);
    setTimeout(go, 100);
  });
}

/** What a result shown now was generated from (exports, the report and the saved run use it). */
function sourceOf(doc: ProjectDoc, schema: Schema, settings: Parameters<typeof settingsInfo>[0], model: Parameters<typeof settingsInfo>[1]): RunSource {
  return { projectId: doc.project.id, schema, projectName: doc.project.name, finishedAt: new Date().toISOString(), settings: settingsInfo(settings, model) };
}

/** UI state of the current run. */
class RunState {
  status = $state<'idle' | 'running' | 'done' | 'failed' | 'cancelled'>('idle');
  progress = $state<Progress>({ fraction: 0, step: '' });
  message = $state('');
  result = $state.raw<GenerateResult | null>(null);
  /** The schema and project name the current result was generated from (exports and the report use them). */
  source = $state.raw<RunSource | null>(null);
  /** Quality before and after "Improve quality" (a fidelity-first re-run); null otherwise. */
  improvement = $state.raw<{ before: number | null; after: number | null } | null>(null);
  /** The learned model of the current result, or a model the user loaded. */
  model = $state.raw<ShownModel | null>(null);
  /** What produced the current result: a fit or "Sample again" from a model. */
  origin = $state<'fit' | 'model'>('fit');
  /** Whether the current result is kept on this device; null = nothing to say. */
  saved = $state.raw<SavedState | null>(null);
  /** Set when a restored result came back without its rows (too large to keep, or incomplete). */
  rowsNotice = $state('');
  #ac: AbortController | null = null;
  /** Bumped whenever the result is replaced or a run starts, so a slow restore never overwrites newer state. */
  #version = 0;
  /** Serialises saves: a newer save waits for an older one. */
  #saveChain: Promise<void> = Promise.resolve();
  /** The save waiting or going per project; a newer run of that project or "Clear results" cancels it. */
  #pendingSave = new Map<string, { cancelled: boolean }>();
  /** A "Clear results" still removing rows: a restore waits for it, so it cannot bring them back. */
  #clearing: Promise<void> = Promise.resolve();

  /** `opts.privacy = 0` re-runs fidelity-first and records the quality before/after. */
  async start(doc: ProjectDoc, opts: { privacy?: number } = {}) {
    this.#ac?.abort();
    const before = opts.privacy === 0 && this.result ? (this.result.summary?.quality.score ?? null) : undefined;
    const ac = (this.#ac = new AbortController());
    this.#version++;
    this.status = 'running';
    this.message = '';
    this.progress = { fraction: 0, step: 'Preparing' };
    try {
      const request = buildRequest(doc);
      if (opts.privacy !== undefined) request.privacy = opts.privacy;
      const result = await generate(request, (p) => (this.progress = p), ac.signal);
      this.#show(result, sourceOf(doc, request.schema, request.settings, result.model));
      this.improvement = before === undefined ? null : { before, after: result.summary?.quality.score ?? null };
      this.origin = 'fit';
      this.model = { model: result.model, label: `Fitted by the run of ${new Date().toLocaleTimeString()}`, projectId: doc.project.id };
      this.status = 'done';
      this.#persist();
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
    this.#version++;
    this.#show(result, sourceOf(doc, schema, buildRequest(doc).settings, result.model));
    this.improvement = null;
    this.origin = 'fit';
    this.model = { model: result.model, label: `Fitted by the ${result.model.synthesizer === 'cart' ? 'sequential CART' : 'Gaussian copula'} run of the comparison`, projectId: doc.project.id };
    this.status = 'done';
    this.message = '';
    this.#persist();
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
    this.#version++;
    this.status = 'running';
    this.message = '';
    this.progress = { fraction: 0, step: 'Sampling from the model' };
    try {
      const request = buildRequest(doc);
      const result = await sampleModel(shown.model, request, (p) => (this.progress = p), ac.signal, backend);
      this.#show(result, sourceOf(doc, shown.model.schema, request.settings, shown.model));
      this.improvement = null;
      this.origin = 'model';
      this.status = 'done';
      this.#persist();
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

  /** The save state of the given project's result (null when there is nothing to say). */
  savedFor(projectId: string | undefined): SavedState | null {
    return this.saved && this.saved.projectId === projectId ? this.saved : null;
  }

  #show(result: GenerateResult, source: RunSource) {
    this.result = result;
    this.source = source;
    this.rowsNotice = '';
  }

  /**
   * Saves the current result as its project's last run, after the browser has painted it. Never
   * throws: a failure (e.g. storage full) becomes a notice; the schema and samples are in other stores.
   */
  #persist() {
    const result = this.result, source = this.source;
    if (!result || !source) return;
    const pid = source.projectId;
    const payload = toPayload(result, source, this.improvement, this.origin, this.model?.model === result.model ? this.model.label : null);
    const older = this.#pendingSave.get(pid);
    if (older) older.cancelled = true;
    const token = { cancelled: false };
    this.#pendingSave.set(pid, token);
    const go = () => !token.cancelled;
    // Another project's result may be on screen by the time the save ends: its state is not ours to set.
    const shown = () => this.result === result;
    this.saved = { projectId: pid, status: 'saving', message: '' };
    this.#saveChain = this.#saveChain.then(async () => {
      try {
        await afterPaint();
        if (!go()) return;
        const out = await saveLatestRun(db(), pid, payload, result.tables, { shouldContinue: go });
        if (!shown()) return;
        if (out.status === 'saved') this.saved = { projectId: pid, status: 'saved', message: '' };
        else if (out.status === 'report-only') this.saved = { projectId: pid, status: 'report-only', message: tooLargeNowMessage(out.bytes) };
      } catch (e) {
        if (shown()) this.saved = { projectId: pid, status: 'failed', message: saveFailedMessage(e) };
      } finally {
        if (this.#pendingSave.get(pid) === token) this.#pendingSave.delete(pid);
      }
    });
  }

  /** Resolves once every save started so far has finished (tests, and before clearing). */
  settled(): Promise<void> { return this.#saveChain; }

  /**
   * Brings back the project's last saved run (Synthetic Data tab opened after a reload). Does
   * nothing when that project's result is already here or a run is going.
   */
  async restore(projectId: string) {
    if (this.status === 'running' || this.source?.projectId === projectId) return;
    const v = this.#version;
    this.saved = { projectId, status: 'restoring', message: '' };
    try {
      await this.#clearing;
      const got = await loadLatestRun(db(), projectId);
      if (v !== this.#version) return;
      if (!got || !isSavedRunPayload(got.payload)) { this.saved = null; return; }
      const p = got.payload;
      this.#version++;
      this.result = { ...p.result, tables: got.tables ?? {} };
      this.source = { ...p.source, projectId };
      this.rowsNotice = got.missing ? rowsMissingMessage(got.missing, got.info.bytes) : '';
      this.improvement = p.improvement;
      this.origin = p.origin;
      if (p.modelLabel !== null && !this.modelFor(projectId)) this.model = { model: p.result.model, label: p.modelLabel, projectId };
      this.status = 'done';
      this.message = '';
      this.saved = { projectId, status: got.missing === 'too-large' ? 'report-only' : 'saved', message: '' };
    } catch (e) {
      if (v === this.#version) this.saved = { projectId, status: 'failed', message: `The saved results could not be read: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  /** "Clear results": removes the project's result from the screen and from this device. */
  async clear(projectId: string) {
    this.#version++;
    if (this.source?.projectId === projectId) {
      if (this.model && this.model.model === this.result?.model) this.model = null;
      this.result = null;
      this.source = null;
      this.improvement = null;
      this.rowsNotice = '';
      if (this.status !== 'running') { this.status = 'idle'; this.message = ''; }
    }
    this.saved = null;
    const pending = this.#pendingSave.get(projectId);
    if (pending) pending.cancelled = true;
    // After any save in flight (cancelled above, it stops at its next write), so nothing is written back.
    const done = (this.#clearing = this.#clearing.then(async () => {
      await this.#saveChain;
      try {
        await clearStoredRuns(db(), projectId);
      } catch (e) {
        this.saved = { projectId, status: 'failed', message: `The saved results could not be removed: ${e instanceof Error ? e.message : String(e)}` };
      }
    }));
    await done;
  }
}

export const run = new RunState();
