/**
 * Sampling through the rules wrapper, for any synthesizer: draw rows of the reparametrised table,
 * reverse the rules, and keep only rows that obey every rule. With rules that all hold by
 * construction this is one pass and nothing is thrown away (the final check is a safety net).
 * Rules held only by rejection (unique combinations, colliding rules) get a bounded loop after
 * SDV's `_sample_batch` (§A7): a pilot draw estimates the share of valid rows, the main draw is
 * sized by it, top-up passes follow; a rule that almost never holds is a clear error.
 */
import { AppError, type ColumnarTable } from '../../schema/model';
import { planCodecs, reverseRules, type RulePlan } from './plan';
import { cellsOf, comboKey, testRule, type Codecs } from './row-check';
import { ruleText } from './rule-text';

/**
 * Draws `rows` rows of the reparametrised table. `pass` 0 is the main draw and must use the
 * caller's seed (so output is reproducible); later passes must use seeds derived from it.
 */
export type DrawRows = (rows: number, pass: number) => AsyncIterable<ColumnarTable> | Promise<ColumnarTable>;

export interface RuleSampleOptions {
  /** Below this share of valid rows sampling stops with `rules/cannot-satisfy` (default 0.01). */
  minValidRate?: number;
  /** Passes after the main draw (default 20). */
  maxPasses?: number;
}

/** Keeps rows obeying every rule; remembers unique combinations (and keys) across chunks. */
export class RuleFilter {
  private codecs: Codecs;
  private combos: Map<number, Set<string>>;
  private seen = new Map<number, Set<string>>();
  private keySeen: Set<string> | null;
  /** Rows tested and rows passing, per rule. */
  readonly tested: number[];
  readonly passed: number[];
  rows = 0;
  kept = 0;

  constructor(private plan: RulePlan, trackKeys: boolean) {
    this.codecs = planCodecs(plan);
    this.combos = new Map(Object.entries(plan.combinations).map(([i, keys]) => [Number(i), new Set(keys)]));
    plan.rules.forEach((r, i) => { if (r.type === 'unique') this.seen.set(i, new Set()); });
    this.keySeen = trackKeys && plan.keys.length ? new Set() : null;
    this.tested = plan.rules.map(() => 0);
    this.passed = plan.rules.map(() => 0);
  }

  /** Rows of `t` that obey every rule (and do not repeat an earlier unique combination). */
  accept(t: ColumnarTable): ColumnarTable {
    const n = t.columns[0]?.length ?? 0;
    const ok = new Uint8Array(n).fill(1);
    this.plan.rules.forEach((rule, i) => {
      if (rule.type === 'unique') return;
      const pass = testRule(rule, t, this.codecs, { combinations: this.combos.get(i) });
      let p = 0;
      for (let r = 0; r < n; r++) if (pass[r]) p++; else ok[r] = 0;
      this.tested[i] += n; this.passed[i] += p;
    });
    const uniques = [...this.seen].map(([i, set]) => ({ i, set, cols: (this.plan.rules[i] as { columns: string[] }).columns.map((c) => cellsOf(t, c)) }));
    const keyCols = this.keySeen ? this.plan.keys.map((c) => cellsOf(t, c)) : null;
    for (let r = 0; r < n; r++) {
      for (const u of uniques) {
        if (u.cols.some((c) => c[r] === null)) { this.tested[u.i]++; this.passed[u.i]++; continue; }
        const k = comboKey(u.cols, r);
        this.tested[u.i]++;
        // Only rows that are kept claim their combination.
        if (u.set.has(k)) ok[r] = 0; else this.passed[u.i]++;
      }
      if (!ok[r]) continue;
      for (const u of uniques) if (!u.cols.some((c) => c[r] === null)) u.set.add(comboKey(u.cols, r));
      if (keyCols) {
        const k = comboKey(keyCols, r);
        if (this.keySeen!.has(k)) ok[r] = 0; else this.keySeen!.add(k);
      }
    }
    this.rows += n;
    const rows: number[] = [];
    for (let r = 0; r < n; r++) if (ok[r]) rows.push(r);
    this.kept += rows.length;
    return rows.length === n ? t : { names: t.names, columns: t.columns.map((c) => rows.map((r) => c[r])) };
  }

  /** The rule with the lowest pass share so far. */
  worst(): { rule: number; share: number } {
    let best = { rule: 0, share: 1 };
    this.tested.forEach((t, i) => { const s = t ? this.passed[i] / t : 1; if (s < best.share) best = { rule: i, share: s }; });
    return best;
  }

