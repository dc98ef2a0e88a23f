/**
 * One-sample Kolmogorov–Smirnov statistic D = sup |F_n(x) − F(x)|, from the model CDF evaluated at the
 * *sorted* sample: D = max_i max(F(x_(i)) − (i−1)/n, i/n − F(x_(i))) (i = 1…n), as
 * `scipy.stats.kstest` computes it.
 */
export function ksOneSample(sortedCdf: usize, n: i32): f64 {
  if (n <= 0) return NaN;
  const fn = <f64>n;
  let d: f64 = 0;
  for (let i = 0; i < n; i++) {
    const f = load<f64>(sortedCdf + (<usize>i << 3));
    const dPlus = <f64>(i + 1) / fn - f;
    const dMinus = f - <f64>i / fn;
    if (dPlus > d) d = dPlus;
    if (dMinus > d) d = dMinus;
  }
  return d;
}
