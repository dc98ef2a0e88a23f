/** Shared by the ui-import-* unit tests: the import worker's code path run in Node, fixture files. */
import { readFileSync } from 'node:fs';
import { importCsvStream } from '../../src/lib/schema/formats/csv-import';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { readImportFile, type CsvReader, type ImportPart } from '../../src/lib/state/import-read';

/** Streaming read + full inference, as import.worker.ts does. */
export const nodeReader: CsvReader = (file, opts, onProgress) => ({
  jobId: 'job',
  result: importCsvStream(file, opts, { onProgress }).then((r) => ({ ...r, inference: inferTable(opts.tableName ?? 'table', r.table) }))
});

export const fromFixture = (path: string, name = path.split('/').pop()!) => new File([readFileSync(path)], name);

export const readPart = (file: File, raggedRows: 'abort' | 'skip' = 'abort'): Promise<ImportPart> =>
  readImportFile(file, { key: `k:${file.name}`, readCsv: nodeReader, raggedRows });
