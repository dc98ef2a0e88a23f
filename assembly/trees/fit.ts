import { sortIndexBy } from './sort';
import { ERR_BAD_INPUT, ERR_CAT_CAPACITY, ERR_NODE_CAPACITY, NODE_STRIDE } from './layout';

/**
 * One CART tree (Breiman, Friedman, Olshen & Stone, 1984, as in R's rpart and synthpop's "cart"):
 * binary splits chosen greedily to maximise the decrease in impurity, depth first.
 *
 *  - Regression (nClasses = 0): impurity = sum of squared deviations (variance reduction).
 *  - Classification (nClasses = C > 0, y holds class codes 0..C−1): impurity = n·Gini = n − Σ n_k²/n.
 * Both reduce to maximising Σ_children S(child), with S = (Σy)²/n, resp. Σ_k n_k²/n.
 *
 * Features are pre-binned (treeBin). Numeric features split on bin boundaries ("x ≤ edge"), with the
 * missing values sent to whichever side is better (both tried). Categorical features split into two groups
 * of categories: categories ordered by mean target (regression) or by the share of the node's majority class
 * (classification), then the best contiguous cut (Breiman et al. §4.2.2 — exact for regression and two
 * classes, the usual heuristic for more classes); a missing value is one more category.
 *
 * Stopping: a node is a leaf when it has fewer than minSplit or 2·minLeaf rows, is at maxDepth, is pure,
 * or its best split decreases the impurity by less than cp × root impurity (rpart's complexity parameter).
 * Every child has at least minLeaf rows. No randomness: ties go to the first feature / first cut, so the
 * tree is a pure function of its input.
 *
 * Per node and feature the rows are counted per bin (only bins present are touched and cleared), the present
 * bins are sorted, the rows placed in that order (counting sort) and scanned once with O(1) updates per row —
 * O(rows · (1 + log bins)) per feature, independent of the class count.
 *
 * bins: u16 column-major, stride n (features 0..p−1 are used); nBins, featK: i32 per feature (treeBin);
 * edges: f64, stride edgeStride; feats: optional i32 list of the q features a split may use (0 = features
 * 0..p−1; node records keep the global feature index); y: f64 per row; rows: optional i32 list of the m training rows (0 = all n).
 * Outputs: nodes (NODE_STRIDE f64 each, capacity maxNodes), cats (category directions, catCap bytes),
 * leafOfRow (i32 per row of the n, −1 for rows not trained on). Returns the node count or an ERR_* code.
 */
