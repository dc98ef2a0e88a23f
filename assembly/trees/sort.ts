/**
 * In-place sorts on raw linear memory (no allocation): heapsort (Williams, 1964) with insertion sort
 * for short runs. Deterministic: ties are broken by the secondary key, so the order never depends on
 * the input permutation.
 */

@inline function f64At(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function i32At(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }

/**
 * Sorts `n` doubles at `p` ascending (NaN must have been removed by the caller): introsort — quicksort
 * with median-of-three pivots (Sedgewick, 1978), insertion sort below 24 elements, heapsort when the
 * recursion gets too deep (Musser, 1997), so the worst case stays O(n log n).
 */
export function sortF64(p: usize, n: i32): void {
  introF64(p, 0, n - 1, 2 * (32 - clz<i32>(max(n, 1))));
}

@inline function swapF64(p: usize, i: i32, j: i32): void {
  const a = p + (<usize>i << 3), b = p + (<usize>j << 3);
  const t = load<f64>(a); store<f64>(a, load<f64>(b)); store<f64>(b, t);
}

function introF64(p: usize, lo0: i32, hi0: i32, depth0: i32): void {
  let lo = lo0, hi = hi0, depth = depth0;
  while (hi - lo >= 24) {
    if (depth == 0) { heapsortF64(p + (<usize>lo << 3), hi - lo + 1); return; }
    depth--;
    const mid = lo + ((hi - lo) >> 1);
    if (f64At(p, mid) < f64At(p, lo)) swapF64(p, mid, lo);
    if (f64At(p, hi) < f64At(p, lo)) swapF64(p, hi, lo);
    if (f64At(p, hi) < f64At(p, mid)) swapF64(p, hi, mid);
    const pivot = f64At(p, mid);
    let i = lo, j = hi;
    while (i <= j) {
      while (f64At(p, i) < pivot) i++;
      while (f64At(p, j) > pivot) j--;
      if (i <= j) { swapF64(p, i, j); i++; j--; }
    }
    // recurse into the smaller part, loop on the larger
    if (j - lo < hi - i) { introF64(p, lo, j, depth); lo = i; }
    else { introF64(p, i, hi, depth); hi = j; }
  }
  for (let i = lo + 1; i <= hi; i++) {
    const v = f64At(p, i);
    let j = i - 1;
    while (j >= lo && f64At(p, j) > v) { store<f64>(p + (<usize>(j + 1) << 3), f64At(p, j)); j--; }
    store<f64>(p + (<usize>(j + 1) << 3), v);
  }
}

function heapsortF64(p: usize, n: i32): void {
  for (let start = (n >> 1) - 1; start >= 0; start--) siftF64(p, start, n);
  for (let end = n - 1; end > 0; end--) {
    const t = f64At(p, 0);
    store<f64>(p, f64At(p, end));
    store<f64>(p + (<usize>end << 3), t);
    siftF64(p, 0, end);
  }
}

function siftF64(p: usize, root: i32, n: i32): void {
  let r = root;
  while (true) {
    let c = 2 * r + 1;
    if (c >= n) return;
    if (c + 1 < n && f64At(p, c + 1) > f64At(p, c)) c++;
    if (f64At(p, r) >= f64At(p, c)) return;
    const t = f64At(p, r);
    store<f64>(p + (<usize>r << 3), f64At(p, c));
    store<f64>(p + (<usize>c << 3), t);
    r = c;
  }
}

/** (key[a], a) < (key[b], b): order by key, ties by index. With key = 0 this is a plain integer sort. */
@inline function lessBy(key: usize, a: i32, b: i32): bool {
  if (key == 0) return a < b;
  const ka = f64At(key, a), kb = f64At(key, b);
  return ka < kb || (ka == kb && a < b);
}

/**
 * Sorts `n` i32 indices at `p` by `key[index]` (a f64 array indexed by the values being sorted), ties
 * by index; `key` = 0 sorts the integers themselves.
 */
export function sortIndexBy(p: usize, n: i32, key: usize): void {
  if (n < 2) return;
  if (n <= 24) {
    for (let i = 1; i < n; i++) {
      const v = i32At(p, i);
      let j = i - 1;
      while (j >= 0 && lessBy(key, v, i32At(p, j))) { store<i32>(p + (<usize>(j + 1) << 2), i32At(p, j)); j--; }
      store<i32>(p + (<usize>(j + 1) << 2), v);
    }
    return;
  }
  for (let start = (n >> 1) - 1; start >= 0; start--) siftIdx(p, start, n, key);
  for (let end = n - 1; end > 0; end--) {
    const t = i32At(p, 0);
    store<i32>(p, i32At(p, end));
    store<i32>(p + (<usize>end << 2), t);
    siftIdx(p, 0, end, key);
  }
}

function siftIdx(p: usize, root: i32, n: i32, key: usize): void {
  let r = root;
  while (true) {
    let c = 2 * r + 1;
    if (c >= n) return;
    if (c + 1 < n && lessBy(key, i32At(p, c), i32At(p, c + 1))) c++;
    if (!lessBy(key, i32At(p, r), i32At(p, c))) return;
    const t = i32At(p, r);
    store<i32>(p + (<usize>r << 2), i32At(p, c));
    store<i32>(p + (<usize>c << 2), t);
    r = c;
  }
}
