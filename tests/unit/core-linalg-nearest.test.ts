import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { nearestCorrelation, symmetricEigen } from '../../src/lib/engine/core/linalg';
import type { Core } from '../../src/lib/engine/wasm';
import { linalgFixture, maxAbsDiff, mulABt } from '../fixtures/reference/linalg/fixture';

function frobenius(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - b[i]) ** 2;
  return Math.sqrt(s);
}

/** Checks: symmetric, unit diagonal, entries in [−1, 1], smallest eigenvalue ≥ −1e-13. */
function expectCorrelationMatrix(core: Core, R: Float64Array, k: number) {
  for (let i = 0; i < k; i++) {
    expect(R[i * k + i]).toBe(1);
    for (let j = 0; j < k; j++) {
      expect(R[i * k + j]).toBe(R[j * k + i]);
      expect(Math.abs(R[i * k + j])).toBeLessThanOrEqual(1);
    }
  }
  expect(symmetricEigen(core, R, k).values[0]).toBeGreaterThan(-1e-13);
}

/** A random correlation matrix G·Gᵀ rescaled to unit diagonal (deterministic LCG). */
function randomCorrelation(k: number, seed: number): Float64Array {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const G = new Float64Array(k * k).map(rnd);
  const C = mulABt(G, G, k);
  const d = Array.from({ length: k }, (_, i) => 1 / Math.sqrt(C[i * k + i]));
  return C.map((x, idx) => x * d[Math.floor(idx / k)] * d[idx % k]);
}

describe('nearestCorrelation (Higham 2002 with Dykstra)', () => {
  it("reproduces Higham's published example and the numpy reference iteration", async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('ncm_higham_example');
    const r = nearestCorrelation(core, f.A, 3, { tol: 1e-14, maxIter: 2000 });
    expect(r.converged).toBe(true);
    expect(maxAbsDiff(r.R, f.published)).toBeLessThan(5e-5); // the paper prints 4 decimals
    expect(maxAbsDiff(r.R, f.R)).toBeLessThan(1e-10);
    expectCorrelationMatrix(core, r.R, 3);
  });

  it('repairs a clearly non-PSD 8×8 matrix: valid, matches the reference, and is the nearest', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('ncm_random');
    const k: number = f.k;
    expect(f.minEigA).toBeLessThan(-0.1);
    const tight = nearestCorrelation(core, f.A, k, { tol: 1e-14, maxIter: 5000 });
    expect(tight.converged).toBe(true);
    expect(maxAbsDiff(tight.R, f.R)).toBeLessThan(1e-9);
    const r = nearestCorrelation(core, f.A, k); // defaults: tol 1e-10, 500 iterations
    expect(r.converged).toBe(true);
    expect(r.residual).toBeLessThanOrEqual(1e-10);
    expect(maxAbsDiff(r.R, f.R)).toBeLessThan(1e-6);
    expectCorrelationMatrix(core, r.R, k);
    // Minimality: X* is the projection of A onto the convex set of correlation matrices iff
    // ⟨A − X*, C − X*⟩ ≤ 0 for every correlation matrix C. Try the clip repair and random ones.
    const X = tight.R;
    const clip = nearestCorrelation(core, f.A, k, { method: 'clip' }).R;
    expectCorrelationMatrix(core, clip, k);
    expect(frobenius(f.A, X)).toBeLessThan(frobenius(f.A, clip));
    for (const C of [clip, ...Array.from({ length: 20 }, (_, s) => randomCorrelation(k, s + 1))]) {
      let ip = 0;
      for (let i = 0; i < k * k; i++) ip += (f.A[i] - X[i]) * (C[i] - X[i]);
      expect(ip).toBeLessThan(1e-9);
    }
  });

  it('returns a valid correlation matrix even when stopped after one iteration; leaves a correlation matrix unchanged', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('ncm_random');
    const r = nearestCorrelation(core, f.A, f.k, { maxIter: 1 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
    expectCorrelationMatrix(core, r.R, f.k);
    const C = randomCorrelation(6, 42);
    const same = nearestCorrelation(core, C, 6);
    expect(same.iterations).toBeLessThanOrEqual(2);
    expect(maxAbsDiff(same.R, C)).toBeLessThan(1e-12);
  });

  it('honours a minimum eigenvalue (strictly PD output)', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('ncm_random');
    const r = nearestCorrelation(core, f.A, f.k, { minEigenvalue: 1e-4 });
    expectCorrelationMatrix(core, r.R, f.k);
    // The final unit-diagonal rescale divides by diag ≥ 1, so the floor may shrink by that factor (≤ 2 here).
    expect(symmetricEigen(core, r.R, f.k).values[0]).toBeGreaterThan(0.5e-4);
  });

  it('gives identical results in the SIMD and scalar builds; rejects bad input', async () => {
    const f = linalgFixture('ncm_random');
    const a = nearestCorrelation(await loadCoreNode('simd'), f.A, f.k);
    const b = nearestCorrelation(await loadCoreNode('scalar'), f.A, f.k);
    expect(Array.from(a.R)).toEqual(Array.from(b.R));
    const core = await loadCoreNode();
    expect(() => nearestCorrelation(core, [1, NaN, NaN, 1], 2)).toThrow(/only finite/);
    expect(() => nearestCorrelation(core, [1, 0, 0], 2)).toThrow(/2×2/);
    expect(() => nearestCorrelation(core, [1, 0, 0, 1], 2, { tol: -1 })).toThrow(/tol/);
  });
});
