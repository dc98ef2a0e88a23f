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

/**
 * Called between chunks of work: reports progress, yields to the event loop so a cancel message
 * can be delivered to a busy worker, then throws if the run was cancelled.
 */
export async function checkpoint(ctl: RunControl | undefined, fraction: number, step: string): Promise<void> {
  if (!ctl) return;
  if (ctl.onProgress) await ctl.onProgress({ fraction, step });
  await new Promise<void>((r) => setTimeout(r, 0));
  if (ctl.signal?.aborted) throw new CancelledError();
}
