/**
 * The import preview as a value: what applying the read files would create (new tables with their
 * samples, relationships, samples for tables that already exist, settings), the user's choices
 * (NA as missing or a value, which table a CSV feeds, sample data from a schema file) and every
 * warning or blocking error. Pure and recomputed on each choice; nothing is written until Apply
 * turns it into one command (import-command.ts).
 */
import type { Column, ColumnarTable, GenerationSettings, Relationship, Schema, Table } from '$lib/schema/model';
import { uniqueName, validateName } from '$lib/schema/names';
import { validateSchema } from '$lib/schema/validate';
import { clone } from '$lib/db/commands';
import { headerMismatch } from './csv-table';
import { inferCsvTable } from './guess-types';
import type { CsvPart, ImportPart, SchemaPart } from './import-read';
import type { ProjectRules } from '$lib/db/db';
import { fromRulesFile } from './rules-convert';

export interface ImportChoices {
  /** Name of the project Import creates (start screen). Unset: from the file. */
  projectName?: string;
  /** Import the sample data stored in a schema file. */
  includeSamples: boolean;
  /** `${part.key}\u0000${column}` → read that column's ambiguous tokens ("NA") as missing. */
  asMissing: Record<string, boolean>;
  /** part.key → name of the table the CSV becomes the sample of, or NEW_TABLE. Unset: a same-named table if any. */
  csvTarget: Record<string, string>;
}

export const NEW_TABLE = '';

export const defaultChoices = (): ImportChoices => ({ includeSamples: true, asMissing: {}, csvTarget: {} });

export interface PlannedTable {
  table: Table;
  /** The file it comes from. */
  source: string;
  sample?: ColumnarTable;
  sampleFile?: string;
}

/** Sample data for a table the project already has. */
export interface PlannedSample {
  tableId: string;
  tableName: string;
  data: ColumnarTable;
  fileName: string;
  /** Missing-token hints to set on existing columns (the NA choice). */
  hints: { columnId: string; missing_tokens: string[] }[];
}

/** One "NA is a value or missing?" question. */
export interface AmbiguousColumn {
  key: string;
  fileName: string;
  table: string;
  column: string;
  tokens: string[];
  asMissing: boolean;
}

/** Where a CSV goes, and the tables it could go to instead. */
export interface CsvDestination {
  key: string;
  fileName: string;
  rows: number;
  /** NEW_TABLE or an existing / imported table name. */
  target: string;
  /** Name of the table it creates when target is NEW_TABLE. */
  newName: string;
  options: string[];
}

export interface PlanMessage { file: string; message: string }

export interface ImportPlan {
  tables: PlannedTable[];
  relationships: Relationship[];
  samples: PlannedSample[];
  settings?: GenerationSettings;
  /** Business rules of imported schema files, keyed by the new table and relationship ids. */
  rules?: ProjectRules;
  projectName: string;
  csv: CsvDestination[];
  ambiguous: AmbiguousColumn[];
  /** True when some file carries sample data (schema file): the "include sample data" box. */
  offersSamples: boolean;
  notes: PlanMessage[];
  warnings: PlanMessage[];
  /** Apply is refused while there is any. */
  errors: PlanMessage[];
}

export interface PlanContext {
  /** The open project's schema (empty for a new project). */
  existing: Schema;
  newProject: boolean;
  /** Rows of the samples the project already has, by table id (to warn before replacing one). */
  existingSampleRows?: Record<string, number>;
}

export const ambiguityKey = (partKey: string, column: string) => `${partKey}\u0000${column}`;

/** A copy of `schema` with new ids everywhere (an import never reuses ids the project may hold). */
export function withFreshIds(schema: Schema): Schema {
  const ids = new Map<string, string>();
  const map = (old: string) => {
    let n = ids.get(old);
    if (!n) { n = crypto.randomUUID(); ids.set(old, n); }
    return n;
  };
  const tables = schema.tables.map((t) => ({ ...clone(t), id: map(t.id), columns: t.columns.map((c) => ({ ...clone(c), id: map(c.id) })) }));
  const relationships = schema.relationships.map((r) => ({
    ...clone(r), id: map(r.id), source_table_id: map(r.source_table_id), source_column_id: map(r.source_column_id),
    target_table_id: map(r.target_table_id), target_column_id: map(r.target_column_id)
  }));
  return { tables, relationships };
}

const sameName = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function tokensFor(part: CsvPart, choices: ImportChoices): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const c of part.inference.columns) if (c.ambiguousTokens.length && choices.asMissing[ambiguityKey(part.key, c.name)]) out[c.name] = c.ambiguousTokens;
  return out;
}

/** The new table a CSV becomes: full inference (re-run when a column's NA is read as missing), unique column names. */
function csvTable(part: CsvPart, name: string, missing: Record<string, string[]>): Table {
  const inferred = Object.keys(missing).length ? inferCsvTable(name, part.data, missing).table : clone(part.inference.table);
  const used: string[] = [];
  const columns: Column[] = inferred.columns.map((c, i) => {
    const n = uniqueName(c.name || `column_${i + 1}`, used);
    used.push(n);
    return { ...c, id: crypto.randomUUID(), name: n };
  });
  return { id: crypto.randomUUID(), name, columns };
}

