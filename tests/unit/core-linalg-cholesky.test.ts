import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { cholesky, solveCholesky, solveLower, solveLowerTransposed, solveUpper } from '../../src/lib/engine/core/linalg';
import { EngineError } from '../../src/lib/engine/wasm';
import { linalgFixture, maxAbsDiff, mulABt } from '../fixtures/reference/linalg/fixture';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e.code;
    throw e;
  }
  return 'no error';
}

describe('cholesky with jitter', () => {
  for (const name of ['chol_small', 'chol_large']) {
    it(`matches numpy.linalg.cholesky without jitter (${name})`, async () => {
      const core = await loadCoreNode();
      const f = linalgFixture(name);
      const { L, jitter } = cholesky(core, f.A, f.k);
      expect(jitter).toBe(0);
      expect(maxAbsDiff(L, f.L)).toBeLessThan(1e-12);
    });
  }

  it('adds 1e-10 to the singular [[1,1],[1,1]] and matches numpy on A + 1e-10·I', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('chol_singular');
    const { L, jitter } = cholesky(core, f.A, 2);
    expect(jitter).toBe(1e-10);
    // L₂₂ = √(pivot ≈ 2e-10) comes from a cancellation: absolute error ~1e-11.
    expect(maxAbsDiff(L, f.L)).toBeLessThan(1e-9);
  });

  it('regularises a rank-deficient correlation matrix: L·Lᵀ = A + jitter·I', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('chol_rank_deficient');
    const { L, jitter } = cholesky(core, f.A, 3);
    expect(jitter).toBeGreaterThan(0);
    expect(jitter).toBeLessThanOrEqual(1e-8);
    const A2 = Float64Array.from(f.A as number[], (x, i) => x + (i % 4 === 0 ? jitter : 0));
    expect(maxAbsDiff(mulABt(L, L, 3), A2)).toBeLessThan(1e-12);
  });

  it('rejects an indefinite matrix, NaN and wrong sizes with typed errors', async () => {
    const core = await loadCoreNode();
    expect(code(() => cholesky(core, [1, 2, 2, 1], 2))).toBe('linalg/not-positive-definite');
    expect(code(() => cholesky(core, [1, NaN, NaN, 1], 2))).toBe('linalg/not-finite');
    expect(code(() => cholesky(core, [1, 0, 0], 2))).toBe('linalg/bad-shape');
    expect(code(() => cholesky(core, [], 0))).toBe('linalg/bad-shape');
  });

  it('gives identical factors in the SIMD and scalar builds', async () => {
    const f = linalgFixture('chol_large');
    const a = cholesky(await loadCoreNode('simd'), f.A, f.k);
    const b = cholesky(await loadCoreNode('scalar'), f.A, f.k);
    expect(Array.from(a.L)).toEqual(Array.from(b.L));
  });
});

describe('triangular solves', () => {
  for (const name of ['chol_small', 'chol_large']) {
    it(`match scipy.linalg.solve_triangular and numpy.linalg.solve (${name}, two right-hand sides)`, async () => {
      const core = await loadCoreNode();
      const f = linalgFixture(name);
      const k: number = f.k;
      // Tolerances: 1e-11 relative to the solution size (condition numbers here are ≤ ~1e3).
      const tol = (x: number[]) => 1e-11 * Math.max(1, ...x.map(Math.abs));
      expect(maxAbsDiff(solveLower(core, f.L, k, f.b), f.xLower)).toBeLessThan(tol(f.xLower));
      expect(maxAbsDiff(solveLowerTransposed(core, f.L, k, f.b), f.xLowerT)).toBeLessThan(tol(f.xLowerT));
      expect(maxAbsDiff(solveUpper(core, f.U, k, f.b), f.xUpper)).toBeLessThan(tol(f.xUpper));
      expect(maxAbsDiff(solveCholesky(core, f.L, k, f.b), f.xSolve)).toBeLessThan(tol(f.xSolve));
    });
  }

  it('gives identical solutions in the SIMD and scalar builds', async () => {
    const f = linalgFixture('chol_large');
    const simd = await loadCoreNode('simd'), scalar = await loadCoreNode('scalar');
    expect(Array.from(solveCholesky(simd, f.L, f.k, f.b))).toEqual(Array.from(solveCholesky(scalar, f.L, f.k, f.b)));
    expect(Array.from(solveUpper(simd, f.U, f.k, f.b))).toEqual(Array.from(solveUpper(scalar, f.U, f.k, f.b)));
  });

  it('reports a zero diagonal as linalg/singular and a bad right-hand side as linalg/bad-shape', async () => {
    const core = await loadCoreNode();
    expect(code(() => solveLower(core, [1, 0, 3, 0], 2, [1, 1]))).toBe('linalg/singular');
    expect(code(() => solveUpper(core, [0, 1, 0, 1], 2, [1, 1]))).toBe('linalg/singular');
    expect(code(() => solveLower(core, [1, 0, 0, 1], 2, [1, 1, 1]))).toBe('linalg/bad-shape');
  });
});
