/**
 * Offline rule suggestions from a column's name, type and sample values: `email` → Faker email,
 * `created_at` → datetime range, `price` → positive decimal with 2 places, `status` → category list.
 * Suggestions are proposals only: the UI shows them to accept or dismiss, nothing is applied here.
 */
import { guessDatetimeFormat, parseDatetime } from './datetime';
import type { Column, ColumnHints, DataType } from './model';

export interface HintSuggestion {
  /** Stable per column and rule, so a dismissal can be remembered: `${columnId}:${rule}`. */
  id: string;
  rule: string;
  /** Human sentence shown in the UI. */
  label: string;
  /** What accepting changes on the column. */
  patch: { data_type?: DataType; is_primary_key?: boolean; hints?: ColumnHints };
}

/** Most distinct values a column may have to be offered as a category list. */
export const MAX_CATEGORIES = 20;

const tokens = (name: string) =>
  name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

interface Rule {
  rule: string;
  test: (t: string[], name: string) => boolean;
  make: (col: Column, values: string[]) => Omit<HintSuggestion, 'id' | 'rule'> | null;
}

const has = (t: string[], ...words: string[]) => words.some((w) => t.includes(w));
const last = (t: string[]) => t[t.length - 1] ?? '';

function provider(type: DataType, p: string, label: string): Rule['make'] {
  return () => ({ label, patch: { data_type: type, hints: { provider: p } } });
}

function datetimeRange(col: Column, values: string[]): Omit<HintSuggestion, 'id' | 'rule'> {
  const fmt = values.length ? guessDatetimeFormat(values, 200) : null;
  let min: string | undefined, max: string | undefined;
  if (fmt) {
    let lo = Infinity, hi = -Infinity, loText = '', hiText = '';
    for (const v of values) {
      const ms = parseDatetime(v, fmt);
      if (ms === null || !Number.isFinite(ms)) continue;
      if (ms < lo) { lo = ms; loText = v; }
      if (ms > hi) { hi = ms; hiText = v; }
    }
    if (loText) { min = loText; max = hiText; }
  }
  const type: DataType = col.data_type === 'date' ? 'date' : 'datetime';
  const hints: ColumnHints = {};
  if (fmt) hints.datetime_format = fmt;
  if (min !== undefined) { hints.min = min; hints.max = max; }
  return {
    label: min !== undefined ? `Treat as ${type} between ${min} and ${max} (from the sample)` : `Treat as a ${type} (give it a range)`,
    patch: { data_type: type, hints }
  };
}

