/**
 * The k-d tree layout and probe-ordered best-first DCR search: the layout is a permutation with
 * blocks tighter than the input order, and the search returns exactly the brute-force distances on
 * a reference of many blocks, including exact ties (values on a binary grid) and missing values.
 */
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { dcrToClosest } from '../../src/lib/engine/metrics/privacy';
import { kdBlockOrder, probeOrder } from '../../src/lib/engine/metrics/dcr-layout';
import { dcrTs } from '../../bench/ts-ref/metrics';
import { rand } from '../../src/lib/bench/data';

const MISSING = 1e300;

/** Correlated numeric columns on a 1/16 grid (exact ties), categorical codes, some missing. */
function columns(r: () => number, n: number): Float64Array[] {
  const base = Float64Array.from({ length: n }, () => r());
  const cols: Float64Array[] = [];
  for (let c = 0; c < 5; c++) cols.push(Float64Array.from(base, (b) => (r() < 0.03 ? MISSING : Math.round((0.7 * b + 0.3 * r()) * 16) / 16)));
  for (let c = 0; c < 3; c++) cols.push(Float64Array.from(base, (b) => (r() < 0.02 ? MISSING : Math.floor((0.5 * b + 0.5 * r()) * (2 + 5 * c)))));
  return cols;
}

describe('DCR k-d layout', () => {
  it('kdBlockOrder is a permutation and probeOrder lists every column once', () => {
    const cols = columns(rand(8), 3000);
    const perm = kdBlockOrder(cols, 128);
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    const order = probeOrder(cols, cols);
    expect([...order].sort((a, b) => a - b)).toEqual(cols.map((_, c) => c));
  });

  it('best-first search over many blocks equals brute force exactly (SIMD and scalar)', async () => {
    const r = rand(9);
    const ref = columns(r, 12_000);
    const query = [...columns(r, 300).map((c) => c.slice(0, 200)), ...[]];
    // random far-away rows (baseline-like) and exact copies of reference rows
    for (let c = 0; c < ref.length; c++) {
      const q = new Float64Array(300);
      q.set(query[c]);
      for (let i = 200; i < 250; i++) q[i] = c < 5 ? Math.floor(r() * 16) / 16 : Math.floor(r() * 12);
      for (let i = 250; i < 300; i++) q[i] = ref[c][(i * 37) % 12_000];
      query[c] = q;
    }
    const want = dcrTs(query, ref);
    for (const f of ['simd', 'scalar'] as const) {
      const got = await dcrToClosest(await loadCoreNode(f), query, ref);
      expect(Array.from(got)).toEqual(Array.from(want));
    }
    expect(want.subarray(250).every((v) => v === 0)).toBe(true);
  });
});
