/**
 * What the results "Export" produces for a format choice: file name, MIME type and a chunk stream,
 * built on the formats layer (CSV / zip of CSVs, JSON records or one object, SQL per dialect, the
 * schema as SDV metadata JSON or as DDL). Pure: no DOM; the page streams the chunks into a Blob.
 */
import { AppError, type ColumnarTable, type Schema, type SdvMetadata } from '$lib/schema/model';
import { exportDdlText, exportJsonObject, exportJsonRecords, exportSqlChunks, exportTablesAsCsv, mysql, postgres, schemaToSdvMetadata, sdvMetadataToJson, sqlite, zipChunks, type SqlDialectSpec } from '$lib/schema/formats';

export type ExportFormat = 'csv' | 'json-records' | 'json-object' | 'sql' | 'sdv-metadata' | 'ddl';
export type SqlDialectId = 'postgresql' | 'mysql' | 'sqlite';

export const EXPORT_FORMATS: { id: ExportFormat; label: string; needsDialect: boolean }[] = [
  { id: 'csv', label: 'CSV (one file per table; several tables in a .zip)', needsDialect: false },
  { id: 'json-records', label: 'JSON records per table', needsDialect: false },
  { id: 'json-object', label: 'JSON, one object keyed by table', needsDialect: false },
  { id: 'sql', label: 'SQL script (CREATE TABLE + INSERT)', needsDialect: true },
  { id: 'sdv-metadata', label: 'Schema as SDV metadata JSON', needsDialect: false },
  { id: 'ddl', label: 'Schema as DDL (CREATE TABLE)', needsDialect: true }
];

export const SQL_DIALECT_CHOICES: { id: SqlDialectId; label: string }[] = [
  { id: 'postgresql', label: 'PostgreSQL' },
  { id: 'mysql', label: 'MySQL' },
  { id: 'sqlite', label: 'SQLite' }
];

const DIALECTS: Record<SqlDialectId, SqlDialectSpec> = { postgresql: postgres, mysql, sqlite };

export interface ExportChoice { format: ExportFormat; dialect: SqlDialectId }

export interface ExportContext {
  /** Synthetic tables by name. */
  data: Record<string, ColumnarTable>;
  /** The schema the data was generated from. */
  schema: Schema;
  /** SDV metadata the engine modelled (defaults to the schema's). */
  metadata?: SdvMetadata;
  /** Base for file names (project name). */
  baseName: string;
}

export interface ExportFile { fileName: string; mimeType: string; chunks: AsyncIterable<string | Uint8Array> }

/** A file-name-safe version of a project name. */
export function safeFileBase(name: string): string {
  const s = name.normalize('NFKC').replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').replace(/\s+/g, '-').replace(/^[.-]+|[.-]+$/g, '').slice(0, 80);
  return s || 'synthetic-data';
}

async function* once(text: string): AsyncGenerator<string> { yield text; }

/** Only the tables that have data, with the relationships between them. */
function schemaFor(schema: Schema, data: Record<string, ColumnarTable>): Schema {
  const tables = schema.tables.filter((t) => data[t.name]);
  const ids = new Set(tables.map((t) => t.id));
  return { tables, relationships: schema.relationships.filter((r) => ids.has(r.source_table_id) && ids.has(r.target_table_id)) };
}

/** Rows per chunk: small enough that producing one chunk stays well under a frame budget's few multiples. */
const CSV_CHUNK_ROWS = 2000, JSON_CHUNK_ROWS = 1000;

export function exportPlan(choice: ExportChoice, ctx: ExportContext): ExportFile {
  const base = safeFileBase(ctx.baseName);
  const names = Object.keys(ctx.data);
  const needsData = choice.format === 'csv' || choice.format === 'json-records' || choice.format === 'json-object' || choice.format === 'sql';
  if (needsData && !names.length) throw new AppError('export/no-data', 'There is no synthetic data to export yet: generate data first');
  const dialect = DIALECTS[choice.dialect];
  if ((choice.format === 'sql' || choice.format === 'ddl') && !dialect) throw new AppError('export/dialect', `Unknown SQL dialect "${choice.dialect}"`);
  switch (choice.format) {
    case 'csv':
      return exportTablesAsCsv(ctx.data, base, { chunkRows: CSV_CHUNK_ROWS });
    case 'json-records': {
      const table = (n: string) => ctx.schema.tables.find((t) => t.name === n);
      if (names.length === 1) return { fileName: `${names[0]}.json`, mimeType: 'application/json', chunks: exportJsonRecords(ctx.data[names[0]], table(names[0]), { chunkRows: JSON_CHUNK_ROWS }) };
      return { fileName: `${base}-json.zip`, mimeType: 'application/zip', chunks: zipChunks(names.map((n) => ({ name: `${n}.json`, chunks: exportJsonRecords(ctx.data[n], table(n), { chunkRows: JSON_CHUNK_ROWS }) }))) };
    }
    case 'json-object':
      return { fileName: `${base}.json`, mimeType: 'application/json', chunks: exportJsonObject(ctx.data, ctx.schema.tables, { chunkRows: JSON_CHUNK_ROWS }) };
    case 'sql':
      return { fileName: `${base}-${choice.dialect}.sql`, mimeType: 'application/sql', chunks: exportSqlChunks(schemaFor(ctx.schema, ctx.data), dialect, ctx.data, { batchSize: 500 }) };
    case 'sdv-metadata':
      return { fileName: `${base}-metadata.json`, mimeType: 'application/json', chunks: once(sdvMetadataToJson(ctx.metadata ?? schemaToSdvMetadata(ctx.schema))) };
    case 'ddl':
      return { fileName: `${base}-schema-${choice.dialect}.sql`, mimeType: 'application/sql', chunks: (async function* () { yield await exportDdlText(ctx.schema, dialect); })() };
    default:
      throw new AppError('export/format', `Unknown export format "${String((choice as ExportChoice).format)}"`);
  }
}
