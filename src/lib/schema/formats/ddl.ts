/**
 * SQL DDL → Schema with node-sql-parser: CREATE TABLE (columns, NOT NULL, PRIMARY KEY, UNIQUE,
 * REFERENCES, named CONSTRAINTs, composite keys), ALTER TABLE … ADD CONSTRAINT (pg_dump's
 * `ALTER TABLE ONLY`, SQL Server's `WITH CHECK ADD`), CREATE [UNIQUE] INDEX. Dumps from PostgreSQL
 * (pg_dump), MySQL (mysqldump), SQLite (`.schema`) and SQL Server are read; the dialect is detected.
 * The script is split into statements and each is parsed alone (trying the other dialects' grammars
 * when the first fails), so a statement the parser cannot read becomes a warning, not a failure.
 */
import { AppError, type Column, type Relationship, type RelationshipType, type Schema, type Table } from '../model';
import { newId } from './json-safe';
import { splitSqlStatements } from './sql-split';
import { sqlTypeToDataType } from './sql-types';

export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite' | 'transactsql';
export const SQL_DIALECTS: SqlDialect[] = ['postgresql', 'mysql', 'sqlite', 'transactsql'];

export interface DdlWarning { line: number; message: string; statement: string }

export interface DdlImportResult {
  schema: Schema;
  dialect: SqlDialect;
  /** Statements that could not be read, or references that could not be resolved. */
  warnings: DdlWarning[];
  /** Statements skipped on purpose (SET, INSERT, CREATE SEQUENCE, …). */
  ignored: number;
}

/** Guesses the dialect of an SQL script from marks each dump tool leaves. */
export function detectSqlDialect(text: string): SqlDialect {
  const score: Record<SqlDialect, number> = { postgresql: 0, mysql: 0, sqlite: 0, transactsql: 0 };
  const add = (d: SqlDialect, re: RegExp, w = 1) => { if (re.test(text)) score[d] += w; };
  add('mysql', /`[^`\n]+`/, 2); add('mysql', /\bENGINE\s*=/i, 3); add('mysql', /\bAUTO_INCREMENT\b/i, 2); add('mysql', /\/\*!\d{5}/, 3); add('mysql', /\bUNSIGNED\b/i);
  add('postgresql', /\bALTER TABLE ONLY\b/i, 3); add('postgresql', /\b(BIG|SMALL)?SERIAL\b/i, 2); add('postgresql', /::[a-z]/i, 2); add('postgresql', /\bpg_catalog\b/i, 3);
  add('postgresql', /\bcharacter varying\b/i, 2); add('postgresql', /\btime zone\b/i, 1); add('postgresql', /\bpublic\./i, 1); add('postgresql', /\bOWNER TO\b/i, 2); add('postgresql', /\bBYTEA|JSONB\b/i, 2);
  add('sqlite', /\bAUTOINCREMENT\b/i, 3); add('sqlite', /\bWITHOUT ROWID\b/i, 3); add('sqlite', /\bPRAGMA\b/i, 2); add('sqlite', /\bsqlite_/i, 2);
  add('transactsql', /^\s*GO\s*$/im, 3); add('transactsql', /\bIDENTITY\s*\(/i, 3); add('transactsql', /\[dbo\]|\bdbo\./i, 3); add('transactsql', /\bNVARCHAR\s*\(\s*MAX\s*\)/i, 2);
  add('transactsql', /\b(NON)?CLUSTERED\b/i, 2); add('transactsql', /\bUNIQUEIDENTIFIER\b/i, 2); add('transactsql', /\bON \[PRIMARY\]/i, 2);
  // [Bracketed] identifiers with NVARCHAR and no SQL Server marks: SQLite's .schema of converted databases (Chinook).
  if (/\[[A-Za-z_][^\]\n]*\]/.test(text) && score.transactsql === 0) score.sqlite += 1;
  let best: SqlDialect = 'postgresql';
  for (const d of SQL_DIALECTS) if (score[d] > score[best]) best = d;
  return best;
}

type Parser = { astify(sql: string, opt?: { database?: string }): unknown };
const parsers = new Map<SqlDialect, Promise<Parser>>();

/** Loads one dialect's grammar on demand (each is ~250 KB). */
function parserFor(d: SqlDialect): Promise<Parser> {
  let p = parsers.get(d);
  if (!p) {
    const load = {
      postgresql: () => import('node-sql-parser/build/postgresql'),
      mysql: () => import('node-sql-parser/build/mysql'),
      sqlite: () => import('node-sql-parser/build/sqlite'),
      transactsql: () => import('node-sql-parser/build/transactsql')
    }[d];
    p = load().then((m) => {
      const mod = m as unknown as { Parser?: new () => Parser; default?: { Parser: new () => Parser } };
      const P = mod.Parser ?? mod.default!.Parser;
      return new P();
    });
    parsers.set(d, p);
  }
  return p;
}

/** Rewrites what one grammar cannot read but does not change the schema's meaning. */
function normaliseFor(sql: string, d: SqlDialect): string {
  let s = sql
    .replace(/\bON\s+(DELETE|UPDATE)\s+(NO\s+ACTION|CASCADE|SET\s+NULL|SET\s+DEFAULT|RESTRICT)/gi, '')
    .replace(/(\bALTER\s+TABLE\s+\S+)\s+WITH\s+(NO)?CHECK\s+ADD\b/gi, '$1 ADD')
    .replace(/\b(TEXTIMAGE_ON|ON)\s+\[PRIMARY\]/gi, '')
    .replace(/\bWITH\s*\(\s*PAD_INDEX[^)]*\)/gi, '')
    .replace(/\b(DEFERRABLE|NOT\s+DEFERRABLE|INITIALLY\s+(DEFERRED|IMMEDIATE))\b/gi, '')
    // `REFERENCES parent` without columns (= its primary key) is valid SQL the grammars reject.
    .replace(/\bREFERENCES(\s+)((?:"[^"]*"|`[^`]*`|\[[^\]]*\]|[\w$]+)(?:\.(?:"[^"]*"|`[^`]*`|\[[^\]]*\]|[\w$]+))?)(\s*)(\(?)/gi,
      (m, sp: string, ref: string, sp2: string, paren: string) => (paren ? m : `REFERENCES${sp}${ref} (${PK_PLACEHOLDER})${sp2}`));
  if (d !== 'transactsql') {
    const q = d === 'mysql' ? '`' : '"';
    s = s.replace(/\[([^\]\n]*)\]/g, (_m, id: string) => q + id.replaceAll(q, q + q) + q);
    s = s.replace(/\bN(VARCHAR|CHAR|TEXT)\b/gi, '$1').replace(/\b(VARCHAR|CHAR)\s*\(\s*MAX\s*\)/gi, 'TEXT');
  }
  if (d === 'sqlite') s = s.replace(/\bUNSIGNED\s+BIG\s+INT\b/gi, 'BIGINT').replace(/\bDOUBLE\s+PRECISION\b/gi, 'DOUBLE');
  return s;
}

