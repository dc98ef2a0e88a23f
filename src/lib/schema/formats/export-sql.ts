/**
 * Schema (+ data) → an SQL script, streamed as string chunks: CREATE TABLE with keys and
 * constraints, then batched INSERTs, parents before children (topological order). Foreign keys that
 * a table-by-table order cannot satisfy — self-references and cycles — are added after the data
 * (ALTER TABLE … ADD CONSTRAINT), or, in SQLite (which cannot add constraints later), checked at
 * COMMIT with `PRAGMA defer_foreign_keys`. Cells are written as read: only missing → NULL,
 * numbers bare, booleans as the dialect's literal; everything else a quoted, escaped string.
 * Each dialect (quoting, escaping, types) is in its own file: export-sql-{postgres,mysql,sqlite}.ts.
 */
import type { Column, ColumnarTable, Relationship, Schema, Table } from '../model';
import { parseBoolean } from './patterns';

export interface SqlDialectSpec {
  id: 'postgresql' | 'mysql' | 'sqlite';
  quoteIdent(name: string): string;
  quoteString(value: string): string;
  booleanLiteral(value: boolean): string;
  /** SQL type for a column; `maxLength` is the longest text seen in the data (0 if none). */
  columnType(col: Column, maxLength: number, isKey: boolean): string;
  /** Longest identifier the database accepts (constraint names are cut to it). */
  maxIdentifier: number;
  /** Can foreign keys be added after the data (ALTER TABLE … ADD CONSTRAINT)? */
  alterAddForeignKey: boolean;
  begin(): string;
  end(): string;
  tableSuffix(): string;
  dropTable(name: string): string;
}

export interface SqlExportOptions {
  /** Write INSERTs (default true when data is given). */
  includeData?: boolean;
  /** Rows per INSERT statement (default 500). */
  batchSize?: number;
  /** Start with DROP TABLE IF EXISTS for every table (children first). */
  dropExisting?: boolean;
}

