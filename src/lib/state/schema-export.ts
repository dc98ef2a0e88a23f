/**
 * Share and export the project's schema as files: the app's own `*.schema.json` (tables, columns,
 * relationships, generation settings, canvas positions; sample data only when asked) and the
 * schema formats of other tools (SDV metadata JSON, DDL for PostgreSQL / MySQL / SQLite, DBML).
 * Pure: returns text; the component turns it into a download. No network.
 */
import type { ColumnarTable, Schema } from '$lib/schema/model';
import type { ProjectRow, SampleRow } from '$lib/db/db';
import { serializeSchemaFile } from '$lib/schema/formats/schema-file';
import { schemaToSdvMetadata, sdvMetadataToJson } from '$lib/schema/formats/sdv-metadata';
import { exportDdlText } from '$lib/schema/formats/export-sql';
import { postgres } from '$lib/schema/formats/export-sql-postgres';
import { mysql } from '$lib/schema/formats/export-sql-mysql';
import { sqlite } from '$lib/schema/formats/export-sql-sqlite';
import { exportDbml } from '$lib/schema/formats/dbml';
import { toRulesFile } from './rules-convert';

export interface ExportedFile {
  fileName: string;
  mime: string;
  text: string;
  /** Something the user should know (samples cut to the schema file's row limit). */
  notice?: string;
}

/** Rows of sample data a schema file carries per table (the reader's limit). */
export const SCHEMA_FILE_MAX_ROWS = 100_000;

/** A safe file name stem from a project name ("Shop / test" → "Shop-test"). */
export function fileStem(name: string): string {
  // eslint-disable-next-line no-control-regex
  const s = name.normalize('NFKC').replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ').replace(/^[\s.]+/, '').trim().replace(/\s+/g, '-');
  return s.slice(0, 80) || 'schema';
}

/** A stored sample (row-major, missing = empty cell) as a columnar table of at most `maxRows` rows. */
export function sampleToColumnar(s: SampleRow, maxRows = Infinity): ColumnarTable {
  const n = Math.min(s.rows.length, maxRows);
  const columns = s.header.map((_, c) => {
    const col: (string | null)[] = new Array(n);
    for (let r = 0; r < n; r++) { const v = s.rows[r][c]; col[r] = v === undefined || v === '' ? null : v; }
    return col;
  });
  return { names: [...s.header], columns };
}

export function schemaFileExport(doc: { project: ProjectRow; schema: Schema; samples: ReadonlyMap<string, SampleRow> }, opts: { includeSamples: boolean }): ExportedFile {
  let notice: string | undefined;
  let samples: Record<string, ColumnarTable> | undefined;
  if (opts.includeSamples) {
    samples = {};
    const cut: string[] = [];
    for (const t of doc.schema.tables) {
      const s = doc.samples.get(t.id);
      if (!s) continue;
      if (s.rows.length > SCHEMA_FILE_MAX_ROWS) cut.push(t.name);
      samples[t.name] = sampleToColumnar(s, SCHEMA_FILE_MAX_ROWS);
    }
    if (!Object.keys(samples).length) samples = undefined;
    if (cut.length) notice = `Samples of ${cut.join(', ')} were cut to the first ${SCHEMA_FILE_MAX_ROWS.toLocaleString('en')} rows (the schema file's limit); share larger samples as CSV.`;
  }
  const { scale, quality_threshold, include_relationships, seed, sample_size, new_rows_only } = doc.project.settings;
  // Business rules by table name (a cross-table rule whose relationship was removed cannot be written).
  const { rules } = toRulesFile(doc.schema, doc.project.rules);
  const text = serializeSchemaFile({
    name: doc.project.name,
    schema: JSON.parse(JSON.stringify(doc.schema)),
    settings: { scale, quality_threshold, include_relationships, seed, ...(sample_size ? { sample_size } : {}), ...(new_rows_only === false ? { new_rows_only } : {}) },
    ...(samples ? { samples } : {}),
    ...(rules ? { rules } : {})
  });
  return { fileName: `${fileStem(doc.project.name)}.schema.json`, mime: 'application/json', text, ...(notice ? { notice } : {}) };
}

export type SchemaExportKind = 'sdv' | 'postgres' | 'mysql' | 'sqlite' | 'dbml';

export const SCHEMA_EXPORTS: { kind: SchemaExportKind; label: string }[] = [
  { kind: 'sdv', label: 'SDV metadata (JSON)' },
  { kind: 'postgres', label: 'SQL DDL — PostgreSQL' },
  { kind: 'mysql', label: 'SQL DDL — MySQL' },
  { kind: 'sqlite', label: 'SQL DDL — SQLite' },
  { kind: 'dbml', label: 'DBML' }
];

export async function exportSchemaAs(schema: Schema, kind: SchemaExportKind, projectName: string): Promise<ExportedFile> {
  const stem = fileStem(projectName);
  const plain: Schema = JSON.parse(JSON.stringify(schema));
  switch (kind) {
    case 'sdv': return { fileName: `${stem}.metadata.json`, mime: 'application/json', text: sdvMetadataToJson(schemaToSdvMetadata(plain)) };
    case 'postgres': return { fileName: `${stem}.postgres.sql`, mime: 'application/sql', text: await exportDdlText(plain, postgres) };
    case 'mysql': return { fileName: `${stem}.mysql.sql`, mime: 'application/sql', text: await exportDdlText(plain, mysql) };
    case 'sqlite': return { fileName: `${stem}.sqlite.sql`, mime: 'application/sql', text: await exportDdlText(plain, sqlite) };
    case 'dbml': return { fileName: `${stem}.dbml`, mime: 'text/plain', text: exportDbml(plain) };
  }
}