const PK_PLACEHOLDER = '__primary_key__';

/** Statements worth parsing: everything else (SET, INSERT, sequences, functions, …) is skipped. */
const RELEVANT = /^(CREATE\s+(TEMP(ORARY)?\s+)?TABLE|CREATE\s+(UNIQUE\s+)?((NON)?CLUSTERED\s+)?INDEX|ALTER\s+TABLE)\b/i;

// ---- AST helpers (node-sql-parser's shapes differ a little between grammars) -----------------
type Any = Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

function identName(x: unknown): string {
  if (typeof x === 'string') return x;
  if (x && typeof x === 'object') {
    const o = x as Any;
    if ('column' in o) return identName(o.column);
    if ('expr' in o) return identName(o.expr);
    if ('value' in o) return identName(o.value);
  }
  return String(x ?? '');
}
const tableName = (t: unknown): string => {
  const o = (Array.isArray(t) ? t[0] : t) as Any | undefined;
  return o ? identName(o.table) : '';
};
const colList = (defs: unknown): string[] => (Array.isArray(defs) ? defs.map(identName) : []);

interface PendingFk { table: string; columns: string[]; refTable: string; refColumns: string[]; line: number; statement: string }
interface Draft { table: Table; byName: Map<string, Column>; pk: string[]; uniques: string[][] }

