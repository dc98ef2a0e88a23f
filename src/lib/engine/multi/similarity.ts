/**
 * Secondary-parent linking by similarity (a cheap stand-in for HMA's O(N_child × N_parent) copula
 * densities, sdv-algorithms.md §B3). From the sample's linked (child, secondary parent) pairs we learn
 * which parent column the child's own columns predict best: least squares of each standardised parent
 * model column y on the child's standardised model columns x, keeping the highest adjusted R² (if
 * ≥ MIN_R2). When linking synthetic rows, each child row gets a target t = β·x + σ_res·ε (ε standard
 * normal: the residual spread of the real pairs) and the parent slots (parents repeated by their
 * capacity) are matched to the rows by rank of t against rank of y — a quantile coupling, so the
 * (child, parent) dependence is kept while every capacity stays exact (assign.ts).
 */
import type { ColumnarTable } from '../../schema/model';
import { seededRng, transformTable, type Rng, type TableTransformer } from '../transformers';
import { isHelperColumn } from './augment';
import { choleskyJs, cholSolveJs } from './small-linalg';

/** Below this adjusted R² the child says too little about its parent: plain random linking. */
export const MIN_R2 = 0.05;
const MAX_FEATURES = 40;

export interface SimilarityLink {
  /** Child model columns used, with their mean and standard deviation in the sample. */
  childColumns: string[];
  childMean: number[];
  childSd: number[];
  beta: number[];
  /** The parent model column predicted, with its mean and standard deviation. */
  parentColumn: string;
  parentMean: number;
  parentSd: number;
  /** Residual standard deviation (standardised units) and adjusted R² in the sample. */
  residualSd: number;
  r2: number;
}

/** Own (non-helper) model columns of a table, transformed from its text. */
function ownColumns(tt: TableTransformer, text: ColumnarTable, seed: number): Map<string, Float64Array> {
  const m = transformTable(tt, text, seededRng(seed, 0x6c696e6b), { partial: true });
  return new Map(m.columns.filter((c) => !isHelperColumn(c.source)).map((c) => [c.name, c.values]));
}

const meanSd = (v: ArrayLike<number>): [number, number] => {
  let s = 0, q = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const m = v.length ? s / v.length : 0;
  for (let i = 0; i < v.length; i++) q += (v[i] - m) ** 2;
  return [m, v.length > 1 ? Math.sqrt(q / (v.length - 1)) : 0];
};

/** Learns the link model from the sample, or null when no parent column is predictable enough. */
export function fitSimilarityLink(childTT: TableTransformer, childText: ColumnarTable, parentTT: TableTransformer, parentText: ColumnarTable, parentOf: Int32Array, seed: number): SimilarityLink | null {
  const linked: number[] = [];
  parentOf.forEach((p, r) => { if (p >= 0) linked.push(r); });
  const child = ownColumns(childTT, childText, seed), parent = ownColumns(parentTT, parentText, seed);
  const xs: { name: string; v: Float64Array; mean: number; sd: number }[] = [];
  for (const [name, v] of child) {
    const g = Float64Array.from(linked, (r) => v[r]);
    const [mean, sd] = meanSd(g);
    if (sd > 1e-12 && xs.length < MAX_FEATURES) xs.push({ name, v: g.map((x) => (x - mean) / sd), mean, sd });
  }
  const n = linked.length, k = xs.length;
  if (!k || n < k + 5) return null;
  // XᵀX once (ridge 1e-6·n for collinear columns), then one solve per candidate parent column.
  const XtX = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) {
    let s = 0;
    for (let r = 0; r < n; r++) s += xs[i].v[r] * xs[j].v[r];
    XtX[i * k + j] = XtX[j * k + i] = s + (i === j ? 1e-6 * n : 0);
  }
  const L = choleskyJs(XtX, k);
  if (!L) return null;
  let best: SimilarityLink | null = null;
  for (const [name, v] of parent) {
    const y = Float64Array.from(linked, (r) => v[parentOf[r]]);
    const [mean, sd] = meanSd(y);
    if (!(sd > 1e-12)) continue;
    for (let r = 0; r < n; r++) y[r] = (y[r] - mean) / sd;
    const Xty = Float64Array.from(xs, (x) => { let s = 0; for (let r = 0; r < n; r++) s += x.v[r] * y[r]; return s; });
    const beta = cholSolveJs(L, k, Xty);
    let ss = 0;
    for (let r = 0; r < n; r++) { let f = 0; for (let i = 0; i < k; i++) f += beta[i] * xs[i].v[r]; ss += (y[r] - f) ** 2; }
    const r2 = 1 - ss / (n - k - 1); // adjusted R² (y standardised: total sum of squares n − 1)
    if (r2 >= MIN_R2 && (!best || r2 > best.r2)) {
      best = {
        childColumns: xs.map((x) => x.name), childMean: xs.map((x) => x.mean), childSd: xs.map((x) => x.sd), beta: Array.from(beta),
        parentColumn: name, parentMean: mean, parentSd: sd, residualSd: Math.sqrt(Math.max(0, ss / (n - k - 1))), r2
      };
    }
  }
  return best;
}

/** Per synthetic child row its target t, and per synthetic parent its standardised y (linking scores). */
export function similarityScores(link: SimilarityLink, childTT: TableTransformer, childText: ColumnarTable, parentTT: TableTransformer, parentText: ColumnarTable, seed: number, rng: Rng): { rowScore: Float64Array; parentScore: Float64Array } {
  const child = ownColumns(childTT, childText, seed), parent = ownColumns(parentTT, parentText, seed);
  const n = childText.columns[0]?.length ?? 0;
  const rowScore = new Float64Array(n);
  link.childColumns.forEach((c, i) => {
    const v = child.get(c);
    if (!v) return;
    for (let r = 0; r < n; r++) rowScore[r] += (link.beta[i] * (v[r] - link.childMean[i])) / link.childSd[i];
  });
  for (let r = 0; r < n; r++) {
    const u1 = Math.max(rng.nextFloat(), 1e-300), u2 = rng.nextFloat();
    rowScore[r] += link.residualSd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
  const pv = parent.get(link.parentColumn);
  const pn = parentText.columns[0]?.length ?? 0;
  const parentScore = pv ? Float64Array.from(pv, (x) => (x - link.parentMean) / link.parentSd) : new Float64Array(pn);
  return { rowScore, parentScore };
}
