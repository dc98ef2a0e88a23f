/**
 * Equal-width binning as SDMetrics' Column Pair Trends does it: numpy `histogram_bin_edges`
 * (edges = linspace(min, max, bins+1) over the non-missing values; min == max widens to ±0.5;
 * no values ⇒ range [0, 1]) followed by numpy `digitize` (bin = number of edges ≤ x, so 1..bins for
 * interior values, bins+1 for the maximum itself and for missing values).
 */

/** Min and max of the non-NaN values into out[0], out[1] (NaN, NaN when there are none). */
export function minMax(x: usize, n: i32, out: usize): void {
  let lo: f64 = Infinity, hi: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) { lo = NaN; hi = NaN; }
  store<f64>(out, lo); store<f64>(out, hi, 8);
}

/** Writes the bin number (1..bins+1, as f64) of each value of `x` to `out`. */
export function binEqualWidth(x: usize, n: i32, bins: i32, out: usize): void {
  let lo: f64 = Infinity, hi: f64 = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) { lo = 0; hi = 1; } else if (lo == hi) { lo -= 0.5; hi += 0.5; }
  const step = (hi - lo) / <f64>bins;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    let b: i32;
    if (v != v) b = bins + 1;
    else {
      // count of edges e_k ≤ v, e_k = k·step + lo (k < bins), e_bins = hi — binary search on k.
      let a = 0, z = bins + 1; // answer in [a, z]
      while (a < z) {
        const k = (a + z) >> 1; // test edge k
        const e = k == bins ? hi : <f64>k * step + lo;
        if (e <= v) a = k + 1; else z = k;
      }
      b = a;
    }
    store<f64>(out + (<usize>i << 3), <f64>b);
  }
}

/**
 * numpy `histogram` counts of the non-NaN values over `bins` equal bins of [lo, hi] (last bin closed;
 * values outside are not counted). `out` gets `bins` doubles. Used for report charts.
 */
export function histogramCounts(x: usize, n: i32, lo: f64, hi: f64, bins: i32, out: usize): void {
  memory.fill(out, 0, <usize>bins << 3);
  const w = hi - lo;
  for (let i = 0; i < n; i++) {
    const v = load<f64>(x + (<usize>i << 3));
    if (!(v >= lo && v <= hi)) continue;
    let b = w > 0 ? <i32>((v - lo) / w * <f64>bins) : 0;
    if (b >= bins) b = bins - 1;
    const q = out + (<usize>b << 3);
    store<f64>(q, load<f64>(q) + 1);
  }
}
