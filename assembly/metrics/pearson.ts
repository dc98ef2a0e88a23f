/**
 * Pearson's r over the rows where both values are present (pairwise-complete), following
 * scipy.stats.pearsonr 1.10: NaN when fewer than 2 rows or either side is constant; for exactly
 * 2 rows, sign(Δx)·sign(Δy); otherwise Σ(x−x̄)(y−ȳ) / (‖x−x̄‖·‖y−ȳ‖) clipped to [−1, 1].
 */
export function pearson(x: usize, y: usize, n: i32): f64 {
  let m = 0;
  let sx: f64 = 0, sy: f64 = 0;
  let x0: f64 = NaN, y0: f64 = NaN, x1: f64 = NaN, y1: f64 = NaN;
  let constX = true, constY = true;
  for (let i = 0; i < n; i++) {
    const a = load<f64>(x + (<usize>i << 3)), b = load<f64>(y + (<usize>i << 3));
    if (a != a || b != b) continue;
    if (m == 0) { x0 = a; y0 = b; } else {
      if (m == 1) { x1 = a; y1 = b; }
      if (a != x0) constX = false;
      if (b != y0) constY = false;
    }
    sx += a; sy += b; m++;
  }
  if (m < 2 || constX || constY) return NaN;
  if (m == 2) return sign(x1 - x0) * sign(y1 - y0);
  const mx = sx / <f64>m, my = sy / <f64>m;
  let sxx: f64 = 0, syy: f64 = 0, sxy: f64 = 0;
  for (let i = 0; i < n; i++) {
    const a = load<f64>(x + (<usize>i << 3)), b = load<f64>(y + (<usize>i << 3));
    if (a != a || b != b) continue;
    const da = a - mx, db = b - my;
    sxx += da * da; syy += db * db; sxy += da * db;
  }
  const r = sxy / (Math.sqrt(sxx) * Math.sqrt(syy));
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

@inline function sign(v: f64): f64 { return v > 0 ? 1 : v < 0 ? -1 : 0; }
