/**
 * "New rows only": no synthetic row may reproduce a real row. A row reproduces one when it matches it
 * by SDMetrics' NewRowSynthesis rule — every numerical/datetime value within 1 % of the synthetic
 * value, every category equal, missing only with missing (keys, PII and unknown columns are not
 * compared; they are generated anyway). Matching rows are dropped and replaced by the most similar
 * new rows of further seeded draws (copy-nearest.ts), keeping their own keys, so the report's
 * NewRowSynthesis is 1 by construction and no real record appears in the output, even approximately.
 *
 * Replacing a row is a small, local change of the distribution (a removed row sits inside the 1 % box
 * around a real row; its replacement is the nearest row outside every box), so it is on by default.
 * A table with so few distinct rows that new real rows would mostly reproduce old ones (judged on the
 * real data itself, one half against the other), or with categories only (a "new" row would just
 * recombine them: a lookup table of languages would get French spoken as "Deutsch"), cannot have new
 * rows: the filter then stands aside and says why instead of distorting the data. A synthesizer that copies
 * a lot (CART on narrow tables) is filtered however many rows it copies.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../schema/model';
import type { Core } from './wasm';
import { guessDatetimeFormat } from '../schema/datetime';
import { RowMatcher } from './metrics/privacy';
import { keyColumns, parseDates, parseNumbers, prepareTable, type PreparedTable } from './metrics/prepare';
import { nearestUnused } from './copy-nearest';
import { chunksOf } from './rules/sample';
import { checkpoint, type RunControl } from './progress';

/** Above this share of new real rows reproducing old ones the filter does not apply (see the header). */
export const MAX_COPY_SHARE = 0.5;
/** Real rows below which the share above is not estimated (the filter applies). */
const MIN_ROWS_FOR_SHARE = 20;
/** Candidate rows drawn for the pool at most: this many times the table's rows (at least 200k). */
const POOL_BUDGET = 5;
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