function withMissingTokens(col: Column, tokens: string[]): string[] {
  return [...new Set([...(col.hints?.missing_tokens ?? []), ...tokens])];
}

function addSchemaPart(part: SchemaPart, ctx: PlanContext, choices: ImportChoices, taken: string[], plan: ImportPlan) {
  const schema = withFreshIds(part.schema);
  const originalNames = part.schema.tables.map((t) => t.name);
  schema.tables.forEach((t, i) => {
    const name = uniqueName(t.name, taken);
    if (name !== t.name) plan.warnings.push({ file: part.fileName, message: `A table named “${t.name}” already exists: this one is imported as “${name}”` });
    taken.push(name);
    const sample = choices.includeSamples ? part.samples?.[originalNames[i]] : undefined;
    plan.tables.push({ table: { ...t, name }, source: part.fileName, ...(sample ? { sample, sampleFile: part.fileName } : {}) });
  });
  plan.relationships.push(...schema.relationships);
  if (part.rules) {
    // Table names are still the file's here (renames above only change the planned copies), ids are the new ones.
    try {
      const r = fromRulesFile(schema, part.rules);
      plan.rules ??= { tables: {} };
      Object.assign(plan.rules.tables, r.tables);
      if (r.cross_table) plan.rules.cross_table = [...(plan.rules.cross_table ?? []), ...r.cross_table];
      const n = Object.values(r.tables).reduce((a, l) => a + l.length, 0) + (r.cross_table?.length ?? 0);
      if (n) plan.notes.push({ file: part.fileName, message: `${n} business rule${n === 1 ? '' : 's'}` });
    } catch (e) {
      plan.warnings.push({ file: part.fileName, message: `Business rules not imported: ${e instanceof Error ? e.message : String(e)}` });
    }
  }
  for (const n of part.notes) plan.notes.push({ file: part.fileName, message: n });
  for (const w of part.warnings) plan.warnings.push({ file: part.fileName, message: w });
  if (part.samples) plan.offersSamples = true;
  if (part.settings) {
    if (ctx.newProject) plan.settings ??= part.settings;
    else plan.notes.push({ file: part.fileName, message: 'Generation settings in this file are not applied to an existing project' });
  }
}

function addCsvPart(part: CsvPart, ctx: PlanContext, choices: ImportChoices, taken: string[], plan: ImportPlan, importedBySchema: PlannedTable[]) {
  const options = [...importedBySchema.map((p) => p.table.name), ...ctx.existing.tables.map((t) => t.name)];
  const chosen = choices.csvTarget[part.key];
  const auto = options.find((n) => sameName(n, part.tableName));
  const target = chosen === undefined ? auto ?? NEW_TABLE : options.includes(chosen) ? chosen : NEW_TABLE;
  const newName = uniqueName(part.tableName, taken);
  plan.csv.push({ key: part.key, fileName: part.fileName, rows: part.rowCount, target, newName, options });
  const missing = tokensFor(part, choices);
  for (const c of part.inference.columns) {
    if (!c.ambiguousTokens.length) continue;
    const key = ambiguityKey(part.key, c.name);
    plan.ambiguous.push({ key, fileName: part.fileName, table: target === NEW_TABLE ? newName : target, column: c.name, tokens: c.ambiguousTokens, asMissing: !!choices.asMissing[key] });
  }
  if (part.skippedCount) {
    const lines = part.skipped.slice(0, 10).map((r) => r.line).join(', ');
    plan.warnings.push({ file: part.fileName, message: `${part.skippedCount} row${part.skippedCount === 1 ? '' : 's'} with the wrong number of fields skipped (line${part.skippedCount === 1 ? '' : 's'} ${lines}${part.skippedCount > 10 ? ', …' : ''})` });
  }
  for (const w of part.warnings) plan.warnings.push({ file: part.fileName, message: w });

  if (target === NEW_TABLE) {
    taken.push(newName);
    plan.tables.push({ table: csvTable(part, newName, missing), source: part.fileName, sample: part.data, sampleFile: part.fileName });
    return;
  }
  const planned = importedBySchema.find((p) => p.table.name === target);
  const table = planned?.table ?? ctx.existing.tables.find((t) => t.name === target)!;
  const diff = headerMismatch(table, part.data.names);
  if (diff) plan.warnings.push({ file: part.fileName, message: `${part.fileName} does not match table ${table.name}: ${diff}` });
  const hints: PlannedSample['hints'] = [];
  for (const [colName, tokens] of Object.entries(missing)) {
    const col = table.columns.find((c) => c.name === colName);
    if (!col) continue;
    if (planned) col.hints = { ...col.hints, missing_tokens: withMissingTokens(col, tokens) };
    else hints.push({ columnId: col.id, missing_tokens: withMissingTokens(col, tokens) });
  }
  if (planned) {
    adoptIntegerIds(table, part, plan);
    if (planned.sample) plan.warnings.push({ file: part.fileName, message: `Replaces the sample of ${table.name} from ${planned.sampleFile}` });
    planned.sample = part.data;
    planned.sampleFile = part.fileName;
  } else {
    const rows = ctx.existingSampleRows?.[table.id];
    if (rows !== undefined) plan.warnings.push({ file: part.fileName, message: `Replaces the current sample of ${table.name} (${rows.toLocaleString('en')} rows); Undo restores it` });
    plan.samples.push({ tableId: table.id, tableName: table.name, data: part.data, fileName: part.fileName, hints });
  }
}

