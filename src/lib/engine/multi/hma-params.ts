/**
 * Per-parent parameters of a child's copula for the HMA-compatible mode (sdv-algorithms.md §B2), in
 * ONE pass over the child rows grouped by FK instead of one copula fit per parent row. The child's
 * rows are mapped to normal scores z under its table-wide copula marginals; for each parent row p
 * with m children we keep the mean of z and the covariance of z, shrunk toward the table-wide values
 * (an empirical-Bayes / James–Stein-style compromise, so parents with 0–2 children get sensible
 * parameters instead of SDV's degenerate or skipped fits):
 *   μ_p = w₁ · z̄_p,                 w₁ = m / (m + κ)          (table-wide mean of z is 0)
 *   C_p = w₂ · S_p/(m−1) + (1−w₂) · W,  w₂ = (m−1) / (m−1 + κ)  (W: pooled within-parent covariance)
 * C_p is PSD (a convex mix of PSD matrices); it is stored as standard deviations √C_ii and
 * correlations C_ij/√(C_ii C_jj), HMA's parameter layout (its children are 'norm': loc, scale).
 */
import type { Core } from '../wasm';
import type { ColumnarTable } from '../../schema/model';
import { normalScoresOf } from '../copula/row-conditional';
import type { CopulaModel } from '../copula/types';
import { seededRng, transformTable } from '../transformers';
import { HMA_PREFIX } from './augment';
import type { HmaEdgeModel } from './hma-types';

export const DEFAULT_HMA_SHRINKAGE = 3;

/** Normal scores of the training rows under the fitted copula (column-major, one array per model column). */
export function trainingScores(core: Core, copula: CopulaModel, table: ColumnarTable, seed: number): Float64Array[] {
  const m = transformTable(copula.transformer, table, seededRng(seed));
  const byName = new Map(m.columns.map((c) => [c.name, c.values]));
  return copula.columns.map((c, j) => normalScoresOf(core, copula, j, byName.get(c.name)!));
}

export function hmaEdgeLayout(edgeId: string, columns: string[]): HmaEdgeModel {
  const base = `${HMA_PREFIX}${edgeId}.`;
  const corr: string[] = [];
  for (let i = 1; i < columns.length; i++) for (let j = 0; j < i; j++) corr.push(`${base}corr.${columns[i]}.${columns[j]}`);
  return { edgeId, columns, mean: columns.map((c) => `${base}mean.${c}`), sd: columns.map((c) => `${base}sd.${c}`), corr };
}

/**
 * Extension columns (text, one value per parent row) for the parent of `layout.edgeId`.
 * `z`: the child's normal scores (k columns); `parentOf`: parent row per child row (< 0: orphan).
 */
export function hmaExtensionColumns(layout: HmaEdgeModel, z: Float64Array[], parentOf: Int32Array, parents: number, kappa = DEFAULT_HMA_SHRINKAGE): { names: string[]; columns: string[][] } {
  const k = z.length;
  const tri = (k * (k + 1)) / 2;
  const idx = (i: number, j: number) => (i * (i + 1)) / 2 + j; // i ≥ j
  const cnt = new Float64Array(parents), sum = new Float64Array(parents * k), sxx = new Float64Array(parents * tri);
  const zr = new Float64Array(k);
  for (let r = 0; r < parentOf.length; r++) {
    const p = parentOf[r];
    if (p < 0) continue;
    cnt[p]++;
    for (let i = 0; i < k; i++) { zr[i] = z[i][r]; sum[p * k + i] += zr[i]; }
    const o = p * tri;
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) sxx[o + idx(i, j)] += zr[i] * zr[j];
  }
  // Centred scatter S_p per parent (in place), and the pooled within-parent covariance W.
  const W = new Float64Array(tri);
  let dof = 0;
  for (let p = 0; p < parents; p++) {
    const m = cnt[p];
    if (!m) continue;
    const o = p * tri;
    for (let i = 0; i < k; i++) for (let j = 0; j <= i; j++) {
      sxx[o + idx(i, j)] -= (sum[p * k + i] * sum[p * k + j]) / m;
      W[idx(i, j)] += sxx[o + idx(i, j)];
    }
    dof += m - 1;
  }
  for (let t = 0; t < tri; t++) W[t] = dof > 0 ? W[t] / dof : 0;
  if (dof <= 0) for (let i = 0; i < k; i++) W[idx(i, i)] = 1; // every parent has ≤ 1 child: no within-spread seen

  const mean = Array.from({ length: k }, () => new Array<string>(parents));
  const sd = Array.from({ length: k }, () => new Array<string>(parents));
  const corr = Array.from({ length: (k * (k - 1)) / 2 }, () => new Array<string>(parents));
  const C = new Float64Array(tri);
  const fmt = (x: number) => String(Number.isFinite(x) ? +x.toFixed(6) : 0);
  for (let p = 0; p < parents; p++) {
    const m = cnt[p];
    const w1 = m / (m + kappa), w2 = m > 1 ? (m - 1) / (m - 1 + kappa) : 0;
    for (let i = 0; i < k; i++) mean[i][p] = fmt(m ? (w1 * sum[p * k + i]) / m : 0);
    for (let t = 0; t < tri; t++) C[t] = w2 * (m > 1 ? sxx[p * tri + t] / (m - 1) : 0) + (1 - w2) * W[t];
    let c = 0;
    for (let i = 0; i < k; i++) {
      sd[i][p] = fmt(Math.sqrt(Math.max(0, C[idx(i, i)])));
      for (let j = 0; j < i; j++) {
        const d = Math.sqrt(C[idx(i, i)] * C[idx(j, j)]);
        corr[c++][p] = fmt(d > 1e-12 ? Math.max(-1, Math.min(1, C[idx(i, j)] / d)) : 0);
      }
    }
  }
  return { names: [...layout.mean, ...layout.sd, ...layout.corr], columns: [...mean, ...sd, ...corr] };
}