export async function importDdl(text: string, opts: { dialect?: SqlDialect; file?: string } = {}): Promise<DdlImportResult> {
  if (!text.trim()) throw new AppError('ddl/empty', `${opts.file ?? 'The SQL file'} is empty`, { file: opts.file });
  const dialect = opts.dialect ?? detectSqlDialect(text);
  const statements = splitSqlStatements(text, { backslashEscapes: dialect === 'mysql' });
  const drafts = new Map<string, Draft>(); // by lower-cased name
  const fks: PendingFk[] = [];
  const warnings: DdlWarning[] = [];
  let ignored = 0;
  const order = [dialect, ...SQL_DIALECTS.filter((d) => d !== dialect)];
  const short = (s: string) => (s.length > 120 ? s.slice(0, 117) + '…' : s).replace(/\s+/g, ' ');

  for (const st of statements) {
    if (!RELEVANT.test(st.sql)) { ignored++; continue; }
    let ast: Any | null = null;
    let firstError = '';
    for (const d of order) {
      try {
        const parsed = (await parserFor(d)).astify(normaliseFor(st.sql, d), { database: d });
        ast = (Array.isArray(parsed) ? parsed[0] : parsed) as Any;
        break;
      } catch (e) {
        if (!firstError) firstError = e instanceof Error ? e.message.split('\n')[0] : String(e);
      }
    }
    if (!ast) {
      warnings.push({ line: st.line, message: `Line ${st.line}: could not read this statement (${short(firstError)})`, statement: short(st.sql) });
      continue;
    }
    try {
      applyStatement(ast, st, drafts, fks, warnings);
    } catch (e) {
      warnings.push({ line: st.line, message: `Line ${st.line}: ${e instanceof Error ? e.message : String(e)}`, statement: short(st.sql) });
    }
  }
  if (!drafts.size) {
    throw new AppError('ddl/no-tables', `${opts.file ?? 'The SQL file'} has no CREATE TABLE statement that could be read${warnings.length ? ` (${warnings.length} statement(s) failed: ${warnings[0].message})` : ''}`, { file: opts.file, line: warnings[0]?.line }, warnings);
  }
  // Keys declared after the table (ALTER TABLE … ADD PRIMARY KEY) are applied; now mark columns.
  for (const d of drafts.values()) {
    for (const c of d.table.columns) {
      if (d.pk.includes(c.name)) { c.is_primary_key = true; c.is_nullable = false; }
    }
    if (d.pk.length === 1) d.byName.get(d.pk[0])!.is_unique = true;
    for (const u of d.uniques) if (u.length === 1 && d.byName.get(u[0])) d.byName.get(u[0])!.is_unique = true;
  }
  const relationships: Relationship[] = [];
  for (const fk of fks) {
    const child = drafts.get(fk.table.toLowerCase()), parent = drafts.get(fk.refTable.toLowerCase());
    if (!child || !parent) {
      warnings.push({ line: fk.line, message: `Line ${fk.line}: foreign key refers to table "${!child ? fk.table : fk.refTable}", which is not defined in this file`, statement: short(fk.statement) });
      continue;
    }
    // REFERENCES parent without columns means the parent's primary key.
    const refCols = fk.refColumns.length ? fk.refColumns : parent.pk;
    if (refCols.length !== fk.columns.length) {
      warnings.push({ line: fk.line, message: `Line ${fk.line}: foreign key column count does not match the referenced key`, statement: short(fk.statement) });
      continue;
    }
    fk.columns.forEach((cname, i) => {
      const tc = child.byName.get(cname), sc = parent.byName.get(refCols[i]);
      if (!tc || !sc) {
        warnings.push({ line: fk.line, message: `Line ${fk.line}: foreign key column "${!tc ? `${fk.table}.${cname}` : `${fk.refTable}.${refCols[i]}`}" does not exist`, statement: short(fk.statement) });
        return;
      }
      let type: RelationshipType = 'one-to-many';
      if (tc.is_unique || (child.pk.length === 1 && child.pk[0] === tc.name)) type = 'one-to-one';
      else if (child.pk.length > 1 && child.pk.includes(tc.name) && fks.filter((f) => f.table.toLowerCase() === fk.table.toLowerCase()).length >= 2) type = 'many-to-many';
      relationships.push({ id: newId(), source_table_id: parent.table.id, source_column_id: sc.id, target_table_id: child.table.id, target_column_id: tc.id, relationship_type: type });
    });
  }
  return { schema: { tables: [...drafts.values()].map((d) => d.table), relationships }, dialect, warnings, ignored };
}

