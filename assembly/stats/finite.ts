/**
 * Copies the finite values of `n` doubles at `inp` to `out` (order kept) and returns how many there
 * were. NaN (missing) and ±Inf are dropped — the documented input rule of every marginal fit.
 * `out` may equal `inp`.
 */
export function compactFinite(inp: usize, out: usize, n: i32): i32 {
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(inp + (<usize>i << 3));
    if (x - x == 0) { store<f64>(out + (<usize>m << 3), x); m++; } // finite ⇔ x − x == 0
  }
  return m;
}

/**
 * Summary of `n` finite doubles written to `out`: [min, max, mean, variance (ddof 0), third central
 * moment]. Two-pass (mean first), so it stays accurate for data far from zero.
 */
export function describeFinite(inp: usize, n: i32, out: usize): void {
  let mn = Infinity, mx = -Infinity, s: f64 = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(inp + (<usize>i << 3));
    if (x < mn) mn = x;
    if (x > mx) mx = x;
    s += x;
  }
  const mean = n > 0 ? s / <f64>n : NaN;
  let m2: f64 = 0, m3: f64 = 0, c: f64 = 0;
  for (let i = 0; i < n; i++) {
    const d = load<f64>(inp + (<usize>i << 3)) - mean;
    c += d;
    m2 += d * d;
    m3 += d * d * d;
  }
  const fn = <f64>n;
  const corr = c / fn; // compensates the rounding of the mean (Chan, Golub & LeVeque 1983)
  store<f64>(out, mn);
  store<f64>(out, mx, 8);
  store<f64>(out, mean + corr, 16);
  store<f64>(out, Math.max(0.0, m2 / fn - corr * corr), 24);
  store<f64>(out, m3 / fn, 32);
}
