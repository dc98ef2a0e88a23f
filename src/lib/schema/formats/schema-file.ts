/**
 * The app's own project file, `*.schema.json`:
 * `{ format: "synthetic-data-studio/schema", version: 1, name, tables, relationships, settings,
 *    canvas, samples }`. Read defensively: size and nesting caps, `__proto__`-style keys dropped,
 * every field checked with zod, unknown keys stripped, names with control characters or markup
 * rejected, and every problem reported with its JSON path. Never throws anything but `AppError`.
 */
import { z } from 'zod';
import { AppError, DATA_TYPES, type ColumnarTable, type GenerationSettings, type Schema } from '../model';
import { issuesToProblems, parseJsonSafe, type Problem } from './json-safe';
import { validateSchema } from '../validate';

export const SCHEMA_FILE_FORMAT = 'synthetic-data-studio/schema';
export const SCHEMA_FILE_VERSION = 1;

const MAX_TABLES = 500, MAX_COLUMNS = 2000, MAX_ROWS = 100_000;
// eslint-disable-next-line no-control-regex
const safeName = z.string().trim().min(1, 'must not be empty').max(128, 'is longer than 128 characters')
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'contains control characters')
  .refine((s) => !/[<>]/.test(s), 'contains < or > (markup is not allowed in names)');
const id = z.string().min(1).max(100);
const text = z.string().max(10_000);

const hints = z.object({
  min: z.union([z.number(), z.string().max(100)]).optional(),
  max: z.union([z.number(), z.string().max(100)]).optional(),
  decimals: z.number().int().min(0).max(30).optional(),
  categories: z.array(z.string().max(1000)).max(10_000).optional(),
  provider: z.string().max(100).optional(),
  exclude_from_model: z.boolean().optional(),
  datetime_format: z.string().max(100).optional(),
  regex_format: z.string().max(500).optional(),
  sdtype: z.string().max(50).optional(),
  distribution: z.string().max(50).optional(),
  computer_representation: z.string().max(20).optional(),
  pii: z.boolean().optional(),
  missing_tokens: z.array(z.string().max(100)).max(100).optional()
});

const column = z.object({
  id, name: safeName, data_type: z.enum(DATA_TYPES),
  is_nullable: z.boolean(), is_primary_key: z.boolean(), is_unique: z.boolean(),
  description: text.optional(), hints: hints.optional()
});

const position = z.object({ x: z.number().finite(), y: z.number().finite() });

const table = z.object({ id, name: safeName, description: text.optional(), columns: z.array(column).max(MAX_COLUMNS), position: position.optional() });

const relationship = z.object({
  id, source_table_id: id, source_column_id: id, target_table_id: id, target_column_id: id,
  relationship_type: z.enum(['one-to-one', 'one-to-many', 'many-to-many']),
  created_at: z.string().max(40).optional()
});

const settings = z.object({
  scale: z.number().positive().max(1000),
  sample_size: z.number().int().positive().max(100_000_000).optional(),
  quality_threshold: z.number().min(0).max(1),
  include_relationships: z.boolean(),
  seed: z.number().int()
});

const columnar = z.object({
  names: z.array(z.string().max(1000)).max(MAX_COLUMNS),
  columns: z.array(z.array(z.string().max(100_000).nullable()).max(MAX_ROWS)).max(MAX_COLUMNS)
}).refine((t) => t.names.length === t.columns.length && t.columns.every((c) => c.length === (t.columns[0]?.length ?? 0)), 'names and columns must have matching lengths');

const schemaFile = z.object({
  format: z.literal(SCHEMA_FILE_FORMAT),
  version: z.literal(SCHEMA_FILE_VERSION),
  name: z.string().max(200).optional(),
  exported_at: z.string().max(40).optional(),
  tables: z.array(table).max(MAX_TABLES),
  relationships: z.array(relationship).max(MAX_TABLES * 20),
  settings: settings.optional(),
  canvas: z.object({ zoom: z.number().positive().max(100), pan: position }).optional(),
  samples: z.record(safeName, columnar).optional()
});