export function treeFit(
  bins: usize, n: i32, p: i32, nBins: usize, featK: usize, edges: usize, edgeStride: i32,
  feats: usize, q: i32, y: usize, nClasses: i32, rows: usize, m: i32,
  minLeaf: i32, minSplit: i32, maxDepth: i32, cp: f64,
  nodes: usize, maxNodes: i32, cats: usize, catCap: i32, leafOfRow: usize
): i32 {
  if (n < 1 || p < 0 || maxNodes < 1) return ERR_BAD_INPUT;
  if (rows == 0) m = n;
  if (m < 1) return ERR_BAD_INPUT;
  const C = max(nClasses, 1);
  const nf = feats == 0 ? p : q;
  let maxSlots = 1;
  for (let fi = 0; fi < nf; fi++) {
    const f = feats == 0 ? fi : load<i32>(feats + (<usize>fi << 2));
    if (f < 0 || f >= p) return ERR_BAD_INPUT;
    maxSlots = max(maxSlots, load<i32>(nBins + (<usize>f << 2)) + 1);
  }

  const idx = heap.alloc(<usize>m << 2);
  const tmp = heap.alloc(<usize>m << 2);
  const cnt = heap.alloc(<usize>maxSlots << 2);
  const key = heap.alloc(<usize>maxSlots << 3);
  const pos = heap.alloc(<usize>maxSlots << 2);
  const touched = heap.alloc(<usize>maxSlots << 2);
  const clsP = heap.alloc(<usize>C << 3);
  const clsL = heap.alloc(<usize>C << 3);
  const clsR = heap.alloc(<usize>C << 3);
  const stack = heap.alloc(<usize>(4 * (maxDepth + 2) + 8) << 2);
  memory.fill(cnt, 0, <usize>maxSlots << 2);

  let status = 0;
  for (let i = 0; i < n; i++) store<i32>(leafOfRow + (<usize>i << 2), -1);
  for (let i = 0; i < m; i++) {
    const r = rows == 0 ? i : load<i32>(rows + (<usize>i << 2));
    if (r < 0 || r >= n) { status = ERR_BAD_INPUT; break; }
    const v = load<f64>(y + (<usize>r << 3));
    if (isNaN(v) || (nClasses > 0 && (v < 0 || v >= <f64>nClasses || <f64>(<i32>v) != v))) { status = ERR_BAD_INPUT; break; }
    store<i32>(idx + (<usize>i << 2), r);
  }

  let nodeCount = 1, leafCount = 0, catUsed = 0, sp = 0;
  let rootImpurity: f64 = 0;
  // stack entries: node, start, end, depth
  store<i32>(stack, 0); store<i32>(stack, 0, 4); store<i32>(stack, m, 8); store<i32>(stack, 0, 12); sp = 1;

  while (sp > 0 && status == 0) {
    sp--;
    const sb = stack + (<usize>(sp * 4) << 2);
    const node = load<i32>(sb), s = load<i32>(sb, 4), e = load<i32>(sb, 8), depth = load<i32>(sb, 12);
    const c = e - s;
    const nd = nodes + (<usize>(node * NODE_STRIDE) << 3);

    // Parent statistics.
    let parentScore: f64 = 0, impurity: f64 = 0, ySum: f64 = 0, majority = 0;
    if (nClasses == 0) {
      let sq: f64 = 0;
      for (let i = s; i < e; i++) { const v = load<f64>(y + (<usize>load<i32>(idx + (<usize>i << 2)) << 3)); ySum += v; sq += v * v; }
      parentScore = ySum * ySum / <f64>c;
      impurity = max(0.0, sq - parentScore);
    } else {
      memory.fill(clsP, 0, <usize>C << 3);
      for (let i = s; i < e; i++) {
        const k = <i32>load<f64>(y + (<usize>load<i32>(idx + (<usize>i << 2)) << 3));
        store<f64>(clsP + (<usize>k << 3), load<f64>(clsP + (<usize>k << 3)) + 1.0);
      }
      let sq: f64 = 0, best: f64 = -1;
      for (let k = 0; k < C; k++) {
        const v = load<f64>(clsP + (<usize>k << 3));
        sq += v * v;
        if (v > best) { best = v; majority = k; }
      }
      parentScore = sq / <f64>c;
      impurity = max(0.0, <f64>c - parentScore);
    }
    if (node == 0) rootImpurity = impurity;
    const minGain = max(cp * rootImpurity, 1e-12 * (rootImpurity + 1e-300));

    let bestF = -1, bestJ = -1, bestNanLeft = 0, bestNL = 0;
    let bestScore = parentScore + minGain;
    const canSplit = c >= minSplit && c >= 2 * minLeaf && depth < maxDepth && impurity > minGain;

    for (let fi = 0; canSplit && fi < nf; fi++) {
      const f = feats == 0 ? fi : load<i32>(feats + (<usize>fi << 2));
      const t = histogram(bins, n, f, nBins, featK, idx, s, e, y, nClasses, majority, cnt, key, touched);
      const isCat = load<i32>(featK + (<usize>f << 2)) > 0;
      const nanBin = load<i32>(nBins + (<usize>f << 2));
      const tv = orderBins(isCat, nanBin, t, cnt, key, touched);
      const nanCount = isCat ? 0 : load<i32>(cnt + (<usize>nanBin << 2));
      placeRows(bins, n, f, idx, s, e, cnt, pos, touched, t, tmp);
      // variant 0: missing values right; variant 1 (numeric with missing values only): missing values left
      const variants = nanCount > 0 ? 2 : 1;
      for (let nanLeft = 0; nanLeft < variants; nanLeft++) {
        let nL = 0;
        let sL: f64 = 0, sqL: f64 = 0, sqR: f64 = 0;
        if (nClasses > 0) {
          memory.fill(clsL, 0, <usize>C << 3);
          memory.copy(clsR, clsP, <usize>C << 3);
          sqR = parentScore * <f64>c;
        }
        if (nanLeft == 1) {
          // the NaN rows sit after the value rows in tmp
          for (let i = c - nanCount; i < c; i++) {
            const r = load<i32>(tmp + (<usize>i << 2));
            const v = load<f64>(y + (<usize>r << 3));
            if (nClasses == 0) sL += v;
            else { sqL += moveLeft(clsL, clsR, <i32>v); sqR += lastDeltaR; }
            nL++;
          }
        }
        let i = 0;
        for (let j = 0; j < tv; j++) {
          const b = load<i32>(touched + (<usize>j << 2));
          const bc = load<i32>(cnt + (<usize>b << 2));
          for (let q = 0; q < bc; q++, i++) {
            const r = load<i32>(tmp + (<usize>i << 2));
            const v = load<f64>(y + (<usize>r << 3));
            if (nClasses == 0) sL += v;
            else { sqL += moveLeft(clsL, clsR, <i32>v); sqR += lastDeltaR; }
          }
          nL += bc;
          const nR = c - nL;
          if (nR < minLeaf) break;
          if (nL < minLeaf) continue;
          let score: f64;
          if (nClasses == 0) { const sR = ySum - sL; score = sL * sL / <f64>nL + sR * sR / <f64>nR; }
          else score = sqL / <f64>nL + sqR / <f64>nR;
          if (score > bestScore) { bestScore = score; bestF = f; bestJ = j; bestNanLeft = nanLeft; bestNL = nL; }
        }
      }
      clearBins(cnt, touched, t);
    }

    if (bestF < 0) {
      // leaf
      for (let i = s; i < e; i++) store<i32>(leafOfRow + (<usize>load<i32>(idx + (<usize>i << 2)) << 2), leafCount);
      writeNode(nd, -1, 0, 0, 0, -1, -1, leafCount, c);
      leafCount++;
      continue;
    }
    if (nodeCount + 2 > maxNodes) { status = ERR_NODE_CAPACITY; break; }
    const left = nodeCount, right = nodeCount + 1;
    nodeCount += 2;

    // Rebuild the best feature's order to know which bins go left.
    const t = histogram(bins, n, bestF, nBins, featK, idx, s, e, y, nClasses, majority, cnt, key, touched);
    const isCat = load<i32>(featK + (<usize>bestF << 2)) > 0;
    const nanBin = load<i32>(nBins + (<usize>bestF << 2));
    orderBins(isCat, nanBin, t, cnt, key, touched);
    const largerLeft: u8 = bestNL >= c - bestNL ? 1 : 0;
    let dirs: usize = 0;
    let thrBin = -1;
    if (isCat) {
      const k = nanBin;
      if (catUsed + k + 2 > catCap) { status = ERR_CAT_CAPACITY; break; }
      dirs = cats + <usize>catUsed;
      memory.fill(dirs, largerLeft, <usize>(k + 2));
      for (let j = 0; j < t; j++) store<u8>(dirs + <usize>load<i32>(touched + (<usize>j << 2)), j <= bestJ ? 1 : 0);
      writeNode(nd, bestF, <f64>catUsed, <f64>k, 1, left, right, -1, c);
      catUsed += k + 2;
    } else {
      const thrB = load<i32>(touched + (<usize>bestJ << 2));
      const thr = load<f64>(edges + (<usize>(bestF * edgeStride + thrB) << 3));
      writeNode(nd, bestF, thr, <f64>bestNanLeft, 0, left, right, -1, c);
      thrBin = thrB;
    }
    clearBins(cnt, touched, t);

    // Stable partition of idx[s, e) into left | right.
    const bcol = bins + (<usize>bestF * <usize>n << 1);
    let wl = s, wr = 0;
    for (let i = s; i < e; i++) {
      const r = load<i32>(idx + (<usize>i << 2));
      const b = <i32>load<u16>(bcol + (<usize>r << 1));
      let goLeft: bool;
      if (isCat) goLeft = load<u8>(dirs + <usize>b) == 1;
      else goLeft = b == nanBin ? bestNanLeft == 1 : b <= thrBin;
      if (goLeft) { store<i32>(idx + (<usize>wl << 2), r); wl++; }
      else { store<i32>(tmp + (<usize>wr << 2), r); wr++; }
    }
    memory.copy(idx + (<usize>wl << 2), tmp, <usize>wr << 2);

    // push right, then left (left is built first)
    let q = stack + (<usize>(sp * 4) << 2);
    store<i32>(q, right); store<i32>(q, wl, 4); store<i32>(q, e, 8); store<i32>(q, depth + 1, 12); sp++;
    q = stack + (<usize>(sp * 4) << 2);
    store<i32>(q, left); store<i32>(q, s, 4); store<i32>(q, wl, 8); store<i32>(q, depth + 1, 12); sp++;
  }

  heap.free(idx); heap.free(tmp); heap.free(cnt); heap.free(key); heap.free(pos); heap.free(touched);
  heap.free(clsP); heap.free(clsL); heap.free(clsR); heap.free(stack);
  return status != 0 ? status : nodeCount;
}

