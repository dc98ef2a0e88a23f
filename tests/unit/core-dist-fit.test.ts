import { beforeAll, describe, expect, it } from 'vitest';
import { loadCoreNode, freshCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { withRng } from '../../src/lib/engine/core/random';
import {
  fitMarginal, selectMarginal, sampleMarginal, marginalCdf, ksStatistic, toNormalScores, fromNormalScores,
  type FittableKind, type Marginal
} from '../../src/lib/engine/core/distributions';

let core: Core;
beforeAll(async () => { core = await loadCoreNode('simd'); });

const draw = (m: Marginal, n: number, seed: number) => withRng(core, seed, (r) => sampleMarginal(core, m, n, r));

/** sup over a grid of |F_fit − F_true|, the distance that matters for synthetic data. */
function cdfDistance(fit: Marginal, truth: Marginal, lo: number, hi: number): number {
  const xs = Array.from({ length: 401 }, (_, i) => lo + ((hi - lo) * i) / 400);
  const a = marginalCdf(core, fit, xs), b = marginalCdf(core, truth, xs);
  return Math.max(...xs.map((_, i) => Math.abs(a[i] - b[i])));
}

const TRUTH: Record<string, Marginal> = {
  norm: { kind: 'norm', params: { loc: 3, scale: 2 } },
  uniform: { kind: 'uniform', params: { loc: -1, scale: 4 } },
  gamma: { kind: 'gamma', params: { a: 3, loc: 2, scale: 1.5 } },
  betaU: { kind: 'beta', params: { a: 0.8, b: 1.2, loc: 10, scale: 5 } },
  beta25: { kind: 'beta', params: { a: 2, b: 5, loc: 0, scale: 1 } },
  truncnorm: { kind: 'truncnorm', params: { a: -1, b: 2, loc: 5, scale: 0.5 } }
};

describe('samplers follow their distribution (one-sample KS, α = 0.001, fixed seeds)', () => {
  const n = 50_000;
  const crit = 1.95 / Math.sqrt(n);
  for (const [name, m] of Object.entries({ ...TRUTH, gamma04: { kind: 'gamma', params: { a: 0.4, loc: 0, scale: 1 } } as Marginal,
    tail: { kind: 'truncnorm', params: { a: 8, b: 9, loc: 0, scale: 1 } } as Marginal })) {
    it(name, () => {
      const x = draw(m, n, 99);
      expect(x.every(Number.isFinite)).toBe(true);
      expect(ksStatistic(core, m, x)).toBeLessThan(crit);
    });
  }

  it('gaussian_kde and empirical samplers follow their own CDF', () => {
    const data = draw(TRUTH.gamma, 3000, 5);
    for (const kind of ['gaussian_kde', 'empirical'] as const) {
      const m = fitMarginal(core, kind, data);
      const x = draw(m, n, 6);
      // empirical: the sampler draws Q(U) — continuous — while the mid-rank CDF is a step function;
      // on 3000 knots the two differ by ≤ 1/3000 + sampling error
      expect(ksStatistic(core, m, x)).toBeLessThan(crit + (kind === 'empirical' ? 1 / 3000 : 0));
    }
  });
});

describe('fitting recovers known parameters (tolerances ≈ 5 standard errors)', () => {
  it('norm (closed-form MLE)', () => {
    const m = fitMarginal(core, 'norm', draw(TRUTH.norm, 20_000, 1));
    // se(loc) = 2/√n = 0.014, se(scale) = 2/√(2n) = 0.01
    expect(Math.abs(m.params.loc - 3)).toBeLessThan(0.07);
    expect(Math.abs(m.params.scale - 2)).toBeLessThan(0.05);
  });

  it('uniform (min, range)', () => {
    const m = fitMarginal(core, 'uniform', draw(TRUTH.uniform, 20_000, 2));
    expect(Math.abs(m.params.loc + 1)).toBeLessThan(0.01);
    expect(Math.abs(m.params.scale - 4)).toBeLessThan(0.01);
  });

  it('gamma (moments for loc, conditional MLE for a, scale)', () => {
    const m = fitMarginal(core, 'gamma', draw(TRUTH.gamma, 50_000, 3));
    expect(m.note).toBeUndefined();
    expect(Math.abs(m.params.a / 3 - 1)).toBeLessThan(0.15);
    expect(Math.abs(m.params.scale / 1.5 - 1)).toBeLessThan(0.15);
    expect(Math.abs(m.params.loc - 2)).toBeLessThan(0.3);
    expect(cdfDistance(m, TRUTH.gamma, 2, 20)).toBeLessThan(0.01);
  });

  it('beta with a well-sampled support (a, b < ~1.2): a, b within 10 %', () => {
    const m = fitMarginal(core, 'beta', draw(TRUTH.betaU, 50_000, 4));
    expect(Math.abs(m.params.a / 0.8 - 1)).toBeLessThan(0.1);
    expect(Math.abs(m.params.b / 1.2 - 1)).toBeLessThan(0.1);
    expect(Math.abs(m.params.loc - 10)).toBeLessThan(0.01);
    expect(Math.abs(m.params.scale - 5)).toBeLessThan(0.02);
  });

  it('beta(2, 5): thin right tail, support from the sample range — CDF within 0.015 of the truth', () => {
    const m = fitMarginal(core, 'beta', draw(TRUTH.beta25, 20_000, 5));
    expect(cdfDistance(m, TRUTH.beta25, 0, 1)).toBeLessThan(0.015);
  });

  it('truncnorm (moment-matching MLE with bounds at the sample range)', () => {
    const m = fitMarginal(core, 'truncnorm', draw(TRUTH.truncnorm, 20_000, 6));
    expect(m.note).toBeUndefined();
    expect(Math.abs(m.params.loc - 5)).toBeLessThan(0.05);
    expect(Math.abs(m.params.scale / 0.5 - 1)).toBeLessThan(0.05);
    expect(m.params.loc + m.params.a * m.params.scale).toBeCloseTo(4.5, 3);
    expect(m.params.loc + m.params.b * m.params.scale).toBeCloseTo(6, 3);
  });

  it('gaussian_kde of normal data: CDF within 0.02 of Φ', () => {
    const m = fitMarginal(core, 'gaussian_kde', draw({ kind: 'norm', params: { loc: 0, scale: 1 } }, 5000, 7));
    expect(cdfDistance(m, { kind: 'norm', params: { loc: 0, scale: 1 } }, -4, 4)).toBeLessThan(0.02);
  });
});

describe('selectMarginal picks the lowest KS', () => {
  it('uniform data ⇒ uniform (or truncnorm, which nests it as scale → ∞); gamma data ⇒ gamma', () => {
    const u = selectMarginal(core, draw(TRUTH.uniform, 5000, 8));
    expect(['uniform', 'truncnorm']).toContain(u.marginal.kind);
    expect(u.ks[u.marginal.kind]).toBe(Math.min(...Object.values(u.ks)));
    expect(u.ks.uniform - u.ks[u.marginal.kind]).toBeLessThan(0.005);
    expect(u.ks.norm).toBeGreaterThan(0.05);
    expect(Object.keys(u.ks).sort()).toEqual(['beta', 'gamma', 'norm', 'truncnorm', 'uniform']);
    const g = selectMarginal(core, draw({ kind: 'gamma', params: { a: 1.5, loc: 0, scale: 2 } }, 5000, 9));
    expect(g.marginal.kind).toBe('gamma');
    expect(Math.min(...Object.values(g.ks))).toBe(g.ks.gamma);
  });
});

describe('fitting never throws: documented fallbacks', () => {
  const kinds: FittableKind[] = ['norm', 'truncnorm', 'beta', 'gamma', 'uniform', 'gaussian_kde', 'empirical'];
  it('empty / all non-finite ⇒ constant 0', () => {
    for (const kind of kinds) {
      for (const v of [[], [NaN, Infinity, -Infinity]]) {
        const m = fitMarginal(core, kind, v);
        expect(m).toMatchObject({ kind: 'constant', params: { value: 0 } });
        expect(m.note).toMatch(/no finite values/);
      }
    }
  });

  it('one value or all equal ⇒ constant at that value', () => {
    for (const kind of kinds) {
      expect(fitMarginal(core, kind, [5])).toMatchObject({ kind: 'constant', params: { value: 5 } });
      expect(fitMarginal(core, kind, [7, 7, NaN, 7])).toMatchObject({ kind: 'constant', params: { value: 7 } });
    }
  });

  it('NaN and ±Inf are ignored', () => {
    for (const kind of kinds) {
      const clean = fitMarginal(core, kind, [1, 2, 3, 5, 8]);
      const dirty = fitMarginal(core, kind, [NaN, 1, 2, Infinity, 3, 5, -Infinity, 8]);
      expect(dirty).toEqual(clean);
    }
  });

  it('two values, heavy ties, huge offsets: finite parameters and finite normal scores', () => {
    const sets = [[0, 1], [1, 1, 1, 1, 2], [1e15, 1e15 + 1, 1e15 + 3], [-1e-300, 1e-300, 0]];
    for (const kind of kinds) {
      for (const s of sets) {
        const m = fitMarginal(core, kind, s);
        expect(Object.values(m.params).every(Number.isFinite), `${kind} ${s}`).toBe(true);
        const z = toNormalScores(core, m, s);
        expect(z.every((v) => Number.isFinite(v) && Math.abs(v) <= 5.2), `${kind} ${s}`).toBe(true);
        expect(fromNormalScores(core, m, [-40, 0, 40]).every(Number.isFinite), `${kind} ${s}`).toBe(true);
      }
    }
  });

  it('constant marginal maps to z = 0 and back to the value', () => {
    const m = fitMarginal(core, 'beta', [4, 4, 4]);
    expect(Array.from(toNormalScores(core, m, [4, 4]))).toEqual([0, 0]);
    expect(Array.from(fromNormalScores(core, m, [-3, 0, 2]))).toEqual([4, 4, 4]);
  });
});

describe('copula transforms', () => {
  it('z = Φ⁻¹(clip(F(x))) with |z| ≤ Φ⁻¹(1 − 2⁻²³) ≈ 5.17; x = F⁻¹(Φ(z)) round-trips', () => {
    for (const m of Object.values(TRUTH)) {
      const x = draw(m, 2000, 10);
      const z = toNormalScores(core, m, x);
      expect(Math.max(...z.map(Math.abs))).toBeLessThanOrEqual(5.1665);
      const back = fromNormalScores(core, m, z);
      for (let i = 0; i < x.length; i++) expect(Math.abs(back[i] - x[i])).toBeLessThan(1e-8 * Math.max(1, Math.abs(x[i])));
    }
    const far = toNormalScores(core, TRUTH.norm, [-1e9, 1e9]);
    expect(far[0]).toBeCloseTo(-5.1665, 3);
    expect(far[1]).toBeCloseTo(5.1665, 3);
  });
});

describe('SIMD and scalar builds agree exactly', () => {
  it('fits, normal scores and samples are bit-identical', async () => {
    const scalar = await loadCoreNode('scalar');
    const data = draw(TRUTH.gamma, 5000, 12);
    for (const kind of ['norm', 'truncnorm', 'beta', 'gamma', 'uniform', 'gaussian_kde', 'empirical'] as FittableKind[]) {
      const a = fitMarginal(core, kind, data), b = fitMarginal(scalar, kind, data);
      expect(b).toEqual(a);
      expect(Array.from(toNormalScores(scalar, b, data))).toEqual(Array.from(toNormalScores(core, a, data)));
      const sa = withRng(core, 3, (r) => sampleMarginal(core, a, 1000, r));
      const sb = withRng(scalar, 3, (r) => sampleMarginal(scalar, b, 1000, r));
      expect(Array.from(sb)).toEqual(Array.from(sa));
    }
  });
});

describe('memory', () => {
  it('stays flat over 100 fit / select / transform / sample cycles', async () => {
    const fresh = await freshCoreNode('simd');
    const data = withRng(fresh, 1, (r) => sampleMarginal(fresh, TRUTH.gamma, 20_000, r));
    const cycle = (i: number) => {
      for (const kind of ['beta', 'gaussian_kde', 'empirical', 'truncnorm'] as FittableKind[]) {
        const m = fitMarginal(fresh, kind, data);
        const z = toNormalScores(fresh, m, data);
        fromNormalScores(fresh, m, z);
        withRng(fresh, i, (r) => sampleMarginal(fresh, m, 20_000, r));
      }
      selectMarginal(fresh, data);
    };
    cycle(0);
    const before = fresh.memoryBytes;
    for (let i = 1; i <= 100; i++) cycle(i);
    expect(fresh.memoryBytes).toBe(before);
  }, 120_000);
});
