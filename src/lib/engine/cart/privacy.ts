/**
 * The one user-facing privacy setting (0 = fidelity, 1 = privacy) mapped onto the three protections:
 *  - minLeaf: rows per tree leaf (synthpop's minbucket 5 at 0): a synthetic value is drawn from ≥ minLeaf
 *    real rows, so no leaf describes one person;
 *  - smoothing: numeric values are drawn from a Gaussian kernel around a leaf value (bandwidth = smoothing ×
 *    the leaf's standard deviation) instead of copying it;
 *  - rareMin: categories seen fewer than rareMin times are pooled and resampled from their joint frequency,
 *    so a rare category carries no information about the rest of its row;
 *  - maxParents / minDependence: each tree splits only on its most dependent earlier columns;
 *  - blend / blendIndependence (above the default only): numeric columns mixed with a Gaussian-copula draw
 *    of the real correlation, its weak entries shrunk (blend.ts) — rows move off the real ones.
 * Above 0 the synthesizer also limits each tree to its most dependent parents (PrivBayes-style degree) and maps
 * every numeric column onto the real quantiles (marginal.ts). The default (DEFAULT_PRIVACY = 0.2) is the highest
 * setting whose quality still reached the sequential-CART baseline on the three benchmark tables (docs/cart.md);
 * Above it minLeaf rises to 55 and the blend switches on, so privacy 1 moves rows much further (docs/cart.md).
 */
import { EngineError } from '../wasm';

export const DEFAULT_PRIVACY = 0.2;

export interface PrivacyKnobs { minLeaf: number; smoothing: number; rareMin: number; maxParents: number | null; minDependence: number; matchMarginals: boolean; blend: number; blendIndependence: number }

export function privacyKnobs(privacy: number): PrivacyKnobs {
  if (!(privacy >= 0 && privacy <= 1)) throw new EngineError('cart/bad-privacy', `privacy must be a number between 0 and 1 (got ${privacy})`);
  if (privacy === 0) return { minLeaf: 5, smoothing: 0, rareMin: 1, maxParents: null, minDependence: 0, matchMarginals: false, blend: 0, blendIndependence: 0 };
  return {
    // 15 at the default (9 before: 15 is as faithful and more private, docs/cart.md), 55 at 1
    minLeaf: privacy <= DEFAULT_PRIVACY ? 5 + Math.round(50 * privacy) : Math.round(15 + 50 * (privacy - DEFAULT_PRIVACY)),
    smoothing: 0.5 + 1.5 * privacy,
    rareMin: 1 + Math.round(4 * privacy),
    maxParents: privacy < 0.25 ? null : Math.round(4 - 3 * privacy),
    minDependence: privacy < 0.25 ? 0 : 0.05 + 0.25 * privacy,
    matchMarginals: true,
    // blending costs seattle-weather's date ↔ weather association at once, so it starts above the default
    blend: privacy <= DEFAULT_PRIVACY ? 0 : Number((0.9 * ((privacy - DEFAULT_PRIVACY) / (1 - DEFAULT_PRIVACY)) ** 1.5).toFixed(4)),
    blendIndependence: privacy <= DEFAULT_PRIVACY ? 0 : Number((1 * ((privacy - DEFAULT_PRIVACY) / (1 - DEFAULT_PRIVACY)) ** 2).toFixed(4))
  };
}
