/**
 * A chunk stream → one Blob without freezing the page: chunks are collected as Blob parts and the
 * loop yields to the event loop whenever it has worked for `budgetMs`, so input and painting go on
 * during a large export. Cancellable with an AbortSignal.
 */
import { AppError } from '$lib/schema/model';

export interface BlobStreamOptions {
  signal?: AbortSignal;
  /** Bytes (approx., UTF-16 length for text) gathered so far. */
  onProgress?: (bytes: number, chunks: number) => void;
  /** Longest stretch of work between yields, in ms (default 12). */
  budgetMs?: number;
}

/** Lets the event loop run (a macrotask, so rendering and input are not starved). */
export const yieldToEventLoop = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export async function chunksToBlob(chunks: AsyncIterable<string | Uint8Array>, type: string, opts: BlobStreamOptions = {}): Promise<Blob> {
  const parts: (string | Uint8Array)[] = [];
  const budget = opts.budgetMs ?? 12;
  let bytes = 0, count = 0, since = performance.now();
  for await (const c of chunks) {
    if (opts.signal?.aborted) throw new AppError('export/cancelled', 'The export was cancelled');
    parts.push(c);
    bytes += c.length;
    count++;
    if (performance.now() - since >= budget) {
      opts.onProgress?.(bytes, count);
      await yieldToEventLoop();
      since = performance.now();
    }
  }
  if (opts.signal?.aborted) throw new AppError('export/cancelled', 'The export was cancelled');
  opts.onProgress?.(bytes, count);
  return new Blob(parts as BlobPart[], { type });
}

/** Human size: 1.2 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
