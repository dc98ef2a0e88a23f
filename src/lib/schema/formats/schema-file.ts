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
  seed: z.number().int(),
  new_rows_only: z.boolean().optional()
});

const columnar = z.object({
  names: z.array(z.string().max(1000)).max(MAX_COLUMNS),
  columns: z.array(z.array(z.string().max(100_000).nullable()).max(MAX_ROWS)).max(MAX_COLUMNS)
}).refine((t) => t.names.length === t.columns.length && t.columns.every((c) => c.length === (t.columns[0]?.length ?? 0)), 'names and columns must have matching lengths');

// Business rules (docs/rules.md), the same JSON as a rules file: strict objects so a typo ("hihg")
// is an error rather than a silently dropped bound. Kept here (not imported from the engine)
// because the schema layer depends on npm libraries only; tests check both parsers agree.
const ruleColumn = z.string().min(1, 'needs a column name').max(128);
const ruleBound = z.union([z.number().finite(), z.string().min(1).max(100)]);
const ruleColumns = (min: number) => z.array(ruleColumn).min(min, `needs at least ${min} columns`).max(MAX_COLUMNS)
  .refine((a) => new Set(a).size === a.length, 'lists a column twice');
const strict = z.boolean().optional();

export const tableRuleSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('inequality'), low: ruleColumn, high: ruleColumn, strict }),
  z.strictObject({ type: z.literal('range'), low: ruleColumn, column: ruleColumn, high: ruleColumn, strict }),
  z.strictObject({ type: z.literal('value_range'), column: ruleColumn, min: ruleBound.optional(), max: ruleBound.optional(), strict })
    .refine((r) => r.min !== undefined || r.max !== undefined, 'needs "min", "max" or both'),
  z.strictObject({ type: z.literal('positive'), column: ruleColumn, strict }),
  z.strictObject({ type: z.literal('negative'), column: ruleColumn, strict }),
  z.strictObject({ type: z.literal('fixed_combinations'), columns: ruleColumns(2) }),
  z.strictObject({ type: z.literal('unique'), columns: ruleColumns(1) }),
  z.strictObject({ type: z.literal('derived'), column: ruleColumn, expression: z.string().trim().min(1).max(2000) })
]);

export const crossTableRuleSchema = z.strictObject({
  type: z.literal('cross_table'), child_table: ruleColumn, child_column: ruleColumn, op: z.enum(['>=', '>', '<=', '<']),
  parent_table: ruleColumn, parent_column: ruleColumn
});

export const rulesSchema = z.strictObject({
  version: z.literal(1).optional(),
  tables: z.record(safeName, z.array(tableRuleSchema).max(1000)),
  cross_table: z.array(crossTableRuleSchema).max(1000).optional()
});

/** A table rule as the schema file stores it (structurally the engine's `TableRule`). */
export type FileTableRule = z.infer<typeof tableRuleSchema>;
export type FileCrossTableRule = z.infer<typeof crossTableRuleSchema>;
/** Rules keyed by table name, as in a rules file (structurally the engine's `RulesFile`). */
export type FileRules = z.infer<typeof rulesSchema>;

const schemaFile = z.object({
  format: z.literal(SCHEMA_FILE_FORMAT),
  version: z.literal(SCHEMA_FILE_VERSION),
  name: z.string().max(200).optional(),
  exported_at: z.string().max(40).optional(),
  tables: z.array(table).max(MAX_TABLES),
  relationships: z.array(relationship).max(MAX_TABLES * 20),
  settings: settings.optional(),
  canvas: z.object({ zoom: z.number().positive().max(100), pan: position }).optional(),
  samples: z.record(safeName, columnar).optional(),
  rules: rulesSchema.optional()
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
  /** Business rules per table name and across relationships (docs/rules.md). */
  rules?: FileRules;
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
  const problems = [...validateSchema(schema), ...(d.rules ? rulesProblems(schema, d.rules) : [])];
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
  if (d.rules) file.rules = d.rules;
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
    ...(f.samples ? { samples: f.samples } : {}),
    ...(f.rules && (Object.values(f.rules.tables).some((r) => r.length) || f.rules.cross_table?.length) ? { rules: { version: 1, ...f.rules } } : {})
  };
  return JSON.stringify(out, null, 2) + '\n';
}

/** Columns a table rule names (a derived rule: its target; the expression is checked by the engine). */
function namedColumns(r: FileTableRule): string[] {
  switch (r.type) {
    case 'inequality': return [r.low, r.high];
    case 'range': return [r.low, r.column, r.high];
    case 'fixed_combinations': case 'unique': return r.columns;
    default: return [r.column];
  }
}

/** Rules that name a table, column or relationship the file does not have are errors, with their path. */
function rulesProblems(schema: Schema, rules: FileRules): Problem[] {
  const out: Problem[] = [];
  const byName = new Map(schema.tables.map((t) => [t.name, t]));
  const err = (path: string, message: string) => out.push({ code: 'schema-file/rule-reference', message, path, severity: 'error' });
  const hasColumn = (table: string, c: string) => byName.get(table)?.columns.some((x) => x.name === c) ?? false;
  for (const [name, list] of Object.entries(rules.tables)) {
    if (!byName.has(name)) { if (list.length) err(`rules.tables.${name}`, `Rules name table "${name}", which the file does not have`); continue; }
    list.forEach((r, i) => {
      for (const c of namedColumns(r)) if (!hasColumn(name, c)) err(`rules.tables.${name}[${i}]`, `Rule ${i + 1} of table "${name}" names column "${c}", which the table does not have`);
    });
  }
  (rules.cross_table ?? []).forEach((r, i) => {
    const path = `rules.cross_table[${i}]`;
    const parent = byName.get(r.parent_table), child = byName.get(r.child_table);
    if (!parent || !child) { err(path, `Cross-table rule ${i + 1} names table "${!parent ? r.parent_table : r.child_table}", which the file does not have`); return; }
    if (!schema.relationships.some((x) => x.source_table_id === parent.id && x.target_table_id === child.id)) err(path, `Cross-table rule ${i + 1} needs a relationship ${r.parent_table} → ${r.child_table}`);
    if (!hasColumn(r.child_table, r.child_column)) err(path, `Cross-table rule ${i + 1} names column "${r.child_column}", which table "${r.child_table}" does not have`);
    if (!hasColumn(r.parent_table, r.parent_column)) err(path, `Cross-table rule ${i + 1} names column "${r.parent_column}", which table "${r.parent_table}" does not have`);
  });
  return out;
}
