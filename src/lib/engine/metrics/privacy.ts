/**
 * SDMetrics privacy metrics, exact (no subsampling up to `maxRows` synthetic rows):
 *  - DCR (distance to closest record) with the column distances of `dcr_utils` and the WASM block
 *    search of assembly/metrics/dcr.ts;
 *  - DCRBaselineProtection = min(1, median DCR(synthetic→real) / median DCR(random baseline→real)),
 *    the baseline drawn with our seeded xoshiro stream by the rules of the fixtures' README;
 *  - NewRowSynthesis with the sorted-key candidate search of assembly/metrics/newrow.ts.
 */
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { kdBlockOrder, probeOrder } from './dcr-layout';
import { mx, sortedFinite } from './kernels';
import type { PreparedTable, ScoredColumn } from './prepare';
import { num } from './quality';
import type { DcrBaselineProtection, DcrDistribution, HoldoutReference, Histogram, NewRowSynthesis, TablePrivacy } from './types';

/** Numeric tolerance of NewRowSynthesis (SDMetrics default). */
export const MATCH_TOLERANCE = 0.01;
const MISSING = 1e300; // = DCR_MISSING in assembly/metrics/dcr.ts
const BLOCK = 128;

/** Per-column DCR encoding derived from the real column (see assembly/metrics/dcr.ts). */
interface DcrCodec { encode(x: number): number }

function codec(c: ScoredColumn): DcrCodec {
  if (c.shape === 'discrete') return { encode: (x) => (Number.isNaN(x) ? MISSING : x) };
  let lo = Infinity, hi = -Infinity;
  for (const v of c.real) if (!Number.isNaN(v)) { if (v < lo) lo = v; if (v > hi) hi = v; }
  if (lo > hi) return { encode: (x) => (Number.isNaN(x) ? MISSING : 0) }; // real all missing
  const range = hi - lo;
  if (range === 0 || !Number.isFinite(range)) return { encode: (x) => (Number.isNaN(x) ? MISSING : x === lo ? 0 : 1) };
  return { encode: (x) => (Number.isNaN(x) ? MISSING : x / range) };
}

function encodeColumns(cols: Float64Array[], codecs: DcrCodec[]): Float64Array[] {
  return cols.map((col, c) => {
    const out = new Float64Array(col.length);
    for (let i = 0; i < col.length; i++) out[i] = codecs[c].encode(col[i]);
    return out;
  });
}

/**
 * DCR of every query row to its closest reference row (mean of column distances), exact.
 * Inputs are DCR-encoded columns (same count and order on both sides).
 */
export async function dcrToClosest(core: Core, query: Float64Array[], ref: Float64Array[], ctl?: RunControl, label = 'distance to closest record', prune = true): Promise<Float64Array> {
  const m = query.length;
  const nq = m ? query[0].length : 0, nr = m ? ref[0].length : 0;
  const result = new Float64Array(nq);
  if (!m || !nq) return result;
  if (!nr) return result.fill(NaN);
  const e = mx(core);
  const nb = Math.ceil(nr / BLOCK);
  // Blocks of a k-d tree layout have tight boxes in several columns; searched best-first, with the
  // columns stored in probe order (original column c at storage column pos[c]).
  const perm = prune ? kdBlockOrder(ref, BLOCK) : null;
  const order = prune ? probeOrder(query, ref) : query.map((_, c) => c);
  const pos = new Int32Array(m);
  order.forEach((c, k) => (pos[c] = k));
  // Not withBuffers: the loop awaits between chunks, so the buffers must outlive the callback.
  const ptrs: number[] = [];
  try {
    for (const size of [m * nr, m * nq, nb * m * 2, 3 * nb, nq, Math.ceil(m / 2)]) ptrs.push(core.allocF64(size));
    const [pr, pq, boxes, work, out, ppos] = ptrs;
    new Int32Array(core.exports.memory.buffer, ppos, m).set(pos);
    for (let k = 0; k < m; k++) {
      const dst = core.f64(pr + k * nr * 8, nr), src = ref[order[k]];
      if (perm) for (let j = 0; j < nr; j++) dst[j] = src[perm[j]];
      else dst.set(src);
      core.f64(pq + k * nq * 8, nq).set(query[order[k]]);
    }
    e.dcrBlockBoxes(pr, nr, m, BLOCK, boxes);
    const chunk = Math.max(16, Math.floor(4e7 / Math.max(1, nr * m)));
    for (let i0 = 0; i0 < nq; i0 += chunk) {
      const i1 = Math.min(nq, i0 + chunk);
      if (perm) e.dcrSearchBestFirst(pq, nq, i0, i1, pr, nr, m, BLOCK, boxes, ppos, work, out);
      else e.dcrSearch(pq, nq, i0, i1, pr, nr, m, BLOCK, 0, -1, out);
      await checkpoint(ctl, i1 / nq, label);
    }
    const sums = core.f64(out, nq);
    for (let i = 0; i < nq; i++) result[i] = sums[i] / m;
    return result;
  } finally {
    for (const p of ptrs) core.free(p);
  }
}