const RULES: Rule[] = [
  { rule: 'email', test: (t) => has(t, 'email', 'mail'), make: provider('email', 'internet.email', 'Generate fake e-mail addresses (Faker internet.email)') },
  { rule: 'phone', test: (t) => has(t, 'phone', 'mobile', 'tel', 'telephone', 'fax'), make: provider('phone', 'phone.number', 'Generate fake phone numbers (Faker phone.number)') },
  { rule: 'first-name', test: (t) => has(t, 'firstname', 'forename', 'given') || (has(t, 'first') && has(t, 'name')), make: provider('name', 'person.firstName', 'Generate fake first names (Faker person.firstName)') },
  { rule: 'last-name', test: (t) => has(t, 'lastname', 'surname', 'family') || (has(t, 'last') && has(t, 'name')), make: provider('name', 'person.lastName', 'Generate fake last names (Faker person.lastName)') },
  { rule: 'full-name', test: (t) => has(t, 'fullname') || (has(t, 'full') && has(t, 'name')) || (t.length === 2 && has(t, 'customer', 'user', 'employee', 'person', 'contact') && last(t) === 'name'), make: provider('name', 'person.fullName', 'Generate fake full names (Faker person.fullName)') },
  { rule: 'address', test: (t) => has(t, 'address', 'street'), make: provider('address', 'location.streetAddress', 'Generate fake street addresses (Faker location.streetAddress)') },
  { rule: 'city', test: (t) => last(t) === 'city', make: provider('address', 'location.city', 'Generate fake city names (Faker location.city)') },
  { rule: 'postcode', test: (t) => has(t, 'zip', 'zipcode', 'postcode', 'postal'), make: provider('address', 'location.zipCode', 'Generate fake postcodes (Faker location.zipCode)') },
  { rule: 'url', test: (t) => has(t, 'url', 'website', 'homepage', 'link'), make: provider('url', 'internet.url', 'Generate fake URLs (Faker internet.url)') },
  { rule: 'uuid', test: (t) => has(t, 'uuid', 'guid'), make: () => ({ label: 'Store as a UUID', patch: { data_type: 'uuid' } }) },
  {
    rule: 'free-text',
    test: (t) => has(t, 'description', 'comment', 'comments', 'notes', 'note', 'bio', 'body', 'message', 'remarks'),
    make: () => ({ label: 'Free text: keep it out of the statistical model and generate fake sentences', patch: { data_type: 'text', hints: { exclude_from_model: true } } })
  },
  {
    rule: 'timestamp',
    test: (t) => has(t, 'at', 'timestamp', 'datetime') || (has(t, 'created', 'updated', 'modified', 'deleted') && has(t, 'on', 'date', 'time')),
    make: (c, v) => datetimeRange(c, v)
  },
  { rule: 'date', test: (t) => has(t, 'date', 'dob', 'birthday', 'birthdate'), make: (c, v) => datetimeRange({ ...c, data_type: 'date' }, v) },
  {
    rule: 'money',
    test: (t) => has(t, 'price', 'amount', 'cost', 'total', 'salary', 'fee', 'revenue', 'balance', 'subtotal', 'tax'),
    make: () => ({ label: 'Positive decimal with 2 places (money)', patch: { data_type: 'decimal', hints: { min: 0, decimals: 2 } } })
  },
  { rule: 'count', test: (t) => has(t, 'quantity', 'qty', 'count', 'stock'), make: () => ({ label: 'Whole number, never negative', patch: { data_type: 'integer', hints: { min: 0 } } }) },
  { rule: 'age', test: (t) => last(t) === 'age', make: () => ({ label: 'Age: whole number between 0 and 120', patch: { data_type: 'integer', hints: { min: 0, max: 120 } } }) },
  { rule: 'flag', test: (t) => ['is', 'has', 'can'].includes(t[0] ?? '') && t.length > 1, make: () => ({ label: 'Yes/no flag (boolean)', patch: { data_type: 'boolean' } }) },
  {
    rule: 'categories',
    test: (t) => has(t, 'status', 'state', 'type', 'category', 'kind', 'level', 'tier', 'gender', 'segment', 'stage'),
    make: (_c, values) => {
      const distinct = [...new Set(values)];
      if (distinct.length > MAX_CATEGORIES) return null;
      if (!distinct.length) return { label: 'A fixed list of categories (enter the values)', patch: { data_type: 'categorical', hints: { categories: [] } } };
      distinct.sort();
      return { label: `Categories from the sample: ${distinct.join(', ')}`, patch: { data_type: 'categorical', hints: { categories: distinct } } };
    }
  }
];

/** True when applying `patch` would change nothing on `col`. */
function alreadyApplied(col: Column, patch: HintSuggestion['patch']): boolean {
  if (patch.data_type !== undefined && patch.data_type !== col.data_type) return false;
  if (patch.is_primary_key !== undefined && patch.is_primary_key !== col.is_primary_key) return false;
  for (const [k, v] of Object.entries(patch.hints ?? {})) {
    if (JSON.stringify((col.hints as Record<string, unknown> | undefined)?.[k]) !== JSON.stringify(v)) return false;
  }
  return true;
}

/**
 * Suggestions for one column. `values` are its non-missing sample cells (may be empty);
 * `tableHasKey` tells whether another column of the table is already the primary key.
 */
export function suggestHints(col: Column, values: readonly (string | null)[] = [], tableHasKey = true): HintSuggestion[] {
  const t = tokens(col.name);
  const present = values.filter((v): v is string => v !== null && v !== '');
  const out: HintSuggestion[] = [];
  if (!tableHasKey && !col.is_primary_key && t.length === 1 && t[0] === 'id') {
    out.push({ id: `${col.id}:primary-key`, rule: 'primary-key', label: 'Make “id” the primary key', patch: { is_primary_key: true } });
  }
  // Key-looking columns (…_id) are foreign keys, not PII or categories.
  if (last(t) === 'id' && t.length > 1) return out;
  for (const r of RULES) {
    if (!r.test(t, col.name)) continue;
    const s = r.make(col, present);
    if (s && !alreadyApplied(col, s.patch)) out.push({ id: `${col.id}:${r.rule}`, rule: r.rule, ...s });
    break; // the first matching rule wins: one clear suggestion per column
  }
  return out;
}

/** Applies an accepted suggestion, merging hints. Returns the patched column (no mutation). */
export function applySuggestion(col: Column, s: HintSuggestion): Column {
  const next: Column = { ...col };
  if (s.patch.data_type) next.data_type = s.patch.data_type;
  if (s.patch.is_primary_key !== undefined) { next.is_primary_key = s.patch.is_primary_key; if (s.patch.is_primary_key) next.is_nullable = false; }
  if (s.patch.hints) next.hints = { ...(col.hints ?? {}), ...s.patch.hints };
  return next;
}
