import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { symmetricEigen } from '../../src/lib/engine/core/linalg';
import { linalgFixture, maxAbsDiff, mulABt } from '../fixtures/reference/linalg/fixture';

describe('symmetricEigen (tred2 + tql2)', () => {
  for (const name of ['eig_small', 'eig_large']) {
    it(`matches numpy.linalg.eigh (${name})`, async () => {
      const core = await loadCoreNode();
      const f = linalgFixture(name);
      const k: number = f.k;
      const { values, vectors } = symmetricEigen(core, f.A, k);
      const scale = Math.max(...values.map(Math.abs));
      expect(maxAbsDiff(values, f.values) / scale).toBeLessThan(1e-13);
      // Eigenvectors are defined up to sign: |v_j · v_ref_j| = 1 (the eigenvalues here are distinct).
      for (let j = 0; j < k; j++) {
        let d = 0;
        for (let i = 0; i < k; i++) d += vectors[i * k + j] * f.vectors[i * k + j];
        expect(Math.abs(Math.abs(d) - 1)).toBeLessThan(1e-10);
      }
      // Reconstruction A = V·Λ·Vᵀ and orthogonality VᵀV = I.
      const VL = vectors.map((x, idx) => x * values[idx % k]);
      expect(maxAbsDiff(mulABt(VL, vectors, k), f.A) / scale).toBeLessThan(1e-12);
      const Vt = new Float64Array(k * k).map((_, idx) => vectors[(idx % k) * k + Math.floor(idx / k)]);
      const I = new Float64Array(k * k).map((_, idx) => (idx % (k + 1) === 0 ? 1 : 0));
      expect(maxAbsDiff(mulABt(Vt, Vt, k), I)).toBeLessThan(1e-12);
    });
  }

  it('handles repeated eigenvalues (identity, rank-one update) and k = 1', async () => {
    const core = await loadCoreNode();
    const k = 4;
    const A = new Float64Array(k * k).map((_, idx) => (idx % (k + 1) === 0 ? 2 : 0) + 0.5); // 2I + 0.5·11ᵀ
    const { values } = symmetricEigen(core, A, k);
    expect(maxAbsDiff(values, [2, 2, 2, 4])).toBeLessThan(1e-14);
    expect(Array.from(symmetricEigen(core, [7], 1).values)).toEqual([7]);
  });

  it('gives identical results in the SIMD and scalar builds', async () => {
    const f = linalgFixture('eig_large');
    const a = symmetricEigen(await loadCoreNode('simd'), f.A, f.k);
    const b = symmetricEigen(await loadCoreNode('scalar'), f.A, f.k);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(Array.from(a.vectors)).toEqual(Array.from(b.vectors));
  });
});