/** pandas-style median (mean of the two middle values for even n); NaN when empty. */
export function median(x: Float64Array): number {
  const s = Float64Array.from(x).filter((v) => !Number.isNaN(v)).sort();
  if (!s.length) return NaN;
  const h = s.length >> 1;
  return s.length % 2 ? s[h] : (s[h - 1] + s[h]) / 2;
}

/** Linear-interpolated quantile (numpy default) of a sorted array. */
function quantileSorted(s: Float64Array, q: number): number {
  if (!s.length) return NaN;
  const pos = q * (s.length - 1), lo = Math.floor(pos), hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

function unitHistogram(x: Float64Array, bins: number): Histogram {
  const counts = new Array<number>(bins).fill(0);
  for (const v of x) if (v >= 0 && v <= 1) counts[Math.min(bins - 1, Math.floor(v * bins))]++;
  return { edges: Array.from({ length: bins + 1 }, (_, i) => i / bins), counts };
}

/**
 * The random baseline: as many rows as `n`, each column drawn independently from the real column by
 * its storage type — int64: uniform integers in [min, max]; float64/datetime: uniform in [min, max];
 * anything else: uniform over the distinct real values — then missing at the real missing rate.
 * Discrete columns stored as numbers map drawn numbers back to codes (unseen numbers get a fresh code).
 */
export function randomBaseline(core: Core, t: PreparedTable, n: number, seed: number): Float64Array[] {
  const e = core.exports;
  const rng = core.newRng(seed);
  try {
    return core.withBuffers([Math.max(n, 1)], (buf) => {
      const draw = (): Float64Array => { e.rngFillUniform(rng, buf, n); return core.f64(buf, n).slice(); };
      return t.columns.map((c) => {
        const out = new Float64Array(n);
        let lo = Infinity, hi = -Infinity, missing = 0;
        for (const v of c.real) {
          if (Number.isNaN(v)) { missing++; continue; }
          if (c.shape === 'continuous') { if (v < lo) lo = v; if (v > hi) hi = v; }
        }
        const u = draw();
        const numericStorage = c.realStorage === 'int64' || c.realStorage === 'float64' || c.realStorage === 'datetime';
        if (c.shape === 'discrete' && numericStorage) {
          const byValue = new Map<number, number>();
          c.categories.forEach((s, code) => { if (!byValue.has(Number(s))) byValue.set(Number(s), code); });
          for (const v of c.real) if (!Number.isNaN(v)) { const x = Number(c.categories[v]); if (x < lo) lo = x; if (x > hi) hi = x; }
          for (let i = 0; i < n; i++) {
            const x = c.realStorage === 'int64' ? Math.floor(u[i] * (hi - lo + 1)) + lo : lo + u[i] * (hi - lo);
            out[i] = byValue.get(x) ?? c.categories.length;
          }
        } else if (c.shape === 'discrete') {
          const distinct: number[] = [];
          const seen = new Set<number>();
          for (const v of c.real) if (!Number.isNaN(v) && !seen.has(v)) { seen.add(v); distinct.push(v); }
          for (let i = 0; i < n; i++) out[i] = distinct.length ? distinct[Math.floor(u[i] * distinct.length)] : NaN;
        } else {
          const integer = c.realStorage === 'int64';
          for (let i = 0; i < n; i++) out[i] = lo > hi ? NaN : integer ? Math.floor(u[i] * (hi - lo + 1)) + lo : lo + u[i] * (hi - lo);
        }
        const rate = c.real.length ? missing / c.real.length : 0;
        if (rate > 0) {
          const mask = draw();
          for (let i = 0; i < n; i++) if (mask[i] < rate) out[i] = NaN;
        }
        return out;
      });
    });
  } finally {
    core.free(rng);
  }
}

/** NewRowSynthesis: share of synthetic rows that match no real row. */
export function newRowSynthesis(core: Core, t: PreparedTable, synthCols?: Float64Array[]): NewRowSynthesis {
  const flags = matchedRows(core, t, synthCols);
  let matched = 0;
  for (const f of flags) matched += f;
  const ns = flags.length;
  return { score: ns ? num((ns - matched) / ns) : null, num_new_rows: ns - matched, num_matched_rows: matched, numerical_match_tolerance: MATCH_TOLERANCE };
}

/**
 * Per synthetic row: 1 when it matches some real row by NewRowSynthesis' rule (every numerical/datetime
 * value within 1 % of the synthetic value, every category equal, NaN only with NaN), else 0.
 */
export function matchedRows(core: Core, t: PreparedTable, synthCols?: Float64Array[]): Uint8Array {
  return new RowMatcher(core, t).matched(synthCols ?? t.columns.map((c) => c.synth));
}

/**
 * NewRowSynthesis' matching against one real table, reusable across synthetic chunks. Candidates come
 * from a sorted key, built once: with category columns and numeric ones, the real rows are sorted by
 * (combined category code, the most selective numeric column) and a synthetic row checks only the rows
 * of its own category combination whose key is within tolerance (`newRowMatchesGrouped`); otherwise by
 * the single most selective column (`newRowMatches`).
 */
export class RowMatcher {
  private realCols: Float64Array[];
  private tols: number[];
  private discrete: number[];
  /** Index of the combined category column (appended to the columns), −1 without categories. */
  private groupCol = -1;
  /** Mixed-radix weights of the combined category code (null: too many combinations, a string map instead). */
  private weights: number[] | null = null;
  private radix: number[] = [];
  private combos = new Map<string, number>();
  private key: { col: number; groups: Float64Array | null; keys: Float64Array; order: Float64Array; nKey: number } | null = null;

  constructor(private core: Core, t: PreparedTable) {
    this.realCols = t.columns.map((c) => c.real);
    this.tols = t.columns.map((c) => (c.shape === 'continuous' ? MATCH_TOLERANCE : 0));
    this.discrete = t.columns.map((c, i) => (c.shape === 'discrete' ? i : -1)).filter((i) => i >= 0);
    // A combined code of all discrete columns is an extra (redundant, exact-match) column to key on.
    if (this.discrete.length) {
      this.radix = this.discrete.map((c) => t.columns[c].categories.length + 1);
      let w = 1;
      const weights: number[] = [];
      for (const r of this.radix) { weights.push(w); w *= r; }
      if (w < 2 ** 53) this.weights = weights;
      this.groupCol = this.realCols.length;
      this.realCols.push(this.combine(this.realCols));
      this.tols.push(0);
    }
  }

  /** One number per row for its categories (NaN = missing is a level of its own; an unknown code gives −1, matching nothing). */
  private combine(cols: Float64Array[]): Float64Array {
    const n = cols[0]?.length ?? 0;
    const out = new Float64Array(n);
    const d = this.discrete, w = this.weights, radix = this.radix;
    for (let i = 0; i < n; i++) {
      if (w) {
        let v = 0;
        for (let k = 0; k < d.length; k++) {
          const x = cols[d[k]][i];
          const code = Number.isNaN(x) ? radix[k] - 1 : x;
          if (!(code >= 0 && code < radix[k] - 1) && !Number.isNaN(x)) { v = -1; break; }
          v += code * w[k];
        }
        out[i] = v;
      } else {
        const k = d.map((c) => cols[c][i]).join(',');
        let v = this.combos.get(k);
        if (v === undefined) { v = this.combos.size; this.combos.set(k, v); }
        out[i] = v;
      }
    }
    return out;
  }

  /** The key (and its sorted real values), chosen on a sample of the first synthetic rows seen. */
  private buildKey(synCols: Float64Array[]) {
    const core = this.core, e = mx(core), realCols = this.realCols, tols = this.tols;
    const nr = realCols[0].length, ns = synCols[0].length, m = realCols.length;
    const grouped = this.groupCol >= 0 && this.discrete.length < this.groupCol;
    const sample = Math.min(ns, 256);
    let keyCol = grouped ? -1 : 0, bestCost = Infinity;
    for (let c = 0; c < m; c++) {
      if (grouped && tols[c] === 0) continue; // grouped: the key is a numeric column
      const sorted = sortedFinite(core, realCols[c]);
      const cost = core.withBuffers([sorted.length], (pk) => {
        core.f64(pk, sorted.length).set(sorted);
        let s = 0;
        for (let k = 0; k < sample; k++) s += e.newRowCandidates(pk, sorted.length, nr, synCols[c][Math.floor((k * ns) / sample)], tols[c]);
        return s;
      });
      if (cost < bestCost) { bestCost = cost; keyCol = c; }
    }
    if (grouped) {
      const g = realCols[this.groupCol], k = realCols[keyCol];
      const idx = Array.from({ length: nr }, (_, i) => i).sort((a, b) => g[a] - g[b] || (Number.isNaN(k[a]) ? (Number.isNaN(k[b]) ? a - b : 1) : Number.isNaN(k[b]) ? -1 : k[a] - k[b] || a - b));
      return { col: keyCol, groups: Float64Array.from(idx, (i) => g[i]), keys: Float64Array.from(idx, (i) => k[i]), order: Float64Array.from(idx), nKey: nr };
    }
    return core.withBuffers([nr, nr, nr], (keys, order, scratch) => {
      core.f64(keys, nr).set(realCols[keyCol]);
      const idx = core.f64(order, nr);
      for (let i = 0; i < nr; i++) idx[i] = i;
      const nKey = e.partitionNaN(keys, order, nr, scratch);
      e.coSortF64(keys, order, nKey);
      return { col: keyCol, groups: null, keys: core.f64(keys, nr).slice(), order: core.f64(order, nr).slice(), nKey };
    });
  }

  matched(synthCols: Float64Array[]): Uint8Array {
    const core = this.core, e = mx(core);
    const realCols = this.realCols, tols = this.tols;
    const synCols = this.groupCol >= 0 ? [...synthCols, this.combine(synthCols)] : synthCols;
    const nr = realCols[0]?.length ?? 0, ns = synCols.length ? synCols[0].length : 0;
    if (!realCols.length || !ns) return new Uint8Array(ns);
    const m = realCols.length;
    const key = (this.key ??= this.buildKey(synCols));
    return core.withBuffers([m * nr, m * ns, m, nr, nr, nr, ns], (pr, ps, pt, groups, keys, order, out) => {
      for (let c = 0; c < m; c++) {
        core.f64(pr + c * nr * 8, nr).set(realCols[c]);
        core.f64(ps + c * ns * 8, ns).set(synCols[c]);
      }
      core.f64(pt, m).set(tols);
      core.f64(keys, nr).set(key.keys);
      core.f64(order, nr).set(key.order);
      if (key.groups) {
        core.f64(groups, nr).set(key.groups);
        e.newRowMatchesGrouped(pr, nr, ps, ns, m, pt, this.groupCol, key.col, groups, keys, order, 0, ns, out);
      } else e.newRowMatches(pr, nr, ps, ns, m, pt, key.col, keys, order, key.nKey, 0, ns, out);
      return Uint8Array.from(core.f64(out, ns));
    });
  }
}

export interface PrivacyOptions {
  seed: number;
  /**
   * DCR is exact up to maxRows × maxRows row pairs (default 50k × 50k). Beyond that the synthetic rows
   * (never the real reference, which would bias the score — SDMetrics #934) are sampled, seeded, down to
   * SAMPLED_SYNTHETIC_ROWS.
   */
  maxRows: number;
  bins: number;
}

/** Synthetic rows scored when the exact DCR would exceed maxRows² row pairs. */
export const SAMPLED_SYNTHETIC_ROWS = 2000;

/** Rows of the random baseline table (SDMetrics uses as many as the synthetic table). */
export const BASELINE_ROWS = 2000;
/** Baseline rows when the synthetic side is sampled too (random rows prune badly; their DCRs spread little). */
export const SAMPLED_BASELINE_ROWS = 1000;

/** DCRBaselineProtection, NewRowSynthesis and the DCR distribution of one table. */
export async function tablePrivacy(core: Core, t: PreparedTable, opts: PrivacyOptions, ctl?: RunControl): Promise<TablePrivacy | null> {
  if (!t.columns.length || !t.nReal || !t.nSynth) return null;
  const codecs = t.columns.map(codec);
  let synth = t.columns.map((c) => c.synth);
  // Exact up to maxRows × maxRows row pairs; beyond, a seeded sample of SAMPLED_SYNTHETIC_ROWS
  // synthetic rows against the complete real reference estimates the median DCR closely (its
  // standard error is ~3 % of the spread) at a cost a worker can pay in seconds.
  const keep = t.nSynth * t.nReal <= opts.maxRows * opts.maxRows ? t.nSynth : Math.min(t.nSynth, SAMPLED_SYNTHETIC_ROWS);
  if (keep < t.nSynth) {
    // Seeded sample of synthetic rows: the head of a seeded permutation (the same rows the former
    // partial Fisher–Yates picked — later swaps never touch the first `keep` positions).
    const pick = permutation(core, t.nSynth, opts.seed + 1).subarray(0, keep);
    synth = synth.map((col) => Float64Array.from(pick, (i) => col[i]));
  }
  const n = synth[0].length;
  const real = encodeColumns(t.columns.map((c) => c.real), codecs);
  const synDcr = await dcrToClosest(core, encodeColumns(synth, codecs), real, ctl, `${t.name}: synthetic → real distances`);
  // The baseline is random by construction, so only the *median* of its DCRs matters: 2,000 iid rows
  // pin it down far tighter than the baseline's own seed-to-seed spread (±0.04, sdv-baseline.md) while
  // the real reference stays complete. Its rows are far from every real row, so they are the slow part.
  const base = randomBaseline(core, t, Math.min(n, keep < t.nSynth ? SAMPLED_BASELINE_ROWS : BASELINE_ROWS), opts.seed);
  const baseDcr = await dcrToClosest(core, encodeColumns(base, codecs), real, ctl, `${t.name}: baseline → real distances`);
  const ms = median(synDcr), mb = median(baseDcr);
  const dcr: DcrBaselineProtection = {
    score: num(mb > 0 ? Math.min(1, ms / mb) : NaN),
    median_dcr_synthetic_to_real: num(ms),
    median_dcr_random_baseline_to_real: num(mb),
    seed: opts.seed,
    rows_scored: n
  };
  const ss = Float64Array.from(synDcr).sort(), sb = Float64Array.from(baseDcr).sort();
  const distribution: DcrDistribution = {
    synthetic: unitHistogram(synDcr, opts.bins),
    baseline: unitHistogram(baseDcr, opts.bins),
    quantiles: [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1].map((q) => ({ q, synthetic: num(quantileSorted(ss, q)), baseline: num(quantileSorted(sb, q)) }))
  };
  const holdout = await holdoutReference(core, t, codecs, opts.seed, ctl);
  return { table: t.name, dcr_baseline_protection: dcr, holdout_reference: holdout, new_row_synthesis: newRowSynthesis(core, t), dcr_distribution: distribution };
}

/** Real rows below which no held-out reference is given (halves of < 10 rows say little). */
const HOLDOUT_MIN_ROWS = 20;
/** Random baseline rows of the held-out reference. */
const HOLDOUT_BASELINE_ROWS = 500;
/** Reference half kept whole up to this many rows (beyond, a seeded sample: the cost stays bounded). */
const HOLDOUT_MAX_REFERENCE = 25_000;

/** A seeded permutation of 0..n−1 (Fisher–Yates on our uniform stream). */
function permutation(core: Core, n: number, seed: number): Int32Array {
  const rng = core.newRng(seed);
  try {
    const u = core.withBuffers([Math.max(1, n)], (p) => { core.exports.rngFillUniform(rng, p, n); return core.f64(p, n).slice(); });
    const idx = Int32Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n - 1; i++) {
      const j = i + Math.floor(u[i] * (n - i));
      const tmp = idx[i]; idx[i] = idx[j]; idx[j] = tmp;
    }
    return idx;
  } finally {
    core.free(rng);
  }
}

