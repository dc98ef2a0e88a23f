/**
 * Samples the rows of ONE child table in the HMA-compatible mode (sdv-algorithms.md §B3): every
 * child row draws its normal scores from its own parent row's sampled parameters,
 * z = μ_p + σ_p ⊙ (L_p ε), L_p the Cholesky factor of the parent's correlation — rebuilt from the
 * sampled lower triangle, clipped to [−1, 1] and, if not positive definite, blended toward the
 * child's table-wide correlation until it is (SDV rescales and projects instead). Orphan rows (and
 * every row without relationships) use the table-wide copula (μ = 0, σ = 1, its correlation). Then
 * x = F⁻¹(Φ(z)) through the child's table-wide marginals, as for every copula table.
 */
import type { Core } from '../wasm';
import { cholesky, identityMatrix } from '../core/linalg';
import { NormalToValue } from '../copula/normal-to-value';
import type { CopulaModel } from '../copula/types';
import { finishCopulaRows, type SampledTable } from './sample-table';
import { choleskyJs } from './small-linalg';
import type { HmaEdgeModel } from './hma-types';
import type { TableModel } from './types';

interface RngExports { rngFillNormal(st: number, out: number, n: number): void }

/** A parent row's (μ, σ, L) from its sampled extension values. */
function parentParams(e: HmaEdgeModel, helpers: Map<string, Float64Array>, p: number, Rtable: ArrayLike<number>, k: number) {
  const at = (name: string, dflt: number) => helpers.get(name)?.[p] ?? dflt;
  const mu = Float64Array.from(e.mean.map((c) => at(c, 0)));
  const sd = Float64Array.from(e.sd.map((c) => Math.max(0, at(c, 1))));
  const R = new Float64Array(k * k);
  let c = 0;
  for (let i = 0; i < k; i++) {
    R[i * k + i] = 1;
    for (let j = 0; j < i; j++) { const v = Math.max(-1, Math.min(1, at(e.corr[c++], Rtable[i * k + j]))); R[i * k + j] = v; R[j * k + i] = v; }
  }
  let L = choleskyJs(R, k);
  for (let step = 1; !L && step <= 10; step++) {
    const t = step / 10;
    const B = R.map((v, idx) => (1 - t) * v + t * Rtable[idx] + (idx % (k + 1) === 0 ? 1e-9 : 0));
    L = choleskyJs(B, k);
  }
  return { mu, sd, L: L ?? choleskyJs(Rtable, k) ?? identityMatrix(k) };
}

/** `cond`: the parent's sampled extension values and each child row's parent row (−1: orphan). */
export function sampleHmaRows(core: Core, tm: TableModel, n: number, seed: number, cond: { helpers: Map<string, Float64Array>; parentOf: Int32Array } | null): SampledTable {
  const copula = tm.copula as CopulaModel;
  const k = copula.columns.length;
  const values = Array.from({ length: k }, () => new Float64Array(n));
  if (k > 0 && n > 0) {
    const eps = new Float64Array(n * k); // row-major: row r, column j at r·k + j
    const rng = core.newRng(seed);
    try {
      core.withBuffers([n * k], (buf) => {
        (core.exports as unknown as RngExports).rngFillNormal(rng, buf, n * k);
        eps.set(core.f64(buf, n * k));
      });
    } finally {
      core.free(rng);
    }
    const Ltable = cholesky(core, copula.correlation, k).L;
    const e = tm.hma && cond && tm.hma.columns.length === k ? tm.hma : null;
    const cache = new Map<number, ReturnType<typeof parentParams>>();
    for (let r = 0; r < n; r++) {
      const p = e ? cond!.parentOf[r] : -1;
      let mu: Float64Array | null = null, sd: Float64Array | null = null, L: ArrayLike<number> = Ltable;
      if (p >= 0) {
        let pp = cache.get(p);
        if (!pp) { pp = parentParams(e!, cond!.helpers, p, copula.correlation, k); cache.set(p, pp); }
        ({ mu, sd, L } = pp);
      }
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let j = 0; j <= i; j++) s += L[i * k + j] * eps[r * k + j];
        values[i][r] = mu ? mu[i] + sd![i] * s : s;
      }
    }
    // z → model-space values through the table-wide marginals (WASM, one column at a time)
    core.withBuffers([n], (buf) => {
      for (let j = 0; j < k; j++) {
        core.f64(buf, n).set(values[j]);
        new NormalToValue(core, copula.columns[j].marginal).applyPtr(buf, n);
        values[j].set(core.f64(buf, n));
      }
    });
  }
  return finishCopulaRows(tm, copula, values, n, seed);
}
