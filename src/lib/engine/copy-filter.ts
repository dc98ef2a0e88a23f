/**
 * "New rows only": no synthetic row may reproduce a real row. A row reproduces one when it matches it
 * by SDMetrics' NewRowSynthesis rule — every numerical/datetime value within 1 % of the synthetic
 * value, every category equal, missing only with missing (keys, PII and unknown columns are not
 * compared; they are generated anyway). Matching rows are dropped and replaced by rows of further
 * seeded draws, so the report's NewRowSynthesis is 1 by construction and no real record leaves the
 * device in the output, even approximately.
 *
 * Replacing a row is a tiny, local change of the distribution (the rows removed are the ones inside
 * the 1 % boxes around real rows), so it is on by default. A table with so few distinct rows that most
 * draws reproduce a real one (e.g. two boolean columns) cannot have "new" rows; there the filter
 * stands aside and says why instead of distorting the data.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../schema/model';
import type { Core } from './wasm';
import { guessDatetimeFormat } from '../schema/datetime';
import { matchedRows } from './metrics/privacy';
import { parseDates, parseNumbers, prepareTable, type PreparedTable } from './metrics/prepare';

/** Above this share of matching rows in the main draw the filter does not apply (see the header). */
export const MAX_COPY_SHARE = 0.5;
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
  private prepared: PreparedTable;
  private codes: Map<string, number>[];
  private formats: (string | undefined)[];

  constructor(private core: Core, readonly table: string, real: ColumnarTable, meta: SdvTable) {
    const empty: ColumnarTable = { names: real.names, columns: real.names.map(() => []) };
    this.prepared = prepareTable(table, real, empty, meta);
    this.codes = this.prepared.columns.map((c) => new Map(c.categories.map((v, i) => [v, i])));
    this.formats = this.prepared.columns.map((c) => {
      if (c.sdtype !== 'datetime') return undefined;
      const fmt = meta.columns[c.name].datetime_format;
      if (fmt) return fmt;
      const col = real.columns[real.names.indexOf(c.name)];
      return guessDatetimeFormat(col.filter((v): v is string => v !== null), 2000) ?? undefined;
    });
  }

  /** 1 for each row of `t` that reproduces a real row, else 0. */
  flags(t: ColumnarTable): Uint8Array {
    const n = t.columns[0]?.length ?? 0;
    if (!this.prepared.columns.length || !n) return new Uint8Array(n);
    const cols = this.prepared.columns.map((c, k) => {
      const i = t.names.indexOf(c.name);
      if (i < 0) throw new AppError('copies/missing-column', `The synthetic table "${this.table}" has no column "${c.name}"`, { column: c.name });
      const v = t.columns[i];
      if (c.shape === 'discrete') {
        // A category the real column never had gets a code no real row has.
        const out = new Float64Array(n);
        for (let r = 0; r < n; r++) out[r] = v[r] === null ? NaN : (this.codes[k].get(v[r]!) ?? -1);
        return out;
      }
      const fmt = this.formats[k];
      return fmt ? parseDates(v, fmt, c.name, 'synthetic', this.table) : parseNumbers(v, c.name, 'synthetic', this.table);
    });
    return matchedRows(this.core, this.prepared, cols);
  }
}

/** Rows `rows` of a table. */
function pick(t: ColumnarTable, rows: number[]): ColumnarTable {
  return { names: t.names, columns: t.columns.map((c) => rows.map((r) => c[r])) };
}

async function* chunksOf(x: AsyncIterable<ColumnarTable> | Promise<ColumnarTable>): AsyncGenerator<ColumnarTable> {
  if (Symbol.asyncIterator in (x as object)) yield* x as AsyncIterable<ColumnarTable>;
  else yield await (x as Promise<ColumnarTable>);
}

/**
 * Draws `rows` final rows; `pass` 0 is the main draw (the caller's seed), later passes top-ups that
 * must use seeds derived from it (and distinct from any seed the caller's own retries use).
 */
export type DrawFinal = (rows: number, pass: number) => AsyncIterable<ColumnarTable> | Promise<ColumnarTable>;

/**
 * Streams `n` rows without reproductions of real rows: the main draw's matching rows are dropped and
 * topped up from further draws (sized by the observed rate). `check` is filled in as it goes.
 * When the first chunk shows more than MAX_COPY_SHARE matching rows the draw passes through unchanged.
 */
export async function* newRowsOnly(filter: CopyFilter, n: number, draw: DrawFinal, check: CopyCheck): AsyncGenerator<ColumnarTable> {
  let remaining = n, drawn = 0, matchedAll = 0, first = true;
  for await (const t of chunksOf(draw(n, 0))) {
    const flags = filter.flags(t);
    const keep: number[] = [];
    flags.forEach((f, r) => { if (!f) keep.push(r); });
    const matched = flags.length - keep.length;
    if (first && flags.length && matched > MAX_COPY_SHARE * flags.length) {
      check.applied = false;
      check.reason = `${Math.round((100 * matched) / flags.length)}% of drawn rows reproduce a real row: the table has too few distinct rows for new ones to be the rule, so rows were not replaced`;
    }
    first = false;
    check.matched += matched;
    drawn += flags.length;
    const out = check.applied ? (keep.length === flags.length ? t : pick(t, keep)) : t;
    remaining -= out.columns[0]?.length ?? 0;
    check.drawn = drawn;
    yield out;
  }
  if (!check.applied) return;
  matchedAll = check.matched;
  let leftover: ColumnarTable | null = null;
  for (let pass = 1; remaining > 0 && pass <= MAX_PASSES; pass++) {
    const rate = Math.min(MAX_COPY_SHARE, matchedAll / Math.max(1, drawn));
    const m = Math.ceil((remaining + 3 * Math.sqrt(remaining) + 10) / (1 - rate));
    for await (const t of chunksOf(draw(m, pass))) {
      if (remaining <= 0) break;
      const flags = filter.flags(t);
      const keep: number[] = [], copies: number[] = [];
      flags.forEach((f, r) => { if (!f) { if (keep.length < remaining) keep.push(r); } else copies.push(r); });
      drawn += flags.length;
      matchedAll += copies.length;
      if (copies.length) leftover = pick(t, copies);
      if (keep.length) { remaining -= keep.length; check.replaced += keep.length; yield keep.length === flags.length ? t : pick(t, keep); }
    }
    check.drawn = drawn;
  }
  // Practically unreachable (the match rate is ≤ 50 %): fill up with copies rather than fail.
  if (remaining > 0 && leftover) {
    const k = Math.min(remaining, leftover.columns[0]?.length ?? 0);
    yield pick(leftover, Array.from({ length: k }, (_, i) => i));
    remaining -= k;
  }
}

/** `newRowsOnly` into one table. */
export async function newRowsOnlyTable(filter: CopyFilter, n: number, draw: DrawFinal): Promise<{ table: ColumnarTable; check: CopyCheck }> {
  const check: CopyCheck = { table: filter.table, applied: true, matched: 0, replaced: 0, drawn: 0 };
  const parts: ColumnarTable[] = [];
  for await (const t of newRowsOnly(filter, n, draw, check)) parts.push(t);
  const names = parts[0]?.names ?? [];
  const table = parts.length === 1 ? parts[0] : { names, columns: names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
  return { table, check };
}
