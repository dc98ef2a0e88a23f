/**
 * The import worker: streams a CSV file through PapaParse off the main thread, reports progress,
 * cancels by job id, then infers column types. A thin Comlink wrapper — all logic is in
 * `$lib/schema/formats/csv-import.ts` and `infer.ts` (tested in Node).
 */
import * as Comlink from 'comlink';
import { importCsvStream, type CsvImportOptions, type CsvImportResult } from '$lib/schema/formats/csv-import';
import { inferTable, type TableInference } from '$lib/schema/formats/infer';
import type { Progress } from '$lib/engine/progress';
import { AppError } from '$lib/schema/model';

const running = new Map<string, AbortController>();

export interface CsvImportWithInference extends CsvImportResult {
  inference: TableInference;
}

const api = {
  /** Reads `file` (a File/Blob, or text) and infers its columns; `tableName` defaults to the file name without extension. */
  async importCsv(jobId: string, file: Blob | string, opts: CsvImportOptions & { tableName?: string } = {}, onProgress?: (p: Progress) => void): Promise<CsvImportWithInference> {
    const ac = new AbortController();
    running.set(jobId, ac);
    try {
      const fileName = opts.fileName ?? (typeof file !== 'string' && 'name' in file ? String((file as File).name) : undefined);
      const result = await importCsvStream(file, { ...opts, fileName }, { signal: ac.signal, onProgress: onProgress ? (p) => void onProgress(p) : undefined });
      onProgress?.({ fraction: 1, step: 'detecting column types' });
      const tableName = opts.tableName ?? (fileName ? fileName.replace(/\.[^.]+$/, '') : 'table');
      return { ...result, inference: inferTable(tableName, result.table) };
    } catch (e) {
      // Comlink sends an Error as {name, message, stack} only: send the AppError's fields as a plain object.
      throw e instanceof AppError ? { code: e.code, message: e.message, where: e.where, details: e.details } : { code: 'import/failed', message: e instanceof Error ? e.message : String(e), where: {} };
    } finally {
      running.delete(jobId);
    }
  },
  cancel(jobId: string): boolean {
    const ac = running.get(jobId);
    ac?.abort();
    return !!ac;
  }
};

export type ImportWorkerApi = typeof api;
Comlink.expose(api);
