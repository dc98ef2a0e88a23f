/**
 * Correlated blending (privacy): each synthetic row's numeric values are moved, in normal-score space,
 * towards an independent draw of a Gaussian copula with the real normal-score correlation R:
 *   z' = √(1−λ)·z + √λ·ε,  ε ~ N(0, R)
 * where z are the normal scores of the drawn column (its ranks), then the column takes the real quantiles at
 * the ranks of z' (marginal.ts). Because ε is independent of the CART draw and has the data's own
 * correlation, corr(z') = (1−λ)·corr(z) + λ·R ≈ R — pairwise (Pearson) dependence is kept on average
 * while the row leaves the real data's non-linear "manifold" (it is moved off every real row).
 * λ = 0: plain CART; λ = 1: a Gaussian copula on the numeric columns (categories are still CART).
 */
import type { Core } from '../wasm';
import { correlationMatrix } from '../core/linalg-correlation';
import { nearestCorrelation } from '../core/linalg-nearest';
import { cholesky } from '../core/linalg-cholesky';
import { normalQuantile } from '../core/special';

/** Normal scores Φ⁻¹((rank + ½)/m) of the non-NaN entries (ties in index order); NaN stays NaN. */
export function normalScores(core: Core, values: ArrayLike<number>, tieBreak?: ArrayLike<number>): Float64Array {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) idx.push(i);
  idx.sort((a, b) => values[a] - values[b] || (tieBreak ? tieBreak[a] - tieBreak[b] : 0) || a - b);
  const m = idx.length;
  const p = new Float64Array(m);
  for (let r = 0; r < m; r++) p[r] = (r + 0.5) / m;
  const z = m ? normalQuantile(core, p) : p;
  const out = new Float64Array(values.length).fill(NaN);
  for (let r = 0; r < m; r++) out[idx[r]] = z[r];
  return out;
}

/** Real normal-score correlation of the given columns (NaN = missing, pairwise), repaired to a valid correlation matrix. Row-major k×k. */
export function blendCorrelation(core: Core, columns: Float64Array[]): number[] {
  const k = columns.length;
  if (k === 0) return [];
  const R = correlationMatrix(core, columns.map((c) => normalScores(core, c)));
  return Array.from(k > 1 ? nearestCorrelation(core, R, k, { minEigenvalue: 1e-6 }).R : R);
}

/**
 * Lower Cholesky factor of the blend noise's correlation: R with its weak entries shrunk towards 0,
 * R_s[i][j] = R[i][j] · (1 − s·(1 − |R[i][j]|)) — a pair with |r| = 0.9 keeps 90 + % of it at s = 1, a pair
 * with |r| = 0.3 keeps 30 % — repaired to a valid correlation matrix. k×k row-major.
 */
export function blendFactor(core: Core, R: ArrayLike<number>, k: number, s = 0): Float64Array {
  const Rs = Array.from(R, (r, i) => (i % (k + 1) === 0 ? 1 : r * (1 - s * (1 - Math.abs(r)))));
  return cholesky(core, k > 1 && s > 0 ? nearestCorrelation(core, Rs, k, { minEigenvalue: 1e-6 }).R : Rs, k).L;
}
