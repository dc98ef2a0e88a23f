import { dropNaN, sortF64 } from './sort';

/**
 * Two-sample Kolmogorov–Smirnov statistic D = sup |F_a − F_b| (scipy.stats.ks_2samp's statistic),
 * as SDMetrics' KSComplement computes it: missing values dropped, values rounded to 14 decimals
 * (numpy `round`: rint(x·1e14)/1e14), then both samples sorted and merged.
 * Works in place: both buffers are compacted, rounded and sorted. Returns NaN if a side is empty.
 */
export function ksStatistic(a: usize, na: i32, b: usize, nb: i32): f64 {
  const n1 = prepare(a, na), n2 = prepare(b, nb);
  if (n1 == 0 || n2 == 0) return NaN;
  return ksSorted(a, n1, b, n2);
}

function prepare(p: usize, n: i32): i32 {
  const m = dropNaN(p, n);
  for (let i = 0; i < m; i++) {
    const q = p + (<usize>i << 3);
    store<f64>(q, nearest<f64>(load<f64>(q) * 1e14) / 1e14);
  }
  sortF64(p, m);
  return m;
}

/** D for two sorted, NaN-free samples: cdf differences at every distinct value, i/n1 − j/n2 as scipy. */
export function ksSorted(a: usize, n1: i32, b: usize, n2: i32): f64 {
  let i = 0, j = 0;
  let d: f64 = 0;
  const f1 = <f64>n1, f2 = <f64>n2;
  while (i < n1 || j < n2) {
    const x = i < n1 ? load<f64>(a + (<usize>i << 3)) : Infinity;
    const y = j < n2 ? load<f64>(b + (<usize>j << 3)) : Infinity;
    const v = x < y ? x : y;
    while (i < n1 && load<f64>(a + (<usize>i << 3)) <= v) i++;
    while (j < n2 && load<f64>(b + (<usize>j << 3)) <= v) j++;
    const diff = Math.abs(<f64>i / f1 - <f64>j / f2);
    if (diff > d) d = diff;
  }
  return d;
}