@inline function writeNode(nd: usize, f: i32, a: f64, b: f64, isCat: i32, left: i32, right: i32, leaf: i32, count: i32): void {
  store<f64>(nd, <f64>f); store<f64>(nd, a, 8); store<f64>(nd, b, 16); store<f64>(nd, <f64>isCat, 24);
  store<f64>(nd, <f64>left, 32); store<f64>(nd, <f64>right, 40); store<f64>(nd, <f64>leaf, 48); store<f64>(nd, <f64>count, 56);
}

/** Change of Σ R_k² from the last moveLeft (−2R_k + 1); the return value is the change of Σ L_k² (2L_k + 1). */
let lastDeltaR: f64 = 0;

/** Moves one row of class k from the right to the left counts. */
@inline function moveLeft(clsL: usize, clsR: usize, k: i32): f64 {
  const pl = clsL + (<usize>k << 3), pr = clsR + (<usize>k << 3);
  const l = load<f64>(pl), r = load<f64>(pr);
  store<f64>(pl, l + 1.0);
  store<f64>(pr, r - 1.0);
  lastDeltaR = 1.0 - 2.0 * r;
  return 2.0 * l + 1.0;
}

/** Counts the node's rows per bin of feature f (key = Σy or the majority-class count); returns #bins touched. */
function histogram(bins: usize, n: i32, f: i32, nBins: usize, featK: usize, idx: usize, s: i32, e: i32,
  y: usize, nClasses: i32, majority: i32, cnt: usize, key: usize, touched: usize): i32 {
  const bcol = bins + (<usize>f * <usize>n << 1);
  let t = 0;
  for (let i = s; i < e; i++) {
    const r = load<i32>(idx + (<usize>i << 2));
    const b = <i32>load<u16>(bcol + (<usize>r << 1));
    const pc = cnt + (<usize>b << 2);
    const c0 = load<i32>(pc);
    const pk = key + (<usize>b << 3);
    if (c0 == 0) { store<i32>(touched + (<usize>t << 2), b); t++; store<f64>(pk, 0.0); }
    store<i32>(pc, c0 + 1);
    const v = load<f64>(y + (<usize>r << 3));
    store<f64>(pk, load<f64>(pk) + (nClasses == 0 ? v : (<i32>v == majority ? 1.0 : 0.0)));
  }
  return t;
}

