import { coSortF64 } from './sort';

/**
 * Distance to closest record (SDMetrics DCR, `dcr_utils`), exact, for large tables.
 *
 * Encoding (done by the host, see src/lib/engine/metrics/privacy.ts): every column is a f64 column
 * where the per-column distance is min(|a − b|, 1):
 *   numerical/datetime: value / (real max − real min)  → |a−b|/range capped at 1;
 *   categorical/boolean, and numerical with range 0: integer codes → 0 if equal, else ≥ 1 ⇒ 1;
 *   missing: the sentinel MISSING (1e300) → one side missing gives 1, both missing give 0.
 * The row distance is the sum over the m columns (the host divides by m for the mean).
 *
 * Layout: both tables column-major (column c of the reference at ref + 8·c·nr). The reference is cut
 * into blocks of B rows with a per-column bounding box; a block whose box lower bound is already ≥ the
 * row's best distance is skipped. The bound is a true lower bound in floating point (subtraction and
 * addition are monotone), so pruning never changes the result. Visiting the block that holds the
 * row's key value first makes the bound bite early when the host sorted the reference by that column.
 * The inner block loop uses WASM SIMD (2 × f64 lanes, 8 reference rows at a time) when built with
 * SIMD; the scalar build performs the same additions in the same order, so both give identical results.
 */

export const DCR_MISSING: f64 = 1e300;

/** Replaces NaN by the DCR missing sentinel, in place. */
export function dcrEncodeMissing(p: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const q = p + (<usize>i << 3);
    const v = load<f64>(q);
    if (v != v) store<f64>(q, DCR_MISSING);
  }
}

