/**
 * In-place ascending sort of f64 buffers, allocation-free: introsort (median-of-three quicksort,
 * insertion sort below 16 elements, heapsort when the recursion depth exceeds 2·log2 n) — Musser 1997.
 * Expects finite values (callers compact NaN/Inf out first with `compactFinite`).
 */

@inline function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function swap(p: usize, i: i32, j: i32): void { const t = ld(p, i); st(p, i, ld(p, j)); st(p, j, t); }

function insertion(p: usize, lo: i32, hi: i32): void {
  for (let i = lo + 1; i <= hi; i++) {
    const v = ld(p, i);
    let j = i - 1;
    while (j >= lo && ld(p, j) > v) { st(p, j + 1, ld(p, j)); j--; }
    st(p, j + 1, v);
  }
}

function siftDown(p: usize, lo: i32, start: i32, end: i32): void {
  let root = start;
  while (true) {
    let child = 2 * root + 1;
    if (child > end) break;
    if (child + 1 <= end && ld(p, lo + child) < ld(p, lo + child + 1)) child++;
    if (ld(p, lo + root) < ld(p, lo + child)) { swap(p, lo + root, lo + child); root = child; } else break;
  }
}

function heapsort(p: usize, lo: i32, hi: i32): void {
  const n = hi - lo + 1;
  for (let s = (n - 2) >> 1; s >= 0; s--) siftDown(p, lo, s, n - 1);
  for (let end = n - 1; end > 0; end--) { swap(p, lo, lo + end); siftDown(p, lo, 0, end - 1); }
}

function introsort(p: usize, lo: i32, hi: i32, depth: i32): void {
  while (hi - lo > 16) {
    if (depth == 0) { heapsort(p, lo, hi); return; }
    depth--;
    const mid = lo + ((hi - lo) >> 1);
    if (ld(p, mid) < ld(p, lo)) swap(p, mid, lo);
    if (ld(p, hi) < ld(p, lo)) swap(p, hi, lo);
    if (ld(p, hi) < ld(p, mid)) swap(p, hi, mid);
    const pivot = ld(p, mid);
    let i = lo, j = hi;
    while (i <= j) {
      while (ld(p, i) < pivot) i++;
      while (ld(p, j) > pivot) j--;
      if (i <= j) { swap(p, i, j); i++; j--; }
    }
    // recurse into the smaller part, loop on the larger (bounded stack)
    if (j - lo < hi - i) { introsort(p, lo, j, depth); lo = i; }
    else { introsort(p, i, hi, depth); hi = j; }
  }
  insertion(p, lo, hi);
}

/** Sorts `n` doubles at `ptr` ascending, in place. */
export function sortF64(ptr: usize, n: i32): void {
  if (n < 2) return;
  let depth = 0;
  for (let m = n; m > 1; m >>= 1) depth += 2;
  introsort(ptr, 0, n - 1, depth);
}
