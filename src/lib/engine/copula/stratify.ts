/**
 * Stratified (Latin-hypercube) marginals for an unconditional copula draw, in the manner of Iman &
 * Conover, "A distribution-free approach to inducing rank correlation among input variables" (1982),
 * with the strata of McKay, Beckman & Conover's Latin hypercube sampling (1979).
 *
 * Why: m independent draws from even a perfect marginal sit a KS distance ≈ 0.87/√m from it (and
 * category shares wander by ≈ √(p(1−p)/m)), which on a 150-row table is most of the Column Shapes
 * loss. After the correlated normal matrix Z of a chunk is drawn, each column's scores are replaced by
 * Φ⁻¹((rank_i + v_i)/m), rank_i = the rank of z_i within the column (ties by row). The ranks — hence
 * the copula's dependence — are kept exactly; each column becomes a stratified sample of its own
 * fitted marginal (the model's distribution, never real rows): one value in each 1/m-quantile slice.
 *  - value columns: v_i independent uniforms (a random point inside each slice), so KS ≤ 1/m;
 *  - category and missing-indicator columns (uniform intervals on [0, 1]): one shared uniform offset v
 *    per column (systematic sampling), so every category gets ⌊m·p⌋ or ⌈m·p⌉ rows — shares exact to
 *    one row and unbiased (E[count] = m·p, so a rare category still appears with probability m·p).
 * The uniforms come from the same seeded stream, after the chunk's normals.
 *
 * Where: only unconditional draws (conditional sampling stays the exact conditional Gaussian), each
 * chunk on its own (memory stays flat), and only draws of at most STRATIFY_MAX_ROWS rows: beyond
 * that the sampling noise is negligible (KS ≈ 0.87/√m < 0.003) while ranking every column of every
 * chunk would cost ~0.3 s per million rows × 16 columns.
 */
import type { Core } from '../wasm';
import { distExports } from '../core/dist-exports';
import { normalArgsort } from './normal-argsort';
import type { CopulaColumn, CopulaModel } from './types';

export const STRATIFY_MAX_ROWS = 131_072;

/**
 * Whether an unconditional draw of `rows` rows from `model` is stratified: `override` (a sampling
 * option), else the model's `settings.stratify` — absent in models saved before the setting existed,
 * which therefore sample exactly as they did.
 */
export function stratifies(model: CopulaModel, rows: number, override?: boolean): boolean {
  return (override ?? model.settings?.stratify === true) && rows <= STRATIFY_MAX_ROWS;
}

/** u is kept inside [ε, 1 − ε], ε = 2⁻²³: the fit's clipping, so no score is infinite. */
const EPS = 1.1920928955078125e-7;

/**
 * In place: the `m` normal scores of column j at `colPtr(j)` become Φ⁻¹((rank + v)/m), for every
 * column of `roles`. Draws from the WASM stream `rng` (m uniforms per value column, 1 per category /
 * missing-indicator column).
 */
export function stratifyScoresPtr(core: Core, roles: readonly CopulaColumn['role'][], colPtr: (j: number) => number, m: number, rng: number): void {
  if (m < 1 || !roles.length) return;
  const ex = distExports(core);
  core.withBuffers([m], (u) => {
    for (let j = 0; j < roles.length; j++) {
      const order = normalArgsort(core.f64(colPtr(j), m));
      const shared = roles[j] !== 'value';
      ex.rngFillUniform(rng, u, shared ? 1 : m);
      const uv = core.f64(u, m); // no allocation in between: the view stays valid
      const v0 = uv[0];
      for (let r = 0; r < m; r++) {
        const i = order[r];
        const x = (r + (shared ? v0 : uv[i])) / m; // uv[i] is read before row i is written (one visit per row)
        uv[i] = x < EPS ? EPS : x > 1 - EPS ? 1 - EPS : x;
      }
      ex.normQuantileColumn(u, colPtr(j), m);
    }
  });
}