  error(): AppError {
    const w = this.worst();
    const pct = 100 * w.share;
    const text = ruleText(this.plan.rules[w.rule]);
    return new AppError('rules/cannot-satisfy',
      `Rule "${text}" holds in ${pct < 1 ? pct.toPrecision(2) : pct.toFixed(1)}% of sampled rows (${this.kept} valid of ${this.rows} drawn); check it against the sample`,
      {}, { rule: this.plan.rules[w.rule], share: w.share, drawn: this.rows, kept: this.kept });
  }
}

/** A draw's chunks, whether it streams them or returns one table. */
export async function* chunksOf(x: AsyncIterable<ColumnarTable> | Promise<ColumnarTable>): AsyncGenerator<ColumnarTable> {
  if (Symbol.asyncIterator in (x as object)) yield* x as AsyncIterable<ColumnarTable>;
  else yield await (x as Promise<ColumnarTable>);
}

function head(t: ColumnarTable, k: number): ColumnarTable {
  return (t.columns[0]?.length ?? 0) <= k ? t : { names: t.names, columns: t.columns.map((c) => c.slice(0, k)) };
}

/** Valid share from which the main draw is exactly n rows and top-ups replace the rejected ones. */
const EXACT_MAIN_RATE = 0.9;

/** Streams `n` rows that obey every rule of the plan. */
export async function* sampleWithRulesChunks(plan: RulePlan, n: number, draw: DrawRows, opts: RuleSampleOptions = {}): AsyncGenerator<ColumnarTable> {
  if (!Number.isInteger(n) || n < 0) throw new AppError('sample/bad-rows', `The number of rows must be a whole number ≥ 0 (got ${n})`);
  const minRate = opts.minValidRate ?? 0.01;
  const maxPasses = opts.maxPasses ?? 20;
  const rejecting = plan.rejected.length > 0;
  let factor = 1;
  if (rejecting && n > 0) {
    // Pilot (pass 1): estimate the share of valid rows before sizing the main draw.
    const pilot = new RuleFilter(plan, false);
    for await (const t of chunksOf(draw(Math.min(Math.max(n, 200), 2000), 1))) pilot.accept(reverseRules(plan, t));
    const rate = pilot.rows ? pilot.kept / pilot.rows : 0;
    if (rate < minRate) throw pilot.error();
    factor = 1 / rate;
  }
  const filter = new RuleFilter(plan, rejecting);
  let remaining = n, emitted = false;
  for (let pass = 0; remaining > 0 || (n === 0 && !emitted); pass++) {
    if (pass > maxPasses) throw filter.error();
    const before = { rows: filter.rows, kept: filter.kept };
    const rate = pass === 0 ? 1 / factor : Math.max(minRate, filter.rows ? filter.kept / filter.rows : minRate);
    // A main draw of exactly n rows when nearly all rows are valid: the synthesizer's stratified draw then
    // survives whole but for the few rejected rows (an oversized draw cut to n rows loses it).
    const exact = pass === 0 && (!rejecting || rate >= EXACT_MAIN_RATE);
    const m = n === 0 ? 0 : exact ? n : Math.ceil((remaining + 3 * Math.sqrt(remaining) + 10) / rate);
    for await (const t of chunksOf(draw(m, pass === 0 ? 0 : pass + 1))) {
      const kept = head(filter.accept(reverseRules(plan, t)), remaining);
      const k = kept.columns[0]?.length ?? 0;
      if (k > 0 || (n === 0 && !emitted)) { emitted = true; remaining -= k; yield kept; }
      if (remaining === 0 && n > 0) break;
    }
    if (n === 0) break;
    const drawn = filter.rows - before.rows;
    if (remaining > 0 && drawn > 0 && (filter.kept - before.kept) / drawn < minRate) throw filter.error();
    if (remaining > 0 && drawn === 0) throw new AppError('rules/draw-failed', `The synthesizer returned no rows for a draw of ${m}`);
  }
}

/** Samples `n` rows that obey every rule into one table. */
export async function sampleWithRules(plan: RulePlan, n: number, draw: DrawRows, opts: RuleSampleOptions = {}): Promise<ColumnarTable> {
  const parts: ColumnarTable[] = [];
  for await (const t of sampleWithRulesChunks(plan, n, draw, opts)) parts.push(t);
  if (parts.length === 1) return parts[0];
  return { names: [...plan.names], columns: plan.names.map((_, c) => parts.flatMap((p) => p.columns[c])) };
}
