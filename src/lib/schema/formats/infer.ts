/**
 * Type inference per column of a `ColumnarTable`: a designer `Column` (data_type + hints), the
 * matching SDV column (via `columnToSdv`, so both always agree), missing tokens, and a primary-key
 * candidate per table. Follows SDV's detection rules (sdv/metadata/single_table.py, see
 * docs/formats.md for the deliberate differences):
 * - a name with an `id` token → id; unique sequential integers or fixed-shape unique codes → id;
 * - whole numbers ≥ 0 with more than 5 rows and at most min(round(n/10), 10) distinct values → categorical;
 * - other numbers → numerical (Int64 or Float, decimals kept);
 * - text that parses with one datetime format → datetime (format kept, padding as in the file);
 * - other text → categorical, or free text when nearly unique and long.
 */
import type { Column, ColumnarTable, ColumnHints, DataType, SdvColumn, SdvTable, Table } from '../model';
import { guessDatetimeFormat, parseDatetime, formatDatetime } from '../datetime';
import {
  EMAIL_RE, FLOAT_RE, INTEGER_RE, STRONG_MISSING, URL_RE, UUID_RE, UUID_REGEX_FORMAT, WEAK_MISSING,
  fixedShapeRegex, isBooleanVocabulary, isPhone, nameTokens
} from './patterns';
import { columnToSdv } from './sdtype-map';
import { newId } from './json-safe';

export interface InferOptions {
  /** Extra tokens the user wants read as missing (e.g. flipping an ambiguous "NA"). */
  missingTokens?: string[];
  /** Tokens the user wants kept as values even though they are usually missing markers. */
  keepTokens?: string[];
  /** The column is a foreign key (known from relationships): its sdtype is id. */
  isForeignKey?: boolean;
}

export interface ColumnInference {
  name: string;
  column: Column;
  sdv: SdvColumn;
  /** Tokens found in the column and read as missing (the empty cell is always missing). */
  missingTokens: string[];
  /** Tokens found that are often missing markers but were kept as values (e.g. "NA" = North America). */
  ambiguousTokens: string[];
  rowCount: number;
  /** Missing cells, empty ones and missing tokens together. */
  nullCount: number;
  distinctCount: number;
  /** Every value present and distinct. */
  unique: boolean;
  /** A key-like column: sequential unique integers, fixed-shape unique codes, UUIDs or an `id` name. */
  idLike: boolean;
  /** Why this type, in a few words (shown in the UI). */
  reason: string;
}

export interface TableInference {
  name: string;
  columns: ColumnInference[];
  primaryKey: string | null;
  /** The designer table (the primary key marked). */
  table: Table;
  sdv: SdvTable;
}

const STRONG = new Set(STRONG_MISSING);
const WEAK = new Set(WEAK_MISSING);

/** Person-name and other PII columns recognised by name (as SDV's `_REFERENCE_TO_SDTYPE`). */
const NAME_SDTYPES: Record<string, { sdtype: string; dataType: DataType }> = {
  firstname: { sdtype: 'first_name', dataType: 'name' }, givenname: { sdtype: 'first_name', dataType: 'name' }, forename: { sdtype: 'first_name', dataType: 'name' },
  lastname: { sdtype: 'last_name', dataType: 'name' }, surname: { sdtype: 'last_name', dataType: 'name' }, familyname: { sdtype: 'last_name', dataType: 'name' },
  fullname: { sdtype: 'name', dataType: 'name' }, personname: { sdtype: 'name', dataType: 'name' }, customername: { sdtype: 'name', dataType: 'name' }, contactname: { sdtype: 'name', dataType: 'name' },
  email: { sdtype: 'email', dataType: 'email' }, emailaddress: { sdtype: 'email', dataType: 'email' },
  phone: { sdtype: 'phone_number', dataType: 'phone' }, phonenumber: { sdtype: 'phone_number', dataType: 'phone' },
  ssn: { sdtype: 'ssn', dataType: 'string' }, iban: { sdtype: 'iban', dataType: 'string' },
  streetaddress: { sdtype: 'street_address', dataType: 'address' }, address: { sdtype: 'address', dataType: 'address' },
  city: { sdtype: 'city', dataType: 'string' }, postcode: { sdtype: 'postcode', dataType: 'string' }, zipcode: { sdtype: 'postcode', dataType: 'string' }, postalcode: { sdtype: 'postcode', dataType: 'string' },
  ipv4: { sdtype: 'ipv4_address', dataType: 'string' }, ipv4address: { sdtype: 'ipv4_address', dataType: 'string' }, ipv6address: { sdtype: 'ipv6_address', dataType: 'string' },
  macaddress: { sdtype: 'mac_address', dataType: 'string' }, creditcardnumber: { sdtype: 'credit_card_number', dataType: 'string' }, licenseplate: { sdtype: 'license_plate', dataType: 'string' }
};

