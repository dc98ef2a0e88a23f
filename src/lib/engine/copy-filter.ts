/**
 * "New rows only": no synthetic row may reproduce a real row. A row reproduces one when it matches it
 * by SDMetrics' NewRowSynthesis rule — every numerical/datetime value within 1 % of the synthetic
 * value, every category equal, missing only with missing (keys, PII and unknown columns are not
 * compared; they are generated anyway). Matching rows are dropped and replaced by the most similar
 * new rows of further seeded draws (copy-nearest.ts), keeping their own keys, so the report's
 * NewRowSynthesis is 1 by construction and no real record appears in the output, even approximately.
 *
 * Replacing a row is a tiny, local change of the distribution (the rows removed are the ones inside
 * the 1 % boxes around real rows), so it is on by default. A table with so few distinct rows that most
 * draws reproduce a real one (e.g. two boolean columns) cannot have "new" rows; there the filter
 * stands aside and says why instead of distorting the data.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../schema/model';
import type { Core } from './wasm';
import { guessDatetimeFormat } from '../schema/datetime';
import { RowMatcher } from './metrics/privacy';
import { keyColumns, parseDates, parseNumbers, prepareTable, type PreparedTable } from './metrics/prepare';
import { nearestUnused } from './copy-nearest';
import { chunksOf } from './rules/sample';

/** Above this share of matching rows in the main draw the filter does not apply (see the header). */
export const MAX_COPY_SHARE = 0.5;
/** Distinct datetime strings remembered per column. */
const DATE_MEMO_MAX = 200_000;
/** Top-up draws after the main one before the remaining copies are kept (and reported). */
const MAX_PASSES = 20;

/** What the filter did to one table. */
export interface CopyCheck {
  table: string;
  /** False when the filter stood aside (`reason` says why). */
  applied: boolean;
  /** Rows of the main draw that reproduced a real row. */
  matched: number;
  /** Of those, rows replaced by new ones. */
  replaced: number;
  /** Rows drawn in all, top-ups included. */
  drawn: number;
  reason?: string;
}

/** Checks final (text) rows of one table against its real sample. */
export class CopyFilter {
  private prepared!: PreparedTable;
  private codes: Map<string, number>[] = [];
  private formats: (string | undefined)[] = [];
  private ranges: number[] = [];
  private matcher!: RowMatcher;
  /** Why rows cannot be compared (a sample value the metrics cannot read): the filter then stands aside. */
  readonly problem: string | null = null;
  private dateMemo: Map<string, number>[] = [];

  /**
   * Columns a replacement row takes from the row it replaces: keys (primary, alternate, `foreignKeys`)
   * and every `id` column, so key values stay unique and a child row keeps its parent.
   */
  readonly keep: string[];

