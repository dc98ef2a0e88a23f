/**
 * Category-code kernels. Codes are integers 0..k−1 stored in f64; NaN (or a negative code) is missing.
 */

@inline function code(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }

/**
 * TVComplement (SDMetrics): 1 − ½ Σ_c |p_syn(c) − p_real(c)| over non-missing values. As SDMetrics'
 * `get_frequencies`, a category seen only in the synthetic data gets a 1e−6 pseudo-count on the real
 * side (which also enters the real total). `counts` is scratch for 2k doubles. NaN if a side is empty.
 */
export function tvComplement(a: usize, na: i32, b: usize, nb: i32, k: i32, counts: usize): f64 {
  const cr = counts, cs = counts + (<usize>k << 3);
  memory.fill(counts, 0, <usize>k << 4);
  let nr: f64 = 0, ns: f64 = 0;
  for (let i = 0; i < na; i++) {
    const c = code(a, i);
    if (c >= 0 && c < <f64>k) { const q = cr + (<usize><i32>c << 3); store<f64>(q, load<f64>(q) + 1); nr += 1; }
  }
  for (let i = 0; i < nb; i++) {
    const c = code(b, i);
    if (c >= 0 && c < <f64>k) { const q = cs + (<usize><i32>c << 3); store<f64>(q, load<f64>(q) + 1); ns += 1; }
  }
  if (nr == 0 || ns == 0) return NaN;
  for (let c = 0; c < k; c++) {
    const q = cr + (<usize>c << 3);
    if (load<f64>(q) == 0 && load<f64>(cs + (<usize>c << 3)) > 0) { store<f64>(q, 1e-6); nr += 1e-6; }
  }
  let tv: f64 = 0;
  for (let c = 0; c < k; c++) {
    const r = load<f64>(cr + (<usize>c << 3)), s = load<f64>(cs + (<usize>c << 3));
    if (r > 0 || s > 0) tv += Math.abs(s / ns - r / nr);
  }
  return 1 - 0.5 * tv;
}

/**
 * Dense contingency counts of two code columns into `out` ((ka+1)·(kb+1) doubles, row-major by a);
 * a missing code goes to the extra last row/column (missing counts as a value of its own).
 */
export function contingencyDense(a: usize, b: usize, n: i32, ka: i32, kb: i32, out: usize): void {
  const cols = kb + 1;
  memory.fill(out, 0, <usize>((ka + 1) * cols) << 3);
  for (let i = 0; i < n; i++) {
    let x = code(a, i), y = code(b, i);
    const r = x >= 0 && x < <f64>ka ? <i32>x : ka;
    const c = y >= 0 && y < <f64>kb ? <i32>y : kb;
    const q = out + (<usize>(r * cols + c) << 3);
    store<f64>(q, load<f64>(q) + 1);
  }
}

/** ContingencySimilarity from two count tables of `cells` cells: 1 − ½ Σ |t_r/n_r − t_s/n_s|. */
export function contingencySimilarityDense(tr: usize, nr: f64, ts: usize, ns: f64, cells: i32): f64 {
  let s: f64 = 0;
  for (let i = 0; i < cells; i++) {
    const r = load<f64>(tr + (<usize>i << 3)), y = load<f64>(ts + (<usize>i << 3));
    if (r > 0 || y > 0) s += Math.abs(r / nr - y / ns);
  }
  return 1 - 0.5 * s;
}

/**
 * Cramér's V of a dense count table (rows × cols) without continuity correction, as
 * scipy.stats.contingency.association(method="cramer") on the table of observed values: empty rows
 * and columns are dropped first. NaN when fewer than 2 rows or columns remain.
 * `scratch` needs rows + cols doubles.
 */
export function cramersVDense(t: usize, rows: i32, cols: i32, scratch: usize): f64 {
  const rs = scratch, cs = scratch + (<usize>rows << 3);
  memory.fill(scratch, 0, <usize>(rows + cols) << 3);
  let n: f64 = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const o = load<f64>(t + (<usize>(r * cols + c) << 3));
      if (o != 0) {
        store<f64>(rs + (<usize>r << 3), load<f64>(rs + (<usize>r << 3)) + o);
        store<f64>(cs + (<usize>c << 3), load<f64>(cs + (<usize>c << 3)) + o);
        n += o;
      }
    }
  }
  let nr = 0, nc = 0;
  for (let r = 0; r < rows; r++) if (load<f64>(rs + (<usize>r << 3)) > 0) nr++;
  for (let c = 0; c < cols; c++) if (load<f64>(cs + (<usize>c << 3)) > 0) nc++;
  if (nr < 2 || nc < 2) return NaN;
  let chi2: f64 = 0;
  for (let r = 0; r < rows; r++) {
    const ri = load<f64>(rs + (<usize>r << 3));
    if (ri == 0) continue;
    for (let c = 0; c < cols; c++) {
      const cj = load<f64>(cs + (<usize>c << 3));
      if (cj == 0) continue;
      const e = ri * cj / n;
      const d = load<f64>(t + (<usize>(r * cols + c) << 3)) - e;
      chi2 += d * d / e;
    }
  }
  const k = <f64>(nr < nc ? nr : nc) - 1;
  return Math.sqrt(chi2 / n / k);
}

