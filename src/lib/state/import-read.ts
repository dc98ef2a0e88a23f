/**
 * One dropped or picked file → an `ImportPart`: detects the format (`detectFormat`, docs/formats.md)
 * and runs the matching importer. CSV goes through a `CsvReader` (the import worker in the app, the
 * same streaming code in Node tests). Every failure is an `AppError` with a specific code; nothing
 * here touches the project.
 */
import { looksBinary, type CsvImportOptions, type CsvImportResult, type RaggedRow } from '$lib/schema/formats/csv-import';
import { detectFormat, type ImportFormat } from '$lib/schema/formats/detect';
import { importDdl } from '$lib/schema/formats/ddl';
import { importDbml } from '$lib/schema/formats/dbml';
import { parseSdvMetadata, sdvMetadataToSchema } from '$lib/schema/formats/sdv-metadata';
import { parseRequestJson } from '$lib/schema/formats/request-json';
import { parseSchemaFile, type FileRules } from '$lib/schema/formats/schema-file';
import { MAX_JSON_CHARS, parseJsonSafe } from '$lib/schema/formats/json-safe';
import type { TableInference } from '$lib/schema/formats/infer';
import { AppError, type ColumnarTable, type GenerationSettings, type Schema } from '$lib/schema/model';
import { tableNameFromFile } from './csv-table';

export type SchemaFormat = Exclude<ImportFormat, 'csv'>;

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  csv: 'CSV data', ddl: 'SQL DDL script', dbml: 'DBML', 'sdv-metadata': 'SDV metadata JSON',
  'request-json': 'API request JSON', 'schema-file': 'Synthetic Data Studio schema file'
};

/** A file that describes tables (DDL, DBML, SDV metadata, request JSON, schema file). */
export interface SchemaPart {
  kind: 'schema';
  /** Unique within one import session (two files may share a name). */
  key: string;
  fileName: string;
  format: SchemaFormat;
  schema: Schema;
  warnings: string[];
  /** Neutral facts for the preview ("PostgreSQL dialect; 9 other statements ignored"). */
  notes: string[];
  settings?: GenerationSettings;
  /** Sample data by table name (schema files only). */
  samples?: Record<string, ColumnarTable>;
  /** Project name stored in a schema file. */
  projectName?: string;
  /** Business rules by table name (schema files only; docs/rules.md). */
  rules?: FileRules;
}

/** A CSV file: its data and the worker's full type inference. */
export interface CsvPart {
  kind: 'csv';
  key: string;
  fileName: string;
  /** Suggested table name ("Orders 2024.csv" → orders_2024). */
  tableName: string;
  data: ColumnarTable;
  inference: TableInference;
  rowCount: number;
  delimiter: string;
  /** Rows dropped with "skip bad rows" (first 1000) and how many in all. */
  skipped: RaggedRow[];
  skippedCount: number;
  warnings: string[];
}

export type ImportPart = SchemaPart | CsvPart;

export type CsvWithInference = CsvImportResult & { inference: TableInference };

/** Reads a CSV file, reporting progress; `jobId` cancels it (`cancelImport`). */
export type CsvReader = (
  file: File,
  opts: CsvImportOptions & { tableName?: string },
  onProgress?: (p: { fraction: number; step: string }) => void
) => { jobId: string; result: Promise<CsvWithInference> };

export interface ReadOptions {
  key: string;
  readCsv: CsvReader;
  raggedRows?: 'abort' | 'skip';
  onProgress?: (p: { fraction: number; step: string }) => void;
  /** Called with the worker job id as soon as a CSV read starts (for Cancel). */
  onJob?: (jobId: string) => void;
}

const CSV_NAME = /\.(csv|tsv|tab|psv|txt)$/i;
const SUPPORTED = 'CSV, SQL DDL (.sql), DBML, SDV metadata JSON, an API request JSON or a .schema.json file';

/** "world.metadata.json" → "world"; used as the table name of single-table SDV metadata. */
export function baseName(fileName: string): string {
  return tableNameFromFile(fileName.replace(/(\.(schema|metadata|sdv))+\.json$/i, '.json'));
}