export function hasIdToken(name: string): boolean {
  return nameTokens(name).includes('id');
}

/** Reads the listed tokens as missing: a copy of `values` with them replaced by null. */
export function applyMissingTokens(values: readonly (string | null)[], tokens: readonly string[]): (string | null)[] {
  if (!tokens.length) return values.slice();
  const set = new Set(tokens);
  return values.map((v) => (v !== null && set.has(v) ? null : v));
}

type Kind = 'empty' | 'boolean' | 'integer' | 'float' | 'datetime' | 'text';

function kindOf(distinct: string[], name: string): { kind: Kind; format?: string } {
  if (!distinct.length) return { kind: 'empty' };
  const lower = new Set(distinct.map((v) => v.trim().toLowerCase()));
  if (isBooleanVocabulary(lower) && !(lower.size === 1 && (lower.has('1') || lower.has('0')))) return { kind: 'boolean' };
  const trimmed = distinct.map((v) => v.trim());
  // An explicit "+" (calling codes "+297") is part of the text: as a number it would be lost.
  const plus = trimmed.some((v) => v.startsWith('+'));
  if (!plus && trimmed.every((v) => INTEGER_RE.test(v))) {
    // 8-digit numbers that are all valid %Y%m%d dates are dates only when the name says so.
    if (/date|day|dt$/i.test(name) && guessDatetimeFormat(trimmed) === '%Y%m%d') return { kind: 'datetime', format: '%Y%m%d' };
    // Codes with leading zeros ("02", "00501") are text, not numbers: writing them back as numbers would lose the zeros.
    if (trimmed.some((v) => /^[+-]?0\d/.test(v))) return { kind: 'text' };
    return { kind: 'integer' };
  }
  if (!plus && trimmed.every((v) => FLOAT_RE.test(v))) return { kind: 'float' };
  const format = guessDatetimeFormat(trimmed);
  if (format) return { kind: 'datetime', format: refineDatetimeFormat(format, trimmed) };
  return { kind: 'text' };
}

/**
 * Picks the padding variant of a strftime format that writes the values back exactly as read:
 * "Jan 1 2000" parses with `%b %d %Y` but is written back only by `%b %-d %Y`.
 */
export function refineDatetimeFormat(format: string, values: readonly string[], limit = 200): string {
  const sample = values.slice(0, limit);
  const exact = (f: string) => {
    let n = 0;
    for (const s of sample) {
      const ms = parseDatetime(s, f);
      if (ms !== null && formatDatetime(ms, f) === s) n++;
    }
    return n;
  };
  let best = format, bestN = exact(format);
  if (bestN === sample.length) return best;
  // Every combination of padded / unpadded numeric directives present (at most 2^6).
  const present = ['d', 'm', 'H', 'I', 'M', 'S'].filter((d) => format.includes('%' + d));
  for (let mask = 1; mask < 1 << present.length; mask++) {
    let cand = format;
    present.forEach((d, i) => { if (mask & (1 << i)) cand = cand.replace('%' + d, '%-' + d); });
    const n = exact(cand);
    if (n > bestN) { best = cand; bestN = n; }
    if (bestN === sample.length) break;
  }
  return best;
}

function decimalsOf(distinct: string[]): number {
  let d = 0;
  for (const v of distinct) {
    const m = /\.(\d+)/.exec(v);
    if (m && !/[eE]/.test(v)) d = Math.max(d, m[1].length);
  }
  return d;
}

