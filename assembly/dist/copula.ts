import { ld, st } from './column';
import { normCdf } from '../special/normal';
import { normQuantileColumn } from '../special/normal-quantile';

/**
 * The Gaussian-copula transforms applied to whole columns, after/before a marginal's CDF/quantile
 * (SDV GaussianCopula, sdv-algorithms A4).
 * `copulaUniformToNormal`: u ↦ Φ⁻¹(clip(u, ε, 1 − ε)), ε = 2⁻²³ ≈ 1.19e-7 (float32 machine epsilon, as
 * SDV), so |z| ≤ 5.17. Φ⁻¹ runs through the SIMD column kernel.
 * `copulaNormalToUniform`: z ↦ Φ(z), kept inside [1e-300, 1 − 2⁻⁵³] so a quantile never sees 0 or 1
 * (no infinite synthetic values from unbounded marginals).
 */
export const COPULA_EPS: f64 = 1.1920928955078125e-7;

export function copulaUniformToNormal(inp: usize, out: usize, n: i32): void {
  const hi = 1.0 - COPULA_EPS;
  for (let i = 0; i < n; i++) {
    const u = ld(inp, i);
    st(out, i, u != u ? 0.5 : u < COPULA_EPS ? COPULA_EPS : u > hi ? hi : u);
  }
  normQuantileColumn(out, out, n);
}

export function copulaNormalToUniform(inp: usize, out: usize, n: i32): void {
  const hi: f64 = 0.99999999999999988898; // 1 − 2⁻⁵³
  for (let i = 0; i < n; i++) {
    const z = ld(inp, i);
    const u = normCdf(z);
    st(out, i, u != u ? 0.5 : u < 1e-300 ? 1e-300 : u > hi ? hi : u);
  }
}
