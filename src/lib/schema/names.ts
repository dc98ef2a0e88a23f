/**
 * Live validation of table, column and project names. Errors block saving; warnings are shown with
 * their reason but the name is kept (real CSV headers such as "First Name" need SQL quoting, which
 * the export formats do, so they are allowed).
 */

export type NameKind = 'project' | 'table' | 'column';

export interface NameIssue {
  level: 'error' | 'warning';
  code: 'name/empty' | 'name/too-long' | 'name/duplicate' | 'name/control-chars' | 'name/reserved' | 'name/needs-quoting';
  message: string;
}

/** PostgreSQL's identifier limit is 63 bytes; we keep a looser bound for projects. */
export const MAX_NAME_LENGTH = { project: 120, table: 63, column: 63 } as const;

/**
 * SQL reserved words common to SQL:2016, PostgreSQL, MySQL and SQLite that break unquoted DDL.
 * (Subset of the SQL:2016 reserved word list, ISO/IEC 9075-2 §5.2.)
 */
export const RESERVED_SQL_WORDS: ReadonlySet<string> = new Set([
  'all', 'alter', 'and', 'any', 'as', 'asc', 'between', 'by', 'case', 'cast', 'check', 'column', 'constraint',
  'create', 'cross', 'current_date', 'current_time', 'current_timestamp', 'current_user', 'default', 'delete',
  'desc', 'distinct', 'drop', 'else', 'end', 'except', 'exists', 'false', 'fetch', 'for', 'foreign', 'from',
  'full', 'grant', 'group', 'having', 'in', 'index', 'inner', 'insert', 'intersect', 'into', 'is', 'join', 'key',
  'left', 'like', 'limit', 'natural', 'not', 'null', 'offset', 'on', 'or', 'order', 'outer', 'primary',
  'references', 'right', 'select', 'set', 'table', 'then', 'to', 'true', 'union', 'unique', 'update', 'user',
  'using', 'values', 'when', 'where', 'with'
]);

const SAFE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

/**
 * Checks `name` against its siblings (the other names in the same scope: tables of the project,
 * columns of the table). `siblings` must not contain the item's own current name.
 */
export function validateName(name: string, siblings: readonly string[], kind: NameKind): NameIssue[] {
  const label = kind === 'project' ? 'A project' : kind === 'table' ? 'A table' : 'A column';
  const trimmed = name.trim();
  if (!trimmed) return [{ level: 'error', code: 'name/empty', message: `${label} needs a name` }];
  const issues: NameIssue[] = [];
  if (CONTROL_CHARS.test(name)) {
    issues.push({ level: 'error', code: 'name/control-chars', message: 'Names cannot contain line breaks, tabs or other control characters' });
  }
  if (trimmed.length > MAX_NAME_LENGTH[kind]) {
    issues.push({ level: 'error', code: 'name/too-long', message: `Names are limited to ${MAX_NAME_LENGTH[kind]} characters (this one has ${trimmed.length})` });
  }
  const lower = trimmed.toLowerCase();
  const clash = siblings.find((s) => s.trim().toLowerCase() === lower);
  if (clash !== undefined) {
    const scope = kind === 'column' ? 'this table' : kind === 'table' ? 'this project' : 'your projects';
    issues.push({ level: 'error', code: 'name/duplicate', message: `“${clash}” already exists in ${scope} (names are compared without case)` });
  }
  if (kind !== 'project') {
    if (RESERVED_SQL_WORDS.has(lower)) {
      issues.push({ level: 'warning', code: 'name/reserved', message: `“${trimmed}” is a reserved SQL word; SQL exports will have to quote it` });
    } else if (!SAFE_IDENTIFIER.test(trimmed)) {
      issues.push({
        level: 'warning',
        code: 'name/needs-quoting',
        message: /^[0-9]/.test(trimmed)
          ? 'Starts with a digit; SQL exports will have to quote it'
          : 'Contains characters other than letters, digits and _; SQL exports will have to quote it'
      });
    }
  }
  return issues;
}

/** True when no issue blocks saving. */
export function nameAccepted(issues: readonly NameIssue[]): boolean {
  return !issues.some((i) => i.level === 'error');
}

/** A name not yet in `taken`: `base`, then `base_2`, `base_3`, … (case-insensitive). */
export function uniqueName(base: string, taken: readonly string[]): string {
  const set = new Set(taken.map((t) => t.toLowerCase()));
  if (!set.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!set.has(candidate.toLowerCase())) return candidate;
  }
}
