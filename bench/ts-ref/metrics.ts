/**
 * Plain TypeScript reference implementations of the metric kernels (no WASM): the baseline of the
 * metrics benchmark and an independent check in the unit tests. Same definitions as assembly/metrics.
 */

/** Two-sample KS statistic D (NaN dropped, values rounded to 14 decimals like numpy `round`). */
export function ksStatisticTs(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const prep = (x: ArrayLike<number>) => {
    const out: number[] = [];
    for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out.push(roundHalfEven(x[i] * 1e14) / 1e14);
    return Float64Array.from(out).sort();
  };
  const s1 = prep(a), s2 = prep(b);
  if (!s1.length || !s2.length) return NaN;
  let i = 0, j = 0, d = 0;
  while (i < s1.length || j < s2.length) {
    const v = Math.min(i < s1.length ? s1[i] : Infinity, j < s2.length ? s2[j] : Infinity);
    while (i < s1.length && s1[i] <= v) i++;
    while (j < s2.length && s2[j] <= v) j++;
    d = Math.max(d, Math.abs(i / s1.length - j / s2.length));
  }
  return d;
}

function roundHalfEven(x: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 2 ** 52) return x;
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * Brute-force DCR over DCR-encoded columns (see assembly/metrics/dcr.ts): for each query row the
 * minimum over reference rows of Σ_c min(|r − q|, 1), divided by the column count.
 */
export function dcrTs(query: Float64Array[], ref: Float64Array[]): Float64Array {
  const m = query.length, nq = query[0].length, nr = ref[0].length;
  const out = new Float64Array(nq);
  for (let i = 0; i < nq; i++) {
    let best = Infinity;
    for (let j = 0; j < nr; j++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += Math.min(Math.abs(ref[c][j] - query[c][i]), 1);
      if (s < best) best = s;
    }
    out[i] = best / m;
  }
  return out;
}

/** Brute-force NewRowSynthesis match count: tol[c] = 0.01 numeric, 0 categorical; NaN matches NaN. */
export function newRowMatchesTs(real: Float64Array[], syn: Float64Array[], tol: number[]): number {
  const m = real.length, nr = real[0].length, ns = syn[0].length;
  let matched = 0;
  for (let i = 0; i < ns; i++) {
    for (let j = 0; j < nr; j++) {
      let ok = true;
      for (let c = 0; c < m && ok; c++) {
        const r = real[c][j], v = syn[c][i];
        if (Number.isNaN(r) || Number.isNaN(v)) ok = Number.isNaN(r) && Number.isNaN(v);
        else ok = Math.abs(r - v) <= Math.abs(tol[c] * v);
      }
      if (ok) { matched++; break; }
    }
  }
  return matched;
}
