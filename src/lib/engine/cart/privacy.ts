/**
 * The one user-facing privacy setting (0 = fidelity, 1 = privacy) mapped onto the three protections:
 *  - minLeaf: rows per tree leaf (synthpop's minbucket 5 at 0): a synthetic value is drawn from ≥ minLeaf
 *    real rows, so no leaf describes one person;
 *  - smoothing: numeric values are drawn from a Gaussian kernel around a leaf value (bandwidth = smoothing ×
 *    the leaf's standard deviation) instead of copying it;
 *  - rareMin: categories seen fewer than rareMin times are pooled and resampled from their joint frequency,
 *    so a rare category carries no information about the rest of its row.
 * The default (DEFAULT_PRIVACY) is the lowest setting that met both the quality and the DCR target on the
 * benchmark tables (docs/cart.md).
 */
import { EngineError } from '../wasm';

export const DEFAULT_PRIVACY = 0.5;

export interface PrivacyKnobs { minLeaf: number; smoothing: number; rareMin: number; maxParents: number; minDependence: number; matchMarginals: boolean }

export function privacyKnobs(privacy: number): PrivacyKnobs {
  if (!(privacy >= 0 && privacy <= 1)) throw new EngineError('cart/bad-privacy', `privacy must be a number between 0 and 1 (got ${privacy})`);
  return {
    minLeaf: Math.round(5 + 25 * privacy),
    smoothing: privacy === 0 ? 0 : 0.25 + 0.75 * privacy,
    rareMin: privacy === 0 ? 1 : 1 + Math.round(4 * privacy),
    maxParents: privacy === 0 ? Infinity : Math.max(1, Math.round(3 - 2 * privacy)),
    minDependence: 0.1 + 0.3 * privacy,
    matchMarginals: privacy > 0
  };
}
