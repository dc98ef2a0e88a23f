/**
 * "Compare synthesizers" (issue 11 §3): the same data, seed and settings through the Gaussian copula
 * and sequential CART, one after the other; both reports are kept so the user can pick one.
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

export interface CompareEntry {
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
    try {
      for (const [i, s] of SYNTHESIZERS.entries()) {
        const privacy = base.privacy ?? defaultPrivacy(s.id);
        const onProgress = (p: Progress) => (this.progress = { fraction: (i + p.fraction) / SYNTHESIZERS.length, step: `${s.label}: ${p.step}` });
        const result = await generate({ ...base, synthesizer: s.id, privacy }, onProgress, ac.signal);
        out.push({ synthesizer: s.id, privacy, result });
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

  /** "Use this one": the synthesizer becomes the project's setting (undoable) and its run the current result. */
  use(entry: CompareEntry, doc: ProjectDoc, setSynthesizer: (s: Synthesizer) => void) {
    setSynthesizer(entry.synthesizer);
    run.adopt(doc, entry.result, this.#schema ?? doc.schema);
  }
}

export const compare = new CompareState();
