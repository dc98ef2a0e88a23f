import type { Core } from './wasm';
import { checkpoint, type RunControl } from './progress';

export interface NormalSampleStats {
  n: number;
  seed: number;
  mean: number;
  variance: number;
  /** Which WASM build computed it. */
  flavour: string;
}

/**
 * Draws `n` standard normals from the seeded stream and returns their mean and (sample) variance,
 * all inside WASM, chunk by chunk so memory stays flat and the run can report progress and be cancelled.
 */
export async function normalSampleStats(core: Core, n: number, seed: number, ctl?: RunControl, chunk = 1 << 16): Promise<NormalSampleStats> {
  if (!Number.isInteger(n) || n < 2) throw new RangeError('n must be an integer ≥ 2');
  const e = core.exports;
  const rng = core.newRng(seed);
  const buf = core.allocF64(Math.min(chunk, n));
  const acc = core.allocF64(3);
  try {
    e.momentsReset(acc);
    for (let done = 0; done < n; ) {
      const m = Math.min(chunk, n - done);
      e.rngFillNormal(rng, buf, m);
      e.momentsAccumulate(acc, buf, m);
      done += m;
      await checkpoint(ctl, done / n, 'sampling');
    }
    const [count, mean, m2] = core.f64(acc, 3);
    return { n: count, seed, mean, variance: m2 / (count - 1), flavour: core.flavour };
  } finally {
    core.free(rng);
    core.free(buf);
    core.free(acc);
  }
}
