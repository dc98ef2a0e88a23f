import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import {
  marginalCdf, marginalQuantile, marginalLogPdf, fitMarginal, type Marginal
} from '../../src/lib/engine/core/distributions';

// Reference values: tests/fixtures/reference/dist/runner.py (SciPy), committed as data.json.
const ref = JSON.parse(readFileSync(new URL('../fixtures/reference/dist/data.json', import.meta.url), 'utf8'));

function maxRel(got: ArrayLike<number>, want: number[], abs: number): number {
  let m = 0;
  for (let i = 0; i < want.length; i++) {
    const d = Math.abs(got[i] - want[i]);
    if (got[i] === want[i] || d <= abs) continue;
    m = Math.max(m, d / Math.abs(want[i]));
  }
  return m;
}

let core: Core;
beforeAll(async () => { core = await loadCoreNode('simd'); });

describe('parametric marginals vs SciPy (cdf, ppf, logpdf)', () => {
  for (const c of ref.parametric as { kind: Marginal['kind']; params: Record<string, number>; x: number[]; cdf: number[]; logpdf: number[]; ppf: number[] }[]) {
    it(`${c.kind} ${JSON.stringify(c.params)}`, () => {
      const m: Marginal = { kind: c.kind, params: c.params };
      // CDF: 1e-12 relative (absolute 1e-15 near 0); log-density: 1e-12 relative (absolute 1e-12 near 0)
      expect(maxRel(marginalCdf(core, m, c.x), c.cdf, 1e-15)).toBeLessThan(1e-12);
      expect(maxRel(marginalLogPdf(core, m, c.x), c.logpdf, 1e-12)).toBeLessThan(1e-12);
      // quantile: 1e-11 relative to the value (absolute 1e-13 near 0)
      expect(maxRel(marginalQuantile(core, m, ref.u), c.ppf, 1e-13)).toBeLessThan(1e-11);
    });
  }
});

describe('gaussian_kde vs scipy.stats.gaussian_kde', () => {
  it('Scott bandwidth equals SciPy (1e-12 relative)', () => {
    const m = fitMarginal(core, 'gaussian_kde', ref.kde.data);
    expect(Math.abs(m.params.bandwidth / ref.kde.bandwidth - 1)).toBeLessThan(1e-12);
    expect(m.points!.length).toBe(new Set(ref.kde.data).size);
  });

  it('CDF within 1e-7 absolute of the exact KDE CDF (tabulated h/8 grid + monotone Hermite)', () => {
    const m = fitMarginal(core, 'gaussian_kde', ref.kde.data);
    const f = marginalCdf(core, m, ref.kde.x);
    for (let i = 0; i < f.length; i++) expect(Math.abs(f[i] - ref.kde.cdf[i])).toBeLessThan(1e-7);
  });

  it('log-density exact (1e-12 relative)', () => {
    const m = fitMarginal(core, 'gaussian_kde', ref.kde.data);
    expect(maxRel(marginalLogPdf(core, m, ref.kde.x), ref.kde.logpdf, 1e-12)).toBeLessThan(1e-12);
  });

  it('quantile inverts the CDF (|F(Q(u)) − u| ≤ 1e-12) and is monotone', () => {
    const m = fitMarginal(core, 'gaussian_kde', ref.kde.data);
    const u = Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);
    const q = marginalQuantile(core, m, u);
    const back = marginalCdf(core, m, q);
    for (let i = 0; i < u.length; i++) {
      expect(Math.abs(back[i] - u[i])).toBeLessThan(1e-12);
      if (i > 0) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
    }
  });
});

describe('empirical marginal', () => {
  const data = [3, 1, 2, 2, 5, 4, 2, 10];
  it('interpolated (type 7) quantile as numpy.quantile', () => {
    const m = fitMarginal(core, 'empirical', data);
    expect(m.points).toEqual([1, 2, 2, 2, 3, 4, 5, 10]);
    // numpy.quantile([1,2,2,2,3,4,5,10], [0, .25, .5, .9, 1]) = [1, 2, 2.5, 6.5, 10]
    const q = marginalQuantile(core, m, [0, 0.25, 0.5, 0.9, 1]);
    [1, 2, 2.5, 6.5, 10].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 12));
  });

  it('mid-rank CDF: (#below + ½#equal)/n', () => {
    const m = fitMarginal(core, 'empirical', data);
    expect(Array.from(marginalCdf(core, m, [0, 1, 2, 2.5, 10, 11]))).toEqual([0, 0.5 / 8, 2.5 / 8, 4 / 8, 7.5 / 8, 1]);
  });

  it('large samples are summarised by 4096 quantile knots', () => {
    const big = Array.from({ length: 100_000 }, (_, i) => i);
    const m = fitMarginal(core, 'empirical', big);
    expect(m.points!.length).toBe(4096);
    expect(m.params.n).toBe(100_000);
    expect(marginalQuantile(core, m, [0.5])[0]).toBeCloseTo(49_999.5, 6);
  });
});

describe('bad marginals give typed errors', () => {
  it('unknown kind / bad params', () => {
    expect(() => marginalCdf(core, { kind: 'weird' as never, params: {} }, [1])).toThrowError(/Unknown marginal kind/);
    expect(() => marginalCdf(core, { kind: 'norm', params: { loc: 0, scale: -1 } }, [1])).toThrowError(/scale/);
    expect(() => marginalCdf(core, { kind: 'gaussian_kde', params: { bandwidth: 1 }, points: [2, 1], weights: [0.5, 0.5] }, [1])).toThrowError(/sorted/);
    try {
      fitMarginal(core, 'cauchy' as never, [1, 2]);
      expect.unreachable();
    } catch (err) {
      expect((err as { code: string }).code).toBe('dist/unknown-kind');
    }
  });
});
