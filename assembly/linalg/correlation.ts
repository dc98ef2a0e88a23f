/**
 * NaN-aware Pearson correlation matrix with pairwise-complete observations, as pandas
 * `DataFrame.corr()` (pandas `_libs/algos.pyx::nancorr`): for each pair of columns the rows where both
 * are non-NaN are used; means are taken over those rows, then the centred cross-products (two passes).
 * SDV's GaussianCopula fills the NaN pandas returns (fewer than 2 complete rows, zero variance) with 0
 * (`copulas/multivariate/gaussian.py::_get_correlation`); we do the same and put 1 on the diagonal.
 * Results are clamped to [−1, 1] against rounding.
 *
 * Data: n rows × k columns, column-major, column j at `data + j·ld` doubles. Output: k×k row-major.
 * Columns without any NaN take a one-pass fast path with their precomputed means (same formula).
 */
export function corrPairwise(data: usize, n: i32, k: i32, ld: i32, out: usize): void {
  // Per-column workspace: mean, centred sum of squares, NaN count.
  const ws = heap.alloc(<usize>(3 * k) << 3);
  for (let j = 0; j < k; j++) {
    const col = data + ((<usize>j * <usize>ld) << 3);
    let cnt: i32 = 0, sum: f64 = 0, lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const x = load<f64>(col + (<usize>i << 3));
      if (x == x) { sum += x; cnt++; lo = min(lo, x); hi = max(hi, x); }
    }
    const mean = cnt > 0 ? sum / <f64>cnt : 0.0;
    let ss: f64 = 0;
    // A constant column has exactly zero variance; rounding in the mean must not make it nonzero.
    if (cnt == n && hi > lo) {
      for (let i = 0; i < n; i++) { const d = load<f64>(col + (<usize>i << 3)) - mean; ss += d * d; }
    }
    store<f64>(ws + (<usize>(3 * j) << 3), mean);
    store<f64>(ws + (<usize>(3 * j + 1) << 3), ss);
    store<f64>(ws + (<usize>(3 * j + 2) << 3), <f64>(n - cnt));
  }
  for (let a = 0; a < k; a++) {
    store<f64>(out + (<usize>(a * k + a) << 3), 1.0);
    const ca = data + ((<usize>a * <usize>ld) << 3);
    const completeA = load<f64>(ws + (<usize>(3 * a + 2) << 3)) == 0;
    let b0 = 0;
    // Four complete partner columns at a time: four independent accumulators, each summed in row
    // order exactly as the one-pair loop below (same bits), but without waiting on one add chain.
    if (completeA && n >= 2) {
      const ma = load<f64>(ws + (<usize>(3 * a) << 3));
      for (; b0 + 4 <= a; b0 += 4) {
        if (load<f64>(ws + (<usize>(3 * b0 + 2) << 3)) != 0 || load<f64>(ws + (<usize>(3 * b0 + 5) << 3)) != 0 ||
            load<f64>(ws + (<usize>(3 * b0 + 8) << 3)) != 0 || load<f64>(ws + (<usize>(3 * b0 + 11) << 3)) != 0) break;
        const c0 = data + ((<usize>b0 * <usize>ld) << 3), c1 = c0 + (<usize>ld << 3), c2 = c1 + (<usize>ld << 3), c3 = c2 + (<usize>ld << 3);
        const m0 = load<f64>(ws + (<usize>(3 * b0) << 3)), m1 = load<f64>(ws + (<usize>(3 * b0 + 3) << 3));
        const m2 = load<f64>(ws + (<usize>(3 * b0 + 6) << 3)), m3 = load<f64>(ws + (<usize>(3 * b0 + 9) << 3));
        let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
        for (let i = 0; i < n; i++) {
          const o = <usize>i << 3;
          const xa = load<f64>(ca + o) - ma;
          s0 += xa * (load<f64>(c0 + o) - m0);
          s1 += xa * (load<f64>(c1 + o) - m1);
          s2 += xa * (load<f64>(c2 + o) - m2);
          s3 += xa * (load<f64>(c3 + o) - m3);
        }
        const ssa = load<f64>(ws + (<usize>(3 * a + 1) << 3));
        putPair(out, k, a, b0, ratio(s0, ssa, load<f64>(ws + (<usize>(3 * b0 + 1) << 3))));
        putPair(out, k, a, b0 + 1, ratio(s1, ssa, load<f64>(ws + (<usize>(3 * b0 + 4) << 3))));
        putPair(out, k, a, b0 + 2, ratio(s2, ssa, load<f64>(ws + (<usize>(3 * b0 + 7) << 3))));
        putPair(out, k, a, b0 + 3, ratio(s3, ssa, load<f64>(ws + (<usize>(3 * b0 + 10) << 3))));
      }
    }
    for (let b = b0; b < a; b++) {
      const cb = data + ((<usize>b * <usize>ld) << 3);
      const completeB = load<f64>(ws + (<usize>(3 * b + 2) << 3)) == 0;
      let r: f64 = 0;
      if (completeA && completeB) {
        if (n >= 2) {
          const ma = load<f64>(ws + (<usize>(3 * a) << 3)), mb = load<f64>(ws + (<usize>(3 * b) << 3));
          let sxy: f64 = 0;
          for (let i = 0; i < n; i++) {
            const o = <usize>i << 3;
            sxy += (load<f64>(ca + o) - ma) * (load<f64>(cb + o) - mb);
          }
          r = ratio(sxy, load<f64>(ws + (<usize>(3 * a + 1) << 3)), load<f64>(ws + (<usize>(3 * b + 1) << 3)));
        }
      } else {
        r = pairCorrelation(ca, cb, n);
      }
      store<f64>(out + (<usize>(a * k + b) << 3), r);
      store<f64>(out + (<usize>(b * k + a) << 3), r);
    }
  }
  heap.free(ws);
}

@inline function putPair(out: usize, k: i32, a: i32, b: i32, r: f64): void {
  store<f64>(out + (<usize>(a * k + b) << 3), r);
  store<f64>(out + (<usize>(b * k + a) << 3), r);
}

/** sxy / sqrt(sxx·syy), 0 when a variance is zero (pandas NaN → SDV 0), clamped to [−1, 1]. */
@inline function ratio(sxy: f64, sxx: f64, syy: f64): f64 {
  const den = Math.sqrt(sxx * syy);
  if (!(den > 0)) return 0.0;
  const r = sxy / den;
  return r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
}

/** Two-pass correlation of two columns over the rows where both are non-NaN. */
function pairCorrelation(ca: usize, cb: usize, n: i32): f64 {
  let cnt: i32 = 0, sa: f64 = 0, sb: f64 = 0;
  let loA = Infinity, hiA = -Infinity, loB = Infinity, hiB = -Infinity;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(ca + o), y = load<f64>(cb + o);
    if (x == x && y == y) {
      sa += x; sb += y; cnt++;
      loA = min(loA, x); hiA = max(hiA, x); loB = min(loB, y); hiB = max(hiB, y);
    }
  }
  // Fewer than 2 complete rows or a constant column over them: pandas gives NaN, SDV then 0.
  if (cnt < 2 || !(hiA > loA) || !(hiB > loB)) return 0.0;
  const ma = sa / <f64>cnt, mb = sb / <f64>cnt;
  let sxx: f64 = 0, syy: f64 = 0, sxy: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(ca + o), y = load<f64>(cb + o);
    if (x == x && y == y) {
      const dx = x - ma, dy = y - mb;
      sxx += dx * dx; syy += dy * dy; sxy += dx * dy;
    }
  }
  return ratio(sxy, sxx, syy);
}
