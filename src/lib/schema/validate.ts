/**
 * Whole-schema validation: every problem as `{ code, message, path, severity }` with a JSON path
 * into the schema ("tables[1].columns[0].name"), for the UI to list and highlight.
 * Errors block generation; warnings are advice (e.g. a relationship cycle broken by a nullable FK).
 */
import { DATA_TYPES, type Schema } from './model';
import type { Problem } from './formats/json-safe';

export type { Problem } from './formats/json-safe';

const MAX_NAME = 128;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function checkName(name: unknown, what: string, path: string, out: Problem[]) {
  if (typeof name !== 'string' || !name.trim()) { out.push({ code: 'schema/empty-name', message: `${what} has no name`, path, severity: 'error' }); return; }
  if (name !== name.trim()) out.push({ code: 'schema/name-whitespace', message: `${what} "${name}" starts or ends with spaces`, path, severity: 'warning' });
  if (name.length > MAX_NAME) out.push({ code: 'schema/name-too-long', message: `${what} name is longer than ${MAX_NAME} characters`, path, severity: 'error' });
  if (CONTROL.test(name)) out.push({ code: 'schema/name-control-chars', message: `${what} name contains control characters`, path, severity: 'error' });
}

export function validateSchema(schema: Schema): Problem[] {
  const out: Problem[] = [];
  const tableIndex = new Map<string, number>();
  const columnIndex = new Map<string, { t: number; c: number }>();
  const seenTables = new Map<string, number>();
  schema.tables.forEach((t, ti) => {
    const p = `tables[${ti}]`;
    checkName(t.name, 'A table', `${p}.name`, out);
    const key = String(t.name ?? '').trim().toLowerCase();
    if (key && seenTables.has(key)) out.push({ code: 'schema/duplicate-table', message: `Two tables are named "${t.name}"`, path: `${p}.name`, severity: 'error' });
    seenTables.set(key, ti);
    if (tableIndex.has(t.id)) out.push({ code: 'schema/duplicate-id', message: `Table id ${t.id} is used twice`, path: `${p}.id`, severity: 'error' });
    tableIndex.set(t.id, ti);
    if (!t.columns.length) out.push({ code: 'schema/no-columns', message: `Table "${t.name}" has no columns`, path: `${p}.columns`, severity: 'error' });
    const seenCols = new Set<string>();
    t.columns.forEach((c, ci) => {
      const cp = `${p}.columns[${ci}]`;
      checkName(c.name, `A column of "${t.name}"`, `${cp}.name`, out);
      const ck = String(c.name ?? '').trim().toLowerCase();
      if (ck && seenCols.has(ck)) out.push({ code: 'schema/duplicate-column', message: `Table "${t.name}" has two columns named "${c.name}"`, path: `${cp}.name`, severity: 'error' });
      seenCols.add(ck);
      if (!DATA_TYPES.includes(c.data_type)) out.push({ code: 'schema/unknown-type', message: `Column "${t.name}.${c.name}" has an unknown data type "${String(c.data_type)}"`, path: `${cp}.data_type`, severity: 'error' });
      if (c.is_primary_key && c.is_nullable) out.push({ code: 'schema/nullable-primary-key', message: `Primary key "${t.name}.${c.name}" cannot be nullable`, path: `${cp}.is_nullable`, severity: 'error' });
      if (columnIndex.has(c.id)) out.push({ code: 'schema/duplicate-id', message: `Column id ${c.id} is used twice`, path: `${cp}.id`, severity: 'error' });
      columnIndex.set(c.id, { t: ti, c: ci });
      const h = c.hints;
      if (h && typeof h.min === 'number' && typeof h.max === 'number' && h.min > h.max) out.push({ code: 'schema/min-above-max', message: `Column "${t.name}.${c.name}": minimum ${h.min} is above maximum ${h.max}`, path: `${cp}.hints.min`, severity: 'error' });
      if (h?.regex_format) { try { new RegExp(h.regex_format); } catch { out.push({ code: 'schema/bad-regex', message: `Column "${t.name}.${c.name}": "${h.regex_format}" is not a valid pattern`, path: `${cp}.hints.regex_format`, severity: 'error' }); } }
    });
  });

  const referenced = new Set<string>();
  schema.relationships.forEach((r, ri) => {
    const p = `relationships[${ri}]`;
    const st = tableIndex.get(r.source_table_id), tt = tableIndex.get(r.target_table_id);
    const sc = columnIndex.get(r.source_column_id), tc = columnIndex.get(r.target_column_id);
    if (st === undefined) { out.push({ code: 'schema/unknown-table', message: `Relationship ${ri + 1} refers to a table that does not exist`, path: `${p}.source_table_id`, severity: 'error' }); return; }
    if (tt === undefined) { out.push({ code: 'schema/unknown-table', message: `Relationship ${ri + 1} refers to a table that does not exist`, path: `${p}.target_table_id`, severity: 'error' }); return; }
    if (!sc || sc.t !== st) { out.push({ code: 'schema/unknown-column', message: `Relationship ${ri + 1}: the referenced column is not in table "${schema.tables[st].name}"`, path: `${p}.source_column_id`, severity: 'error' }); return; }
    if (!tc || tc.t !== tt) { out.push({ code: 'schema/unknown-column', message: `Relationship ${ri + 1}: the foreign key column is not in table "${schema.tables[tt].name}"`, path: `${p}.target_column_id`, severity: 'error' }); return; }
    const s = schema.tables[st].columns[sc.c], t = schema.tables[tt].columns[tc.c];
    const label = `${schema.tables[st].name}.${s.name} → ${schema.tables[tt].name}.${t.name}`;
    if (r.source_column_id === r.target_column_id) out.push({ code: 'schema/self-column', message: `Relationship ${label} links a column to itself`, path: p, severity: 'error' });
    if (!s.is_primary_key && !s.is_unique) out.push({ code: 'schema/reference-not-key', message: `Relationship ${label}: the referenced column must be a primary key or unique`, path: `${p}.source_column_id`, severity: 'error' });
    const numeric = (d: string) => ['integer', 'float', 'decimal'].includes(d);
    if (s.data_type !== t.data_type && !(numeric(s.data_type) && numeric(t.data_type))) {
      out.push({ code: 'schema/type-mismatch', message: `Relationship ${label}: types differ (${s.data_type} vs ${t.data_type})`, path: `${p}.target_column_id`, severity: 'warning' });
    }
    const pairKey = `${r.source_column_id}>${r.target_column_id}`;
    if (referenced.has(pairKey)) out.push({ code: 'schema/duplicate-relationship', message: `Relationship ${label} is defined twice`, path: p, severity: 'warning' });
    referenced.add(pairKey);
  });

  out.push(...cycleProblems(schema));
  return out;
}