/** Per-block bounding boxes: boxes[(b·m + c)·2 + 0/1] = min/max of column c over block b. */
export function dcrBlockBoxes(ref: usize, nr: i32, m: i32, B: i32, boxes: usize): void {
  const nb = (nr + B - 1) / B;
  for (let b = 0; b < nb; b++) {
    const j0 = b * B, j1 = min(j0 + B, nr);
    for (let c = 0; c < m; c++) {
      const col = ref + (<usize>c * <usize>nr << 3);
      let lo: f64 = Infinity, hi: f64 = -Infinity;
      for (let j = j0; j < j1; j++) {
        const v = load<f64>(col + (<usize>j << 3));
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const q = boxes + (<usize>(b * m + c) << 4);
      store<f64>(q, lo); store<f64>(q, hi, 8);
    }
  }
}

// Builtin min/abs map to the f64.min / f64.abs instructions (Math.min carries JS NaN/−0 rules).
@inline function term(r: f64, s: f64): f64 {
  return min<f64>(abs<f64>(r - s), 1.0);
}

/**
 * Smallest of the 8 row-distance sums of synthetic row i against reference rows j..j+7 (SIMD build),
 * abandoned early: every 4 columns, stop once all 8 partial sums reach `thr` (terms are ≥ 0, so a
 * partial sum ≥ thr means the full sum is too). A result ≥ thr means "none of the 8 is below thr".
 */
@inline function partialMin8(syn: usize, ns: i32, i: i32, ref: usize, nr: i32, m: i32, j: i32, thr: f64): f64 {
  const one = f64x2.splat(1.0);
  let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
  let c = 0;
  while (c < m) {
    const ce = min(c + 4, m);
    for (; c < ce; c++) {
      const s = f64x2.splat(load<f64>(syn + ((<usize>c * <usize>ns + <usize>i) << 3)));
      const p = ref + ((<usize>c * <usize>nr + <usize>j) << 3);
      a0 = f64x2.add(a0, f64x2.min(f64x2.abs(f64x2.sub(v128.load(p), s)), one));
      a1 = f64x2.add(a1, f64x2.min(f64x2.abs(f64x2.sub(v128.load(p, 16), s)), one));
      a2 = f64x2.add(a2, f64x2.min(f64x2.abs(f64x2.sub(v128.load(p, 32), s)), one));
      a3 = f64x2.add(a3, f64x2.min(f64x2.abs(f64x2.sub(v128.load(p, 48), s)), one));
    }
    const mn = f64x2.min(f64x2.min(a0, a1), f64x2.min(a2, a3));
    if (min<f64>(f64x2.extract_lane(mn, 0), f64x2.extract_lane(mn, 1)) >= thr) break;
  }
  const mn = f64x2.min(f64x2.min(a0, a1), f64x2.min(a2, a3));
  return min<f64>(f64x2.extract_lane(mn, 0), f64x2.extract_lane(mn, 1));
}

/** `partialMin8` for the scalar build: 4 reference rows j..j+3. */
@inline function partialMin4(syn: usize, ns: i32, i: i32, ref: usize, nr: i32, m: i32, j: i32, thr: f64): f64 {
  let a0: f64 = 0, a1: f64 = 0, a2: f64 = 0, a3: f64 = 0;
  let c = 0;
  while (c < m) {
    const ce = min(c + 4, m);
    for (; c < ce; c++) {
      const s = load<f64>(syn + ((<usize>c * <usize>ns + <usize>i) << 3));
      const p = ref + ((<usize>c * <usize>nr + <usize>j) << 3);
      a0 += term(load<f64>(p), s);
      a1 += term(load<f64>(p, 8), s);
      a2 += term(load<f64>(p, 16), s);
      a3 += term(load<f64>(p, 24), s);
    }
    if (min<f64>(min<f64>(a0, a1), min<f64>(a2, a3)) >= thr) break;
  }
  return min<f64>(min<f64>(a0, a1), min<f64>(a2, a3));
}

/** Smallest row-distance sum between synthetic row i and reference rows [j0, j1), or `best` if none is smaller. */
function scanBlock(syn: usize, ns: i32, i: i32, ref: usize, nr: i32, m: i32, j0: i32, j1: i32, best: f64): f64 {
  let j = j0;
  if (ASC_FEATURE_SIMD) {
    for (; j + 8 <= j1; j += 8) {
      const v = partialMin8(syn, ns, i, ref, nr, m, j, best);
      if (v < best) best = v;
    }
  } else {
    for (; j + 4 <= j1; j += 4) {
      const v = partialMin4(syn, ns, i, ref, nr, m, j, best);
      if (v < best) best = v;
    }
  }
  for (; j < j1; j++) {
    let a: f64 = 0;
    for (let c = 0; c < m; c++) {
      a += term(load<f64>(ref + ((<usize>c * <usize>nr + <usize>j) << 3)), load<f64>(syn + ((<usize>c * <usize>ns + <usize>i) << 3)));
    }
    if (a < best) best = a;
  }
  return best;
}

@inline function boxBound(syn: usize, ns: i32, i: i32, m: i32, boxes: usize, b: i32): f64 {
  let lb: f64 = 0;
  for (let c = 0; c < m; c++) {
    const s = load<f64>(syn + ((<usize>c * <usize>ns + <usize>i) << 3));
    const q = boxes + (<usize>(b * m + c) << 4);
    const lo = load<f64>(q), hi = load<f64>(q, 8);
    const d = s < lo ? lo - s : s > hi ? s - hi : 0.0;
    lb += min<f64>(d, 1.0);
  }
  return lb;
}

/** Lower bound of the key column alone for block b (the reference is sorted by it). */
@inline function keyBound(s: f64, boxes: usize, b: i32, m: i32, keyCol: i32): f64 {
  const q = boxes + (<usize>(b * m + keyCol) << 4);
  const lo = load<f64>(q), hi = load<f64>(q, 8);
  return min<f64>(s < lo ? lo - s : s > hi ? s - hi : 0.0, 1.0);
}

/**
 * For synthetic rows [i0, i1): out[i] = min over all reference rows of the row-distance sum.
 * With boxes (and the reference sorted by `keyCol`), blocks are visited outward from the block holding
 * the row's key value; a side stops once the key column alone bounds its remaining blocks above the
 * best distance (blocks further out are further away on the key), and any block whose full box bound
 * is ≥ the best is skipped. Without boxes (boxes = 0) every block is scanned (brute force).
 */
export function dcrSearch(syn: usize, ns: i32, i0: i32, i1: i32, ref: usize, nr: i32, m: i32, B: i32, boxes: usize, keyCol: i32, out: usize): void {
  const nb = (nr + B - 1) / B;
  for (let i = i0; i < i1; i++) {
    let best: f64 = Infinity;
    if (!boxes || keyCol < 0) {
      for (let b = 0; b < nb; b++) best = scanBlock(syn, ns, i, ref, nr, m, b * B, min(b * B + B, nr), best);
      store<f64>(out + (<usize>i << 3), best);
      continue;
    }
    const s = load<f64>(syn + ((<usize>keyCol * <usize>ns + <usize>i) << 3));
    // first block whose key maximum reaches the row's key value
    let a = 0, z = nb - 1;
    while (a < z) {
      const b = (a + z) >> 1;
      if (load<f64>(boxes + (<usize>(b * m + keyCol) << 4), 8) < s) a = b + 1; else z = b;
    }
    best = scanBlock(syn, ns, i, ref, nr, m, a * B, min(a * B + B, nr), best);
    let left = a - 1, right = a + 1;
    while (left >= 0 || right < nb) {
      if (right < nb) {
        if (keyBound(s, boxes, right, m, keyCol) >= best) right = nb;
        else {
          if (boxBound(syn, ns, i, m, boxes, right) < best) best = scanBlock(syn, ns, i, ref, nr, m, right * B, min(right * B + B, nr), best);
          right++;
        }
      }
      if (left >= 0) {
        if (keyBound(s, boxes, left, m, keyCol) >= best) left = -1;
        else {
          if (boxBound(syn, ns, i, m, boxes, left) < best) best = scanBlock(syn, ns, i, ref, nr, m, left * B, min(left * B + B, nr), best);
          left--;
        }
      }
    }
    store<f64>(out + (<usize>i << 3), best);
  }
}

/** Storage column of original column c (`pos` holds m i32). */
@inline function col(pos: usize, c: i32): i32 {
  return load<i32>(pos + (<usize>c << 2));
}

/** Row-distance sum of reference row j, summed in the original column order (as `scanBlock`). */
@inline function rowSum(syn: usize, ns: i32, i: i32, ref: usize, nr: i32, m: i32, j: i32, pos: usize): f64 {
  let a: f64 = 0;
  for (let c = 0; c < m; c++) {
    const s = col(pos, c);
    a += term(load<f64>(ref + ((<usize>s * <usize>nr + <usize>j) << 3)), load<f64>(syn + ((<usize>s * <usize>ns + <usize>i) << 3)));
  }
  return a;
}

/**
 * `scanBlock` for columns stored in a probe order (largest expected distance first, so partial sums
 * pass `best` after few columns). Probe sums only decide which rows are skipped: a group is dropped
 * once every probe partial sum is ≥ best·(1 + 16·m·2⁻⁵²), which (terms ≥ 0, summation error ≤ m·2⁻⁵³
 * relative either way) proves the original-order sum ≥ best too. Surviving rows are summed again in
 * the original column order, so the distances found are bit-identical to the unordered search.
 */
function scanBlockProbe(syn: usize, ns: i32, i: i32, ref: usize, nr: i32, m: i32, j0: i32, j1: i32, best: f64, pos: usize): f64 {
  const slack: f64 = 1.0 + 16.0 * <f64>m * 2.220446049250313e-16;
  let j = j0;
  const lanes = ASC_FEATURE_SIMD ? 8 : 4;
  for (; j + lanes <= j1; j += lanes) {
    const thr = best * slack;
    const v = ASC_FEATURE_SIMD ? partialMin8(syn, ns, i, ref, nr, m, j, thr) : partialMin4(syn, ns, i, ref, nr, m, j, thr);
    if (v >= thr) continue;
    for (let q = j; q < j + lanes; q++) {
      const d = rowSum(syn, ns, i, ref, nr, m, q, pos);
      if (d < best) best = d;
    }
  }
  for (; j < j1; j++) {
    const v = rowSum(syn, ns, i, ref, nr, m, j, pos);
    if (v < best) best = v;
  }
  return best;
}

/** `boxBound` summed in the original column order (a lower bound of `rowSum`, term by term). */
@inline function boxBoundOrdered(syn: usize, ns: i32, i: i32, m: i32, boxes: usize, b: i32, pos: usize): f64 {
  let lb: f64 = 0;
  for (let c = 0; c < m; c++) {
    const k = col(pos, c);
    const s = load<f64>(syn + ((<usize>k * <usize>ns + <usize>i) << 3));
    const q = boxes + (<usize>(b * m + k) << 4);
    const lo = load<f64>(q), hi = load<f64>(q, 8);
    const d = s < lo ? lo - s : s > hi ? s - hi : 0.0;
    lb += min<f64>(d, 1.0);
  }
  return lb;
}

/**
 * Best-first search over a reference laid out as a k-d tree (blocks of B rows with tight boxes in
 * several columns, see src/lib/engine/metrics/dcr-layout.ts), columns stored in probe order with
 * `pos` (m i32) giving the storage column of each original column. Per synthetic row, the box lower
 * bound of every block is computed, the block with the smallest bound is scanned first, then the
 * blocks whose bound is still below the best distance in increasing bound order until the next bound
 * reaches it. Same exact minimum as `dcrSearch`. `work` holds 3·nb doubles.
 */
export function dcrSearchBestFirst(syn: usize, ns: i32, i0: i32, i1: i32, ref: usize, nr: i32, m: i32, B: i32, boxes: usize, pos: usize, work: usize, out: usize): void {
  const nb = (nr + B - 1) / B;
  const bounds = work, cb = work + (<usize>nb << 3), cid = cb + (<usize>nb << 3);
  for (let i = i0; i < i1; i++) {
    let first = 0, firstBound: f64 = Infinity;
    for (let b = 0; b < nb; b++) {
      const lb = boxBoundOrdered(syn, ns, i, m, boxes, b, pos);
      store<f64>(bounds + (<usize>b << 3), lb);
      if (lb < firstBound) { firstBound = lb; first = b; }
    }
    let best = scanBlockProbe(syn, ns, i, ref, nr, m, first * B, min(first * B + B, nr), Infinity, pos);
    let k = 0;
    for (let b = 0; b < nb; b++) {
      const lb = load<f64>(bounds + (<usize>b << 3));
      if (lb < best && b != first) { store<f64>(cb + (<usize>k << 3), lb); store<f64>(cid + (<usize>k << 3), <f64>b); k++; }
    }
    if (k > 1) coSortF64(cb, cid, k);
    for (let q = 0; q < k; q++) {
      if (load<f64>(cb + (<usize>q << 3)) >= best) break;
      const b = <i32>load<f64>(cid + (<usize>q << 3));
      best = scanBlockProbe(syn, ns, i, ref, nr, m, b * B, min(b * B + B, nr), best, pos);
    }
    store<f64>(out + (<usize>i << 3), best);
  }
}