/**
 * DCRBaselineProtection that *new real rows* would get: a seeded random half of the real rows (≤ 2,000
 * sampled) scored against the other half, with a random baseline drawn the same way. A synthetic
 * score above it means synthetic rows sit farther from the real ones than fresh real records would.
 */
async function holdoutReference(core: Core, t: PreparedTable, codecs: DcrCodec[], seed: number, ctl?: RunControl): Promise<HoldoutReference | null> {
  const n = t.nReal;
  if (n < HOLDOUT_MIN_ROWS) return null;
  const perm = permutation(core, n, seed + 2);
  const half = n >> 1;
  const scored = perm.subarray(0, Math.min(half, SAMPLED_SYNTHETIC_ROWS));
  const reference = perm.subarray(half, half + Math.min(n - half, HOLDOUT_MAX_REFERENCE));
  const rowsOf = (idx: Int32Array) => t.columns.map((c) => Float64Array.from(idx, (i) => c.real[i]));
  const ref = encodeColumns(rowsOf(reference), codecs);
  const a = await dcrToClosest(core, encodeColumns(rowsOf(scored), codecs), ref, ctl, `${t.name}: held-out real → real distances`);
  // Random rows prune badly (they are far from everything) and their median DCR spreads little: 500 pin it.
  const base = randomBaseline(core, t, Math.min(scored.length, HOLDOUT_BASELINE_ROWS), seed + 3);
  const b = await dcrToClosest(core, encodeColumns(base, codecs), ref, ctl, `${t.name}: baseline → held-out real distances`);
  const ma = median(a), mb = median(b);
  return { score: num(mb > 0 ? Math.min(1, ma / mb) : NaN), rows_scored: scored.length, reference_rows: reference.length, seed };
}
