/**
 * Rules the sample suggests: each holds in 100% of the rows that have the values. Returned with
 * their evidence for the user to accept; never applied on their own.
 *  - orderings `a >= b` of numeric or datetime columns whose value ranges genuinely overlap (not
 *    `weight >= cylinders`), minus those implied by two others (a ≥ b ≥ c makes a ≥ c redundant);
 *  - fixed combinations: categorical columns where one determines the other (subregion → region),
 *    grouped into one rule per connected set;
 *  - derived sums and products `c = a + b`, `c = a × b` within the columns' rounding;
 *  - signs: columns that are never negative (or never positive).
 */
import type { ColumnarTable, SdvTable } from '../../schema/model';
import { learnCodec, parseColumn, type ColumnCodec } from './column-codec';
import { derivedTolerance } from './row-check';
import { ruleText } from './rule-text';
import { keyColumns } from './validate';
import type { RuleSuggestion, TableRule } from './types';

export interface SuggestOptions {
  /** Rows a column pair must share for an ordering or sum to count (default 10). */
  minRows?: number;
  /** Share of each column's values that must lie inside the pair's overlap for an ordering (default 0.05). */
  minOverlap?: number;
  /** Most numeric columns searched for sums and products (default 40). */
  maxDerivedColumns?: number;
}

const CATEGORICAL = new Set(['categorical', 'boolean']);

