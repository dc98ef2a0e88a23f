import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { cholesky, conditionalGaussian, sampleConditional, sampleMvn } from '../../src/lib/engine/core/linalg';
import type { Core } from '../../src/lib/engine/wasm';
import { empiricalCorrelation, linalgFixture, maxAbsDiff, mulABt } from '../fixtures/reference/linalg/fixture';

function withRng<T>(core: Core, seed: number, fn: (rng: number) => T): T {
  const rng = core.newRng(seed);
  try {
    return fn(rng);
  } finally {
    core.free(rng);
  }
}

describe('conditionalGaussian (Schur complement)', () => {
  it('B and the conditional covariance match the numpy closed form', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('cond_gauss');
    const model = conditionalGaussian(core, f.R, f.k, f.cond);
    expect(model.rest).toEqual(f.rest);
    expect(model.jitter).toEqual({ cond: 0, schur: 0 });
    expect(maxAbsDiff(model.B, f.B)).toBeLessThan(1e-12);
    const p = f.rest.length;
    expect(maxAbsDiff(mulABt(model.L, model.L, p), f.S)).toBeLessThan(1e-12);
    expect(maxAbsDiff(model.L, f.L)).toBeLessThan(1e-12);
  });

  it('conditional samples at a fixed z_c have mean B·z_c and covariance S (4σ, m = 100 000)', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('cond_gauss');
    const model = conditionalGaussian(core, f.R, f.k, f.cond);
    const m = 100_000, q = f.cond.length, p = f.rest.length;
    const zc = [0.8, -1.3];
    const cols = withRng(core, 99, (rng) => sampleConditional(core, model, zc.map((v) => new Float64Array(m).fill(v)), rng));
    const means = cols.map((c) => c.reduce((s, x) => s + x, 0) / m);
    for (let i = 0; i < p; i++) {
      let mu = 0;
      for (let t = 0; t < q; t++) mu += f.B[i * q + t] * zc[t];
      expect(Math.abs(means[i] - mu)).toBeLessThan(4 * Math.sqrt(f.S[i * p + i] / m));
      for (let j = 0; j <= i; j++) {
        let c = 0;
        for (let r = 0; r < m; r++) c += (cols[i][r] - means[i]) * (cols[j][r] - means[j]);
        c /= m - 1;
        // sd of a sample covariance ≈ √((S_ii·S_jj + S_ij²)/m)
        const sd = Math.sqrt((f.S[i * p + i] * f.S[j * p + j] + f.S[i * p + j] ** 2) / m);
        expect(Math.abs(c - f.S[i * p + j])).toBeLessThan(4 * sd);
      }
    }
  });

  it('parents from the marginal + children from the conditional = the joint N(0, R) (per-row conditioning)', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('cond_gauss');
    const k: number = f.k, m = 200_000;
    const cond: number[] = f.cond;
    const Scc = Float64Array.from({ length: cond.length ** 2 }, (_, i) => f.R[cond[Math.floor(i / cond.length)] * k + cond[i % cond.length]]);
    const parents = withRng(core, 1, (rng) => sampleMvn(core, cholesky(core, Scc, cond.length).L, cond.length, m, rng));
    const model = conditionalGaussian(core, f.R, k, cond);
    const children = withRng(core, 2, (rng) => sampleConditional(core, model, parents, rng));
    const joint: Float64Array[] = new Array(k);
    cond.forEach((c, t) => (joint[c] = parents[t]));
    model.rest.forEach((r, i) => (joint[r] = children[i]));
    const C = empiricalCorrelation(joint);
    for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) {
      const rho = f.R[a * k + b];
      expect(Math.abs(C[a * k + b] - rho)).toBeLessThan((4 * (1 - rho * rho)) / Math.sqrt(m));
    }
  });

  it('is deterministic across SIMD and scalar builds', async () => {
    const f = linalgFixture('cond_gauss');
    const m = 777;
    const zc = [Float64Array.from({ length: m }, (_, i) => Math.sin(i)), Float64Array.from({ length: m }, (_, i) => Math.cos(3 * i))];
    const run = async (flavour: 'simd' | 'scalar') => {
      const core = await loadCoreNode(flavour);
      const model = conditionalGaussian(core, f.R, f.k, f.cond);
      return withRng(core, 5, (rng) => sampleConditional(core, model, zc, rng));
    };
    const a = await run('simd'), b = await run('scalar');
    for (let i = 0; i < a.length; i++) expect(Array.from(b[i])).toEqual(Array.from(a[i]));
  });

  it('handles nothing conditioned, everything conditioned, a deterministic child, and bad indices', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('cond_gauss');
    const none = conditionalGaussian(core, f.R, f.k, []);
    expect(maxAbsDiff(none.L, cholesky(core, f.R, f.k).L)).toBe(0);
    expect(withRng(core, 3, (rng) => sampleConditional(core, none, [], rng, 5)).length).toBe(f.k);
    const all = conditionalGaussian(core, f.R, f.k, [0, 1, 2, 3, 4, 5]);
    expect(all.rest).toEqual([]);
    expect(withRng(core, 3, (rng) => sampleConditional(core, all, Array.from({ length: 6 }, () => new Float64Array(4)), rng))).toEqual([]);
    // z₁ = z₀ exactly: the Schur complement is 0 and needs jitter; the child then equals the parent ± ~1e-5.
    const det = conditionalGaussian(core, [1, 1, 1, 1], 2, [0]);
    expect(det.jitter.schur).toBeGreaterThan(0);
    const child = withRng(core, 4, (rng) => sampleConditional(core, det, [Float64Array.of(0.5, -2)], rng));
    expect(Math.abs(child[0][0] - 0.5)).toBeLessThan(1e-3);
    expect(Math.abs(child[0][1] + 2)).toBeLessThan(1e-3);
    expect(() => conditionalGaussian(core, f.R, f.k, [1, 1])).toThrow(/distinct/);
    expect(() => conditionalGaussian(core, f.R, f.k, [6])).toThrow(/distinct/);
    const model = conditionalGaussian(core, f.R, f.k, f.cond);
    expect(() => withRng(core, 1, (rng) => sampleConditional(core, model, [new Float64Array(3)], rng))).toThrow(/2 conditioning columns/);
    expect(() => withRng(core, 1, (rng) => sampleConditional(core, model, [new Float64Array(3), Float64Array.of(1, NaN, 2)], rng))).toThrow(/only finite/);
  });
});
