/**
 * Tables without a sample, generated from the schema alone (SDV Enterprise's DayZSynthesizer idea,
 * sdv-algorithms.md §B5): each column from its declared sdtype and designer hints (min/max,
 * decimals, categories, Faker provider, datetime format, key pattern). Keys are unique; foreign keys
 * are filled by the multi-table sampler.
 */
import { AppError, type ColumnHints, type SdvTable } from '../../schema/model';
import { formatDatetime, parseDatetime } from '../../schema/datetime';
import { generateKeys } from '../keys/key-generator';
import type { KeyStyle } from '../keys/key-style';
import { parseRegex } from '../keys/regex-pattern';
import { generatePii, resolveProvider } from '../pii/pii-generator';
import { isPiiSdtype } from '../pii/providers';
import { streamFactory, type Rng } from '../transformers/rng';
import type { DeclaredColumn } from './types';

const DEFAULT_DATE_FORMAT = '%Y-%m-%d';
const DAY = 86_400_000;

function num(v: number | string | undefined, fallback: number, what: string, where: string): number {
  if (v === undefined || v === '') return fallback;
  const x = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(x)) throw new AppError('multi/bad-hint', `${where}: ${what} "${v}" is not a number`, { column: where });
  return x;
}

function date(v: number | string | undefined, fallback: number, format: string, where: string): number {
  if (v === undefined || v === '') return fallback;
  if (typeof v === 'number') return v;
  const ms = parseDatetime(v, format) ?? parseDatetime(v, DEFAULT_DATE_FORMAT) ?? Date.parse(v);
  if (ms === null || !Number.isFinite(ms)) throw new AppError('multi/bad-hint', `${where}: "${v}" is not a date in the format ${format}`, { column: where });
  return ms;
}

/** The generator of every column of a schema-only table. */
export function declareColumns(table: string, meta: SdvTable, hints: Record<string, ColumnHints> = {}, fkCols: Set<string>): DeclaredColumn[] {
  const keys = new Set<string>();
  for (const k of [meta.primary_key, ...(meta.alternate_keys ?? [])]) if (k !== undefined) for (const c of Array.isArray(k) ? k : [k]) keys.add(c);
  return Object.entries(meta.columns).map(([column, col]): DeclaredColumn => {
    const h = hints[column] ?? {};
    const where = `${table}.${column}`;
    const sdtype = h.sdtype ?? col.sdtype;
    if (fkCols.has(column)) return { column, kind: 'fk' };
    if (keys.has(column) || sdtype === 'id') {
      const pattern = h.regex_format ?? col.regex_format;
      if (pattern) parseRegex(pattern, column);
      const style: KeyStyle = pattern ? { type: 'regex', pattern, explicit: true } : sdtype === 'uuid' ? { type: 'uuid', upper: false } : { type: 'integer', start: 1, step: 1 };
      return { column, kind: 'key', style };
    }
    if (h.provider || (isPiiSdtype(sdtype) && col.pii !== false)) {
      resolveProvider(sdtype, column, h.provider);
      return { column, kind: 'pii', sdtype, provider: h.provider, nullRate: 0 };
    }
    if (sdtype === 'text' || sdtype === 'unknown') return { column, kind: 'pii', sdtype, provider: 'lorem.sentence', nullRate: 0 };
    switch (sdtype) {
      case 'numerical': {
        const min = num(h.min, 0, 'min', where), max = num(h.max, Math.max(min, 0) + 1000, 'max', where);
        if (min > max) throw new AppError('multi/bad-hint', `${where}: min ${min} is greater than max ${max}`, { column: where });
        const integer = /int/i.test(h.computer_representation ?? col.computer_representation ?? '');
        const decimals = h.decimals ?? (integer ? 0 : 2);
        if (!Number.isInteger(decimals) || decimals < 0 || decimals > 15) throw new AppError('multi/bad-hint', `${where}: decimals must be a whole number 0–15 (got ${decimals})`, { column: where });
        return { column, kind: 'number', min, max, decimals, nullRate: 0 };
      }
      case 'datetime': {
        const format = h.datetime_format ?? col.datetime_format ?? DEFAULT_DATE_FORMAT;
        const min = date(h.min, Date.UTC(2020, 0, 1), format, where), max = date(h.max, Date.UTC(2024, 11, 31), format, where);
        if (min > max) throw new AppError('multi/bad-hint', `${where}: min is after max`, { column: where });
        return { column, kind: 'datetime', min, max, format, nullRate: 0 };
      }
      case 'boolean':
        return { column, kind: 'category', categories: h.categories?.length ? h.categories : ['true', 'false'], nullRate: 0 };
      default: {
        const categories = h.categories ?? col.order ?? ['A', 'B', 'C'];
        if (!categories.length) throw new AppError('multi/bad-hint', `${where}: the category list is empty`, { column: where });
        return { column, kind: 'category', categories, nullRate: 0 };
      }
    }
  });
}

/** `n` rows of a schema-only table (FK columns left null for the linker). */
export function generateDeclared(cols: DeclaredColumn[], n: number, rng: Rng, locale: string): (string | null)[][] {
  const stream = streamFactory(rng);
  return cols.map((c) => {
    const r = stream(c.column);
    const nulls = (x: (string | null)[]) => { if ('nullRate' in c && c.nullRate > 0) for (let i = 0; i < n; i++) if (r.nextFloat() < c.nullRate) x[i] = null; return x; };
    switch (c.kind) {
      case 'fk': return new Array<string | null>(n).fill(null);
      case 'key': return generateKeys(c.column, c.style, n, r, true);
      case 'number': {
        const f = 10 ** c.decimals;
        return nulls(Array.from({ length: n }, () => {
          const x = Math.min(c.max, Math.max(c.min, Math.round((c.min + r.nextFloat() * (c.max - c.min)) * f) / f));
          return c.decimals ? x.toFixed(c.decimals) : String(x);
        }));
      }
      case 'datetime': {
        const fine = /%[HIMSfp]/.test(c.format);
        return nulls(Array.from({ length: n }, () => {
          let ms = c.min + r.nextFloat() * (c.max - c.min);
          if (!fine) ms = Math.floor(ms / DAY) * DAY;
          else ms = Math.floor(ms / 1000) * 1000;
          return formatDatetime(ms, c.format);
        }));
      }
      case 'category':
        return nulls(Array.from({ length: n }, () => c.categories[Math.floor(r.nextFloat() * c.categories.length)]));
      case 'pii':
        return generatePii(c.column, resolveProvider(c.sdtype, c.column, c.provider), [], n, locale, r, null);
    }
  });
}
