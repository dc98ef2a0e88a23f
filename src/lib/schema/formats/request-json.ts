/**
 * The original product's `POST /api/sdv/generate` request JSON ⇄ Schema (+ generation settings).
 * Tables and columns are addressed by name there (`source_table`/`source_column` is the referenced
 * side, `target_*` the foreign key), by id in the designer.
 */
import { z } from 'zod';
import { AppError, DATA_TYPES, type Column, type GenerationSettings, type Relationship, type Schema, type Table } from '../model';
import { issuesToProblems, isPlainObject, newId, parseJsonSafe } from './json-safe';

const name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One column of the request (the original product's column shape; `hints` is our extension). */
export const requestColumn = z.object({
  name,
  data_type: z.enum(DATA_TYPES, { message: `must be one of ${DATA_TYPES.join(', ')}` }),
  is_nullable: z.boolean().optional(),
  is_primary_key: z.boolean().optional(),
  is_unique: z.boolean().optional(),
  description: z.string().optional(),
  hints: z.record(z.string(), z.unknown()).optional()
});

export const requestTable = z.object({
  name,
  description: z.string().optional(),
  columns: z.array(requestColumn).min(1, 'a table needs at least one column'),
  /** Extension: sample rows for this table, as records, or a reference to a table stored in the app. */
  data: z.union([z.array(z.record(z.string(), cell)), z.object({ stored_table_id: z.string() })]).optional()
});

export const requestRelationship = z.object({
  source_table: name,
  source_column: name,
  target_table: name,
  target_column: name,
  relationship_type: z.enum(['one-to-one', 'one-to-many', 'many-to-many']).optional()
});

/** The whole `/api/sdv/generate` body; validated by the API and by the Import button alike. */
export const generateRequest = z.object({
  tables: z.array(requestTable).min(1, 'at least one table is required'),
  relationships: z.array(requestRelationship).optional(),
  scale: z.number().positive('must be > 0').max(1000).optional(),
  quality_settings: z.object({ threshold: z.number().min(0).max(1).optional(), include_relationships: z.boolean().optional() }).optional(),
  seed: z.number().int().optional(),
  sample_size: z.number().int().positive().max(10_000_000).optional(),
  synthesizer: z.enum(['copula', 'cart', 'hma']).optional(),
  /** Extension: business rules (docs/rules.md), validated by the rules layer. */
  rules: z.unknown().optional()
});
const request = generateRequest;

export type GenerateRequest = z.infer<typeof request>;

export function looksLikeRequestJson(v: unknown): boolean {
  return isPlainObject(v) && Array.isArray(v.tables) && v.tables.some((t) => isPlainObject(t) && Array.isArray(t.columns) && t.columns.some((c) => isPlainObject(c) && 'data_type' in c));
}

export const DEFAULT_SETTINGS: GenerationSettings = { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 0 };

/** Request JSON (text or parsed) → schema + settings. Throws `AppError('request/invalid')` with every problem. */
export function parseRequestJson(input: unknown, file?: string): { schema: Schema; settings: GenerationSettings } {
  const doc = typeof input === 'string' ? parseJsonSafe(input, file) : input;
  const parsed = request.safeParse(doc);
  if (!parsed.success) {
    const problems = issuesToProblems('request', parsed.error.issues);
    throw new AppError('request/invalid', `The request JSON is not valid: ${problems[0].message}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`, { file, path: problems[0].path }, problems);
  }
  const r = parsed.data;
  const tables: Table[] = r.tables.map((t) => ({
    id: newId(), name: t.name, ...(t.description ? { description: t.description } : {}),
    columns: t.columns.map((c): Column => ({
      id: newId(), name: c.name, data_type: c.data_type,
      is_nullable: c.is_nullable ?? !c.is_primary_key, is_primary_key: c.is_primary_key ?? false, is_unique: c.is_unique ?? c.is_primary_key ?? false,
      ...(c.description ? { description: c.description } : {}),
      ...(c.hints ? { hints: c.hints as Column['hints'] } : {})
    }))
  }));
  const relationships: Relationship[] = [];
  const problems: { code: string; message: string; path: string }[] = [];
  (r.relationships ?? []).forEach((rel, i) => {
    const st = tables.find((t) => t.name === rel.source_table), tt = tables.find((t) => t.name === rel.target_table);
    const sc = st?.columns.find((c) => c.name === rel.source_column), tc = tt?.columns.find((c) => c.name === rel.target_column);
    if (!st || !tt || !sc || !tc) {
      const missing = !st ? `table "${rel.source_table}"` : !sc ? `column "${rel.source_table}.${rel.source_column}"` : !tt ? `table "${rel.target_table}"` : `column "${rel.target_table}.${rel.target_column}"`;
      problems.push({ code: 'request/unknown-reference', message: `Relationship ${i + 1} refers to ${missing}, which does not exist`, path: `relationships[${i}]` });
      return;
    }
    relationships.push({ id: newId(), source_table_id: st.id, source_column_id: sc.id, target_table_id: tt.id, target_column_id: tc.id, relationship_type: rel.relationship_type ?? 'one-to-many' });
  });
  if (problems.length) throw new AppError('request/invalid', problems[0].message, { file, path: problems[0].path }, problems);
  const settings: GenerationSettings = {
    scale: r.scale ?? DEFAULT_SETTINGS.scale,
    quality_threshold: r.quality_settings?.threshold ?? DEFAULT_SETTINGS.quality_threshold,
    include_relationships: r.quality_settings?.include_relationships ?? DEFAULT_SETTINGS.include_relationships,
    seed: r.seed ?? DEFAULT_SETTINGS.seed,
    ...(r.sample_size ? { sample_size: r.sample_size } : {})
  };
  return { schema: { tables, relationships }, settings };
}

/** Schema (+ settings) → request JSON object, in the original product's shape. */
export function schemaToRequestJson(schema: Schema, settings: GenerationSettings = DEFAULT_SETTINGS): GenerateRequest {
  const tableOf = new Map<string, Table>(), colOf = new Map<string, Column>();
  for (const t of schema.tables) { tableOf.set(t.id, t); for (const c of t.columns) colOf.set(c.id, c); }
  return {
    tables: schema.tables.map((t) => ({
      name: t.name, description: t.description ?? '',
      columns: t.columns.map((c) => ({ name: c.name, data_type: c.data_type, is_nullable: c.is_nullable, is_primary_key: c.is_primary_key, is_unique: c.is_unique }))
    })),
    relationships: schema.relationships.flatMap((r) => {
      const st = tableOf.get(r.source_table_id), sc = colOf.get(r.source_column_id), tt = tableOf.get(r.target_table_id), tc = colOf.get(r.target_column_id);
      return st && sc && tt && tc ? [{ source_table: st.name, source_column: sc.name, target_table: tt.name, target_column: tc.name, relationship_type: r.relationship_type }] : [];
    }),
    scale: settings.scale,
    ...(settings.sample_size ? { sample_size: settings.sample_size } : {}),
    ...(settings.seed ? { seed: settings.seed } : {}),
    quality_settings: { threshold: settings.quality_threshold, include_relationships: settings.include_relationships }
  };
}
