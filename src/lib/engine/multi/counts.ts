/**
 * Children per parent row. Model counts are rounded, clipped to the sample's [min, max] and then
 * nudged so the total hits the target (SDV's `_enforce_table_size`, sdv-algorithms.md §B3.2) —
 * but the ±1 steps go to rows picked with probability ∝ their count (a proportional rescaling that
 * keeps the distribution's shape) instead of walking the rows in sorted order.
 */
import type { Rng } from '../transformers/rng';
import type { CountSource } from './types';

export const DEFAULT_CARDINALITY = { min: 0, max: 10, mean: 3 };

/** Rounds, clips and adjusts `raw` so the counts sum to `target` (as near as [min, max] allows). */
export function enforceTotal(raw: ArrayLike<number>, min: number, max: number, target: number, rng: Rng): Int32Array {
  const n = raw.length;
  const c = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = Number.isFinite(raw[i]) ? Math.round(raw[i]) : min;
    c[i] = Math.min(max, Math.max(min, v));
    total += c[i];
  }
  if (!n) return c;
  target = Math.min(Math.max(target, n * min), n * max);
  let diff = target - total;
  if (!diff) return c;
  // Rows eligible for a step, weighted by count + ½ (so rows at 0 can still grow, rarely).
  const step = diff > 0 ? 1 : -1;
  const ok = (i: number) => (step > 0 ? c[i] < max : c[i] > min);
  let guard = 0;
  while (diff !== 0) {
    // One pass: cumulative weights over eligible rows, then |diff| (capped) picks by bisection.
    const idx: number[] = [];
    const cum: number[] = [];
    let acc = 0;
    for (let i = 0; i < n; i++) if (ok(i)) { acc += c[i] + 0.5; idx.push(i); cum.push(acc); }
    if (!idx.length) break;
    const picks = Math.min(Math.abs(diff), idx.length);
    for (let p = 0; p < picks; p++) {
      const u = rng.nextFloat() * acc;
      let lo = 0, hi = cum.length - 1;
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (u < cum[mid]) hi = mid; else lo = mid + 1; }
      const i = idx[lo];
      if (!ok(i)) continue;
      c[i] += step;
      diff -= step;
      if (!diff) break;
    }
    if (++guard > 10_000) break;
  }
  return c;
}

/** Poisson(λ) by inversion (small λ) or a rounded normal approximation (large λ). */
function poisson(lambda: number, rng: Rng): number {
  if (lambda <= 0) return 0;
  if (lambda < 30) {
    let k = 0, p = Math.exp(-lambda), s = p;
    const u = rng.nextFloat();
    while (u > s && k < 1000) { k++; p *= lambda / k; s += p; }
    return k;
  }
  const u1 = Math.max(rng.nextFloat(), 1e-300), u2 = rng.nextFloat();
  return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2)));
}

/** Draws from a [value, frequency] table. */
function fromTable(values: [number, number][], rng: Rng): number {
  let total = 0;
  for (const [, f] of values) total += f;
  let u = rng.nextFloat() * total;
  for (const [v, f] of values) { if (u < f) return v; u -= f; }
  return values[values.length - 1]?.[0] ?? 0;
}

export function countRange(src: CountSource): [number, number] {
  if (src.kind === 'empirical') {
    const vs = src.values.map((v) => v[0]);
    return [Math.min(...vs, Infinity) === Infinity ? 0 : Math.min(...vs), Math.max(0, ...vs)];
  }
  return [src.min, src.max];
}

/** Raw counts for `n` parent rows from a distribution (learned or declared), before `enforceTotal`. */
export function drawCounts(src: Exclude<CountSource, { kind: 'column' }>, n: number, rng: Rng): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = src.kind === 'empirical' ? fromTable(src.values, rng) : src.min + poisson(Math.max(0, src.mean - src.min), rng);
  return out;
}

/** [value, frequency] table of integer counts. */
export function histogram(values: ArrayLike<number>): [number, number][] {
  const m = new Map<number, number>();
  for (let i = 0; i < values.length; i++) m.set(values[i], (m.get(values[i]) ?? 0) + 1);
  return [...m].sort((a, b) => a[0] - b[0]);
}
