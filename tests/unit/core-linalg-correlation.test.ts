import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { correlationMatrix } from '../../src/lib/engine/core/linalg';
import { EngineError } from '../../src/lib/engine/wasm';
import { column, linalgFixture, maxAbsDiff } from '../fixtures/reference/linalg/fixture';

describe('correlationMatrix (pairwise-complete Pearson)', () => {
  it('matches pandas nancorr + SDV fillna(0) on columns with NaNs, a constant column and a 1-row pair', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('corr_nan');
    const R = correlationMatrix(core, f.columns.map(column));
    // Two-pass here vs Welford in pandas: agree to rounding (1e-12).
    expect(maxAbsDiff(R, f.R)).toBeLessThan(1e-12);
    expect(R[3 * 5 + 0]).toBe(0); // constant column
    expect(R[2 * 5 + 4]).toBe(0); // only one complete row
    expect(R[3 * 5 + 3]).toBe(1);
  });

  it('matches numpy corrcoef on complete columns (fast path), from arrays and from a WASM data block', async () => {
    const core = await loadCoreNode();
    const f = linalgFixture('corr_full');
    const cols: Float64Array[] = f.columns.map(column);
    const R = correlationMatrix(core, cols);
    expect(maxAbsDiff(R, f.R)).toBeLessThan(1e-13);
    const n = f.n, k = f.k, ld = n + 3; // a block with padding between columns
    const ptr = core.allocF64(ld * k);
    try {
      cols.forEach((c, j) => core.f64(ptr + j * ld * 8, n).set(c));
      const R2 = correlationMatrix(core, { ptr, n, k, ld });
      expect(Array.from(R2)).toEqual(Array.from(R));
    } finally {
      core.free(ptr);
    }
  });

  it('gives identical results in the SIMD and scalar builds', async () => {
    const f = linalgFixture('corr_nan');
    const a = correlationMatrix(await loadCoreNode('simd'), f.columns.map(column));
    const b = correlationMatrix(await loadCoreNode('scalar'), f.columns.map(column));
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('rejects ragged columns and infinities with typed errors', async () => {
    const core = await loadCoreNode();
    expect(() => correlationMatrix(core, [new Float64Array(3), new Float64Array(4)])).toThrow(EngineError);
    try {
      correlationMatrix(core, [Float64Array.of(1, 2, Infinity)]);
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).code).toBe('linalg/not-finite');
    }
    expect(() => correlationMatrix(core, [])).toThrow(/at least one column/);
  });
});
