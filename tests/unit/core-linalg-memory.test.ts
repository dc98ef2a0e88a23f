import { describe, expect, it } from 'vitest';
import { freshCoreNode } from '../../src/lib/engine/wasm-node';
import * as la from '../../src/lib/engine/core/linalg';
import type { Core } from '../../src/lib/engine/wasm';
import { column, linalgFixture } from '../fixtures/reference/linalg/fixture';

/** One call of every wrapper (including failing ones, which must free their buffers too). */
function cycle(core: Core, seed: number) {
  const c = linalgFixture('corr_nan');
  const R = la.correlationMatrix(core, c.columns.map(column));
  const near = la.nearestCorrelation(core, linalgFixture('ncm_random').A, 8).R;
  la.symmetricEigen(core, near, 8);
  const { L } = la.cholesky(core, R, 5);
  la.solveCholesky(core, L, 5, [1, 2, 3, 4, 5]);
  la.solveUpper(core, [2, 1, 0, 3], 2, [1, 1]);
  const rng = core.newRng(seed);
  try {
    const z = la.sampleMvn(core, L, 5, 3000, rng);
    const model = la.conditionalGaussian(core, R, 5, [0, 2]);
    la.sampleConditional(core, model, [z[0], z[2]], rng);
  } finally {
    core.free(rng);
  }
  expect(() => la.cholesky(core, [1, 2, 2, 1], 2)).toThrow();
  expect(() => la.solveLower(core, [0, 0, 0, 0], 2, [1, 1])).toThrow();
}

describe('linalg wrappers free their buffers', () => {
  it('memory stays flat over 100 cycles on a fresh core', async () => {
    for (const flavour of ['simd', 'scalar'] as const) {
      const core = await freshCoreNode(flavour);
      cycle(core, 0);
      const before = core.memoryBytes;
      // memoryBytes only sees growth of whole 64 KiB pages; a probe allocation also catches small leaks,
      // since the TLSF allocator hands out the same block when the heap is back in the same state.
      const probe = () => { const p = core.allocF64(1000); core.free(p); return p; };
      const probeBefore = probe();
      for (let i = 1; i <= 100; i++) cycle(core, i);
      expect(core.memoryBytes).toBe(before);
      expect(probe()).toBe(probeBefore);
    }
  });
});
