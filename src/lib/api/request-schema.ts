/**
 * The original product's `/api/sdv/generate` request body, validated with zod. Every problem is
 * reported with its JSON path (`tables[0].columns[2].data_type`). Cross-field checks (duplicate
 * names, relationships to missing columns, cycles) run after the shape is valid.
 */
import { generateRequest } from '../schema/formats/request-json';
import { AppError, type SdvMetadata } from '../schema/model';
import { buildGraph } from '../engine/multi/graph';

export type { GenerateRequest } from '../schema/formats/request-json';
import type { GenerateRequest } from '../schema/formats/request-json';

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
  (req.relationships ?? []).forEach((r, ri) => {
    for (const [side, tn, cn] of [['source', r.source_table, r.source_column], ['target', r.target_table, r.target_column]] as const) {
      const cols = tables.get(tn);
      if (!cols) problems.push({ path: `relationships[${ri}].${side}_table`, message: `table "${tn}" does not exist` });
      else if (!cols.has(cn)) problems.push({ path: `relationships[${ri}].${side}_column`, message: `column "${tn}.${cn}" does not exist` });
    }
  });
  if (!problems.length) problems.push(...cycleProblems(req));
  return problems;
}

/** A cycle of relationships with no nullable foreign key cannot be generated in any order. */
function cycleProblems(req: GenerateRequest): Problem[] {
  const rels = req.relationships ?? [];
  const meta: SdvMetadata = {
    METADATA_SPEC_VERSION: 'V1',
    tables: Object.fromEntries(req.tables.map((t) => [t.name, { columns: Object.fromEntries(t.columns.map((c) => [c.name, { sdtype: 'unknown' }])) }])),
    relationships: rels.map((r) => ({ parent_table_name: r.source_table, parent_primary_key: r.source_column, child_table_name: r.target_table, child_foreign_key: r.target_column }))
  };
  const nullable = (child: string, key: string[]) => key.every((k) => req.tables.find((t) => t.name === child)?.columns.find((c) => c.name === k)?.is_nullable === true);
  try {
    buildGraph(meta, nullable);
    return [];
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'schema/cycle') throw e;
    const names = (e.details as { tables: string[] }).tables;
    const i = rels.findIndex((r) => r.source_table === names[0] && r.target_table === names[1]);
    return [{ path: `relationships[${Math.max(0, i)}]`, message: e.message }];
  }
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** Validates an already JSON-parsed body. */
export function parseGenerateRequest(body: unknown): ParseResult<GenerateRequest> {
  const r = generateRequest.safeParse(body);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const problems = crossCheck(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, value: r.data };
}
