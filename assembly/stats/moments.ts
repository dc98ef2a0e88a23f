/**
 * Streaming mean and variance (Welford 1962; chunk merge by Chan, Golub & LeVeque 1979).
 * Accumulator at `acc`: [count, mean, M2] as three f64. NaN values are skipped.
 */
export function momentsReset(acc: usize): void {
  store<f64>(acc, 0.0); store<f64>(acc, 0.0, 8); store<f64>(acc, 0.0, 16);
}

/** Adds `n` values at `ptr` to the accumulator (two-pass within the chunk, then merged). */
export function momentsAccumulate(acc: usize, ptr: usize, n: i32): void {
  let cnt: f64 = 0, sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(ptr + (<usize>i << 3));
    if (x == x) { sum += x; cnt += 1; }
  }
  if (cnt == 0) return;
  const m = sum / cnt;
  let m2: f64 = 0;
  for (let i = 0; i < n; i++) {
    const x = load<f64>(ptr + (<usize>i << 3));
    if (x == x) { const d = x - m; m2 += d * d; }
  }
  const na = load<f64>(acc), ma = load<f64>(acc, 8), m2a = load<f64>(acc, 16);
  const tot = na + cnt;
  const delta = m - ma;
  store<f64>(acc, tot);
  store<f64>(acc, ma + delta * cnt / tot, 8);
  store<f64>(acc, m2a + m2 + delta * delta * na * cnt / tot, 16);
}