function applyStatement(ast: Any, st: { sql: string; line: number }, drafts: Map<string, Draft>, fks: PendingFk[], warnings: DdlWarning[]) {
  const addFk = (table: string, columns: string[], ref: Any) => {
    const refColumns = colList(ref.definition).filter((c) => c !== PK_PLACEHOLDER);
    fks.push({ table, columns, refTable: tableName(ref.table), refColumns, line: st.line, statement: st.sql });
  };
  const applyConstraint = (d: Draft, c: Any) => {
    const kind = String(c.constraint_type ?? '').toLowerCase();
    const cols = colList(c.definition);
    if (kind.startsWith('primary')) d.pk = cols;
    else if (kind.startsWith('unique')) d.uniques.push(cols);
    else if (kind === 'foreign key' && c.reference_definition) addFk(d.table.name, cols, c.reference_definition);
  };

  if (ast.type === 'create' && ast.keyword === 'table') {
    const name = tableName(ast.table);
    if (!name) throw new Error('CREATE TABLE without a name');
    if (drafts.has(name.toLowerCase())) {
      warnings.push({ line: st.line, message: `Line ${st.line}: table "${name}" is defined twice; the later definition is used`, statement: '' });
    }
    const d: Draft = { table: { id: newId(), name, columns: [] }, byName: new Map(), pk: [], uniques: [] };
    drafts.set(name.toLowerCase(), d);
    if (!Array.isArray(ast.create_definitions)) throw new Error(`CREATE TABLE ${name} has no column list (CREATE TABLE … AS SELECT is not supported)`);
    for (const def of ast.create_definitions as Any[]) {
      if (def.resource === 'column') {
        const cname = identName(def.column);
        const t = def.definition ?? {};
        const suffix: string[] = Array.isArray(t.suffix) ? t.suffix.map(String) : [];
        const values = Array.isArray(t.expr?.value) ? (t.expr.value as Any[]).map((v) => String(v.value)) : undefined;
        const { dataType, hints } = sqlTypeToDataType({ name: String(t.dataType ?? ''), length: t.length, scale: t.scale, values, unsigned: suffix.some((s) => /UNSIGNED/i.test(s)) }, cname);
        const col: Column = {
          id: newId(), name: cname, data_type: dataType,
          is_nullable: def.nullable?.type !== 'not null', is_primary_key: false, is_unique: !!def.unique || !!def.unique_or_primary
        };
        if (Object.keys(hints).length) col.hints = hints;
        if (def.primary_key || String(def.unique_or_primary ?? '').toLowerCase().includes('primary')) d.pk = [cname];
        if (def.reference_definition) addFk(name, [cname], def.reference_definition);
        d.table.columns.push(col);
        d.byName.set(cname, col);
      } else if (def.resource === 'constraint') applyConstraint(d, def);
      // resource 'index' (MySQL KEY …): not a constraint, nothing to keep
    }
    return;
  }
  if (ast.type === 'create' && ast.keyword === 'index') {
    const unique = String(ast.index_type ?? '').toLowerCase() === 'unique' || /^CREATE\s+UNIQUE/i.test(st.sql);
    if (!unique) return;
    const d = drafts.get(tableName(ast.table).toLowerCase());
    if (!d) throw new Error(`index on unknown table "${tableName(ast.table)}"`);
    d.uniques.push(colList(ast.index_columns ?? ast.columns));
    return;
  }
  if (ast.type === 'alter') {
    const d = drafts.get(tableName(ast.table).toLowerCase());
    const exprs = (Array.isArray(ast.expr) ? ast.expr : [ast.expr]) as Any[];
    for (const e of exprs) {
      if (!e || e.action !== 'add') continue;
      if (!d) throw new Error(`ALTER TABLE on unknown table "${tableName(ast.table)}"`);
      if (e.resource === 'constraint' && e.create_definitions) applyConstraint(d, e.create_definitions as Any);
      else if (e.resource === 'column') {
        const cname = identName(e.column);
        const t = (e.definition ?? {}) as Any;
        const { dataType, hints } = sqlTypeToDataType({ name: String(t.dataType ?? ''), length: t.length, scale: t.scale }, cname);
        const col: Column = { id: newId(), name: cname, data_type: dataType, is_nullable: e.nullable?.type !== 'not null', is_primary_key: false, is_unique: false };
        if (Object.keys(hints).length) col.hints = hints;
        d.table.columns.push(col);
        d.byName.set(cname, col);
      }
    }
  }
}
