/**
 * The Import flow (one per page): files from the Import button, a drop anywhere or the OS
 * (launchQueue) are read one by one (CSV streamed by the import worker with progress and Cancel),
 * shown as a preview (import-plan.ts) and applied as ONE undoable command through the open project
 * (import-command.ts), so autosave and undo work. On the start screen Apply first creates the project;
 * the command then runs when ProjectView has opened it (`applyPending`). A file that cannot be read
 * only produces a message: nothing is written.
 */
import { project } from './project.svelte';
import { projects } from './projects.svelte';
import { autoLayout } from './layout';
import { readImportFile, type CsvReader, type ImportPart } from './import-read';
import { describeImportError, type ImportErrorView } from './import-errors';
import { buildImportPlan, defaultChoices, NEW_TABLE, type ImportChoices, type ImportPlan } from './import-plan';
import { importCommand, importLabel, placeNewTables, tablesToLayout } from './import-command';
import type { Point } from '$lib/db/commands';
import type { Schema } from '$lib/schema/model';

export type ImportMode = 'new-project' | 'add';
export type ImportPhase = 'idle' | 'reading' | 'preview' | 'applying';

export interface ImportFailure { key: string; file: File; error: ImportErrorView }

export interface ImportProgress { fileName: string; index: number; total: number; fraction: number; step: string }

const EMPTY: Schema = { tables: [], relationships: [] };

async function workerReader(): Promise<{ read: CsvReader; cancel: (jobId: string) => Promise<boolean> }> {
  const m = await import('$lib/workers/import-client');
  return { read: m.importCsvFile, cancel: m.cancelImport };
}

export class ImportSession {
  phase = $state<ImportPhase>('idle');
  mode = $state<ImportMode>('add');
  /** Parsed files: raw state, a CSV part may hold a million cells. */
  parts = $state.raw<ImportPart[]>([]);
  failures = $state.raw<ImportFailure[]>([]);
  progress = $state<ImportProgress | null>(null);
  choices = $state<ImportChoices>(defaultChoices());
  /** Result of the last import or cancel, for a status line outside the dialog. */
  notice = $state('');
  applyError = $state('');

