import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { binEqualWidth, contingency, ksStatistic, mx, pearson, sortedFinite, tvComplement } from '../../src/lib/engine/metrics/kernels';
import { dcrToClosest } from '../../src/lib/engine/metrics/privacy';
import { dcrTs, ksStatisticTs, newRowMatchesTs } from '../../bench/ts-ref/metrics';
import { rand } from '../../src/lib/bench/data';

const flavours = ['simd', 'scalar'] as const;

describe('sort kernel', () => {
  it('sorts like Float64Array.prototype.sort (duplicates, sorted, reversed, NaN dropped)', async () => {
    const r = rand(1);
    const cases: number[][] = [
      Array.from({ length: 5000 }, () => Math.floor(r() * 20)),
      Array.from({ length: 3000 }, () => r() * 1e6 - 5e5),
      Array.from({ length: 2000 }, (_, i) => i),
      Array.from({ length: 2000 }, (_, i) => -i),
      Array.from({ length: 1000 }, () => 7),
      [3, NaN, 1, NaN, 2],
      [],
      [1]
    ];
    for (const f of flavours) {
      const core = await loadCoreNode(f);
      for (const c of cases) {
        expect(Array.from(sortedFinite(core, c))).toEqual(Array.from(Float64Array.from(c.filter((v) => !Number.isNaN(v))).sort()));
      }
    }
  });

  it('coSortF64 applies the same permutation to the second buffer', async () => {
    const core = await loadCoreNode();
    const r = rand(2);
    const keys = Array.from({ length: 4000 }, () => Math.floor(r() * 100));
    const got = core.withBuffers([keys.length, keys.length], (pk, pv) => {
      core.f64(pk, keys.length).set(keys);
      core.f64(pv, keys.length).set(keys.map((_, i) => i));
      mx(core).coSortF64(pk, pv, keys.length);
      return { k: Array.from(core.f64(pk, keys.length)), v: Array.from(core.f64(pv, keys.length)) };
    });
    expect(got.k).toEqual([...keys].sort((a, b) => a - b));
    got.v.forEach((idx, p) => expect(keys[idx]).toBe(got.k[p]));
    expect(new Set(got.v).size).toBe(keys.length);
  });
});

