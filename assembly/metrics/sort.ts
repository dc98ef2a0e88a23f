/**
 * In-place ascending sort of f64 buffers: introsort (Musser 1997) — median-of-three quicksort with
 * Hoare partitioning, heapsort when the recursion gets too deep, insertion sort for short runs.
 * No allocation: the explicit stack lives in a fixed local frame (depth ≤ 2·log2 n ≤ 128).
 * The input must not contain NaN (use `dropNaN` first): comparisons with NaN are not an order.
 * `coSortF64` permutes a second buffer in lockstep (an argsort when it holds 0..n−1).
 */

@inline function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }

@inline function swap(k: usize, v: usize, i: i32, j: i32): void {
  const t = ld(k, i); st(k, i, ld(k, j)); st(k, j, t);
  if (v) { const u = ld(v, i); st(v, i, ld(v, j)); st(v, j, u); }
}

function insertion(k: usize, v: usize, lo: i32, hi: i32): void {
  for (let i = lo + 1; i <= hi; i++) {
    const x = ld(k, i);
    const y = v ? ld(v, i) : 0.0;
    let j = i - 1;
    while (j >= lo && ld(k, j) > x) {
      st(k, j + 1, ld(k, j));
      if (v) st(v, j + 1, ld(v, j));
      j--;
    }
    st(k, j + 1, x);
    if (v) st(v, j + 1, y);
  }
}

function siftDown(k: usize, v: usize, lo: i32, root: i32, n: i32): void {
  let r = root;
  while (true) {
    let c = 2 * r + 1;
    if (c >= n) break;
    if (c + 1 < n && ld(k, lo + c + 1) > ld(k, lo + c)) c++;
    if (ld(k, lo + r) >= ld(k, lo + c)) break;
    swap(k, v, lo + r, lo + c);
    r = c;
  }
}

function heapsort(k: usize, v: usize, lo: i32, hi: i32): void {
  const n = hi - lo + 1;
  for (let i = (n >> 1) - 1; i >= 0; i--) siftDown(k, v, lo, i, n);
  for (let e = n - 1; e > 0; e--) {
    swap(k, v, lo, lo + e);
    siftDown(k, v, lo, 0, e);
  }
}

function introsort(k: usize, v: usize, n: i32): void {
  if (n < 2) return;
  // Manual stack of (lo, hi, depth) — 3 × 64 entries of i32 on the shadow-free local frame.
  const stack = memory.data(3 * 4 * 256);
  let sp = 0;
  let depthLimit = 2 * (32 - clz<i32>(n));
  store<i32>(stack, 0); store<i32>(stack, n - 1, 4); store<i32>(stack, depthLimit, 8); sp = 1;
  while (sp > 0) {
    sp--;
    let lo = load<i32>(stack + <usize>sp * 12), hi = load<i32>(stack + <usize>sp * 12, 4), depth = load<i32>(stack + <usize>sp * 12, 8);
    while (hi - lo > 16) {
      if (depth == 0) { heapsort(k, v, lo, hi); lo = hi; break; }
      depth--;
      const mid = lo + ((hi - lo) >> 1);
      // median of three to position lo
      if (ld(k, mid) < ld(k, lo)) swap(k, v, mid, lo);
      if (ld(k, hi) < ld(k, lo)) swap(k, v, hi, lo);
      if (ld(k, hi) < ld(k, mid)) swap(k, v, hi, mid);
      const pivot = ld(k, mid);
      let i = lo - 1, j = hi + 1;
      while (true) {
        do { i++; } while (ld(k, i) < pivot);
        do { j--; } while (ld(k, j) > pivot);
        if (i >= j) break;
        swap(k, v, i, j);
      }
      // [lo, j] and [j+1, hi]: push the larger, loop on the smaller (bounded stack).
      if (j - lo > hi - j - 1) {
        store<i32>(stack + <usize>sp * 12, lo); store<i32>(stack + <usize>sp * 12, j, 4); store<i32>(stack + <usize>sp * 12, depth, 8); sp++;
        lo = j + 1;
      } else {
        store<i32>(stack + <usize>sp * 12, j + 1); store<i32>(stack + <usize>sp * 12, hi, 4); store<i32>(stack + <usize>sp * 12, depth, 8); sp++;
        hi = j;
      }
    }
    if (hi > lo) insertion(k, v, lo, hi);
  }
}

/** Sorts `n` doubles at `ptr` ascending, in place (no NaN allowed). */
export function sortF64(ptr: usize, n: i32): void {
  introsort(ptr, 0, n);
}

/** Sorts `keys` ascending and applies the same permutation to `vals` (no NaN in keys). */
export function coSortF64(keys: usize, vals: usize, n: i32): void {
  introsort(keys, vals, n);
}

/** Moves the non-NaN values to the front (keeping their order) and returns how many there are. */
export function dropNaN(ptr: usize, n: i32): i32 {
  let w = 0;
  for (let i = 0; i < n; i++) {
    const x = ld(ptr, i);
    if (x == x) { st(ptr, w, x); w++; }
  }
  return w;
}

/**
 * Stable partition of (keys, vals): rows whose key is not NaN first, NaN keys last.
 * Returns the number of non-NaN keys. Needs `scratch` room for n doubles (the NaN rows' vals).
 */
export function partitionNaN(keys: usize, vals: usize, n: i32, scratch: usize): i32 {
  let w = 0, t = 0;
  for (let i = 0; i < n; i++) {
    const x = ld(keys, i);
    if (x == x) { st(keys, w, x); st(vals, w, ld(vals, i)); w++; }
    else { st(scratch, t, ld(vals, i)); t++; }
  }
  for (let i = 0; i < t; i++) { st(keys, w + i, NaN); st(vals, w + i, ld(scratch, i)); }
  return w;
}
