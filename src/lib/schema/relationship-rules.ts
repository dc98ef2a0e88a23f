/**
 * Pure validation of a proposed relationship (a foreign key), before it is created. Each problem
 * carries a code and a human reason; the canvas shows it while dragging and on drop.
 *
 * Direction follows model.ts: `source` is the referenced ("one") side, `target` the foreign key.
 */
import type { Column, DataType, RelationshipType, Schema, Table } from './model';

export interface RelationshipProposal {
  source_table_id: string;
  source_column_id: string;
  target_table_id: string;
  target_column_id: string;
  relationship_type: RelationshipType;
}

export interface RuleIssue {
  level: 'error' | 'warning';
  code:
    | 'rel/unknown-column' | 'rel/same-column' | 'rel/duplicate' | 'rel/incompatible-types' | 'rel/source-not-key'
    | 'rel/target-not-unique' | 'rel/cycle' | 'rel/cycle-nullable' | 'rel/nullable-key' | 'rel/nullable-fk';
  message: string;
}

export interface RuleResult {
  ok: boolean;
  errors: RuleIssue[];
  warnings: RuleIssue[];
}

interface Resolved { table: Table; column: Column }

function resolve(schema: Schema, tableId: string, columnId: string): Resolved | undefined {
  const table = schema.tables.find((t) => t.id === tableId);
  const column = table?.columns.find((c) => c.id === columnId);
  return table && column ? { table, column } : undefined;
}

const label = (r: Resolved) => `${r.table.name}.${r.column.name}`;
const isKey = (c: Column) => c.is_primary_key || c.is_unique;

/** Type families whose values can be compared for equality as keys. */
const FAMILY: Record<DataType, string> = {
  integer: 'integer', float: 'real', decimal: 'real', boolean: 'boolean', date: 'date', datetime: 'datetime',
  uuid: 'uuid', string: 'text', text: 'text', email: 'text', phone: 'text', name: 'text', address: 'text',
  url: 'text', categorical: 'text'
};

/** Whether a key of type `a` can be referenced by a foreign key of type `b`. uuid may live in a string column. */
export function typesCompatible(a: DataType, b: DataType): boolean {
  const fa = FAMILY[a], fb = FAMILY[b];
  if (fa === fb) return true;
  const pair = new Set([fa, fb]);
  return pair.has('uuid') && (b === 'string' || a === 'string');
}

/**
 * Orients a drag between two columns: the "one" side is the key. Dragging from a foreign key to a
 * primary key is as natural as the reverse, so when only the drop end is a key it becomes the source.
 */
export function orientProposal(schema: Schema, from: { tableId: string; columnId: string }, to: { tableId: string; columnId: string }, type: RelationshipType = 'one-to-many'): RelationshipProposal {
  const a = resolve(schema, from.tableId, from.columnId);
  const b = resolve(schema, to.tableId, to.columnId);
  const swap = !!a && !!b && !isKey(a.column) && isKey(b.column);
  const [s, t] = swap ? [to, from] : [from, to];
  return { source_table_id: s.tableId, source_column_id: s.columnId, target_table_id: t.tableId, target_column_id: t.columnId, relationship_type: type };
}

/**
 * Table-level parent → child edges whose foreign key is NOT nullable: the generator must create the
 * parent first, so a cycle made only of such edges cannot be ordered. (A nullable FK in a cycle can
 * be filled in a second pass, which is how SDV's HMA breaks cycles too.)
 */
function findStrictPath(schema: Schema, from: string, to: string, ignoreId?: string): string[] | null {
  const columnById = new Map<string, Column>();
  for (const t of schema.tables) for (const c of t.columns) columnById.set(c.id, c);
  const next = new Map<string, string[]>();
  for (const r of schema.relationships) {
    if (r.id === ignoreId || r.relationship_type === 'many-to-many') continue;
    if (columnById.get(r.target_column_id)?.is_nullable ?? true) continue;
    const list = next.get(r.source_table_id) ?? [];
    list.push(r.target_table_id);
    next.set(r.source_table_id, list);
  }
  // Breadth-first search from `from` to `to`, remembering parents to print the path.
  const prev = new Map<string, string>([[from, '']]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift()!;
    if (cur === to) {
      const path = [cur];
      for (let p = prev.get(cur)!; p; p = prev.get(p)!) path.unshift(p);
      return path;
    }
    for (const n of next.get(cur) ?? []) if (!prev.has(n)) { prev.set(n, cur); queue.push(n); }
  }
  return null;
}

