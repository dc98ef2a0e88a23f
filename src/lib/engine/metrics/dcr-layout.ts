/**
 * Row order of the DCR reference as a k-d tree whose leaves are the search blocks: each node of more
 * than B rows is split at a block boundary near its median on the column with the widest spread
 * (capped at 1, the largest per-column distance; the missing sentinel ignored), so every block of B
 * consecutive rows gets a tight bounding box in several columns, not only in one sort key. The order
 * only decides which blocks can be skipped; the distances found are the same for any order.
 */
const MISSING = 1e300; // = DCR_MISSING in assembly/metrics/dcr.ts

export function kdBlockOrder(cols: Float64Array[], B: number): Uint32Array {
  const n = cols.length ? cols[0].length : 0;
  const perm = new Uint32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const stack: number[] = [0, n];
  while (stack.length) {
    const hi = stack.pop()!, lo = stack.pop()!;
    if (hi - lo <= B) continue;
    let col = -1, widest = 0;
    for (let c = 0; c < cols.length; c++) {
      const x = cols[c];
      let mn = Infinity, mx = -Infinity;
      for (let i = lo; i < hi; i++) { const v = x[perm[i]]; if (v !== MISSING) { if (v < mn) mn = v; if (v > mx) mx = v; } }
      const spread = Math.min(1, mx - mn);
      if (spread > widest) { widest = spread; col = c; }
    }
    if (col < 0) continue; // every column constant here: any order is as good
    const blocks = Math.ceil((hi - lo) / B);
    const mid = lo + Math.ceil(blocks / 2) * B;
    select(perm, cols[col], lo, hi, mid);
    stack.push(lo, mid, mid, hi);
  }
  return perm;
}

/** Hoare quickselect: perm[lo, k) ≤ perm[k] ≤ perm[k, hi) by key (median-of-three pivots). */
function select(perm: Uint32Array, key: Float64Array, lo: number, hi: number, k: number): void {
  let l = lo, r = hi - 1;
  while (r > l) {
    const m = (l + r) >>> 1;
    const a = key[perm[l]], b = key[perm[m]], c = key[perm[r]];
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = l, j = r;
    while (i <= j) {
      while (key[perm[i]] < pivot) i++;
      while (key[perm[j]] > pivot) j--;
      if (i <= j) { const t = perm[i]; perm[i] = perm[j]; perm[j] = t; i++; j--; }
    }
    if (k <= j) r = j;
    else if (k >= i) l = i;
    else return;
  }
}

/**
 * Probe order of the columns for early abandoning: largest mean distance first, the mean taken over
 * pairs of evenly spaced query rows and reference rows (up to 128 × 128 pairs). Ties keep column order.
 */
export function probeOrder(query: Float64Array[], ref: Float64Array[]): number[] {
  const nq = query.length ? query[0].length : 0, nr = ref.length ? ref[0].length : 0;
  const sq = Math.min(nq, 128), sr = Math.min(nr, 128);
  const mean = query.map((qc, c) => {
    const rc = ref[c];
    let s = 0;
    for (let a = 0; a < sq; a++) {
      const x = qc[Math.floor(((a + 0.5) * nq) / sq)];
      for (let b = 0; b < sr; b++) s += Math.min(Math.abs(x - rc[Math.floor(((b + 0.37) * nr) / sr)]), 1);
    }
    return s;
  });
  return query.map((_, c) => c).sort((a, b) => mean[b] - mean[a] || a - b);
}