/** A check before anything was drawn (what `newRowsOnly` fills in). */
export function newCopyCheck(table: string): CopyCheck {
  return { table, applied: true, matched: 0, replaced: 0, drawn: 0 };
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

  /**
   * Share of new real rows that would reproduce an old one: a fixed pseudo-random half of the real rows
   * matched against the other half. null when the table is too small to say or cannot be compared.
   */
  realCopyShare(): number | null {
    if (this.problem || !this.prepared.columns.length || this.prepared.nReal < MIN_ROWS_FOR_SHARE) return null;
    const n = this.prepared.nReal;
    // Halves by a multiplicative hash of the row index: no periodic order in the data lines up with it.
    const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => (Math.imul(x + 1, 0x9e3779b1) >>> 0) - (Math.imul(y + 1, 0x9e3779b1) >>> 0));
    const a = Int32Array.from(order.slice(0, n >> 1)), b = Int32Array.from(order.slice(n >> 1));
    const ref = { ...this.prepared, nReal: b.length, columns: this.prepared.columns.map((c) => ({ ...c, real: Float64Array.from(b, (i) => c.real[i]) })) };
    const flags = new RowMatcher(this.core, ref).matched(this.prepared.columns.map((c) => Float64Array.from(a, (i) => c.real[i])));
    let m = 0;
    for (const f of flags) m += f;
    return m / a.length;
  }

  /** Whether a numerical or datetime column is compared (else "new" rows are only recombined categories). */
  hasNumbers(): boolean {
    return !this.problem && this.prepared.columns.some((c) => c.shape === 'continuous');
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
    return nearestUnused(this.encode(removed), this.encode(pool), this.prepared.columns.map((c) => c.shape === 'discrete'), this.ranges);
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

/** Candidate rows wanted per removed row (fewer for very many removed rows, to bound the work). */
function poolSize(removed: number): number {
  return Math.min(20 * removed + 1000, Math.max(4 * removed + 1000, 200_000));
}

function concat(parts: ColumnarTable[], names: string[]): ColumnarTable {
  return parts.length === 1 ? parts[0] : { names, columns: names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
}

/**
 * Streams `n` rows without reproductions of real rows: the main draw's new rows as they come, then,
 * for each row that reproduced a real row, the most similar new row of further draws (a candidate
 * pool of ~20 per removed row, at most POOL_BUDGET × n rows drawn) carrying the removed row's keys
 * (`CopyFilter.keep`). `check` is filled in as it goes. A table whose own new real rows would mostly
 * reproduce old ones passes through unchanged (`CopyFilter.realCopyShare`), and so does one where no
 * new row can be drawn at all.
 */
export async function* newRowsOnly(filter: CopyFilter, n: number, draw: DrawFinal, check: CopyCheck, maxPasses = MAX_PASSES, ctl?: RunControl, at = 0): AsyncGenerator<ColumnarTable> {
  const share = filter.realCopyShare();
  const standAside = filter.problem
    ? `rows could not be compared with the sample (${filter.problem})`
    : !filter.hasNumbers()
      ? 'the table has no numerical or datetime column: a new row could only be a new combination of the sample\'s categories, so rows were not replaced'
    : share !== null && share > MAX_COPY_SHARE
      ? `${Math.round(100 * share)}% of new real rows would reproduce an old one (half of the sample against the other half): the table has too few distinct rows for new ones to be the rule, so rows were not replaced`
      : null;
  const gone: ColumnarTable[] = [];
  let names: string[] = [];
  for await (const t of chunksOf(draw(n, 0))) {
    names = t.names;
    check.drawn += t.columns[0]?.length ?? 0;
    if (standAside) { yield t; continue; }
    const flags = filter.flags(t);
    const keep: number[] = [], copies: number[] = [];
    flags.forEach((f, r) => (f ? copies : keep).push(r));
    check.matched += copies.length;
    if (copies.length) gone.push(pick(t, copies));
    yield copies.length ? pick(t, keep) : t;
  }
  if (standAside) { check.applied = false; check.reason = standAside; return; }
  if (!check.matched) return;
  const removed = concat(gone, names);
  const want = poolSize(check.matched), budget = Math.max(POOL_BUDGET * n, 200_000);
  const pool: ColumnarTable[] = [];
  let have = 0, spent = 0;
  for (let pass = 1; have < want && spent < budget && pass <= maxPasses; pass++) {
    const rate = Math.min(0.95, check.matched / Math.max(1, n));
    for await (const t of chunksOf(draw(Math.min(budget - spent, Math.ceil((want - have) / (1 - rate))), pass))) {
      const flags = filter.flags(t);
      const fresh: number[] = [];
      flags.forEach((f, r) => { if (!f) fresh.push(r); });
      check.drawn += flags.length;
      spent += flags.length;
      await checkpoint(ctl, at, `table ${filter.table}: drawing new rows for ${check.matched.toLocaleString('en')} that reproduced a real row`);
      if (fresh.length) { pool.push(pick(t, fresh)); have += fresh.length; }
    }
  }
  if (!have) {
    // Not one new row in the pool: what was drawn is all there can be.
    check.applied = false;
    check.reason = `every one of ${spent.toLocaleString('en')} further drawn rows reproduced a real row too, so rows were not replaced`;
    yield removed;
    return;
  }
  const candidates = concat(pool, names);
  const idx = Array.from(filter.nearest(removed, candidates));
  check.replaced = idx.filter((j) => j >= 0).length;
  // The candidate's values with the removed row's keys; a row without a candidate (the pool ran out)
  // stays as drawn and is reported.
  const keep = new Set(filter.keep);
  yield { names, columns: names.map((c, k) => idx.map((j, i) => (j < 0 || keep.has(c) ? removed.columns[k][i] : candidates.columns[k][j]))) };
}

/** `newRowsOnly` into one table. */
export async function newRowsOnlyTable(filter: CopyFilter, n: number, draw: DrawFinal, maxPasses?: number, ctl?: RunControl, at = 0): Promise<{ table: ColumnarTable; check: CopyCheck }> {
  const check = newCopyCheck(filter.table);
  const parts: ColumnarTable[] = [];
  for await (const t of newRowsOnly(filter, n, draw, check, maxPasses, ctl, at)) parts.push(t);
  const names = parts[0]?.names ?? [];
  const table = parts.length === 1 ? parts[0] : { names, columns: names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
  return { table, check };
}
