/** Progress reporting and cooperative cancellation shared by every long engine call. */

export interface Progress {
  /** 0..1 */
  fraction: number;
  /** What is happening now, in the user's words ("fitting table orders"). */
  step: string;
}

export interface RunControl {
  onProgress?: (p: Progress) => void | Promise<void>;
  /** Checked between chunks; an AbortSignal fits. */
  signal?: { readonly aborted: boolean };
}

export class CancelledError extends Error {
  readonly code = 'run/cancelled';
  constructor() {
    super('The run was cancelled');
    this.name = 'CancelledError';
  }
}

/** Yields to the event loop: a MessageChannel task where available (no 4 ms clamp of nested timers). */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((r) => setTimeout(r, 0));
  return new Promise((r) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { ch.port1.close(); r(); };
    ch.port2.postMessage(null);
  });
}

/** Yield at most this often: enough for a cancel message to arrive, cheap for fine-grained loops. */
const YIELD_EVERY_MS = 8;
let lastYield = 0;

/**
 * Called between chunks of work: reports progress, yields to the event loop (at most every few ms)
 * so a cancel message can reach a busy worker, then throws if the run was cancelled.
 */
export async function checkpoint(ctl: RunControl | undefined, fraction: number, step: string): Promise<void> {
  if (!ctl) return;
  if (ctl.onProgress) await ctl.onProgress({ fraction, step });
  const now = typeof performance !== 'undefined' ? performance.now() : Date.now();
  if (now - lastYield >= YIELD_EVERY_MS) {
    await yieldToEventLoop();
    lastYield = typeof performance !== 'undefined' ? performance.now() : Date.now();
  }
  if (ctl.signal?.aborted) throw new CancelledError();
}