  constructor(private core: Core, readonly table: string, real: ColumnarTable, meta: SdvTable, foreignKeys: string[] = []) {
    const keep = new Set<string>([...keyColumns(meta).flat(), ...foreignKeys]);
    for (const [c, cm] of Object.entries(meta.columns)) if (cm.sdtype === 'id') keep.add(c);
    this.keep = real.names.filter((c) => keep.has(c));
    const empty: ColumnarTable = { names: real.names, columns: real.names.map(() => []) };
    try {
      this.prepared = prepareTable(table, real, empty, meta);
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      this.problem = e.message;
      return;
    }
    this.matcher = new RowMatcher(core, this.prepared);
    this.codes = this.prepared.columns.map((c) => new Map(c.categories.map((v, i) => [v, i])));
    this.formats = this.prepared.columns.map((c) => {
      if (c.sdtype !== 'datetime') return undefined;
      const fmt = meta.columns[c.name].datetime_format;
      if (fmt) return fmt;
      const col = real.columns[real.names.indexOf(c.name)];
      return guessDatetimeFormat(col.filter((v): v is string => v !== null), 2000) ?? undefined;
    });
    this.ranges = this.prepared.columns.map((c) => {
      let lo = Infinity, hi = -Infinity;
      for (const v of c.real) if (!Number.isNaN(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
      return hi > lo ? hi - lo : 1;
    });
  }

  /** 1 for each row of `t` that reproduces a real row, else 0. */
  flags(t: ColumnarTable): Uint8Array {
    const n = t.columns[0]?.length ?? 0;
    if (!this.prepared.columns.length || !n) return new Uint8Array(n);
    return this.matcher.matched(this.encode(t));
  }

  /** The compared columns of `t`, encoded like the real ones (an unseen category gets code −1). */
  encode(t: ColumnarTable): Float64Array[] {
    const n = t.columns[0]?.length ?? 0;
    return this.prepared.columns.map((c, k) => {
      const i = t.names.indexOf(c.name);
      if (i < 0) throw new AppError('copies/missing-column', `The synthetic table "${this.table}" has no column "${c.name}"`, { column: c.name });
      const v = t.columns[i];
      if (c.shape === 'discrete') {
        const out = new Float64Array(n);
        for (let r = 0; r < n; r++) out[r] = v[r] === null ? NaN : (this.codes[k].get(v[r]!) ?? -1);
        return out;
      }
      const fmt = this.formats[k];
      return fmt ? this.dates(k, v, fmt, c.name) : parseNumbers(v, c.name, 'synthetic', this.table);
    });
  }

  /**
   * Datetime text → ms, memoised per column: generated dates repeat (a day-resolution column of 1M rows
   * has a few thousand distinct values) and parsing a format is the slow part of the check.
   */
  private dates(k: number, v: (string | null)[], fmt: string, name: string): Float64Array {
    const memo = (this.dateMemo[k] ??= new Map());
    const out = new Float64Array(v.length);
    for (let r = 0; r < v.length; r++) {
      const s = v[r];
      if (s === null) { out[r] = NaN; continue; }
      let x = memo.get(s);
      if (x === undefined) {
        x = parseDates([s], fmt, name, 'synthetic', this.table)[0];
        if (memo.size < DATE_MEMO_MAX) memo.set(s, x);
      }
      out[r] = x;
    }
    return out;
  }

  /** For each row of `removed`, the most similar unused row of `pool` (copy-nearest.ts). */
  nearest(removed: ColumnarTable, pool: ColumnarTable): Int32Array {
    const cols = this.prepared.columns;
    if (!cols.length) return Int32Array.from({ length: removed.columns[0]?.length ?? 0 }, (_, i) => (i < (pool.columns[0]?.length ?? 0) ? i : -1));
    return nearestUnused(this.encode(removed), this.encode(pool), cols.map((c) => c.shape === 'discrete'), this.ranges);
  }
}

/** Rows `rows` of a table. */
function pick(t: ColumnarTable, rows: number[]): ColumnarTable {
  return { names: t.names, columns: t.columns.map((c) => rows.map((r) => c[r])) };
}

/**
 * Draws `rows` final rows; `pass` 0 is the main draw (the caller's seed), later passes top-ups that
 * must use seeds derived from it (and distinct from any seed the caller's own retries use).
 */
export type DrawFinal = (rows: number, pass: number) => AsyncIterable<ColumnarTable> | Promise<ColumnarTable>;

/** Candidate rows drawn per removed row (fewer for very many removed rows, to bound the work). */
function poolSize(removed: number): number {
  return Math.min(20 * removed + 1000, Math.max(4 * removed + 1000, 200_000));
}

function concat(parts: ColumnarTable[], names: string[]): ColumnarTable {
  return parts.length === 1 ? parts[0] : { names, columns: names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
}

/**
 * Streams `n` rows without reproductions of real rows: the main draw's new rows as they come, then,
 * for each row that reproduced a real row, the most similar new row of further draws (a candidate
 * pool of ~20 per removed row) carrying the removed row's keys (`CopyFilter.keep`). `check` is filled
 * in as it goes. When the first chunk shows more than MAX_COPY_SHARE matching rows the draw passes
 * through unchanged.
 */
export async function* newRowsOnly(filter: CopyFilter, n: number, draw: DrawFinal, check: CopyCheck, maxPasses = MAX_PASSES): AsyncGenerator<ColumnarTable> {
  if (filter.problem) {
    check.applied = false;
    check.reason = `rows could not be compared with the sample (${filter.problem})`;
    for await (const t of chunksOf(draw(n, 0))) { check.drawn += t.columns[0]?.length ?? 0; yield t; }
    return;
  }
  let first = true;
  const gone: ColumnarTable[] = [];
  let names: string[] = [];
  for await (const t of chunksOf(draw(n, 0))) {
    names = t.names;
    const flags = filter.flags(t);
    const keep: number[] = [], copies: number[] = [];
    flags.forEach((f, r) => (f ? copies : keep).push(r));
    if (first && flags.length && copies.length > MAX_COPY_SHARE * flags.length) {
      check.applied = false;
      check.reason = `${Math.round((100 * copies.length) / flags.length)}% of drawn rows reproduce a real row: the table has too few distinct rows for new ones to be the rule, so rows were not replaced`;
    }
    first = false;
    check.matched += copies.length;
    check.drawn += flags.length;
    if (!check.applied) { yield t; continue; }
    if (copies.length) gone.push(pick(t, copies));
    yield copies.length ? pick(t, keep) : t;
  }
  if (!check.applied || !check.matched) return;
  const removed = concat(gone, names);
  const want = poolSize(check.matched);
  const pool: ColumnarTable[] = [];
  let have = 0;
  for (let pass = 1; have < want && pass <= maxPasses; pass++) {
    const rate = Math.min(MAX_COPY_SHARE, check.matched / Math.max(1, check.drawn));
    for await (const t of chunksOf(draw(Math.ceil((want - have) / (1 - rate)), pass))) {
      const flags = filter.flags(t);
      const fresh: number[] = [];
      flags.forEach((f, r) => { if (!f) fresh.push(r); });
      check.drawn += flags.length;
      if (fresh.length) { pool.push(pick(t, fresh)); have += fresh.length; }
    }
  }
  const candidates = concat(pool, names);
  const idx = Array.from(filter.nearest(removed, candidates));
  check.replaced = idx.filter((j) => j >= 0).length;
  // The candidate's values with the removed row's keys; a row without a candidate (practically
  // unreachable: the match rate is ≤ 50 %) stays as drawn.
  const keep = new Set(filter.keep);
  yield { names, columns: names.map((c, k) => idx.map((j, i) => (j < 0 || keep.has(c) ? removed.columns[k][i] : candidates.columns[k][j]))) };
}

/** `newRowsOnly` into one table. */
export async function newRowsOnlyTable(filter: CopyFilter, n: number, draw: DrawFinal, maxPasses?: number): Promise<{ table: ColumnarTable; check: CopyCheck }> {
  const check: CopyCheck = { table: filter.table, applied: true, matched: 0, replaced: 0, drawn: 0 };
  const parts: ColumnarTable[] = [];
  for await (const t of newRowsOnly(filter, n, draw, check, maxPasses)) parts.push(t);
  const names = parts[0]?.names ?? [];
  const table = parts.length === 1 ? parts[0] : { names, columns: names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
  return { table, check };
}
