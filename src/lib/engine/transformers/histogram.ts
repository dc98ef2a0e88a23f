/** Small integer histograms ([value, count] pairs): fit from data and draw from them. */
import type { Rng } from './rng';

export function histogramOf(values: Iterable<number>): [number, number][] {
  const m = new Map<number, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/** A value drawn with probability proportional to its count. */
export function drawFromHistogram(h: readonly [number, number][], rng: Rng): number {
  let total = 0;
  for (const [, c] of h) total += c;
  let u = rng.nextFloat() * total;
  for (const [v, c] of h) {
    if (u < c) return v;
    u -= c;
  }
  return h[h.length - 1][0];
}
