/**
 * Drawing a synthetic value from a tree leaf (synthpop's "cart" method: a random real value of the leaf the
 * synthetic row falls into), with the privacy protections: numeric values smoothed by a Gaussian kernel
 * around the drawn value (bandwidth per leaf, reflected at the leaf's range so the density stays inside it),
 * and pooled rare categories resampled from the pool.
 */
import type { CartColumn } from './types';

/** Standard deviation of leaf values (population form); 0 for fewer than 2 values. */
export function leafSd(values: ArrayLike<number>, from: number, to: number): number {
  const m = to - from;
  if (m < 2) return 0;
  let s = 0;
  for (let i = from; i < to; i++) s += values[i];
  const mean = s / m;
  let q = 0;
  for (let i = from; i < to; i++) q += (values[i] - mean) ** 2;
  return Math.sqrt(q / m);
}

/**
 * One value from leaf `leaf` of `col`. `u1`, `u2` uniforms in [0,1), `z` a standard normal.
 * Numeric: donor + bandwidth·z reflected into the leaf's [min, max] (leaf values are sorted at fit).
 * Category: the donor's code; the pooled code draws a rare category from the pool with u2.
 */
export function drawFromLeaf(col: CartColumn, leaf: number, u1: number, u2: number, z: number): number {
  const from = col.leafStart[leaf], to = col.leafStart[leaf + 1];
  const m = to - from;
  if (m <= 0) return col.classes > 0 ? 0 : 0;
  const v = col.leafValues[from + Math.min(m - 1, Math.floor(u1 * m))];
  if (col.classes > 0) {
    if (v === col.classes && col.rarePool.length) return col.rarePool[Math.min(col.rarePool.length - 1, Math.floor(u2 * col.rarePool.length))];
    return v;
  }
  const h = col.bandwidth[leaf];
  if (!(h > 0)) return v;
  const lo = col.leafValues[from], hi = col.leafValues[to - 1];
  let x = v + h * z;
  // reflect at the leaf's range (a few times for wide kernels), then clamp
  for (let k = 0; k < 4 && (x < lo || x > hi); k++) x = x < lo ? 2 * lo - x : 2 * hi - x;
  return Math.min(hi, Math.max(lo, x));
}