function anyPath(schema: Schema, from: string, to: string): boolean {
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length) {
    const cur = queue.shift()!;
    if (cur === to) return true;
    for (const r of schema.relationships) if (r.source_table_id === cur && !seen.has(r.target_table_id)) { seen.add(r.target_table_id); queue.push(r.target_table_id); }
  }
  return false;
}

/**
 * Validates `p` against `schema`. `ignoreRelationshipId` lets an existing relationship be re-checked
 * (e.g. when its type changes) without clashing with itself.
 */
export function validateRelationship(schema: Schema, p: RelationshipProposal, ignoreRelationshipId?: string): RuleResult {
  const errors: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  const done = (): RuleResult => ({ ok: errors.length === 0, errors, warnings });
  const src = resolve(schema, p.source_table_id, p.source_column_id);
  const tgt = resolve(schema, p.target_table_id, p.target_column_id);
  if (!src || !tgt) {
    errors.push({ level: 'error', code: 'rel/unknown-column', message: 'Both ends must be columns of tables in this project' });
    return done();
  }
  if (src.column.id === tgt.column.id) {
    errors.push({ level: 'error', code: 'rel/same-column', message: `A column cannot reference itself (${label(src)})` });
    return done();
  }
  const dup = schema.relationships.find((r) => r.id !== ignoreRelationshipId && (
    (r.source_column_id === p.source_column_id && r.target_column_id === p.target_column_id) ||
    (r.source_column_id === p.target_column_id && r.target_column_id === p.source_column_id)));
  if (dup) errors.push({ level: 'error', code: 'rel/duplicate', message: `${label(src)} and ${label(tgt)} are already linked` });

  if (!typesCompatible(src.column.data_type, tgt.column.data_type)) {
    errors.push({
      level: 'error', code: 'rel/incompatible-types',
      message: `Types do not match: ${label(src)} is ${src.column.data_type} but ${label(tgt)} is ${tgt.column.data_type}`
    });
  }
  if (!isKey(src.column)) {
    errors.push({
      level: 'error', code: 'rel/source-not-key',
      message: `The "one" side must be a primary key or unique: ${label(src)} is neither (mark it, or drag from the key column)`
    });
  }
  if (p.relationship_type === 'one-to-one' && !isKey(tgt.column)) {
    warnings.push({ level: 'warning', code: 'rel/target-not-unique', message: `One-to-one needs ${label(tgt)} to be unique; it will be marked unique` });
  }
  if (p.relationship_type === 'many-to-many' && !isKey(tgt.column)) {
    errors.push({ level: 'error', code: 'rel/source-not-key', message: `Many-to-many links two keys: ${label(tgt)} is not a primary key or unique` });
  }

  if (p.relationship_type !== 'many-to-many') {
    const selfLoop = p.source_table_id === p.target_table_id;
    const strict = selfLoop ? [p.target_table_id] : findStrictPath(schema, p.target_table_id, p.source_table_id, ignoreRelationshipId);
    const nameOf = (id: string) => schema.tables.find((t) => t.id === id)?.name ?? id;
    if (tgt.column.is_nullable) {
      if (selfLoop || anyPath(schema, p.target_table_id, p.source_table_id)) {
        warnings.push({ level: 'warning', code: 'rel/cycle-nullable', message: `This closes a cycle; it can be generated because ${label(tgt)} is nullable (filled in a second pass)` });
      }
    } else if (strict) {
      const cycle = [...strict, p.target_table_id].map(nameOf).join(' → ');
      errors.push({
        level: 'error', code: 'rel/cycle',
        message: `This would close a cycle (${selfLoop ? `${nameOf(p.source_table_id)} → itself` : cycle}) with no nullable foreign key, so no table could be generated first. Make ${label(tgt)} nullable to allow it`
      });
    }
  }

  if (src.column.is_nullable) {
    warnings.push({ level: 'warning', code: 'rel/nullable-key', message: `${label(src)} is nullable: a referenced key should never be empty` });
  }
  if (tgt.column.is_nullable && !src.column.is_nullable && p.relationship_type !== 'many-to-many') {
    warnings.push({ level: 'warning', code: 'rel/nullable-fk', message: `${label(tgt)} is nullable while ${label(src)} is not: some ${tgt.table.name} rows will have no ${src.table.name}` });
  }
  return done();
}
