import { describe, expect, it } from 'vitest';
import { freshCoreNode } from '../../src/lib/engine/wasm-node';
import { binFeatures, fitTree, freeBinned, predictLeaves } from '../../src/lib/engine/core/trees';
import { fitCart, sampleCart } from '../../src/lib/engine/cart';
import type { Core } from '../../src/lib/engine/wasm';
import { loadFixture } from '../fixtures/single/load';

const cars = loadFixture('cars');

/** One fit + sample of the tree kernel and of the synthesizer, plus failing calls (which must free too). */
async function cycle(core: Core, seed: number) {
  const x = Array.from({ length: 300 }, (_, i) => ((i * 37 + seed) % 101) / 7);
  const c = x.map((v) => Math.floor(v) % 5);
  const y = x.map((v, i) => v + c[i]);
  const b = binFeatures(core, [x, c], [0, 5]);
  try {
    const t = fitTree(core, b, 2, y, { nClasses: 0, minLeaf: 3 });
    predictLeaves(core, t.tree, [x, c]);
    expect(() => fitTree(core, b, 2, y.map(() => NaN), { nClasses: 0 })).toThrow();
  } finally {
    freeBinned(core, b);
  }
  expect(() => binFeatures(core, [[0, 9]], [3])).toThrow();
  const model = await fitCart(core, cars.table, cars.metadata, { seed, privacy: seed % 2 ? 0 : 0.5 });
  await sampleCart(core, model, 200, seed);
  await expect(sampleCart(core, model, 5, seed, { conditions: { Horsepower: 100 } })).rejects.toThrow();
}

describe('tree kernel and CART synthesizer free their WASM buffers', () => {
  it('memory stays flat over 100 fit/sample cycles on a fresh core', async () => {
    for (const flavour of ['simd', 'scalar'] as const) {
      const core = await freshCoreNode(flavour);
      await cycle(core, 0);
      const before = core.memoryBytes;
      // memoryBytes only sees whole 64 KiB pages; the probe allocation also catches small leaks, since the
      // TLSF allocator hands out the same block when the heap is back in the same state.
      const probe = () => { const p = core.allocF64(1000); core.free(p); return p; };
      const probeBefore = probe();
      for (let i = 1; i <= 100; i++) await cycle(core, i);
      expect(core.memoryBytes).toBe(before);
      expect(probe()).toBe(probeBefore);
    }
  }, 60_000);
});
