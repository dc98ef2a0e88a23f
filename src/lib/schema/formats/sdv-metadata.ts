/**
 * SDV metadata JSON ⇄ SdvMetadata ⇄ Schema. Reads the current `METADATA_SPEC_VERSION: "V1"`
 * (single- and multi-table) and the legacy `SINGLE_TABLE_V1` (one table, columns at the top level)
 * and `MULTI_TABLE_V1`; always writes V1. `schemaToSdvMetadata` is also what the engine consumes.
 */
import { z } from 'zod';
import { AppError, type Column, type Relationship, type Schema, type SdvColumn, type SdvMetadata, type SdvRelationship, type SdvTable, type Table } from '../model';
import { issuesToProblems, isPlainObject, newId, parseJsonSafe, type Problem } from './json-safe';
import { columnToSdv, dataTypeForSdv, hintsForSdv } from './sdtype-map';

const key = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

const sdvColumn = z.looseObject({
  sdtype: z.string().min(1),
  computer_representation: z.string().optional(),
  datetime_format: z.string().optional(),
  regex_format: z.string().optional(),
  pii: z.boolean().optional(),
  order_by: z.enum(['numerical_value', 'alphabetical']).optional(),
  order: z.array(z.string()).optional()
});

const sdvTable = z.looseObject({
  primary_key: key.optional(),
  alternate_keys: z.array(key).optional(),
  columns: z.record(z.string().min(1), sdvColumn)
});

const sdvRelationship = z.object({
  parent_table_name: z.string().min(1),
  parent_primary_key: key,
  child_table_name: z.string().min(1),
  child_foreign_key: key
});

const multi = z.object({
  METADATA_SPEC_VERSION: z.enum(['V1', 'MULTI_TABLE_V1']).optional(),
  tables: z.record(z.string().min(1), sdvTable),
  relationships: z.array(sdvRelationship).optional()
});

export interface SdvParseResult {
  metadata: SdvMetadata;
  /** Non-fatal notes: legacy version read, keys SDV has that we ignore (sequence_key, constraints …). */
  warnings: Problem[];
}

/** True when a parsed JSON value looks like SDV metadata (any version). */
export function looksLikeSdvMetadata(v: unknown): boolean {
  if (!isPlainObject(v)) return false;
  if (typeof v.METADATA_SPEC_VERSION === 'string') return true;
  const tables = v.tables;
  if (isPlainObject(tables)) return Object.values(tables).some((t) => isPlainObject(t) && isPlainObject(t.columns));
  return isPlainObject(v.columns) && Object.values(v.columns).some((c) => isPlainObject(c) && 'sdtype' in c);
}

const keyList = (k: string | string[] | undefined) => (k === undefined ? [] : Array.isArray(k) ? k : [k]);

/**
 * Validates and normalises SDV metadata (already-parsed JSON or text) to V1. A single-table document
 * becomes one table named `tableName`. Throws `AppError('sdv/invalid', …)` with every problem in
 * `details` (each with its JSON path) when the structure is wrong.
 */