export interface SchemaFile {
  format: typeof SCHEMA_FILE_FORMAT;
  version: typeof SCHEMA_FILE_VERSION;
  name?: string;
  exported_at?: string;
  schema: Schema;
  settings?: GenerationSettings;
  canvas?: { zoom: number; pan: { x: number; y: number } };
  /** Sample data per table name. */
  samples?: Record<string, ColumnarTable>;
}

export interface SchemaFileResult {
  file: SchemaFile;
  /** Warnings (dropped keys, schema advice); errors are thrown. */
  problems: Problem[];
}

/**
 * Reads a schema file. Throws `AppError('schema-file/invalid')` whose `details` lists every
 * problem `{code, message, path}`; JSON-level failures keep their `json/*` codes.
 */
export function parseSchemaFile(input: string, fileName?: string): SchemaFileResult {
  const dropped: string[] = [];
  const doc = parseJsonSafe(input, fileName, dropped);
  const warnings: Problem[] = dropped.map((k) => ({ code: 'schema-file/dropped-key', message: `Ignored a key named "${k}"`, path: '', severity: 'warning' }));
  const head = doc as { format?: unknown; version?: unknown } | null;
  if (!head || typeof head !== 'object' || head.format !== SCHEMA_FILE_FORMAT) {
    throw new AppError('schema-file/not-a-schema-file', `${fileName ?? 'The file'} is not a Synthetic Data Studio schema file (expected "format": "${SCHEMA_FILE_FORMAT}")`, { file: fileName, path: 'format' });
  }
  if (typeof head.version === 'number' && head.version > SCHEMA_FILE_VERSION) {
    throw new AppError('schema-file/newer-version', `${fileName ?? 'The file'} was written by a newer version (file version ${head.version}, this app reads ${SCHEMA_FILE_VERSION})`, { file: fileName, path: 'version' });
  }
  const parsed = schemaFile.safeParse(doc);
  if (!parsed.success) {
    const problems = issuesToProblems('schema-file', parsed.error.issues);
    throw new AppError('schema-file/invalid', `${fileName ?? 'The schema file'} has ${problems.length} problem(s); first: ${problems[0].message}`, { file: fileName, path: problems[0].path }, problems);
  }
  const d = parsed.data;
  const schema: Schema = { tables: d.tables, relationships: d.relationships };
  const problems = validateSchema(schema);
  const errors = problems.filter((p) => (p.severity ?? 'error') === 'error');
  if (errors.length) {
    throw new AppError('schema-file/invalid', `${fileName ?? 'The schema file'} has ${errors.length} problem(s); first: ${errors[0].message}`, { file: fileName, path: errors[0].path }, errors);
  }
  const file: SchemaFile = { format: SCHEMA_FILE_FORMAT, version: SCHEMA_FILE_VERSION, schema };
  if (d.name !== undefined) file.name = d.name;
  if (d.exported_at !== undefined) file.exported_at = d.exported_at;
  if (d.settings) file.settings = d.settings;
  if (d.canvas) file.canvas = d.canvas;
  if (d.samples) file.samples = d.samples;
  return { file, problems: [...warnings, ...problems] };
}

/** Writes a schema file (pretty JSON). */
export function serializeSchemaFile(f: Omit<SchemaFile, 'format' | 'version'>): string {
  const out = {
    format: SCHEMA_FILE_FORMAT,
    version: SCHEMA_FILE_VERSION,
    ...(f.name !== undefined ? { name: f.name } : {}),
    exported_at: f.exported_at ?? new Date().toISOString(),
    tables: f.schema.tables,
    relationships: f.schema.relationships,
    ...(f.settings ? { settings: f.settings } : {}),
    ...(f.canvas ? { canvas: f.canvas } : {}),
    ...(f.samples ? { samples: f.samples } : {})
  };
  return JSON.stringify(out, null, 2) + '\n';
}
