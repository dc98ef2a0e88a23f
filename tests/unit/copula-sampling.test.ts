import { describe, expect, it } from 'vitest';
import { loadCoreNode, freshCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula, sampleCopulaChunks } from '../../src/lib/engine/copula/sample';
import { toCsvText } from '../../src/lib/schema/csv';
import { AppError } from '../../src/lib/schema/model';
import type { CopulaModel } from '../../src/lib/engine/copula/types';
import { column, loadFixture } from '../fixtures/single/load';

const mean = (xs: (string | null)[]) => { const v = xs.filter((x): x is string => x !== null).map(Number); return v.reduce((a, b) => a + b, 0) / v.length; };

async function weatherModel(): Promise<CopulaModel> {
  const { table, metadata } = loadFixture('seattle-weather');
  return fitCopula(await loadCoreNode(), 'seattle-weather', table, metadata, { seed: 3 });
}

describe('copula sampling', () => {
  it('same data + settings + seed ⇒ byte-identical output, in both WASM builds and through JSON', async () => {
    const { table, metadata } = loadFixture('cars');
    const simd = await loadCoreNode('simd'), scalar = await loadCoreNode('scalar');
    const m1 = await fitCopula(simd, 'cars', table, metadata, { seed: 5 });
    const m2 = await fitCopula(scalar, 'cars', table, metadata, { seed: 5 });
    const a = toCsvText(await sampleCopula(simd, m1, 500, { seed: 9 }));
    const b = toCsvText(await sampleCopula(scalar, m2, 500, { seed: 9 }));
    const c = toCsvText(await sampleCopula(simd, JSON.parse(JSON.stringify(m1)), 500, { seed: 9 }));
    const d = toCsvText(await sampleCopula(simd, m1, 500, { seed: 10 }));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(d).not.toBe(a);
  });

  it('samples in chunks with keys unique across chunks', async () => {
    const { table, metadata } = loadFixture('countries');
    const core = await loadCoreNode();
    const model = await fitCopula(core, 'countries', table, metadata, { seed: 1 });
    let rows = 0;
    const keys = new Set<string | null>();
    const pk = metadata.primary_key as string;
    for await (const chunk of sampleCopulaChunks(core, model, 2500, { seed: 2, chunkRows: 1000 })) {
      rows += chunk.columns[0].length;
      for (const k of column(chunk, pk)) keys.add(k);
    }
    expect(rows).toBe(2500);
    expect(keys.size).toBe(2500);
  });

  it('keeps the missing-value rate and its link to other columns', async () => {
    const { table, metadata } = loadFixture('cars');
    const core = await loadCoreNode();
    const model = await fitCopula(core, 'cars', table, metadata, { seed: 1 });
    const synth = await sampleCopula(core, model, 20_000, { seed: 2 });
    const rate = (t: typeof table) => column(t, 'Miles_per_Gallon').filter((v) => v === null).length / t.columns[0].length;
    expect(rate(synth)).toBeGreaterThan(rate(table) * 0.5);
    expect(rate(synth)).toBeLessThan(rate(table) * 1.6 + 0.002);
  });

  it('conditions on a category exactly, matching the model\'s own conditional distribution', async () => {
    const model = await weatherModel();
    const core = await loadCoreNode();
    const snow = await sampleCopula(core, model, 4000, { seed: 1, conditions: { weather: 'snow' } });
    expect(new Set(column(snow, 'weather'))).toEqual(new Set(['snow']));
    // The exact conditional: the same as keeping the snow rows of a large unconditional sample.
    const all = await sampleCopula(core, model, 60_000, { seed: 2 });
    const isSnow = column(all, 'weather').map((w) => w === 'snow');
    for (const col of ['temp_max', 'wind']) {
      const ref = column(all, col).filter((_, i) => isSnow[i]);
      const sd = Math.sqrt(ref.map(Number).reduce((a, x) => a + (x - mean(ref)) ** 2, 0) / ref.length);
      // 5 standard errors of the difference of two means (≈ 900 reference rows, 4000 conditional rows).
      expect(Math.abs(mean(column(snow, col)) - mean(ref))).toBeLessThan(5 * sd * Math.sqrt(1 / ref.length + 1 / 4000));
    }
  });

  it('conditions on a number exactly', async () => {
    const model = await weatherModel();
    const out = await sampleCopula(await loadCoreNode(), model, 1000, { seed: 2, conditions: { temp_max: 30 } });
    expect(new Set(column(out, 'temp_max').map(Number))).toEqual(new Set([30]));
    // Hot days have little rain: mean precipitation drops.
    expect(mean(column(out, 'temp_min'))).toBeGreaterThan(12);
  });

  it('rejects impossible conditions with a clear error before sampling', async () => {
    const model = await weatherModel();
    const core = await loadCoreNode();
    const err = async (conditions: Record<string, string | number>) => {
      try { await sampleCopula(core, model, 10, { conditions }); } catch (e) { return e as AppError; }
      throw new Error('expected an error');
    };
    expect((await err({ weather: 'hail' })).code).toBe('condition/unknown-category');
    expect((await err({ weather: 'hail' })).message).toMatch(/"hail".*seen: "drizzle", "rain"|seen:/);
    expect((await err({ temp_max: 80 })).code).toBe('condition/out-of-range');
    expect((await err({ nope: 1 })).code).toBe('condition/unknown-column');
  });

  it('memory stays flat over repeated fit/sample cycles', async () => {
    const core = await freshCoreNode();
    const { table, metadata } = loadFixture('iris');
    const cycle = async () => sampleCopula(core, await fitCopula(core, 'iris', table, metadata, { seed: 1 }), 300, { seed: 1 });
    await cycle();
    const before = core.memoryBytes;
    for (let i = 0; i < 30; i++) await cycle();
    expect(core.memoryBytes).toBe(before);
  });
});
