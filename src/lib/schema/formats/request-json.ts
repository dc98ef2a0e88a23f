/**
 * The original product's `POST /api/sdv/generate` request JSON ⇄ Schema (+ generation settings).
 * Tables and columns are addressed by name there (`source_table`/`source_column` is the referenced
 * side, `target_*` the foreign key), by id in the designer.
 */
import { z } from 'zod';
import { AppError, DATA_TYPES, type Column, type GenerationSettings, type Relationship, type Schema, type Table } from '../model';
import { issuesToProblems, isPlainObject, newId, parseJsonSafe } from './json-safe';

const column = z.object({
  name: z.string().min(1),
  data_type: z.enum(DATA_TYPES),
  is_nullable: z.boolean().optional(),
  is_primary_key: z.boolean().optional(),
  is_unique: z.boolean().optional(),
  description: z.string().optional()
});

const request = z.object({
  tables: z.array(z.object({ name: z.string().min(1), description: z.string().optional(), columns: z.array(column) })),
  relationships: z.array(z.object({
    source_table: z.string().min(1), source_column: z.string().min(1),
    target_table: z.string().min(1), target_column: z.string().min(1),
    relationship_type: z.enum(['one-to-one', 'one-to-many', 'many-to-many']).optional()
  })).optional(),
  scale: z.number().positive().optional(),
  sample_size: z.number().int().positive().optional(),
  seed: z.number().int().optional(),
  quality_settings: z.object({ threshold: z.number().min(0).max(1).optional(), include_relationships: z.boolean().optional() }).optional()
});

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
      ...(c.description ? { description: c.description } : {})
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