export function parseSdvMetadata(input: unknown, tableName = 'table', file?: string): SdvParseResult {
  const warnings: Problem[] = [];
  const dropped: string[] = [];
  let doc = typeof input === 'string' ? parseJsonSafe(input, file, dropped) : input;
  for (const k of dropped) warnings.push({ code: 'json/dropped-key', message: `Ignored the key "${k}"`, path: '', severity: 'warning' });
  if (!isPlainObject(doc)) throw new AppError('sdv/invalid', 'SDV metadata must be a JSON object', { file, path: '' });
  const version = doc.METADATA_SPEC_VERSION;
  if (version !== undefined && !['V1', 'SINGLE_TABLE_V1', 'MULTI_TABLE_V1'].includes(String(version))) {
    throw new AppError('sdv/unsupported-version', `METADATA_SPEC_VERSION "${String(version)}" is not supported (expected V1, SINGLE_TABLE_V1 or MULTI_TABLE_V1)`, { file, path: 'METADATA_SPEC_VERSION' });
  }
  if (version === 'SINGLE_TABLE_V1' || (!('tables' in doc) && 'columns' in doc)) {
    const { METADATA_SPEC_VERSION: _v, ...table } = doc;
    doc = { METADATA_SPEC_VERSION: 'V1', tables: { [tableName]: table }, relationships: [] };
  }
  if (version === 'SINGLE_TABLE_V1' || version === 'MULTI_TABLE_V1') {
    warnings.push({ code: 'sdv/legacy-version', message: `Read legacy metadata ${String(version)}; it will be written as V1`, path: 'METADATA_SPEC_VERSION', severity: 'warning' });
  }
  const parsed = multi.safeParse(doc);
  if (!parsed.success) {
    const problems = issuesToProblems('sdv', parsed.error.issues);
    throw new AppError('sdv/invalid', `The SDV metadata is not valid: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { file, path: problems[0].path }, problems);
  }
  const tables: Record<string, SdvTable> = {};
  const problems: Problem[] = [];
  for (const [name, t] of Object.entries(parsed.data.tables)) {
    const columns: Record<string, SdvColumn> = {};
    for (const [cname, c] of Object.entries(t.columns)) {
      const col: SdvColumn = { sdtype: c.sdtype };
      for (const k of ['computer_representation', 'datetime_format', 'regex_format', 'pii', 'order_by', 'order'] as const) {
        if (c[k] !== undefined) (col as unknown as Record<string, unknown>)[k] = c[k];
      }
      columns[cname] = col;
    }
    for (const extra of ['sequence_key', 'sequence_index', 'constraints']) {
      if (extra in t) warnings.push({ code: 'sdv/ignored-key', message: `tables.${name}.${extra} is not used by this app`, path: `tables.${name}.${extra}`, severity: 'warning' });
    }
    const table: SdvTable = { columns };
    if (t.primary_key !== undefined) table.primary_key = t.primary_key;
    if (t.alternate_keys?.length) table.alternate_keys = t.alternate_keys;
    for (const k of keyList(t.primary_key)) {
      if (!(k in columns)) problems.push({ code: 'sdv/unknown-column', message: `Primary key "${k}" of table "${name}" is not one of its columns`, path: `tables.${name}.primary_key`, severity: 'error' });
    }
    tables[name] = table;
  }
  const relationships: SdvRelationship[] = (parsed.data.relationships ?? []).map((r) => ({ ...r }));
  relationships.forEach((r, i) => {
    const path = `relationships[${i}]`;
    const parent = tables[r.parent_table_name], child = tables[r.child_table_name];
    if (!parent) problems.push({ code: 'sdv/unknown-table', message: `Relationship ${i + 1}: parent table "${r.parent_table_name}" does not exist`, path: `${path}.parent_table_name`, severity: 'error' });
    if (!child) problems.push({ code: 'sdv/unknown-table', message: `Relationship ${i + 1}: child table "${r.child_table_name}" does not exist`, path: `${path}.child_table_name`, severity: 'error' });
    if (parent) for (const k of keyList(r.parent_primary_key)) if (!(k in parent.columns)) problems.push({ code: 'sdv/unknown-column', message: `Relationship ${i + 1}: "${r.parent_table_name}" has no column "${k}"`, path: `${path}.parent_primary_key`, severity: 'error' });
    if (child) for (const k of keyList(r.child_foreign_key)) if (!(k in child.columns)) problems.push({ code: 'sdv/unknown-column', message: `Relationship ${i + 1}: "${r.child_table_name}" has no column "${k}"`, path: `${path}.child_foreign_key`, severity: 'error' });
    if (parent && child && keyList(r.parent_primary_key).length !== keyList(r.child_foreign_key).length) {
      problems.push({ code: 'sdv/key-arity', message: `Relationship ${i + 1}: the parent key and foreign key have different numbers of columns`, path, severity: 'error' });
    }
  });
  if (problems.length) throw new AppError('sdv/invalid', `The SDV metadata is not valid: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { file, path: problems[0].path }, problems);
  return { metadata: { METADATA_SPEC_VERSION: 'V1', tables, relationships }, warnings };
}

/** Names of columns that take part in a relationship as foreign keys, per table. */
function foreignKeyColumns(schema: Schema): Set<string> {
  const s = new Set<string>();
  for (const r of schema.relationships) s.add(r.target_column_id);
  return s;
}

/** Schema → SDV metadata V1 (what the engine models). */
export function schemaToSdvMetadata(schema: Schema): SdvMetadata {
  const fks = foreignKeyColumns(schema);
  const tables: Record<string, SdvTable> = {};
  for (const t of schema.tables) {
    const pk = t.columns.filter((c) => c.is_primary_key).map((c) => c.name);
    const columns: Record<string, SdvColumn> = {};
    for (const c of t.columns) columns[c.name] = columnToSdv(c, c.is_primary_key || fks.has(c.id));
    const table: SdvTable = { columns };
    if (pk.length) table.primary_key = pk.length === 1 ? pk[0] : pk;
    const alternates = t.columns.filter((c) => c.is_unique && !c.is_primary_key && columns[c.name].sdtype === 'id').map((c) => c.name);
    if (alternates.length) table.alternate_keys = alternates;
    tables[t.name] = table;
  }
  const byId = new Map<string, { table: Table; column: Column }>();
  for (const t of schema.tables) for (const c of t.columns) byId.set(c.id, { table: t, column: c });
  const relationships: SdvRelationship[] = [];
  for (const r of schema.relationships) {
    const s = byId.get(r.source_column_id), d = byId.get(r.target_column_id);
    if (!s || !d) continue; // validate.ts reports dangling relationships
    relationships.push({ parent_table_name: s.table.name, parent_primary_key: s.column.name, child_table_name: d.table.name, child_foreign_key: d.column.name });
  }
  return { METADATA_SPEC_VERSION: 'V1', tables, relationships };
}

/** SDV metadata → designer schema (new ids). Composite relationships become one link per column pair. */
export function sdvMetadataToSchema(meta: SdvMetadata): Schema {
  const fkCols = new Set<string>();
  for (const r of meta.relationships) for (const k of keyList(r.child_foreign_key)) fkCols.add(`${r.child_table_name}\u0000${k}`);
  const tables: Table[] = Object.entries(meta.tables).map(([name, t]) => {
    const pk = new Set(keyList(t.primary_key));
    const alt = new Set((t.alternate_keys ?? []).flatMap((k) => keyList(k)));
    const columns: Column[] = Object.entries(t.columns).map(([cname, c]) => {
      const isKey = pk.has(cname) || fkCols.has(`${name}\u0000${cname}`);
      const data_type = dataTypeForSdv(c);
      const hints = hintsForSdv(c, data_type, isKey);
      const col: Column = {
        id: newId(), name: cname, data_type,
        is_nullable: !pk.has(cname), is_primary_key: pk.has(cname), is_unique: (pk.has(cname) && pk.size === 1) || alt.has(cname)
      };
      if (Object.keys(hints).length) col.hints = hints;
      return col;
    });
    return { id: newId(), name, columns };
  });
  const byName = new Map(tables.map((t) => [t.name, t]));
  const relationships: Relationship[] = [];
  for (const r of meta.relationships) {
    const p = byName.get(r.parent_table_name), c = byName.get(r.child_table_name);
    if (!p || !c) continue;
    const pks = keyList(r.parent_primary_key), fks = keyList(r.child_foreign_key);
    for (let i = 0; i < Math.min(pks.length, fks.length); i++) {
      const sc = p.columns.find((x) => x.name === pks[i]), tc = c.columns.find((x) => x.name === fks[i]);
      if (!sc || !tc) continue;
      relationships.push({ id: newId(), source_table_id: p.id, source_column_id: sc.id, target_table_id: c.id, target_column_id: tc.id, relationship_type: tc.is_unique ? 'one-to-one' : 'one-to-many' });
    }
  }
  return { tables, relationships };
}

/** SDV metadata → pretty JSON text (V1). */
export function sdvMetadataToJson(meta: SdvMetadata): string {
  return JSON.stringify(meta, null, 2) + '\n';
}