/**
 * SDV metadata types a key only as sdtype "id" (no regex): this reads as text. When the CSV that
 * becomes the sample holds whole numbers there, the key is an integer, as the CSV alone would give
 * (and as SDV keeps the sample's int dtype) — otherwise exports write "1" for 1 and TEXT keys.
 */
function adoptIntegerIds(table: Table, part: CsvPart, plan: ImportPlan) {
  const keys = new Set(plan.relationships.flatMap((r) => [r.source_column_id, r.target_column_id]));
  for (const col of table.columns) {
    if (col.data_type !== 'string' || col.hints?.regex_format) continue;
    const isId = col.hints?.sdtype === 'id' || (!col.hints?.sdtype && (col.is_primary_key || keys.has(col.id)));
    if (isId && part.inference.table.columns.find((c) => c.name === col.name)?.data_type === 'integer') {
      col.data_type = 'integer';
      madeInteger.add(col);
    }
  }
}
const madeInteger = new WeakSet<Column>();

/** A key and the foreign key that refers to it keep one type: if only one side became integer above, it stays text. */
function alignKeyTypes(plan: ImportPlan) {
  const cols = new Map(plan.tables.flatMap((p) => p.table.columns.map((c) => [c.id, c] as const)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of plan.relationships) {
      const a = cols.get(r.source_column_id), b = cols.get(r.target_column_id);
      if (!a || !b || a.data_type === b.data_type) continue;
      for (const c of [a, b]) if (madeInteger.has(c) && c.data_type === 'integer') { c.data_type = 'string'; changed = true; }
    }
  }
}

/** Problems the import would add to the project (those the project already has are not repeated). */
function newProblems(ctx: PlanContext, plan: ImportPlan) {
  const merged: Schema = { tables: [...ctx.existing.tables, ...plan.tables.map((p) => p.table)], relationships: [...ctx.existing.relationships, ...plan.relationships] };
  const before = new Set(validateSchema(ctx.existing).map((p) => `${p.code}|${p.message}`));
  for (const p of validateSchema(merged)) {
    if (before.has(`${p.code}|${p.message}`)) continue;
    (p.severity === 'warning' ? plan.warnings : plan.errors).push({ file: '', message: p.message });
  }
}

export function buildImportPlan(parts: readonly ImportPart[], choices: ImportChoices, ctx: PlanContext): ImportPlan {
  const plan: ImportPlan = { tables: [], relationships: [], samples: [], projectName: '', csv: [], ambiguous: [], offersSamples: false, notes: [], warnings: [], errors: [] };
  const taken = ctx.existing.tables.map((t) => t.name);
  const schemaParts = parts.filter((p): p is SchemaPart => p.kind === 'schema');
  for (const p of schemaParts) addSchemaPart(p, ctx, choices, taken, plan);
  const importedBySchema = plan.tables.slice();
  for (const p of parts) if (p.kind === 'csv') addCsvPart(p, ctx, choices, taken, plan, importedBySchema);
  alignKeyTypes(plan);

  if (ctx.newProject) {
    const fromFile = schemaParts.find((p) => p.projectName)?.projectName ?? (parts[0] ? parts[0].fileName.replace(/(\.(schema|metadata|sdv))?\.[^.]+$/i, '') : '');
    plan.projectName = choices.projectName ?? fromFile;
    for (const i of validateName(plan.projectName, [], 'project')) if (i.level === 'error') plan.errors.push({ file: '', message: i.message });
  }
  if (!plan.tables.length && !plan.samples.length && !plan.settings) plan.errors.push({ file: '', message: 'Nothing to import' });
  newProblems(ctx, plan);
  return plan;
}

/** "customers.id → orders.customer_id (one-to-many)" for the preview. */
export function describeRelationships(plan: ImportPlan, existing: Schema): string[] {
  const tables = [...existing.tables, ...plan.tables.map((p) => p.table)];
  const end = (tableId: string, columnId: string) => {
    const t = tables.find((x) => x.id === tableId);
    return `${t?.name ?? '?'}.${t?.columns.find((c) => c.id === columnId)?.name ?? '?'}`;
  };
  return plan.relationships.map((r) => `${end(r.source_table_id, r.source_column_id)} → ${end(r.target_table_id, r.target_column_id)} (${r.relationship_type})`);
}
