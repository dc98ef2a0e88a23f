/**
 * "Compare synthesizers" (issue 11 §3): the same data, seed and settings through the Gaussian copula
 * and sequential CART, each at the project's fidelity ↔ privacy setting (else its default) and at the
 * privacy end of the slider (1), one after the other; every report is kept so the user can pick one —
 * the trade-off of both synthesizers on their own data, side by side.
 */
import type { Progress } from '$lib/engine/progress';
/** The synthesizers a user picks in the app (HMA-compatible mode is offered by the CLI and the API). */
type Synthesizer = 'copula' | 'cart';
import type { ProjectDoc } from '$lib/db/commands';
import { buildRequest, defaultPrivacy, generate, run, type GenerateResult } from './run.svelte';

export const SYNTHESIZERS: { id: Synthesizer; label: string }[] = [
  { id: 'copula', label: 'Gaussian copula' },
  { id: 'cart', label: 'Sequential CART' }
];

/** The privacy end of the slider, run next to each synthesizer's current setting. */
export const MOST_PRIVATE = 1;

export interface CompareEntry {
  /** `${synthesizer}@${privacy}` */
  id: string;
  synthesizer: Synthesizer;
  /** The fidelity ↔ privacy value used (the project's setting, else the synthesizer's default). */
  privacy: number;
  result: GenerateResult;
}

class CompareState {
  status = $state<'idle' | 'running' | 'done' | 'failed' | 'cancelled'>('idle');
  progress = $state<Progress>({ fraction: 0, step: '' });
  message = $state('');
  entries = $state.raw<CompareEntry[]>([]);
  projectId = $state<string | null>(null);
  #ac: AbortController | null = null;
  #schema: ProjectDoc['schema'] | null = null;

  async start(doc: ProjectDoc) {
    this.#ac?.abort();
    const ac = (this.#ac = new AbortController());
    this.status = 'running';
    this.message = '';
    this.entries = [];
    this.projectId = doc.project.id;
    const base = buildRequest(doc);
    this.#schema = base.schema;
    const out: CompareEntry[] = [];
    const plan = SYNTHESIZERS.flatMap((s) => {
      const own = base.privacy ?? defaultPrivacy(s.id);
      return (own === MOST_PRIVATE ? [own] : [own, MOST_PRIVATE]).map((privacy) => ({ s, privacy }));
    });
    try {
      for (const [i, { s, privacy }] of plan.entries()) {
        const onProgress = (p: Progress) => (this.progress = { fraction: (i + p.fraction) / plan.length, step: `${s.label} at ${privacy.toFixed(2)}: ${p.step}` });
        const result = await generate({ ...base, synthesizer: s.id, privacy }, onProgress, ac.signal);
        out.push({ id: `${s.id}@${privacy}`, synthesizer: s.id, privacy, result });
        this.entries = [...out];
      }
      this.status = 'done';
    } catch (e) {
      const code = (e as { code?: string }).code;
      this.status = code === 'run/cancelled' || ac.signal.aborted ? 'cancelled' : 'failed';
      this.message = this.status === 'cancelled' ? 'Comparison cancelled.' : e instanceof Error ? e.message : String(e);
    } finally {
      if (this.#ac === ac) this.#ac = null;
    }
  }

  cancel() { this.#ac?.abort(); }

  for(projectId: string | undefined): CompareEntry[] {
    return this.projectId === projectId ? this.entries : [];
  }

  /**
   * "Use this one": the synthesizer and its fidelity ↔ privacy value become the project's settings
   * (one undoable step; the synthesizer's default stays "default") and its run the current result.
   */
  use(entry: CompareEntry, doc: ProjectDoc, setSettings: (s: { synthesizer: Synthesizer; privacy: number | undefined }) => void) {
    const keepDefault = doc.project.settings.privacy === undefined && entry.privacy === defaultPrivacy(entry.synthesizer);
    setSettings({ synthesizer: entry.synthesizer, privacy: keepDefault ? undefined : entry.privacy });
    run.adopt(doc, entry.result, this.#schema ?? doc.schema);
  }
}

export const compare = new CompareState();
