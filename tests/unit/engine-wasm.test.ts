import { describe, expect, it } from 'vitest';
import { loadCoreNode, freshCoreNode } from '../../src/lib/engine/wasm-node';
import { normalSampleStats } from '../../src/lib/engine/normal-sample';
import { CancelledError } from '../../src/lib/engine/progress';

describe('WASM core under Node', () => {
  it('loads both builds', async () => {
    for (const flavour of ['simd', 'scalar'] as const) {
      const core = await loadCoreNode(flavour);
      expect(core.flavour).toBe(flavour);
      expect(core.memoryBytes).toBeGreaterThan(0);
    }
  });

  it('seeded normal sample has mean ≈ 0 and variance ≈ 1', async () => {
    const core = await loadCoreNode();
    const r = await normalSampleStats(core, 500_000, 123);
    expect(r.n).toBe(500_000);
    // 5σ bounds: sd(mean) = 1/sqrt(n) ≈ 0.0014; sd(var) ≈ sqrt(2/n) ≈ 0.002
    expect(Math.abs(r.mean)).toBeLessThan(0.0071);
    expect(Math.abs(r.variance - 1)).toBeLessThan(0.01);
  });

  it('same seed ⇒ same numbers, in both builds; another seed ⇒ other numbers', async () => {
    const a = await normalSampleStats(await loadCoreNode('simd'), 10_000, 5);
    const b = await normalSampleStats(await loadCoreNode('scalar'), 10_000, 5);
    const c = await normalSampleStats(await loadCoreNode('simd'), 10_000, 6);
    expect(b.mean).toBe(a.mean);
    expect(b.variance).toBe(a.variance);
    expect(c.mean).not.toBe(a.mean);
  });

  it('chunking does not change the result beyond rounding', async () => {
    const core = await loadCoreNode();
    const a = await normalSampleStats(core, 100_000, 9, undefined, 1000);
    const b = await normalSampleStats(core, 100_000, 9, undefined, 100_000);
    expect(a.mean).toBeCloseTo(b.mean, 12);
    expect(a.variance).toBeCloseTo(b.variance, 12);
  });

  it('reports progress and stops on cancel', async () => {
    const core = await loadCoreNode();
    const ac = new AbortController();
    const seen: number[] = [];
    const run = normalSampleStats(core, 10_000_000, 1, {
      signal: ac.signal,
      onProgress: (p) => {
        seen.push(p.fraction);
        if (seen.length === 3) ac.abort();
      }
    }, 10_000);
    await expect(run).rejects.toBeInstanceOf(CancelledError);
    expect(seen.length).toBe(3);
    expect(seen[0]).toBeGreaterThan(0);
  });

  it('memory stays flat over many runs', async () => {
    const core = await freshCoreNode();
    await normalSampleStats(core, 100_000, 1);
    const before = core.memoryBytes;
    for (let i = 0; i < 50; i++) await normalSampleStats(core, 100_000, i);
    expect(core.memoryBytes).toBe(before);
  });
});
