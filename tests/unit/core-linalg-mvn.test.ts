import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { cholesky, sampleMvn, sampleMvnInto } from '../../src/lib/engine/core/linalg';
import type { Core } from '../../src/lib/engine/wasm';
import { empiricalCorrelation, linalgFixture } from '../fixtures/reference/linalg/fixture';

function draw(core: Core, L: Float64Array, k: number, n: number, seed: number): Float64Array[] {
  const rng = core.newRng(seed);
  try {
    return sampleMvn(core, L, k, n, rng);
  } finally {
    core.free(rng);
  }
}

describe('sampleMvn (z = L·e)', () => {
  it('empirical correlation and moments match R within 4σ (n = 200 000, fixed seed)', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('mvn_R');
    const k: number = f.k, n = 200_000;
    const { L } = cholesky(core, f.R, k);
    const cols = draw(core, L, k, n, 2024);
    expect(cols.length).toBe(k);
    expect(cols[0].length).toBe(n);
    const C = empiricalCorrelation(cols);
    for (let a = 0; a < k; a++) {
      // Mean: sd = 1/√n. Variance: sd = √(2/n).
      const mean = cols[a].reduce((s, x) => s + x, 0) / n;
      const v = cols[a].reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
      expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n));
      expect(Math.abs(v - 1)).toBeLessThan(4 * Math.sqrt(2 / n));
      for (let b = 0; b < a; b++) {
        // Sample correlation: sd ≈ (1 − ρ²)/√n.
        const rho = f.R[a * k + b];
        expect(Math.abs(C[a * k + b] - rho)).toBeLessThan((4 * (1 - rho * rho)) / Math.sqrt(n));
      }
    }
  });

  it('is deterministic: same seed ⇒ identical numbers in the SIMD and scalar builds; another seed differs', async () => {
    const f = linalgFixture('mvn_R');
    const simd = await loadCoreNode('simd'), scalar = await loadCoreNode('scalar');
    const L = cholesky(simd, f.R, f.k).L;
    const n = 1001; // not a multiple of the block size or of the SIMD width
    const a = draw(simd, L, f.k, n, 7);
    const b = draw(scalar, L, f.k, n, 7);
    const c = draw(simd, L, f.k, n, 8);
    for (let j = 0; j < f.k; j++) expect(Array.from(b[j])).toEqual(Array.from(a[j]));
    expect(c[0][0]).not.toBe(a[0][0]);
  });

  it('chunked sampling into a caller buffer equals one big call', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('mvn_R');
    const k: number = f.k, N = 5000;
    const L = cholesky(core, f.R, k).L;
    const whole = draw(core, L, k, N, 11);
    const rng = core.newRng(11);
    const buf = core.allocF64(N * k);
    try {
      for (let r = 0; r < N; r += 777) sampleMvnInto(core, L, k, Math.min(777, N - r), rng, buf + 8 * r, N);
      for (let j = 0; j < k; j++) expect(Array.from(core.f64(buf + j * N * 8, N))).toEqual(Array.from(whole[j]));
    } finally {
      core.free(buf);
      core.free(rng);
    }
  });

  it('first column is exactly L₀₀·e₀: with L = I the draws are the raw normal stream', async () => {
    const core = await loadCoreNode();
    const k = 3, n = 10;
    const I = Float64Array.from({ length: 9 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const cols = draw(core, I, k, n, 5);
    const rng = core.newRng(5);
    const raw = core.allocF64(n * k);
    try {
      core.exports.rngFillNormal(rng, raw, n * k);
      const e = core.f64(raw, n * k);
      for (let i = 0; i < n; i++) for (let j = 0; j < k; j++) expect(cols[j][i]).toBe(e[i * k + j]); // row-by-row draw order
    } finally {
      core.free(raw);
      core.free(rng);
    }
  });

  it('rejects a bad row count and a missing stream', async () => {
    const core = await loadCoreNode();
    expect(() => sampleMvn(core, [1], 1, -1, 8)).toThrow(/row count/);
    expect(() => sampleMvn(core, [1], 1, 10, 0)).toThrow(/rng/);
  });
});
