/**
 * Links child rows to a parent table after the rows exist: secondary parents (a second FK, a
 * junction table's other side, a second FK to the same parent) and cycle-breaking FKs. Every parent
 * row has a capacity (its own child count for this relationship), so both parents' children-per-row
 * distributions stay faithful; slots are dealt at random and never exceed a capacity unless the
 * pair-uniqueness rule leaves no other choice. With `group` (the row's other FK, as a parent row
 * index) the (group, parent) pairs stay distinct, as in a junction table.
 */
import type { Rng } from '../transformers/rng';

export interface AssignInput {
  /** Child rows to link (the others keep −1). */
  rows: number[];
  childRows: number;
  parents: number;
  /** Children allowed per parent row; null = uniform random parents (no capacities). */
  capacity: Int32Array | null;
  /** Per child row, the other FK's parent row (−1 none); pairs (group, parent) must be distinct. */
  group?: Int32Array | null;
  /**
   * Similarity linking (similarity.ts): per child row a target and per parent a score; slots and rows
   * are then matched by rank (quantile coupling) instead of at random. Capacities are unchanged.
   */
  rowScore?: Float64Array | null;
  parentScore?: Float64Array | null;
}

/** Returns the parent row per child row (−1 = not linked: nullable leftover, or no distinct parent left). */
export function assignParents(inp: AssignInput, rng: Rng): Int32Array {
  const out = new Int32Array(inp.childRows).fill(-1);
  const P = inp.parents;
  if (!P || !inp.rows.length) return out;
  const used = inp.group ? new Set<number>() : null;
  const pairKey = (g: number, p: number) => g * P + p;
  const free = (i: number, p: number) => !used || inp.group![i] < 0 || !used.has(pairKey(inp.group![i], p));
  const take = (i: number, p: number) => { out[i] = p; if (used && inp.group![i] >= 0) used.add(pairKey(inp.group![i], p)); };
  const randInt = (n: number) => Math.floor(rng.nextFloat() * n);

  // Slots: parent indices repeated by capacity, shuffled (Fisher–Yates); uniform parents without capacities.
  let slots: Int32Array;
  if (inp.capacity) {
    let s = 0;
    for (let p = 0; p < P; p++) s += inp.capacity[p];
    slots = new Int32Array(Math.max(s, inp.rows.length));
    let w = 0;
    for (let p = 0; p < P; p++) for (let c = 0; c < inp.capacity[p]; c++) slots[w++] = p;
    while (w < slots.length) slots[w++] = randInt(P); // capacities short of the rows: spread the rest
    for (let i = slots.length - 1; i > 0; i--) { const j = randInt(i + 1); const t = slots[i]; slots[i] = slots[j]; slots[j] = t; }
  } else {
    slots = new Int32Array(inp.rows.length);
    for (let i = 0; i < slots.length; i++) slots[i] = randInt(P);
  }

  const ranked = !!(inp.rowScore && inp.parentScore && inp.capacity);
  if (ranked) {
    // shuffled above, so ties keep a random order; sort is stable
    const ps = inp.parentScore!, rs = inp.rowScore!;
    slots = Int32Array.from(Array.from(slots).sort((a, b) => ps[a] - ps[b]));
    inp = { ...inp, rows: [...inp.rows].sort((a, b) => rs[a] - rs[b]) };
  }
  const S = slots.length;
  for (let t = 0; t < inp.rows.length; t++) {
    const i = inp.rows[t];
    if (free(i, slots[t])) { take(i, slots[t]); continue; }
    // Swap in a later slot whose parent this row's group has not used yet: random probes, then a scan.
    let found = -1;
    // (ranked: the nearest later slot, to keep the coupling)
    for (let probe = 0; !ranked && probe < 32 && found < 0 && t + 1 < S; probe++) {
      const j = t + 1 + randInt(S - t - 1);
      if (free(i, slots[j])) found = j;
    }
    for (let j = t + 1; found < 0 && j < S; j++) if (free(i, slots[j])) found = j;
    if (found >= 0) {
      const tmp = slots[t]; slots[t] = slots[found]; slots[found] = tmp;
      take(i, slots[t]);
      continue;
    }
    // No later slot fits: trade with an earlier row j — j takes this slot's parent, this row takes j's.
    const s = slots[t];
    let swapped = false;
    const trySwap = (u: number): boolean => {
      const j = inp.rows[u], pj = out[j];
      if (pj < 0 || pj === s || !free(i, pj)) return false;
      const gj = inp.group![j];
      if (gj >= 0 && used!.has(pairKey(gj, s))) return false;
      if (gj >= 0) { used!.delete(pairKey(gj, pj)); used!.add(pairKey(gj, s)); }
      out[j] = s; slots[u] = s; slots[t] = pj;
      take(i, pj);
      return true;
    };
    for (let probe = 0; probe < 64 && !swapped && t > 0; probe++) swapped = trySwap(randInt(t));
    for (let u = 0; !swapped && u < t; u++) swapped = trySwap(u);
    if (swapped) continue;
    // Still nothing: exceed a capacity rather than repeat a pair.
    let p = -1;
    for (let probe = 0; probe < 32 && p < 0; probe++) { const q = randInt(P); if (free(i, q)) p = q; }
    for (let q = 0; p < 0 && q < P; q++) if (free(i, q)) p = q;
    if (p >= 0) take(i, p);
  }
  return out;
}

/** `k` distinct row indices of `n`, in random order (partial Fisher–Yates). */
export function pickRows(n: number, k: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  k = Math.min(k, n);
  for (let i = 0; i < k; i++) { const j = i + Math.floor(rng.nextFloat() * (n - i)); const t = a[i]; a[i] = a[j]; a[j] = t; }
  return a.slice(0, k);
}