/**
 * Orders the touched bins for the scan and returns how many come before the missing-value bin: numeric
 * bins ascending with the NaN bin moved last (excluded from the count); categorical bins (NaN included)
 * by mean key.
 */
function orderBins(isCat: bool, nanBin: i32, t: i32, cnt: usize, key: usize, touched: usize): i32 {
  if (isCat) {
    for (let j = 0; j < t; j++) {
      const b = load<i32>(touched + (<usize>j << 2));
      store<f64>(key + (<usize>b << 3), load<f64>(key + (<usize>b << 3)) / <f64>load<i32>(cnt + (<usize>b << 2)));
    }
    sortIndexBy(touched, t, key);
    return t;
  }
  sortIndexBy(touched, t, 0); // the NaN bin has the largest index, so it ends up last
  const last = t > 0 ? load<i32>(touched + (<usize>(t - 1) << 2)) : -1;
  return last == nanBin ? t - 1 : t;
}

/** Counting sort of the node's rows into tmp[0..c) following the bin order in touched. */
function placeRows(bins: usize, n: i32, f: i32, idx: usize, s: i32, e: i32, cnt: usize, pos: usize, touched: usize, t: i32, tmp: usize): void {
  let off = 0;
  for (let j = 0; j < t; j++) {
    const b = load<i32>(touched + (<usize>j << 2));
    store<i32>(pos + (<usize>b << 2), off);
    off += load<i32>(cnt + (<usize>b << 2));
  }
  const bcol = bins + (<usize>f * <usize>n << 1);
  for (let i = s; i < e; i++) {
    const r = load<i32>(idx + (<usize>i << 2));
    const b = <i32>load<u16>(bcol + (<usize>r << 1));
    const pp = pos + (<usize>b << 2);
    const o = load<i32>(pp);
    store<i32>(tmp + (<usize>o << 2), r);
    store<i32>(pp, o + 1);
  }
}

@inline function clearBins(cnt: usize, touched: usize, t: i32): void {
  for (let j = 0; j < t; j++) store<i32>(cnt + (<usize>load<i32>(touched + (<usize>j << 2)) << 2), 0);
}
