/**
 * Pairwise dependence between model columns for the visit order and the choice of each tree's parents:
 * mutual information of the discretised columns (numbers: 10 equal-count bins; categories: their codes)
 * with the Miller–Madow bias correction (Miller, 1955: E[MI] ≈ (R−1)(C−1)/2n under independence), turned
 * into Linfoot's informational coefficient of correlation r_I = √(1 − e^(−2·MI)) (Linfoot, 1957), which is
 * |ρ| for a bivariate normal and 0 for independence. The bias correction matters for near-unique categories
 * (a 311-category name column on 406 rows "explains" everything by chance and gets r_I ≈ 0 here).
 */

const NUMERIC_BINS = 10;

/** Discretises a numeric column into equal-count bins (ties share a bin). */
function quantileBins(values: ArrayLike<number>, bins: number): { codes: Int32Array; k: number } {
  const n = values.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const codes = new Int32Array(n);
  let bin = 0;
  for (let r = 0; r < n; r++) {
    const i = idx[r];
    if (r > 0 && values[i] !== values[idx[r - 1]]) bin = Math.min(bins - 1, Math.floor((r * bins) / n));
    codes[i] = bin;
  }
  let k = 0;
  for (let i = 0; i < n; i++) k = Math.max(k, codes[i] + 1);
  return { codes, k };
}

/** Bias-corrected MI (nats, ≥ 0) of two code vectors. */
function mutualInformation(a: Int32Array, ka: number, b: Int32Array, kb: number): number {
  const n = a.length;
  if (n === 0) return 0;
  const joint = new Map<number, number>();
  const ca = new Float64Array(ka), cb = new Float64Array(kb);
  for (let i = 0; i < n; i++) {
    const key = a[i] * kb + b[i];
    joint.set(key, (joint.get(key) ?? 0) + 1);
    ca[a[i]]++; cb[b[i]]++;
  }
  let mi = 0;
  for (const [key, c] of joint) {
    const x = Math.floor(key / kb), y = key - x * kb;
    mi += (c / n) * Math.log((c * n) / (ca[x] * cb[y]));
  }
  const ra = ca.filter((c) => c > 0).length, rb = cb.filter((c) => c > 0).length;
  return Math.max(0, mi - ((ra - 1) * (rb - 1)) / (2 * n));
}

/** Symmetric k×k matrix (row-major) of r_I between the columns; `classes[j]` > 0 marks category codes. */
export function dependenceMatrix(columns: ArrayLike<number>[], classes: number[]): Float64Array {
  const k = columns.length;
  const coded = columns.map((c, j) => (classes[j] > 0 ? { codes: Int32Array.from(c), k: classes[j] } : quantileBins(c, NUMERIC_BINS)));
  const dep = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    dep[i * k + i] = 1;
    for (let j = i + 1; j < k; j++) {
      const mi = mutualInformation(coded[i].codes, coded[i].k, coded[j].codes, coded[j].k);
      dep[i * k + j] = dep[j * k + i] = Math.sqrt(1 - Math.exp(-2 * mi));
    }
  }
  return dep;
}
