/**
 * Drawing a synthetic value from a tree leaf (synthpop's "cart" method: a random real value of the leaf the
 * synthetic row falls into), with the privacy protections: numeric values smoothed by a Gaussian kernel
 * around the drawn value (bandwidth from the leaf's local spacing, reflected at the leaf's range so the density stays inside it),
 * and pooled rare categories resampled from the pool.
 */
import type { CartColumn } from './types';

/**
 * One value from leaf `leaf` of `col`. `u1`, `u2` uniforms in [0,1), `z` a standard normal.
 * Numeric: donor v_k + smoothing · z · (v_{k+1} − v_{k−1})/2, the local spacing of the leaf's sorted values
 * (a nearest-neighbour kernel bandwidth, Loftsgaarden & Quesenberry 1965 — it adapts to multi-modal leaves,
 * where the leaf's standard deviation would move a value into another mode), reflected into the leaf's range.
 * Category: the donor's code; the pooled code draws a rare category from the pool with u2.
 */
export function drawFromLeaf(col: CartColumn, leaf: number, u1: number, u2: number, z: number, smoothing: number): number {
  const from = col.leafStart[leaf], to = col.leafStart[leaf + 1];
  const m = to - from;
  if (m <= 0) return 0;
  const k = from + Math.min(m - 1, Math.floor(u1 * m));
  const v = col.leafValues[k];
  if (col.classes > 0) {
    if (v === col.classes && col.rarePool.length) return col.rarePool[Math.min(col.rarePool.length - 1, Math.floor(u2 * col.rarePool.length))];
    return v;
  }
  if (!(smoothing > 0) || m < 2) return v;
  const lo = col.leafValues[from], hi = col.leafValues[to - 1];
  const prev = k > from ? col.leafValues[k - 1] : v, next = k < to - 1 ? col.leafValues[k + 1] : v;
  const h = smoothing * ((next - prev) / (k > from && k < to - 1 ? 2 : 1));
  let x = v + h * z;
  // reflect at the leaf's range (a few times for wide kernels), then clamp
  for (let r = 0; r < 4 && (x < lo || x > hi); r++) x = x < lo ? 2 * lo - x : 2 * hi - x;
  return Math.min(hi, Math.max(lo, x));
}
