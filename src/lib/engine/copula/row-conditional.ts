/**
 * Samples the copula's modelled values with some columns fixed to a DIFFERENT normal score in every
 * row (multi-table: each child row conditioned on its own parent row). Exact conditional Gaussian:
 * z_rest | z_cond ~ N(B·z_cond, L·Lᵀ) with B and L from the Schur complement (linalg-conditional),
 * vectorised over rows in WASM; then x = F⁻¹(Φ(z)) per column. Without conditioning columns it is the
 * plain copula draw — stratified (stratify.ts) when the model says so, as in sample.ts. Output: one
 * Float64Array of model-space values per model column (conditioned columns hold their given normal
 * scores, untouched).
 */
import type { Core } from '../wasm';
import { toNormalScoresPtr } from '../core/distributions';
import { NormalToValue } from './normal-to-value';
import { cholesky, conditionalGaussian, sampleConditionalInto, sampleMvnInto, type CondModel } from '../core/linalg';
import { stratifies, stratifyScoresPtr } from './stratify';
import type { CopulaModel } from './types';

export const ROW_CHUNK = 65_536;

/** Prepared sampler of one model for a fixed set of conditioned columns (reused across calls). */
export interface RowSampler {
  k: number;
  cond: number[];
  sample(rng: number, m: number, zCond: Float64Array[]): Float64Array[];
}

export function rowConditionalSampler(core: Core, model: CopulaModel, condCols: number[]): RowSampler {
  const k = model.columns.length;
  const cm: CondModel | null = condCols.length && condCols.length < k ? conditionalGaussian(core, model.correlation, k, condCols) : null;
  const L = !condCols.length && k > 0 ? cholesky(core, model.correlation, k).L : null;
  let toValue: NormalToValue[] | undefined;
  return {
    k,
    cond: condCols,
    sample(rng, m, zCond) {
      toValue ??= model.columns.map((c) => new NormalToValue(core, c.marginal));
      const out = Array.from({ length: k }, () => new Float64Array(m));
      if (k === 0 || m === 0) return out;
      condCols.forEach((c, i) => out[c].set(zCond[i]));
      const rest = cm ? cm.rest : condCols.length ? [] : Array.from({ length: k }, (_, j) => j);
      const p = rest.length, q = condCols.length;
      if (!p) return out;
      const strat = !cm && stratifies(model, m);
      const roles = model.columns.map((c) => c.role);
      for (let off = 0; off < m; off += ROW_CHUNK) {
        const n = Math.min(ROW_CHUNK, m - off);
        core.withBuffers([Math.max(1, n * q), n * p], (zc, buf) => {
          if (cm) {
            zCond.forEach((z, i) => core.f64(zc + i * n * 8, n).set(z.subarray(off, off + n)));
            sampleConditionalInto(core, cm, zc, n, n, rng, buf, n);
          } else {
            sampleMvnInto(core, L!, k, n, rng, buf, n);
            if (strat) stratifyScoresPtr(core, roles, (j) => buf + j * n * 8, n, rng);
          }
          rest.forEach((j, ri) => {
            const ptr = buf + ri * n * 8;
            toValue![j].applyPtr(ptr, n);
            out[j].set(core.f64(ptr, n), off);
          });
        });
      }
      return out;
    }
  };
}

/** Model-space values → normal scores through column j's marginal (z clipped as in the fit). */
export function normalScoresOf(core: Core, model: CopulaModel, j: number, x: Float64Array): Float64Array {
  const n = x.length;
  if (!n) return new Float64Array(0);
  return core.withBuffers([n], (buf) => {
    core.f64(buf, n).set(x);
    toNormalScoresPtr(core, model.columns[j].marginal, buf, buf, n);
    return core.f64(buf, n).slice();
  });
}