/** Detects and reads one file. Throws `AppError` with a specific code on bad input. */
export async function readImportFile(file: File, o: ReadOptions): Promise<ImportPart> {
  const name = file.name || 'file';
  if (file.size === 0) throw new AppError('import/empty', `${name} is empty`, { file: name });
  const head = await file.slice(0, 65536).text();
  if (looksBinary(head)) throw new AppError('import/binary', `${name} is not a text file (it contains binary data). Import reads ${SUPPORTED}.`, { file: name });
  let format: ImportFormat | null;
  let text = '';
  if (CSV_NAME.test(name)) format = detectFormat(name.replace(/\.txt$/i, '.csv'), head);
  else if (file.size > MAX_JSON_CHARS) {
    // Too big to read as one string on the page: only CSV streams.
    format = detectFormat(name, head) === 'csv' && !/\.(json|sql|ddl|dbml)$/i.test(name) ? 'csv' : null;
    if (!format) throw new AppError('import/too-large', `${name} is ${(file.size / 1048576).toFixed(0)} MB; schema files are limited to ${MAX_JSON_CHARS / 1048576} MB`, { file: name });
  } else {
    text = await file.text();
    format = detectFormat(name, text);
  }
  if (!format) {
    if (!(text || head).trim()) throw new AppError('import/empty', `${name} is empty (only spaces and line breaks)`, { file: name });
    const body = (text || head).replace(/^\uFEFF/, '').trimStart();
    if (/\.json$/i.test(name) || body.startsWith('{') || body.startsWith('[')) {
      parseJsonSafe(text, name); // throws json/syntax with the parser's position
      throw new AppError('import/unknown-json', `${name} is valid JSON but not a schema file, SDV metadata or an API request (no "format", "tables" with "columns", or "METADATA_SPEC_VERSION")`, { file: name, path: '' });
    }
    throw new AppError('import/unknown-format', `${name} is not a format Import reads (${SUPPORTED})`, { file: name });
  }
  if (format === 'csv') return readCsvPart(file, name, o);
  return readSchemaPart(format, text, name, o.key);
}

async function readCsvPart(file: File, name: string, o: ReadOptions): Promise<CsvPart> {
  const tableName = tableNameFromFile(name);
  const { jobId, result } = o.readCsv(file, { fileName: name, raggedRows: o.raggedRows ?? 'abort', tableName }, o.onProgress);
  o.onJob?.(jobId);
  const r = await result;
  return {
    kind: 'csv', key: o.key, fileName: name, tableName, data: r.table, inference: r.inference, rowCount: r.rowCount,
    delimiter: r.delimiter, skipped: r.raggedRows, skippedCount: r.raggedRowCount,
    warnings: r.warnings.map((w) => w.message)
  };
}

const DIALECT_NAMES = { postgresql: 'PostgreSQL', mysql: 'MySQL', sqlite: 'SQLite', transactsql: 'SQL Server' } as const;

export async function readSchemaPart(format: SchemaFormat, text: string, name: string, key: string): Promise<SchemaPart> {
  const part: SchemaPart = { kind: 'schema', key, fileName: name, format, schema: { tables: [], relationships: [] }, warnings: [], notes: [] };
  switch (format) {
    case 'ddl': {
      const r = await importDdl(text, { file: name });
      part.schema = r.schema;
      part.warnings = r.warnings.map((w) => w.message);
      part.notes.push(`${DIALECT_NAMES[r.dialect]} dialect`);
      if (r.ignored) part.notes.push(`${r.ignored} other statement${r.ignored === 1 ? '' : 's'} (SET, INSERT, sequences …) ignored`);
      break;
    }
    case 'dbml': {
      const r = await importDbml(text, name);
      part.schema = r.schema;
      part.warnings = r.warnings.map((w) => (w.line ? `Line ${w.line}: ${w.message}` : w.message));
      break;
    }
    case 'sdv-metadata': {
      const r = parseSdvMetadata(text, baseName(name), name);
      part.schema = sdvMetadataToSchema(r.metadata);
      part.warnings = r.warnings.map((w) => w.message);
      break;
    }
    case 'request-json': {
      const r = parseRequestJson(text, name);
      part.schema = r.schema;
      part.settings = r.settings;
      break;
    }
    case 'schema-file': {
      const r = parseSchemaFile(text, name);
      part.schema = r.file.schema;
      part.warnings = r.problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message));
      if (r.file.settings) part.settings = r.file.settings;
      if (r.file.samples && Object.keys(r.file.samples).length) part.samples = r.file.samples;
      if (r.file.name) part.projectName = r.file.name;
      if (r.file.rules) part.rules = r.file.rules;
      break;
    }
  }
  if (!part.schema.tables.length) {
    throw new AppError('import/no-tables', `${name} describes no tables${part.warnings.length ? `: ${part.warnings[0]}` : ''}`, { file: name }, part.warnings.map((message) => ({ path: '', message })));
  }
  return part;
}
