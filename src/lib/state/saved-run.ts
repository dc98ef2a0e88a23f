/**
 * What the app keeps of a finished run on this device (issue 8) and how it is described: the
 * stored payload (everything of the result but its tables, which db/results.ts stores in slices),
 * the settings line shown under the results, and the user-facing save/restore messages. Pure.
 */
import type { Schema } from '$lib/schema/model';
import type { GenerationResult } from '$lib/engine/generate';
import type { LearnedModel, Synthesizer } from '$lib/engine/learned-model';
import { RESULTS_SIZE_CAP_BYTES } from '$lib/db/results';

/** The settings a run used, as shown in "Generated … with …". */
export interface RunSettingsInfo {
  synthesizer: Synthesizer;
  seed: number;
  scale: number;
  sample_size?: number;
  quality_threshold: number;
  /** Fidelity ↔ privacy of the kept model (null = the synthesizer's default). */
  privacy: number | null;
  /** False when New rows only was off (absent: on, or a run stored before the setting existed). */
  new_rows_only?: boolean;
}

/** Where the current result came from (exports and the report use the schema and name). */
export interface RunSource {
  projectId: string;
  schema: Schema;
  projectName: string;
  finishedAt: string;
  settings: RunSettingsInfo;
}

export const SAVED_RUN_VERSION = 1;

export interface SavedRunPayload {
  v: typeof SAVED_RUN_VERSION;
  result: Omit<GenerationResult, 'tables'>;
  source: Omit<RunSource, 'projectId'>;
  improvement: { before: number | null; after: number | null } | null;
  origin: 'fit' | 'model';
  /** The Model panel's label when the run's model was the one shown; null otherwise. */
  modelLabel: string | null;
}

/** Settings info of a run: the request's settings, the synthesizer and privacy of the model it kept. */
export function settingsInfo(settings: { seed: number; scale: number; sample_size?: number; quality_threshold: number; new_rows_only?: boolean }, model: Pick<LearnedModel, 'synthesizer' | 'privacy'>): RunSettingsInfo {
  const s: RunSettingsInfo = { synthesizer: model.synthesizer, seed: settings.seed, scale: settings.scale, quality_threshold: settings.quality_threshold, privacy: model.privacy };
  if (settings.sample_size !== undefined) s.sample_size = settings.sample_size;
  if (settings.new_rows_only === false) s.new_rows_only = false;
  return s;
}

export function toPayload(result: GenerationResult, source: RunSource, improvement: SavedRunPayload['improvement'], origin: 'fit' | 'model', modelLabel: string | null): SavedRunPayload {
  const { tables: _tables, ...rest } = result;
  const { projectId: _p, ...src } = source;
  return { v: SAVED_RUN_VERSION, result: rest, source: src, improvement, origin, modelLabel };
}

/** A stored payload this version can show (older or foreign rows are ignored, not guessed at). */
export function isSavedRunPayload(p: unknown): p is SavedRunPayload {
  const x = p as Partial<SavedRunPayload> | null;
  return !!x && x.v === SAVED_RUN_VERSION && typeof x.result === 'object' && !!x.result && typeof x.source === 'object' && !!x.source && Array.isArray(x.source.schema?.tables);
}

const SYNTH_LABEL: Record<Synthesizer, string> = { copula: 'Gaussian copula', cart: 'sequential CART', hma: 'HMA-compatible' };

/** "Gaussian copula · seed 2024 · scale 1× · fidelity ↔ privacy default · Quality Threshold 0.80". */
export function settingsLine(s: RunSettingsInfo): string {
  const size = s.sample_size !== undefined ? `${s.sample_size.toLocaleString('en-US')} rows` : `scale ${s.scale}×`;
  const privacy = s.privacy === null ? 'default' : s.privacy.toFixed(2);
  return `${SYNTH_LABEL[s.synthesizer] ?? s.synthesizer} · seed ${s.seed} · ${size} · fidelity ↔ privacy ${privacy} · Quality Threshold ${s.quality_threshold.toFixed(2)}${s.new_rows_only === false ? ' · New rows only off' : ''}`;
}

const mb = (bytes: number) => `${Math.max(1, Math.round(bytes / (1024 * 1024)))} MB`;

/** Right after a run whose rows are over the cap: they are here now, but will not survive a reload. */
export function tooLargeNowMessage(bytes: number): string {
  return `These results are too large to keep on this device (about ${mb(bytes)}; the limit is ${mb(RESULTS_SIZE_CAP_BYTES)}): only the report is kept. Export them now, or regenerate after a reload.`;
}

/** After a reload, when the rows were not kept. */
export function rowsMissingMessage(missing: 'too-large' | 'incomplete', bytes: number): string {
  return missing === 'too-large'
    ? `The synthetic rows of this run were too large to keep on this device (about ${mb(bytes)}; the limit is ${mb(RESULTS_SIZE_CAP_BYTES)}) — regenerate or export. The report below was kept.`
    : 'The synthetic rows of this run were not completely saved (the page closed while saving) — regenerate to see and export them. The report below was kept.';
}

/** A save that failed: non-fatal, and the schema and samples are safe (they are saved separately). */
export function saveFailedMessage(e: unknown): string {
  const name = (e as { name?: string; inner?: { name?: string } } | null)?.name;
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name;
  const quota = name === 'QuotaExceededError' || inner === 'QuotaExceededError';
  const why = quota ? 'the device storage for this app is full' : e instanceof Error ? e.message : String(e);
  return `These results could not be kept on this device (${why}). They stay on screen until you reload or close the tab; export them to keep a copy. Your schema and samples are saved.`;
}
