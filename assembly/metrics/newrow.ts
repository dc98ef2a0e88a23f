/**
 * NewRowSynthesis (SDMetrics), exact and fast. A synthetic row matches a real row when every column
 * matches: |real − synth| ≤ |tol_c · synth| (tol 0.01 for numerical/datetime, 0 for category codes,
 * i.e. equality), and a missing value (NaN) matches only a missing value.
 *
 * Instead of comparing every pair, the real rows are sorted by one key column (chosen by the host as
 * the most selective one): the real rows that can match a synthetic key value s form one contiguous
 * run of that order (|r − s| ≤ t is monotone on each side of s), found by binary search; only those
 * candidates are checked column by column. NaN keys sit at the end of the order and are the
 * candidates of a synthetic NaN key. Exact for any data; fast when the key is selective.
 *
 * Tables are column-major; `keys` holds the real key column sorted (non-NaN part has length nKey),
 * `order` the real row index (as f64) of each sorted position.
 */
@inline function at(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }

function rowMatches(real: usize, nr: i32, syn: usize, ns: i32, m: i32, tol: usize, j: i32, i: i32): bool {
  for (let c = 0; c < m; c++) {
    const r = load<f64>(real + ((<usize>c * <usize>nr + <usize>j) << 3));
    const v = load<f64>(syn + ((<usize>c * <usize>ns + <usize>i) << 3));
    if (r != r) { if (v == v) return false; continue; }
    if (v != v) return false;
    if (!(Math.abs(r - v) <= Math.abs(at(tol, c) * v))) return false;
  }
  return true;
}

/** First position p in [a, z) of the sorted keys with key ≥ s or s − key ≤ t (z when none). */
function runStart(keys: usize, a: i32, z: i32, s: f64, t: f64): i32 {
  while (a < z) { const p = (a + z) >> 1; const k = at(keys, p); if (k >= s || s - k <= t) z = p; else a = p + 1; }
  return a;
}

/** First position p in [a, z) of the sorted keys with key > s and key − s > t (z when none). */
function runEnd(keys: usize, a: i32, z: i32, s: f64, t: f64): i32 {
  while (a < z) { const p = (a + z) >> 1; const k = at(keys, p); if (k > s && k - s > t) z = p; else a = p + 1; }
  return a;
}

/** 1 when synthetic row i matches one of the real rows order[lo..hi), else 0. */
function anyMatch(real: usize, nr: i32, syn: usize, ns: i32, m: i32, tol: usize, order: usize, lo: i32, hi: i32, i: i32): i32 {
  for (let p = lo; p < hi; p++) {
    if (rowMatches(real, nr, syn, ns, m, tol, <i32>at(order, p), i)) return 1;
  }
  return 0;
}

/** Marks out[i] = 1 (matched) or 0 (new) for synthetic rows [i0, i1); returns the number matched. */
export function newRowMatches(real: usize, nr: i32, syn: usize, ns: i32, m: i32, tol: usize, keyCol: i32, keys: usize, order: usize, nKey: i32, i0: i32, i1: i32, out: usize): i32 {
  let matched = 0;
  const tk = at(tol, keyCol);
  for (let i = i0; i < i1; i++) {
    const s = load<f64>(syn + ((<usize>keyCol * <usize>ns + <usize>i) << 3));
    let lo = nKey, hi = nr;
    if (s == s) {
      const t = Math.abs(tk * s);
      lo = runStart(keys, 0, nKey, s, t);
      hi = runEnd(keys, lo, nKey, s, t);
    }
    const hit = anyMatch(real, nr, syn, ns, m, tol, order, lo, hi, i);
    store<f64>(out + (<usize>i << 3), <f64>hit);
    matched += hit;
  }
  return matched;
}

/**
 * Number of real candidates (sorted key run) for synthetic key value s — lets the host pick the most
 * selective key column from a sample of synthetic rows.
 */
export function newRowCandidates(keys: usize, nKey: i32, nr: i32, s: f64, tol: f64): i32 {
  if (s != s) return nr - nKey;
  const t = Math.abs(tol * s);
  const lo = runStart(keys, 0, nKey, s, t);
  return runEnd(keys, lo, nKey, s, t) - lo;
}

/**
 * newRowMatches with a two-level key: the real rows are sorted by (group, key), where group is the
 * combined category code (a match needs it equal) and key a numeric column (a match needs it within
 * tolerance; NaN keys sort last inside their group and match only NaN). A synthetic row's candidates
 * are one run of that order: far fewer than a single key gives when categories split the data.
 * `groups` / `keys` hold the real group code and key per sorted position, `order` the real row index.
 */
export function newRowMatchesGrouped(real: usize, nr: i32, syn: usize, ns: i32, m: i32, tol: usize, groupCol: i32, keyCol: i32, groups: usize, keys: usize, order: usize, i0: i32, i1: i32, out: usize): i32 {
  let matched = 0;
  const tk = at(tol, keyCol);
  for (let i = i0; i < i1; i++) {
    const g = load<f64>(syn + ((<usize>groupCol * <usize>ns + <usize>i) << 3));
    const s = load<f64>(syn + ((<usize>keyCol * <usize>ns + <usize>i) << 3));
    // The group's run [glo, ghi) (exact match: tolerance 0), then its NaN keys from gnan on.
    const glo = runStart(groups, 0, nr, g, 0);
    const ghi = runEnd(groups, glo, nr, g, 0);
    let a = glo, z = ghi;
    while (a < z) { const p = (a + z) >> 1; const k = at(keys, p); if (k == k) a = p + 1; else z = p; }
    const gnan = a;
    let lo = gnan, hi = ghi;
    if (s == s) {
      const t = Math.abs(tk * s);
      lo = runStart(keys, glo, gnan, s, t);
      hi = runEnd(keys, lo, gnan, s, t);
    }
    const hit = anyMatch(real, nr, syn, ns, m, tol, order, lo, hi, i);
    store<f64>(out + (<usize>i << 3), <f64>hit);
    matched += hit;
  }
  return matched;
}
