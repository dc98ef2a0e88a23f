/**
 * Marginal matching: the drawn numeric column keeps its ranks (so its dependence on the other columns) and
 * takes the real column's values at those ranks — the synthetic rank i of m becomes the real quantile at
 * (i + u)/m, u uniform, linearly interpolated between the real order statistics (Hyndman & Fan type-5
 * positions, jittered). The kernel smoothing and the mixing of donor rows then no longer widen or bump the
 * distribution, while the values are still interpolated, not copied.
 */

/** Rows whose missing indicator code differs from `missing`. */
export function presentRows(indicator: ArrayLike<number>, missing: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < indicator.length; i++) if (indicator[i] !== missing) rows.push(i);
  return rows;
}

/**
 * Replaces values[rows] (all rows when `rows` is null) by the real quantiles at their ranks.
 * `real`: the real values (any order); `jitter`: one uniform per row of `values`.
 */
export function matchMarginal(values: Float64Array, rows: number[] | null, real: ArrayLike<number>, jitter: ArrayLike<number>): void {
  const sorted = Float64Array.from(real).sort();
  const M = sorted.length;
  const idx = rows ?? Array.from({ length: values.length }, (_, i) => i);
  const m = idx.length;
  if (M === 0 || m === 0) return;
  // ties broken by the jitter, so equal draws spread over their quantile range
  const order = idx.slice().sort((a, b) => values[a] - values[b] || jitter[a] - jitter[b] || a - b);
  for (let rank = 0; rank < m; rank++) {
    const i = order[rank];
    const pos = Math.min(M - 1, Math.max(0, ((rank + jitter[i]) / m) * M - 0.5));
    const lo = Math.floor(pos);
    const hi = Math.min(M - 1, lo + 1);
    values[i] = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
