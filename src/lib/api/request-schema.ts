/**
 * The original product's `/api/sdv/generate` request body, validated with zod. Every problem is
 * reported with its JSON path (`tables[0].columns[2].data_type`). Cross-field checks (duplicate
 * names, relationships to missing columns, cycles) run after the shape is valid.
 */
import { z } from 'zod';
import { DATA_TYPES } from '../schema/model';

const name = z.string().trim().min(1, 'must not be empty').max(128, 'must be at most 128 characters');
const cell = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const requestColumn = z.object({
  name,
  data_type: z.enum(DATA_TYPES, { message: `must be one of ${DATA_TYPES.join(', ')}` }),
  is_nullable: z.boolean().default(true),
  is_primary_key: z.boolean().default(false),
  is_unique: z.boolean().default(false),
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
  relationship_type: z.enum(['one-to-one', 'one-to-many', 'many-to-many']).default('one-to-many')
});

export const generateRequest = z.object({
  tables: z.array(requestTable).min(1, 'at least one table is required'),
  relationships: z.array(requestRelationship).default([]),
  scale: z.number().positive('must be > 0').max(1000).default(1),
  quality_settings: z.object({
    threshold: z.number().min(0).max(1).default(0.8),
    include_relationships: z.boolean().default(true)
  }).default({ threshold: 0.8, include_relationships: true }),
  seed: z.number().int().optional(),
  sample_size: z.number().int().positive().max(10_000_000).optional(),
  synthesizer: z.enum(['copula', 'cart']).optional()
});

export type GenerateRequest = z.infer<typeof generateRequest>;

export interface Problem { path: string; message: string }

/** zod path array → `tables[0].columns[2].data_type`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || '(body)';
}

/** Checks names, keys and relationships once the shape is valid. */
export function crossCheck(req: GenerateRequest): Problem[] {
  const problems: Problem[] = [];
  const tables = new Map<string, Set<string>>();
  req.tables.forEach((t, ti) => {
    if (tables.has(t.name)) problems.push({ path: `tables[${ti}].name`, message: `duplicate table name "${t.name}"` });
    const cols = new Set<string>();
    t.columns.forEach((c, ci) => {
      if (cols.has(c.name)) problems.push({ path: `tables[${ti}].columns[${ci}].name`, message: `duplicate column name "${c.name}" in table "${t.name}"` });
      cols.add(c.name);
    });
    tables.set(t.name, cols);
  });
  req.relationships.forEach((r, ri) => {
    for (const [side, tn, cn] of [['source', r.source_table, r.source_column], ['target', r.target_table, r.target_column]] as const) {
      const cols = tables.get(tn);
      if (!cols) problems.push({ path: `relationships[${ri}].${side}_table`, message: `table "${tn}" does not exist` });
      else if (!cols.has(cn)) problems.push({ path: `relationships[${ri}].${side}_column`, message: `column "${tn}.${cn}" does not exist` });
    }
  });
  return problems;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Validates an already JSON-parsed body. */
export function parseGenerateRequest(body: unknown): ParseResult<GenerateRequest> {
  const r = generateRequest.safeParse(body);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const problems = crossCheck(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, value: r.data };
}