/**
 * Pair keys for large category spaces (sparse path): out[i] = code_a·(kb+1) + code_b, missing codes
 * mapped to ka / kb. Sort the keys (sortF64), then use the *Sorted kernels below.
 */
export function pairKeys(a: usize, b: usize, n: i32, ka: i32, kb: i32, out: usize): void {
  const cols = <f64>(kb + 1);
  for (let i = 0; i < n; i++) {
    const x = code(a, i), y = code(b, i);
    const r = x >= 0 && x < <f64>ka ? x : <f64>ka;
    const c = y >= 0 && y < <f64>kb ? y : <f64>kb;
    store<f64>(out + (<usize>i << 3), r * cols + c);
  }
}

/** ContingencySimilarity from two sorted key arrays (merge walk over the observed cells). */
export function contingencySimilaritySorted(kr: usize, nr: i32, ks: usize, ns: i32): f64 {
  let i = 0, j = 0;
  let s: f64 = 0;
  const fr = <f64>nr, fs = <f64>ns;
  while (i < nr || j < ns) {
    const x = i < nr ? load<f64>(kr + (<usize>i << 3)) : Infinity;
    const y = j < ns ? load<f64>(ks + (<usize>j << 3)) : Infinity;
    const v = x < y ? x : y;
    let ci: f64 = 0, cj: f64 = 0;
    while (i < nr && load<f64>(kr + (<usize>i << 3)) == v) { i++; ci += 1; }
    while (j < ns && load<f64>(ks + (<usize>j << 3)) == v) { j++; cj += 1; }
    s += Math.abs(ci / fr - cj / fs);
  }
  return 1 - 0.5 * s;
}

/**
 * Cramér's V from sorted pair keys (sparse path): χ² = Σ_observed o²/E·… written as
 * n·(Σ o²/(r_i·c_j) − 1), which equals Σ (o − E)²/E over the full table. `scratch` needs
 * (ka+1) + (kb+1) doubles.
 */
export function cramersVSorted(keys: usize, n: i32, ka: i32, kb: i32, scratch: usize): f64 {
  const rows = ka + 1, cols = kb + 1;
  const rs = scratch, cs = scratch + (<usize>rows << 3);
  memory.fill(scratch, 0, <usize>(rows + cols) << 3);
  const fc = <f64>cols;
  for (let i = 0; i < n; i++) {
    const k = load<f64>(keys + (<usize>i << 3));
    const r = <i32>Math.floor(k / fc), c = <i32>(k - <f64>r * fc);
    store<f64>(rs + (<usize>r << 3), load<f64>(rs + (<usize>r << 3)) + 1);
    store<f64>(cs + (<usize>c << 3), load<f64>(cs + (<usize>c << 3)) + 1);
  }
  let nr = 0, nc = 0;
  for (let r = 0; r < rows; r++) if (load<f64>(rs + (<usize>r << 3)) > 0) nr++;
  for (let c = 0; c < cols; c++) if (load<f64>(cs + (<usize>c << 3)) > 0) nc++;
  if (nr < 2 || nc < 2) return NaN;
  let acc: f64 = 0;
  let i = 0;
  while (i < n) {
    const k = load<f64>(keys + (<usize>i << 3));
    let o: f64 = 0;
    while (i < n && load<f64>(keys + (<usize>i << 3)) == k) { i++; o += 1; }
    const r = <i32>Math.floor(k / fc), c = <i32>(k - <f64>r * fc);
    acc += o * o / (load<f64>(rs + (<usize>r << 3)) * load<f64>(cs + (<usize>c << 3)));
  }
  const fn = <f64>n;
  const chi2 = fn * (acc - 1);
  const kk = <f64>(nr < nc ? nr : nc) - 1;
  return Math.sqrt((chi2 > 0 ? chi2 : 0) / fn / kk);
}