/** Infers one column. `values` are text cells as read (null = empty cell). */
export function inferColumn(name: string, values: readonly (string | null)[], opts: InferOptions = {}): ColumnInference {
  const counts = new Map<string, number>();
  let empty = 0;
  for (const v of values) {
    if (v === null || v === '') { empty++; continue; }
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const keep = new Set(opts.keepTokens ?? []);
  const forced = new Set(opts.missingTokens ?? []);
  const strong: string[] = [], weak: string[] = [];
  for (const v of counts.keys()) {
    if (keep.has(v)) continue;
    if (forced.has(v) || STRONG.has(v.trim())) strong.push(v);
    else if (WEAK.has(v.trim())) weak.push(v);
  }
  const missingSet = new Set(strong);
  const rest = [...counts.keys()].filter((v) => !missingSet.has(v) && !weak.includes(v));
  const restKind = kindOf(rest, name);
  // Weak tokens are missing in a typed column; in a text column they are values ("NA" = North America).
  const weakMissing = restKind.kind !== 'text';
  if (weakMissing) for (const w of weak) missingSet.add(w);
  const distinct = weakMissing ? rest : [...rest, ...weak];
  const { kind, format } = weakMissing ? restKind : kindOf(distinct, name);
  let missingCount = empty;
  for (const t of missingSet) missingCount += counts.get(t) ?? 0;
  const n = values.length;
  const present = n - missingCount;
  const unique = missingCount === 0 && present > 0 && distinct.every((v) => counts.get(v) === 1);
  const idToken = hasIdToken(name);
  const tokensJoined = nameTokens(name).join('');

  let dataType: DataType = 'categorical';
  const hints: ColumnHints = {};
  let idLike = false;
  let reason = '';
  let sdtype: string | undefined;

  switch (kind) {
    case 'empty':
      dataType = 'string'; reason = 'no values'; break;
    case 'boolean':
      dataType = 'boolean'; reason = `only ${distinct.join('/')}`; break;
    case 'integer': {
      dataType = 'integer';
      const nums = distinct.map(Number);
      let min = Infinity, max = -Infinity;
      for (const x of nums) { if (x < min) min = x; if (x > max) max = x; }
      hints.min = min; hints.max = max;
      const sequential = unique && max - min === present - 1;
      if (idToken || (sequential && present > 1)) {
        idLike = true; sdtype = 'id';
        reason = idToken ? 'integer key (name has an id token)' : 'unique sequential integers';
      } else if (present > 5 && min >= 0 && distinct.length <= Math.min(Math.round(present / 10), 10)) {
        sdtype = 'categorical'; hints.categories = [...distinct].sort((a, b) => Number(a) - Number(b));
        reason = `${distinct.length} distinct whole numbers ≥ 0 (SDV: categorical)`;
      } else reason = 'whole numbers';
      break;
    }
    case 'float':
      dataType = 'float'; hints.decimals = decimalsOf(distinct);
      {
        let min = Infinity, max = -Infinity;
        for (const v of distinct) { const x = Number(v); if (x < min) min = x; if (x > max) max = x; }
        hints.min = min; hints.max = max;
      }
      reason = `decimal numbers (${hints.decimals} places)`;
      break;
    case 'datetime':
      dataType = /%-?[HIMSfp]/.test(format!) ? 'datetime' : 'date';
      hints.datetime_format = format;
      reason = `dates in ${format}`;
      break;
    case 'text': {
      const trimmed = distinct.map((v) => v.trim());
      const byName = NAME_SDTYPES[tokensJoined] ?? NAME_SDTYPES[nameTokens(name).slice(-2).join('')];
      const shape = fixedShapeRegex(trimmed);
      if (trimmed.every((v) => UUID_RE.test(v))) {
        dataType = 'uuid'; idLike = true; reason = 'UUIDs';
      } else if (trimmed.every((v) => EMAIL_RE.test(v))) { dataType = 'email'; reason = 'e-mail addresses'; }
      else if (trimmed.every((v) => URL_RE.test(v))) { dataType = 'url'; reason = 'URLs'; }
      else if (trimmed.every(isPhone)) { dataType = 'phone'; reason = 'phone numbers'; }
      else if (idToken) {
        dataType = 'string'; idLike = true; sdtype = 'id'; reason = 'key (name has an id token)';
        if (shape) hints.regex_format = shape;
      } else if (unique && shape && present > 1) {
        dataType = 'string'; idLike = true; sdtype = 'id'; hints.regex_format = shape;
        reason = `unique codes shaped ${shape}`;
      } else if (byName) {
        dataType = byName.dataType; reason = `column name suggests ${byName.sdtype}`;
        if (byName.sdtype !== dataType && !(byName.sdtype === 'phone_number' && dataType === 'phone')) sdtype = byName.sdtype;
      } else {
        let words = 0, chars = 0;
        for (const v of trimmed) { chars += v.length; words += v.split(/\s+/).length; }
        const ratio = distinct.length / Math.max(1, present);
        const avgWords = words / Math.max(1, trimmed.length), avgChars = chars / Math.max(1, trimmed.length);
        if (ratio > 0.5 && (avgWords >= 5 || avgChars >= 50)) {
          dataType = 'text'; reason = `free text (${Math.round(ratio * 100)}% distinct, ~${avgWords.toFixed(0)} words)`;
        } else {
          dataType = 'categorical'; reason = `${distinct.length} categories`;
          if (distinct.length <= 100) hints.categories = distinct.slice();
        }
      }
      break;
    }
  }
  if (opts.isForeignKey) sdtype = undefined; // keys get id from the relationship itself
  if (sdtype && sdtype !== 'id') hints.sdtype = sdtype;
  // id stays a hint only for non-key id-like columns; a key's id comes from being a key.
  if (sdtype === 'id' && !opts.isForeignKey) hints.sdtype = 'id';
  const missingTokens = [...missingSet].filter((t) => (counts.get(t) ?? 0) > 0);
  if (missingTokens.length) hints.missing_tokens = missingTokens;
  const column: Column = {
    id: newId(), name, data_type: dataType,
    is_nullable: missingCount > 0, is_primary_key: false, is_unique: unique
  };
  if (Object.keys(hints).length) column.hints = hints;
  return {
    name, column, sdv: columnToSdv(column, !!opts.isForeignKey),
    missingTokens,
    ambiguousTokens: weakMissing ? [] : weak.filter((t) => (counts.get(t) ?? 0) > 0),
    rowCount: n, nullCount: missingCount, distinctCount: distinct.length, unique, idLike, reason
  };
}

/** Best primary-key candidate: a unique, complete, key-like column; "id" first, then id-named, then the first. */
export function primaryKeyCandidate(cols: readonly ColumnInference[]): string | null {
  const c = cols.filter((x) => x.unique && x.idLike);
  if (!c.length) return null;
  return (c.find((x) => x.name.toLowerCase() === 'id') ?? c.find((x) => hasIdToken(x.name)) ?? c[0]).name;
}

/**
 * Infers every column of a table and marks the primary-key candidate. `foreignKeys` names columns
 * known to reference another table (they become sdtype id).
 */
export function inferTable(name: string, data: ColumnarTable, opts: { foreignKeys?: string[]; perColumn?: Record<string, InferOptions> } = {}): TableInference {
  const fks = new Set(opts.foreignKeys ?? []);
  const columns = data.names.map((col, i) => inferColumn(col, data.columns[i], { ...opts.perColumn?.[col], isForeignKey: fks.has(col) }));
  const primaryKey = primaryKeyCandidate(columns);
  for (const c of columns) {
    if (c.name !== primaryKey) continue;
    c.column.is_primary_key = true;
    c.column.is_nullable = false;
    if (c.column.hints?.sdtype === 'id') {
      delete c.column.hints.sdtype;
      if (!Object.keys(c.column.hints).length) delete c.column.hints;
    }
    c.sdv = columnToSdv(c.column, true);
  }
  const sdvCols: Record<string, SdvColumn> = {};
  for (const c of columns) sdvCols[c.name] = c.sdv;
  const sdv: SdvTable = { columns: sdvCols };
  if (primaryKey) sdv.primary_key = primaryKey;
  return { name, columns, primaryKey, table: { id: newId(), name, columns: columns.map((c) => c.column) }, sdv };
}

export { UUID_REGEX_FORMAT };