describe('KS statistic', () => {
  it('matches scipy.stats.ks_2samp on small cases', async () => {
    const core = await loadCoreNode();
    expect(ksStatistic(core, [1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(0.25, 15); // scipy: 0.25
    expect(ksStatistic(core, [1, 2, NaN], [1, 2])).toBe(0);
    expect(ksStatistic(core, [NaN], [1, 2])).toBeNaN();
  });

  it('rounds to 14 decimals first, as SDMetrics does (0.1 + 0.2 equals 0.3)', async () => {
    const core = await loadCoreNode();
    expect(ksStatistic(core, [0.1 + 0.2], [0.3])).toBe(0);
    expect(ksStatistic(core, [0.3000001], [0.3])).toBe(1);
  });

  it('agrees with the plain TypeScript reference on random ties-heavy data, both builds', async () => {
    const r = rand(3);
    const a = Array.from({ length: 3000 }, () => (r() < 0.05 ? NaN : Math.round(r() * 50) / 10));
    const b = Array.from({ length: 2500 }, () => Math.round(r() * 55) / 10);
    const want = ksStatisticTs(a, b);
    for (const f of flavours) expect(ksStatistic(await loadCoreNode(f), a, b)).toBe(want);
  });
});

describe('category kernels', () => {
  it('TVComplement with the 1e-6 pseudo-count for synthetic-only categories', async () => {
    const core = await loadCoreNode();
    expect(tvComplement(core, [0, 0, 1, 1], [0, 1, 0, 1], 2)).toBe(1);
    expect(tvComplement(core, [0, 0, 0, 1], [0, 1, 1, 1], 2)).toBeCloseTo(0.5, 15);
    // category 2 only in synthetic: real total becomes 4 + 1e-6
    const nr = 4 + 1e-6;
    const want = 1 - 0.5 * (Math.abs(2 / 4 - 2 / nr) + Math.abs(1 / 4 - 2 / nr) + Math.abs(1 / 4 - 1e-6 / nr));
    expect(tvComplement(core, [0, 0, 1, 1, NaN], [0, 0, 1, 2], 3)).toBeCloseTo(want, 15);
    expect(tvComplement(core, [NaN, NaN], [0], 1)).toBeNaN();
  });

  it("Cramér's V matches scipy association (dense and sparse paths agree)", async () => {
    const core = await loadCoreNode();
    const fromTable = (t: number[][]) => {
      const a: number[] = [], b: number[] = [];
      t.forEach((row, i) => row.forEach((n, j) => { for (let k = 0; k < n; k++) { a.push(i); b.push(j); } }));
      return [a, b];
    };
    const [a1, b1] = fromTable([[10, 20], [30, 40]]);
    expect(contingency(core, a1, b1, a1, b1, 2, 2).realV).toBeCloseTo(0.0890870806374748, 12);
    const [a2, b2] = fromTable([[5, 0, 3], [1, 4, 2], [0, 2, 7]]);
    const dense = contingency(core, a2, b2, b2, a2, 3, 3);
    expect(dense.realV).toBeCloseTo(0.5453173679115967, 12);
    // Sparse path: huge declared category counts force sort-based counting.
    const sparse = contingency(core, a2, b2, b2, a2, 3000, 3000);
    expect(sparse.realV).toBeCloseTo(dense.realV, 12);
    expect(sparse.score).toBeCloseTo(dense.score, 12);
    // one observed row ⇒ V undefined
    expect(contingency(core, [0, 0, 0], [0, 1, 1], [0], [0], 1, 2).realV).toBeNaN();
  });

  it('ContingencySimilarity counts missing as a value of its own', async () => {
    const core = await loadCoreNode();
    // real: (0,0) (0,NaN); synthetic: (0,0) (0,0) → 1 − ½(|½−1| + |½−0|) = 0.5
    expect(contingency(core, [0, 0], [0, NaN], [0, 0], [0, 0], 1, 1).score).toBeCloseTo(0.5, 15);
  });
});

describe('Pearson and binning', () => {
  it('pearson follows scipy.stats.pearsonr (pairwise complete, constant ⇒ NaN, n = 2 ⇒ sign)', async () => {
    const core = await loadCoreNode();
    expect(pearson(core, [1, 2, 3, 4, 5], [2, 1, 4, 3, 7])).toBeCloseTo(0.824163383692134, 14);
    expect(pearson(core, [1, 2, NaN, 3, 4, 5], [2, 1, 9, 4, 3, 7])).toBeCloseTo(0.824163383692134, 14);
    expect(pearson(core, [1, 1, 1], [1, 2, 3])).toBeNaN();
    expect(pearson(core, [1, 3], [5, 2])).toBe(-1);
    expect(pearson(core, [1], [5])).toBeNaN();
  });

  it('binning matches numpy histogram_bin_edges + digitize (max and missing → 11)', async () => {
    const core = await loadCoreNode();
    // expected values printed by numpy 1.x
    expect(Array.from(binEqualWidth(core, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(Array.from(binEqualWidth(core, [5, 5, 5]))).toEqual([6, 6, 6]);
    expect(Array.from(binEqualWidth(core, [0.1, 0.35, 0.7, NaN, 1.3]))).toEqual([1, 3, 6, 11, 11]);
    expect(Array.from(binEqualWidth(core, [NaN, NaN]))).toEqual([11, 11]);
  });
});

/** DCR-encoded random mixed columns: 3 scaled numeric (some missing), 2 categorical codes, 1 constant-range code column. */
function mixedColumns(r: () => number, n: number): Float64Array[] {
  const MISSING = 1e300;
  const cols: Float64Array[] = [];
  for (let c = 0; c < 3; c++) cols.push(Float64Array.from({ length: n }, () => (r() < 0.03 ? MISSING : Math.round(r() * 1000) / 700)));
  for (let c = 0; c < 2; c++) cols.push(Float64Array.from({ length: n }, () => (r() < 0.02 ? MISSING : Math.floor(r() * (c ? 3 : 12)))));
  cols.push(Float64Array.from({ length: n }, () => (r() < 0.5 ? 0 : 1)));
  return cols;
}

describe('DCR', () => {
  it('the block search equals brute force exactly, SIMD and scalar builds identical', async () => {
    const r = rand(4);
    const ref = mixedColumns(r, 1500);
    const query = mixedColumns(r, 700);
    // plant a few exact copies and near copies
    for (let i = 0; i < 20; i++) for (let c = 0; c < ref.length; c++) query[c][i * 7] = ref[c][i * 31] + (c === 0 ? 1e-9 * i : 0);
    const want = dcrTs(query, ref);
    const got: Float64Array[] = [];
    for (const f of flavours) got.push(await dcrToClosest(await loadCoreNode(f), query, ref));
    expect(Array.from(got[0])).toEqual(Array.from(want));
    expect(Array.from(got[1])).toEqual(Array.from(want));
    expect(got[0][0]).toBe(0);
    // brute force (no block pruning) gives the same numbers
    expect(Array.from(await dcrToClosest(await loadCoreNode('simd'), query, ref, undefined, 'dcr', false))).toEqual(Array.from(want));
  });

  it('handles tables smaller than one block and a single row', async () => {
    const core = await loadCoreNode();
    const d = await dcrToClosest(core, [Float64Array.of(0.5), Float64Array.of(2)], [Float64Array.of(0, 0.25, 2), Float64Array.of(1, 2, 1e300)]);
    // rows: (0,1): min(.5,1)+min(1,1)=1.5; (.25,2): .25+0; (2,missing): 1+1 → best .25/2
    expect(Array.from(d)).toEqual([0.125]);
  });
});

describe('NewRowSynthesis kernel', () => {
  it('sorted-key candidate search equals brute force', async () => {
    const { newRowSynthesis } = await import('../../src/lib/engine/metrics/privacy');
    const r = rand(5);
    const n = 600;
    const real = [
      Float64Array.from({ length: n }, () => (r() < 0.05 ? NaN : Math.round(r() * 200))),
      Float64Array.from({ length: n }, () => Math.floor(r() * 4)),
      Float64Array.from({ length: n }, () => (r() < 0.1 ? NaN : Math.floor(r() * 3)))
    ];
    const syn = real.map((c) => Float64Array.from(c));
    for (let i = 0; i < n; i += 3) { syn[0][i] = Number.isNaN(syn[0][i]) ? 5 : syn[0][i] * (1 + (r() - 0.5) * 0.05); syn[1][i] = Math.floor(r() * 4); }
    const tols = [0.01, 0, 0];
    const want = newRowMatchesTs(real, syn, tols);
    expect(want).toBeGreaterThan(n / 2);
    expect(want).toBeLessThan(n);
    for (const f of flavours) {
      const core = await loadCoreNode(f);
      const t = {
        name: 't', meta: { columns: {} }, real: { names: [], columns: [] }, synth: { names: [], columns: [] }, nReal: n, nSynth: n,
        columns: real.map((c, i) => ({ name: `c${i}`, sdtype: i ? 'categorical' : 'numerical', shape: (i ? 'discrete' : 'continuous') as 'discrete' | 'continuous', real: c, synth: syn[i], categories: ['a', 'b', 'c', 'd'], realStorage: 'float64' as const, synthStorage: 'float64' as const }))
      };
      const res = newRowSynthesis(core, t);
      expect(res.num_matched_rows).toBe(want);
      expect(res.num_new_rows).toBe(n - want);
    }
  });
});
