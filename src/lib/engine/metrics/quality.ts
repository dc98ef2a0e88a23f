/**
 * SDMetrics QualityReport properties (sdmetrics 0.29 semantics, see tests/fixtures/sdmetrics/README.md):
 * Column Shapes (KSComplement / TVComplement) and Column Pair Trends (CorrelationSimilarity /
 * ContingencySimilarity with 10 equal-width bins for continuous columns in mixed pairs, and the
 * real-data thresholds |r| > 0.5, Cramér's V > 0.3 deciding which pairs count).
 */
import type { Core } from '../wasm';
import { binEqualWidth, contingency, ksComplement, pearson, tvComplement } from './kernels';
import type { ScoredColumn } from './prepare';
import type { ColumnShapeDetail, PairDetail } from './types';

export interface Thresholds {
  correlation: number;
  association: number;
}

export const DEFAULT_THRESHOLDS: Thresholds = { correlation: 0.5, association: 0.3 };

export const num = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Mean of the finite values (pandas `mean` skips NaN); null when there are none. */
export function nanMean(xs: (number | null | undefined)[]): number | null {
  let s = 0, n = 0;
  for (const x of xs) if (x !== null && x !== undefined && Number.isFinite(x)) { s += x; n++; }
  return n ? s / n : null;
}

export function columnShape(core: Core, table: string, c: ScoredColumn): ColumnShapeDetail {
  if (c.shape === 'continuous') {
    return { table, column: c.name, sdtype: c.sdtype, metric: 'KSComplement', score: num(ksComplement(core, c.real, c.synth)) };
  }
  return { table, column: c.name, sdtype: c.sdtype, metric: 'TVComplement', score: num(tvComplement(core, c.real, c.synth, c.categories.length)) };
}

/** A column as one pair side sees it: values plus (for continuous columns) their 1..11 bins. */
export interface PairSide {
  name: string;
  shape: 'continuous' | 'discrete';
  real: Float64Array;
  synth: Float64Array;
  /** number of codes (discrete) */
  k: number;
  realBins?: Float64Array;
  synthBins?: Float64Array;
}

export const BINS = 10;

/** Wraps a column for pair scoring; continuous columns are binned with their own real / synthetic edges. */
export function pairSide(core: Core, c: { name: string; shape: 'continuous' | 'discrete'; real: Float64Array; synth: Float64Array; categories: string[] }): PairSide {
  const side: PairSide = { name: c.name, shape: c.shape, real: c.real, synth: c.synth, k: c.categories.length };
  if (c.shape === 'continuous') {
    side.realBins = binEqualWidth(core, c.real, BINS);
    side.synthBins = binEqualWidth(core, c.synth, BINS);
  }
  return side;
}

export interface PairScore {
  metric: PairDetail['metric'];
  score: number | null;
  real_correlation: number | null;
  synthetic_correlation: number | null;
  real_association: number | null;
  synthetic_association: number | null;
  meets_threshold: boolean;
}

/** One pair of Column Pair Trends (or Intertable Trends on a joined table). */
export function scorePair(core: Core, a: PairSide, b: PairSide, th: Thresholds): PairScore {
  if (a.shape === 'continuous' && b.shape === 'continuous') {
    const rr = pearson(core, a.real, b.real), rs = pearson(core, a.synth, b.synth);
    const meets = th.correlation <= 0 ? true : Math.abs(rr) > th.correlation;
    const score = meets ? 1 - Math.abs(rr - rs) / 2 : NaN;
    return {
      metric: 'CorrelationSimilarity', score: num(score), real_correlation: num(rr), synthetic_correlation: num(rs),
      real_association: null, synthetic_association: null, meets_threshold: meets
    };
  }
  // Bins are codes 1..11 → use 0..11 (k = 12); discrete codes 0..k−1.
  const codes = (s: PairSide, which: 'real' | 'synth'): [Float64Array, number] =>
    s.shape === 'continuous' ? [which === 'real' ? s.realBins! : s.synthBins!, BINS + 2] : [s[which], s.k];
  const [ra, ka] = codes(a, 'real'), [rb, kb] = codes(b, 'real');
  const [sa] = codes(a, 'synth'), [sb] = codes(b, 'synth');
  const r = contingency(core, ra, rb, sa, sb, Math.max(ka, 1), Math.max(kb, 1));
  const meets = th.association <= 0 ? true : r.realV > th.association;
  return {
    metric: 'ContingencySimilarity', score: meets ? num(r.score) : null, real_correlation: null, synthetic_correlation: null,
    real_association: num(r.realV), synthetic_association: num(r.synthV), meets_threshold: meets
  };
}

/** Every unordered pair of scored columns in metadata order. */
export function columnPairTrends(core: Core, table: string, sides: PairSide[], th: Thresholds): PairDetail[] {
  const out: PairDetail[] = [];
  for (let i = 0; i < sides.length; i++) {
    for (let j = i + 1; j < sides.length; j++) {
      out.push({ table, column_1: sides[i].name, column_2: sides[j].name, ...scorePair(core, sides[i], sides[j], th) });
    }
  }
  return out;
}

/** Property score: mean of the counted pairs' scores (NaN scores skipped); null if none counts. */
export function pairProperty(details: { score: number | null; meets_threshold: boolean }[]): number | null {
  return nanMean(details.filter((d) => d.meets_threshold).map((d) => d.score));
}
