import { sortF64 } from './sort';
import { MAX_CATEGORIES, MAX_NUMERIC_BINS } from './layout';

/**
 * Pre-binning of the features, once per fit (the histogram method of LightGBM, Ke et al. 2017, and
 * scikit-learn's HistGradientBoosting): a numeric feature is cut into at most `maxBins` quantile bins,
 * whose upper edges are real values, so "bin ≤ b" is exactly "x ≤ edge[b]" on the raw data; a feature
 * with ≤ maxBins distinct values gets one bin per value (exact splits). A categorical feature's bin is
 * its category code 0..K−1. Missing values (NaN) go to the extra bin nBins (numeric) or K (categorical).
 *
 * X: f64 column-major, feature f at X + f·ld·8, n rows. featK: i32 per feature, 0 = numeric, K > 0 =
 * categorical with codes 0..K−1. Outputs: bins (u16, column-major n × p, stride n), edges (f64, p ×
 * maxBins, stride maxBins; numeric only), nBins (i32 per feature). Returns 0, or −(1 + f) when feature
 * f has a category code outside 0..K−1 (or K is too large).
 */
export function treeBin(x: usize, n: i32, p: i32, ld: i32, featK: usize, maxBins: i32, bins: usize, edges: usize, nBins: usize): i32 {
  const mb = min(max(maxBins, 2), MAX_NUMERIC_BINS);
  const scratch = heap.alloc(<usize>max(n, 1) << 3);
  let status = 0;
  for (let f = 0; f < p && status == 0; f++) {
    const col = x + (<usize>f * <usize>ld << 3);
    const bcol = bins + (<usize>f * <usize>n << 1);
    const k = load<i32>(featK + (<usize>f << 2));
    if (k > 0) {
      if (k > MAX_CATEGORIES) { status = -(1 + f); break; }
      for (let i = 0; i < n; i++) {
        const v = load<f64>(col + (<usize>i << 3));
        let b: i32;
        if (isNaN(v)) b = k;
        else {
          b = <i32>v;
          if (<f64>b != v || b < 0 || b >= k) { status = -(1 + f); break; }
        }
        store<u16>(bcol + (<usize>i << 1), <u16>b);
      }
      store<i32>(nBins + (<usize>f << 2), k);
      continue;
    }
    // Numeric: sort the non-missing values, take edges at quantiles, de-duplicated.
    let m = 0;
    for (let i = 0; i < n; i++) {
      const v = load<f64>(col + (<usize>i << 3));
      if (!isNaN(v)) { store<f64>(scratch + (<usize>m << 3), v); m++; }
    }
    sortF64(scratch, m);
    const e = edges + (<usize>f * <usize>mb << 3);
    let distinct = 0;
    for (let i = 0; i < m; i++) if (i == 0 || load<f64>(scratch + (<usize>i << 3)) != load<f64>(scratch + (<usize>(i - 1) << 3))) distinct++;
    let nb = 0;
    if (distinct <= mb) {
      for (let i = 0; i < m; i++) {
        const v = load<f64>(scratch + (<usize>i << 3));
        if (nb == 0 || v != load<f64>(e + (<usize>(nb - 1) << 3))) { store<f64>(e + (<usize>nb << 3), v); nb++; }
      }
    } else {
      for (let q = 1; q <= mb; q++) {
        const idx = min(m - 1, <i32>Math.ceil(<f64>q * <f64>m / <f64>mb) - 1);
        const v = load<f64>(scratch + (<usize>idx << 3));
        if (nb == 0 || v != load<f64>(e + (<usize>(nb - 1) << 3))) { store<f64>(e + (<usize>nb << 3), v); nb++; }
      }
    }
    store<i32>(nBins + (<usize>f << 2), nb);
    for (let i = 0; i < n; i++) {
      const v = load<f64>(col + (<usize>i << 3));
      let b: i32;
      if (isNaN(v)) b = nb;
      else {
        // smallest b with v ≤ edge[b]
        let lo = 0, hi = nb - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (v <= load<f64>(e + (<usize>mid << 3))) hi = mid; else lo = mid + 1;
        }
        b = lo;
      }
      store<u16>(bcol + (<usize>i << 1), <u16>b);
    }
  }
  heap.free(scratch);
  return status;
}