  plan: ImportPlan | null = $derived(this.phase === 'preview' || this.phase === 'applying' ? buildImportPlan(this.parts, this.choices, this.#context()) : null);
  canApply = $derived(this.phase === 'preview' && !!this.plan && !this.plan.errors.length && !this.failures.length && this.parts.length > 0);

  #seq = 0;
  #jobId: string | null = null;
  #cancelled = false;
  #pending: { projectId: string; plan: ImportPlan; positions: Map<string, Point>; label: string } | null = null;

  constructor(private readonly reader: () => Promise<{ read: CsvReader; cancel: (jobId: string) => Promise<boolean> }> = workerReader) {}

  #existing(): Schema { return this.mode === 'add' ? project.schema : EMPTY; }

  #context() {
    const existingSampleRows: Record<string, number> = {};
    if (this.mode === 'add') for (const [id, s] of project.doc?.samples ?? []) existingSampleRows[id] = s.rows.length;
    return { existing: this.#existing(), newProject: this.mode === 'new-project', existingSampleRows };
  }

  get busy() { return this.phase === 'reading' || this.phase === 'applying'; }

  /**
   * Reads `files` and opens the preview. While a preview is open, more files are added to it.
   * `csvAsNewTable`: every CSV becomes a new table; `direct`: apply at once when there is nothing
   * to decide or fix ("Create table from CSV": the user already said what to do).
   */
  async start(files: File[], mode: ImportMode, opts: { csvAsNewTable?: boolean; direct?: boolean } = {}) {
    if (!files.length || this.busy) return;
    if (this.phase === 'idle') {
      this.mode = mode;
      this.parts = [];
      this.failures = [];
      this.choices = defaultChoices();
      this.applyError = '';
    }
    this.notice = '';
    const keyed = files.map((file) => ({ key: `${++this.#seq}:${file.name}`, file }));
    if (opts.csvAsNewTable) for (const k of keyed) this.choices.csvTarget[k.key] = NEW_TABLE;
    await this.#read(keyed);
    const plan = this.plan;
    if (opts.direct && this.canApply && plan && !plan.ambiguous.length && !plan.warnings.length) await this.apply();
  }

  async #read(files: { key: string; file: File }[], raggedRows: 'abort' | 'skip' = 'abort') {
    this.phase = 'reading';
    this.#cancelled = false;
    const { read, cancel } = await this.reader();
    try {
      for (let i = 0; i < files.length; i++) {
        if (this.#cancelled) break;
        const { key, file } = files[i];
        this.progress = { fileName: file.name, index: i + 1, total: files.length, fraction: 0, step: `reading ${file.name}` };
        try {
          const part = await readImportFile(file, {
            key, readCsv: read, raggedRows,
            onProgress: (p) => { if (this.progress && !this.#cancelled) this.progress = { ...this.progress, fraction: p.fraction, step: p.step }; },
            onJob: (id) => { this.#jobId = id; if (this.#cancelled) void cancel(id); }
          });
          if (!this.#cancelled) this.parts = [...this.parts, part];
        } catch (e) {
          const error = describeImportError(e);
          if (error.cancelled || this.#cancelled) break;
          this.failures = [...this.failures.filter((f) => f.key !== key), { key, file, error }];
        } finally {
          this.#jobId = null;
        }
      }
    } finally {
      this.progress = null;
    }
    if (this.#cancelled) {
      this.#reset();
      this.notice = 'Import cancelled. Nothing was changed.';
      return;
    }
    this.phase = 'preview';
  }

  /** Stops a running read (the worker job too) or closes the preview; nothing is written. */
  async cancel() {
    if (this.phase === 'reading') {
      this.#cancelled = true;
      const id = this.#jobId;
      if (id) await (await this.reader()).cancel(id);
      return;
    }
    if (this.phase === 'preview') {
      this.#reset();
      this.notice = 'Import cancelled. Nothing was changed.';
    }
  }

  /** Reads a file with ragged rows again, skipping the bad rows. */
  async skipBadRows(key: string) {
    const f = this.failures.find((x) => x.key === key);
    if (!f || this.busy) return;
    this.failures = this.failures.filter((x) => x.key !== key);
    await this.#read([{ key, file: f.file }], 'skip');
  }

  /** Leaves a file (read or failed) out of this import. */
  remove(key: string) {
    this.failures = this.failures.filter((x) => x.key !== key);
    this.parts = this.parts.filter((x) => x.key !== key);
    if (!this.failures.length && !this.parts.length) this.#reset();
  }

  setMissing(key: string, on: boolean) { this.choices.asMissing[key] = on; }
  setTarget(partKey: string, table: string) { this.choices.csvTarget[partKey] = table; }

  /**
   * Applies the preview. In a project: one command now. On the start screen: creates the project
   * and returns its id; ProjectView applies the command once it has opened it.
   */
  async apply(): Promise<string | null> {
    const plan = this.plan;
    if (!plan || !this.canApply) return null;
    this.phase = 'applying';
    this.applyError = '';
    try {
      const existing = this.#existing();
      const toLayout = tablesToLayout(plan);
      const layout = toLayout.tables.length ? await autoLayout(toLayout) : new Map<string, Point>();
      const positions = placeNewTables(plan, existing, layout);
      const label = importLabel(this.parts.map((p) => p.fileName));
      const summary = summarize(plan);
      if (this.mode === 'new-project') {
        const p = await projects.create(plan.projectName);
        this.#pending = { projectId: p.id, plan, positions, label };
        this.#reset();
        this.notice = summary;
        return p.id;
      }
      const doc = project.doc;
      if (!doc) throw new Error('Open a project first');
      project.dispatch(importCommand(plan, doc, positions, label));
      this.#reset();
      this.notice = summary;
      return doc.project.id;
    } catch (e) {
      this.phase = 'preview';
      this.applyError = e instanceof Error ? e.message : String(e);
      return null;
    }
  }

  /** Called by ProjectView after it opened `projectId`: runs an import waiting for that project. */
  applyPending(projectId: string) {
    const p = this.#pending;
    if (!p || p.projectId !== projectId || project.doc?.project.id !== projectId) return;
    this.#pending = null;
    project.dispatch(importCommand(p.plan, project.doc, p.positions, p.label));
  }

  #reset() {
    this.phase = 'idle';
    this.parts = [];
    this.failures = [];
    this.progress = null;
    this.choices = defaultChoices();
  }
}

function summarize(plan: ImportPlan): string {
  if (plan.tables.length === 1 && !plan.relationships.length && !plan.samples.length) {
    const t = plan.tables[0];
    return `Created table “${t.table.name}” with ${t.table.columns.length} columns from ${t.source}.`;
  }
  const bits = [
    plan.tables.length ? `${plan.tables.length} table${plan.tables.length === 1 ? '' : 's'}` : '',
    plan.relationships.length ? `${plan.relationships.length} relationship${plan.relationships.length === 1 ? '' : 's'}` : '',
    plan.samples.length ? `${plan.samples.length} sample${plan.samples.length === 1 ? '' : 's'} for existing tables` : ''
  ].filter(Boolean);
  return `Imported ${bits.join(', ') || 'settings'}. Undo removes it in one step.`;
}

export const importer = new ImportSession();