function suggestion(rule: TableRule, evidence: string, rows: number): RuleSuggestion {
  return { rule, text: ruleText(rule), evidence, rows };
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

function orderings(names: string[], vals: Map<string, Float64Array>, codecs: Map<string, ColumnCodec>, o: Required<SuggestOptions>): RuleSuggestion[] {
  const found: { high: string; low: string; strict: boolean; rows: number; overlap: number }[] = [];
  for (const a of names) for (const b of names) {
    if (a === b || codecs.get(a)!.kind !== codecs.get(b)!.kind) continue;
    const x = vals.get(a)!, y = vals.get(b)!;
    let rows = 0, strict = true, equal = true, ok = true;
    let minA = Infinity, maxB = -Infinity;
    for (let r = 0; r < x.length; r++) {
      if (x[r] !== x[r] || y[r] !== y[r]) continue;
      rows++;
      if (x[r] < y[r]) { ok = false; break; }
      if (x[r] === y[r]) strict = false; else equal = false;
      if (x[r] < minA) minA = x[r];
      if (y[r] > maxB) maxB = y[r];
    }
    if (!ok || equal || rows < o.minRows || maxB < minA) continue;
    // Overlap: share of a-values at or below b's largest value, and of b-values at or above a's smallest.
    let inA = 0, inB = 0;
    for (let r = 0; r < x.length; r++) {
      if (x[r] !== x[r] || y[r] !== y[r]) continue;
      if (x[r] <= maxB) inA++;
      if (y[r] >= minA) inB++;
    }
    const overlap = Math.min(inA, inB) / rows;
    if (overlap < o.minOverlap) continue;
    found.push({ high: a, low: b, strict, rows, overlap });
  }
  const has = (h: string, l: string) => found.some((f) => f.high === h && f.low === l);
  return found
    .filter((f) => !names.some((m) => m !== f.high && m !== f.low && has(f.high, m) && has(m, f.low)))
    .map((f) => suggestion({ type: 'inequality', low: f.low, high: f.high, ...(f.strict ? { strict: true } : {}) },
      `holds in all ${f.rows} rows with both values; the columns' ranges overlap (${pct(f.overlap)} of rows lie inside the overlap)`, f.rows));
}

function combinations(names: string[], cells: Map<string, (string | null)[]>, n: number): RuleSuggestion[] {
  const distinct = new Map(names.map((c) => [c, new Set(cells.get(c)).size]));
  const cands = names.filter((c) => distinct.get(c)! >= 2 && distinct.get(c)! <= n / 2);
  const edges: { from: string; to: string }[] = [];
  for (const a of cands) for (const b of cands) {
    if (a === b || distinct.get(a)! < distinct.get(b)!) continue;
    const x = cells.get(a)!, y = cells.get(b)!;
    const map = new Map<string | null, string | null>();
    let ok = true;
    for (let r = 0; r < n && ok; r++) {
      const v = map.get(x[r]);
      if (v === undefined && !map.has(x[r])) map.set(x[r], y[r]);
      else if (v !== y[r]) ok = false;
    }
    if (ok) edges.push({ from: a, to: b });
  }
  // Connected sets of columns linked by a dependency.
  const parent = new Map(cands.map((c) => [c, c]));
  const find = (c: string): string => (parent.get(c) === c ? c : find(parent.get(c)!));
  for (const e of edges) parent.set(find(e.from), find(e.to));
  const groups = new Map<string, string[]>();
  for (const c of cands) if (edges.some((e) => e.from === c || e.to === c)) groups.set(find(c), [...(groups.get(find(c)) ?? []), c]);
  return [...groups.values()].filter((g) => g.length <= 4).map((g) => {
    const ev = edges.filter((e) => g.includes(e.from)).map((e) => `each of the ${distinct.get(e.from)} "${e.from}" values occurs with one "${e.to}"`);
    return suggestion({ type: 'fixed_combinations', columns: g }, `${ev.join('; ')} (${n} rows)`, n);
  });
}

function derived(names: string[], vals: Map<string, Float64Array>, codecs: Map<string, ColumnCodec>, o: Required<SuggestOptions>): RuleSuggestion[] {
  const cols = names.filter((c) => codecs.get(c)!.kind === 'number').filter((c) => {
    const v = vals.get(c)!;
    let min = Infinity, max = -Infinity;
    for (const x of v) if (x === x) { if (x < min) min = x; if (x > max) max = x; }
    return min < max; // constants and empty columns explain nothing
  }).slice(0, o.maxDerivedColumns);
  const half = (c: string, v: number) => derivedTolerance(codecs.get(c)!, v);
  const out: RuleSuggestion[] = [];
  const n = vals.get(cols[0] ?? '')?.length ?? 0;
  const sameAs = (x: Float64Array, y: Float64Array) => { for (let r = 0; r < n; r++) if (x[r] === x[r] && y[r] === y[r] && x[r] !== y[r]) return false; return true; };
  for (let i = 0; i < cols.length; i++) for (let j = i + 1; j < cols.length; j++) {
    const a = vals.get(cols[i])!, b = vals.get(cols[j])!;
    for (const c of cols) {
      if (c === cols[i] || c === cols[j]) continue;
      const z = vals.get(c)!;
      if (sameAs(z, a) || sameAs(z, b)) continue;
      for (const op of ['+', '*'] as const) {
        let rows = 0, ok = true;
        for (let r = 0; r < n; r++) {
          const x = a[r], y = b[r], t = z[r];
          if (x !== x || y !== y || t !== t) continue;
          rows++;
          const e = op === '+' ? x + y : x * y;
          const tol = half(c, t) + (op === '+' ? half(cols[i], x) + half(cols[j], y) : Math.abs(y) * half(cols[i], x) + Math.abs(x) * half(cols[j], y));
          if (Math.abs(t - e) > tol) { ok = false; break; }
        }
        if (!ok || rows < o.minRows) continue;
        const sym = op === '+' ? '+' : '*';
        out.push(suggestion({ type: 'derived', column: c, expression: `${ref(cols[i])} ${sym} ${ref(cols[j])}` },
          `holds in all ${rows} rows with the three values (within the columns' rounding)`, rows));
      }
    }
  }
  return out;
}

const ref = (c: string) => (/^[A-Za-z_][A-Za-z0-9_]*$/.test(c) && !['and', 'or', 'not', 'true', 'false'].includes(c) ? c : '`' + c + '`');

function signs(names: string[], vals: Map<string, Float64Array>, codecs: Map<string, ColumnCodec>, o: Required<SuggestOptions>): RuleSuggestion[] {
  const out: RuleSuggestion[] = [];
  for (const c of names) {
    if (codecs.get(c)!.kind !== 'number') continue;
    let min = Infinity, max = -Infinity, rows = 0;
    for (const x of vals.get(c)!) if (x === x) { rows++; if (x < min) min = x; if (x > max) max = x; }
    if (rows < o.minRows || min === max) continue;
    if (min >= 0) out.push(suggestion({ type: 'positive', column: c, ...(min > 0 ? { strict: true } : {}) }, `all ${rows} values are ${min > 0 ? 'above' : 'at or above'} 0 (smallest ${min})`, rows));
    else if (max <= 0) out.push(suggestion({ type: 'negative', column: c, ...(max < 0 ? { strict: true } : {}) }, `all ${rows} values are ${max < 0 ? 'below' : 'at or below'} 0 (largest ${max})`, rows));
  }
  return out;
}

/** Rules that hold in every row of the sample, with their evidence. */
export function suggestRules(table: ColumnarTable, meta?: SdvTable, opts: SuggestOptions = {}): RuleSuggestion[] {
  const o: Required<SuggestOptions> = { minRows: opts.minRows ?? 10, minOverlap: opts.minOverlap ?? 0.05, maxDerivedColumns: opts.maxDerivedColumns ?? 40 };
  const keys = keyColumns(meta);
  const n = table.columns[0]?.length ?? 0;
  const codecs = new Map<string, ColumnCodec>();
  const vals = new Map<string, Float64Array>();
  const cells = new Map<string, (string | null)[]>();
  const ordered: string[] = [], categorical: string[] = [];
  table.names.forEach((c, i) => {
    const sd = meta?.columns[c]?.sdtype;
    if (keys.has(c) || sd === 'id') return;
    let codec: ColumnCodec;
    try { codec = learnCodec(c, table.columns[i], meta?.columns[c]); } catch { return; }
    codecs.set(c, codec);
    if (codec.kind === 'number' || codec.kind === 'datetime') { ordered.push(c); vals.set(c, parseColumn(codec, table.columns[i])); }
    if (sd ? CATEGORICAL.has(sd) || meta?.columns[c]?.pii === false : codec.kind === 'text' || codec.kind === 'boolean') { categorical.push(c); cells.set(c, table.columns[i]); }
  });
  if (n === 0) return [];
  return [...orderings(ordered, vals, codecs, o), ...combinations(categorical, cells, n), ...derived(ordered, vals, codecs, o), ...signs(ordered, vals, codecs, o)];
}