/**
 * Cycles among tables (following parent → child links). A cycle is insertable only if at least
 * one foreign key on it is nullable (rows go in with NULL, the key is set afterwards): otherwise
 * it is an error. SDV's HMA cannot model cycles at all, so any cycle is at least a warning.
 */
function cycleProblems(schema: Schema): Problem[] {
  const out: Problem[] = [];
  const colById = new Map<string, { nullable: boolean }>();
  for (const t of schema.tables) for (const c of t.columns) colById.set(c.id, { nullable: c.is_nullable });
  const edges = new Map<string, { to: string; ri: number }[]>();
  schema.relationships.forEach((r, ri) => {
    if (!colById.has(r.source_column_id) || !colById.has(r.target_column_id)) return;
    const list = edges.get(r.source_table_id) ?? [];
    list.push({ to: r.target_table_id, ri });
    edges.set(r.source_table_id, list);
  });
  const name = new Map(schema.tables.map((t) => [t.id, t.name]));
  const state = new Map<string, 1 | 2>();
  const stack: { table: string; ri: number }[] = [];
  const reported = new Set<string>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const e of edges.get(id) ?? []) {
      if (state.get(e.to) === 1) {
        const start = e.to === id ? stack.length : stack.findIndex((s) => s.table === e.to);
        const cycle = [...stack.slice(start < 0 ? stack.length : start).map((s) => s.ri), e.ri];
        const key = [...cycle].sort().join(',');
        if (reported.has(key)) continue;
        reported.add(key);
        const nullable = cycle.some((ri) => colById.get(schema.relationships[ri].target_column_id)!.nullable);
        const tables = [...new Set(cycle.map((ri) => name.get(schema.relationships[ri].source_table_id)))];
        out.push({
          code: nullable ? 'schema/cycle' : 'schema/cycle-not-nullable',
          message: nullable
            ? `Tables ${tables.join(' → ')} form a cycle; it is broken at the nullable foreign key (rows are inserted with NULL first)`
            : `Tables ${tables.join(' → ')} form a cycle in which every foreign key is NOT NULL, so no row can be inserted first; make one foreign key nullable`,
          path: `relationships[${cycle[cycle.length - 1]}]`,
          severity: nullable ? 'warning' : 'error'
        });
      } else if (!state.has(e.to)) {
        stack.push({ table: id, ri: e.ri });
        visit(e.to);
        stack.pop();
      }
    }
    state.set(id, 2);
  };
  for (const t of schema.tables) if (!state.has(t.id)) visit(t.id);
  return out;
}

/** True when no problem is an error. */
export function isValid(problems: readonly Problem[]): boolean {
  return !problems.some((p) => (p.severity ?? 'error') === 'error');
}