/** Numbers written bare; anything else in a numeric column is quoted and left to the database. */
const NUMBER_LITERAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const ISO_FORMATS = new Set(['%Y-%m-%d', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M', '%Y-%m-%dT%H:%M', '%Y-%m-%d %H:%M:%S.%f', '%Y-%m-%dT%H:%M:%S.%f']);

/** Whether a date/datetime column's text can go into a native DATE/TIMESTAMP column verbatim. */
export function isIsoDatetime(col: Column): boolean {
  return !col.hints?.datetime_format || ISO_FORMATS.has(col.hints.datetime_format);
}

export interface TableOrder {
  tables: Table[];
  /** Relationships whose constraint must be added after the data (self-references, cycles). */
  deferred: Set<string>;
}

/**
 * Parents before children. Tables are grouped into strongly connected components (Tarjan): the
 * components are written in dependency order; inside a cycle, the next table is one whose pending
 * links are all nullable foreign keys if there is one (else the first in schema order), and those
 * links are deferred. Self-references are always deferred.
 */
export function tableOrder(schema: Schema): TableOrder {
  const deferred = new Set<string>();
  const ids = new Set(schema.tables.map((t) => t.id));
  const nullable = new Map<string, boolean>();
  for (const t of schema.tables) for (const c of t.columns) nullable.set(c.id, c.is_nullable);
  const incoming = new Map<string, Relationship[]>();
  const outgoing = new Map<string, string[]>();
  for (const t of schema.tables) { incoming.set(t.id, []); outgoing.set(t.id, []); }
  for (const r of schema.relationships) {
    if (!ids.has(r.target_table_id) || !ids.has(r.source_table_id)) continue;
    if (r.source_table_id === r.target_table_id) { deferred.add(r.id); continue; }
    incoming.get(r.target_table_id)!.push(r);
    outgoing.get(r.source_table_id)!.push(r.target_table_id);
  }
  // Tarjan's strongly connected components (iterative enough for schemas: recursion depth ≤ tables).
  const index = new Map<string, number>(), low = new Map<string, number>(), comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let next = 0, comps = 0;
  const strong = (v: string) => {
    index.set(v, next); low.set(v, next); next++;
    stack.push(v); onStack.add(v);
    for (const w of outgoing.get(v)!) {
      if (!index.has(w)) { strong(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      let w: string;
      do { w = stack.pop()!; onStack.delete(w); comp.set(w, comps); } while (w !== v);
      comps++;
    }
  };
  for (const t of schema.tables) if (!index.has(t.id)) strong(t.id);
  const placed = new Set<string>();
  const out: Table[] = [];
  const remaining = [...schema.tables];
  const ready = (t: Table) => incoming.get(t.id)!.every((r) => placed.has(r.source_table_id));
  while (remaining.length) {
    let i = remaining.findIndex(ready);
    if (i < 0) {
      // Only cycles are left: pick inside a component none of whose outside parents are pending.
      const pendingFrom = (t: Table) => incoming.get(t.id)!.filter((r) => !placed.has(r.source_table_id));
      const candidates = remaining.map((t, k) => ({ t, k })).filter(({ t }) => pendingFrom(t).every((r) => comp.get(r.source_table_id) === comp.get(t.id)));
      const pick = candidates.find(({ t }) => pendingFrom(t).every((r) => nullable.get(r.target_column_id))) ?? candidates[0] ?? { k: 0, t: remaining[0] };
      i = pick.k;
      for (const r of pendingFrom(pick.t)) deferred.add(r.id);
    }
    const [t] = remaining.splice(i, 1);
    placed.add(t.id);
    out.push(t);
  }
  return { tables: out, deferred };
}

interface ForeignKey { name: string; child: Table; parent: Table; columns: Column[]; refColumns: Column[]; ids: string[] }

/** Groups per-column relationships into constraints (a composite parent key → one constraint). */
function foreignKeys(schema: Schema, d: SqlDialectSpec): ForeignKey[] {
  const tableById = new Map(schema.tables.map((t) => [t.id, t]));
  const groups = new Map<string, Relationship[]>();
  for (const r of schema.relationships) {
    const k = `${r.source_table_id}>${r.target_table_id}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  const fks: ForeignKey[] = [];
  const used = new Set<string>();
  for (const rels of groups.values()) {
    const parent = tableById.get(rels[0].source_table_id), child = tableById.get(rels[0].target_table_id);
    if (!parent || !child) continue;
    const col = (t: Table, id: string) => t.columns.find((c) => c.id === id);
    const pk = parent.columns.filter((c) => c.is_primary_key);
    const composite = pk.length > 1 && rels.length === pk.length && pk.every((c) => rels.some((r) => r.source_column_id === c.id));
    const sets = composite ? [rels] : rels.map((r) => [r]);
    for (const set of sets) {
      const columns = set.map((r) => col(child, r.target_column_id)), refColumns = set.map((r) => col(parent, r.source_column_id));
      if (columns.some((c) => !c) || refColumns.some((c) => !c)) continue;
      let name = `fk_${child.name}_${columns.map((c) => c!.name).join('_')}`.slice(0, d.maxIdentifier);
      for (let n = 2; used.has(name.toLowerCase()); n++) name = name.slice(0, d.maxIdentifier - String(n).length - 1) + '_' + n;
      used.add(name.toLowerCase());
      fks.push({ name, child, parent, columns: columns as Column[], refColumns: refColumns as Column[], ids: set.map((r) => r.id) });
    }
  }
  return fks;
}

function fkClause(fk: ForeignKey, d: SqlDialectSpec): string {
  const cols = fk.columns.map((c) => d.quoteIdent(c.name)).join(', ');
  const refs = fk.refColumns.map((c) => d.quoteIdent(c.name)).join(', ');
  return `CONSTRAINT ${d.quoteIdent(fk.name)} FOREIGN KEY (${cols}) REFERENCES ${d.quoteIdent(fk.parent.name)} (${refs})`;
}

function maxLengths(t: Table, data: ColumnarTable | undefined): Map<string, number> {
  const m = new Map<string, number>();
  if (!data) return m;
  data.names.forEach((n, i) => {
    let len = 0;
    for (const v of data.columns[i]) if (v !== null && v.length > len) len = v.length;
    m.set(n, len);
  });
  void t;
  return m;
}

function createTable(t: Table, d: SqlDialectSpec, inlineFks: ForeignKey[], lengths: Map<string, number>, keyCols: Set<string>): string {
  const lines = t.columns.map((c) => `  ${d.quoteIdent(c.name)} ${d.columnType(c, lengths.get(c.name) ?? 0, c.is_primary_key || c.is_unique || keyCols.has(c.id))}${c.is_nullable && !c.is_primary_key ? '' : ' NOT NULL'}`);
  const pk = t.columns.filter((c) => c.is_primary_key);
  if (pk.length) lines.push(`  PRIMARY KEY (${pk.map((c) => d.quoteIdent(c.name)).join(', ')})`);
  for (const c of t.columns) if (c.is_unique && !(c.is_primary_key && pk.length === 1)) lines.push(`  UNIQUE (${d.quoteIdent(c.name)})`);
  for (const fk of inlineFks) lines.push(`  ${fkClause(fk, d)}`);
  return `CREATE TABLE ${d.quoteIdent(t.name)} (\n${lines.join(',\n')}\n)${d.tableSuffix()};\n`;
}

/** One cell → SQL literal. */
export function sqlLiteral(v: string | null, col: Column | undefined, d: SqlDialectSpec, missing: ReadonlySet<string>): string {
  if (v === null || missing.has(v)) return 'NULL';
  switch (col?.data_type) {
    case 'integer': case 'float': case 'decimal': {
      const t = v.trim();
      return NUMBER_LITERAL.test(t) ? t.replace(/^\+/, '') : d.quoteString(v);
    }
    case 'boolean': {
      const b = parseBoolean(v);
      return b === null ? d.quoteString(v) : d.booleanLiteral(b);
    }
    default:
      return d.quoteString(v);
  }
}

async function* insertChunks(t: Table, data: ColumnarTable, d: SqlDialectSpec, batch: number): AsyncGenerator<string> {
  const cols = t.columns.map((c) => ({ col: c, idx: data.names.indexOf(c.name), missing: new Set(c.hints?.missing_tokens ?? []) }));
  const n = data.columns.length ? data.columns[0].length : 0;
  if (!n) return;
  const head = `INSERT INTO ${d.quoteIdent(t.name)} (${t.columns.map((c) => d.quoteIdent(c.name)).join(', ')}) VALUES\n`;
  for (let start = 0; start < n; start += batch) {
    const end = Math.min(n, start + batch);
    const rows: string[] = new Array(end - start);
    for (let r = start; r < end; r++) {
      let s = '(';
      for (let k = 0; k < cols.length; k++) {
        const { col, idx, missing } = cols[k];
        if (k) s += ', ';
        s += idx < 0 ? 'NULL' : sqlLiteral(data.columns[idx][r], col, d, missing);
      }
      rows[r - start] = s + ')';
    }
    yield head + rows.join(',\n') + ';\n';
  }
}

/**
 * The whole script as an async sequence of chunks (one statement or one INSERT batch each), so a
 * million rows are never held as one string. `data` is keyed by table name.
 */
export async function* exportSqlChunks(schema: Schema, d: SqlDialectSpec, data: Record<string, ColumnarTable> = {}, opts: SqlExportOptions = {}): AsyncGenerator<string> {
  const { tables, deferred } = tableOrder(schema);
  const fks = foreignKeys(schema, d);
  const keyCols = new Set(schema.relationships.flatMap((r) => [r.source_column_id, r.target_column_id]));
  const includeData = opts.includeData ?? Object.keys(data).length > 0;
  const batch = Math.max(1, opts.batchSize ?? 500);
  yield d.begin();
  if (opts.dropExisting) for (const t of [...tables].reverse()) yield d.dropTable(t.name);
  const late: ForeignKey[] = [];
  for (const t of tables) {
    const own = fks.filter((f) => f.child.id === t.id);
    const inline = d.alterAddForeignKey ? own.filter((f) => !f.ids.some((id) => deferred.has(id))) : own;
    late.push(...own.filter((f) => !inline.includes(f)));
    yield createTable(t, d, inline, maxLengths(t, data[t.name]), keyCols);
  }
  if (includeData) {
    for (const t of tables) {
      const td = data[t.name];
      if (td) yield* insertChunks(t, td, d, batch);
    }
  }
  for (const fk of late) yield `ALTER TABLE ${d.quoteIdent(fk.child.name)} ADD ${fkClause(fk, d)};\n`;
  yield d.end();
}

/** CREATE TABLE statements alone (no data) as one string. */
export async function exportDdlText(schema: Schema, d: SqlDialectSpec): Promise<string> {
  let s = '';
  for await (const c of exportSqlChunks(schema, d, {}, { includeData: false })) s += c;
  return s;
}

/** Collects an async chunk stream into one string (small exports, tests). */
export async function collectText(chunks: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const c of chunks) s += c;
  return s;
}
