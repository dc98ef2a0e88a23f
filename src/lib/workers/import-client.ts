/** Page-side handle on the import worker (one per page, created lazily). */
import * as Comlink from 'comlink';
import type { CsvImportOptions } from '$lib/schema/formats/csv-import';
import type { Progress } from '$lib/engine/progress';
import { AppError } from '$lib/schema/model';
import type { CsvImportWithInference, ImportWorkerApi } from './import.worker';

let remote: Comlink.Remote<ImportWorkerApi> | undefined;

export function importWorker(): Comlink.Remote<ImportWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'import' });
    remote = Comlink.wrap<ImportWorkerApi>(worker);
  }
  return remote;
}

/**
 * Imports a CSV file in the worker. Returns the job id (for `cancelImport`) and the result promise;
 * errors arrive as rejected promises carrying the AppError's `code` and `message`.
 */
export function importCsvFile(file: File, opts: CsvImportOptions & { tableName?: string } = {}, onProgress?: (p: Progress) => void): { jobId: string; result: Promise<CsvImportWithInference> } {
  const jobId = crypto.randomUUID();
  const result = importWorker()
    .importCsv(jobId, file, opts, onProgress ? Comlink.proxy(onProgress) : undefined)
    .catch((e: { code?: string; message?: string; where?: AppError['where']; details?: unknown }) => {
      throw new AppError(e?.code ?? 'import/failed', e?.message ?? String(e), e?.where ?? {}, e?.details);
    });
  return { jobId, result };
}

export function cancelImport(jobId: string): Promise<boolean> {
  return importWorker().cancel(jobId);
}
