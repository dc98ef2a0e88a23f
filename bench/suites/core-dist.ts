/**
 * Numerical core: Φ⁻¹ and beta quantile throughput, WASM-SIMD vs WASM-scalar vs plain TypeScript
 * (same algorithms, bench/ts-ref/), plus marginal fit / copula-transform times. Inputs are already in
 * WASM memory (the synthesizer keeps columns there), so copies are not timed.
 */
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { distExports } from '../../src/lib/engine/core/dist-exports';
import { fitMarginalPtr, toNormalScoresPtr, fromNormalScoresPtr, sampleMarginal } from '../../src/lib/engine/core/distributions';
import { withRng } from '../../src/lib/engine/core/random';
import { normQuantileColumn } from '../ts-ref/normal-quantile';
import { betaQuantileColumn } from '../ts-ref/beta-quantile';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Numerical core: distributions (Φ⁻¹, beta quantile, fits)';

function uniforms(n: number, seed: number): Float64Array {
  // deterministic (0,1) values, independent of the WASM RNG
  const out = new Float64Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; out[i] = (s + 0.5) / 2 ** 32; }
  return out;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const N_Q = 1_000_000, N_B = 100_000;
  const pq = uniforms(N_Q, 1), pb = uniforms(N_B, 2);
  const A = 2, B = 5;

  for (const flavour of ['simd', 'scalar'] as const) {
    const core = await loadCoreNode(flavour);
    const e = distExports(core);
    await core.withBuffers([N_Q, N_Q], async (inp, out) => {
      core.f64(inp, N_Q).set(pq);
      const ms = await timeIt(() => e.normQuantileColumn(inp, out, N_Q));
      rows.push({ name: 'Φ⁻¹ (AS241), 1M', variant: `wasm-${flavour}`, value: N_Q / ms / 1000, unit: 'M values/s', note: `${ms.toFixed(2)} ms` });
    });
    await core.withBuffers([N_B, N_B], async (inp, out) => {
      core.f64(inp, N_B).set(pb);
      const ms = await timeIt(() => e.distBetaQuantile(A, B, 0, 1, inp, out, N_B));
      rows.push({ name: 'beta(2,5) quantile, 100k', variant: `wasm-${flavour}`, value: N_B / ms / 1000, unit: 'M values/s', note: `${ms.toFixed(1)} ms` });
    });
  }
  {
    const out = new Float64Array(N_Q);
    const ms = await timeIt(() => normQuantileColumn(pq, out));
    rows.push({ name: 'Φ⁻¹ (AS241), 1M', variant: 'plain-ts', value: N_Q / ms / 1000, unit: 'M values/s', note: `${ms.toFixed(2)} ms` });
    const outB = new Float64Array(N_B);
    const msB = await timeIt(() => betaQuantileColumn(A, B, 0, 1, pb, outB));
    rows.push({ name: 'beta(2,5) quantile, 100k', variant: 'plain-ts', value: N_B / msB / 1000, unit: 'M values/s', note: `${msB.toFixed(1)} ms` });
  }

  // fits and copula transforms on 100k gamma-distributed values (SIMD build)
  const core = await loadCoreNode('simd');
  const n = 100_000;
  const data = withRng(core, 1, (r) => sampleMarginal(core, { kind: 'gamma', params: { a: 3, loc: 2, scale: 1.5 } }, n, r));
  await core.withBuffers([n, n], async (x, z) => {
    core.f64(x, n).set(data);
    for (const kind of ['norm', 'beta', 'gamma', 'truncnorm', 'gaussian_kde'] as const) {
      const ms = await timeIt(() => fitMarginalPtr(core, kind, x, n), 200, 50);
      rows.push({ name: `fit ${kind}, 100k`, variant: 'wasm-simd', value: ms, unit: 'ms' });
      const m = fitMarginalPtr(core, kind, x, n);
      const t1 = await timeIt(() => toNormalScoresPtr(core, m, x, z, n), 200, 50);
      rows.push({ name: `toNormalScores ${kind}, 100k`, variant: 'wasm-simd', value: t1, unit: 'ms' });
      const t2 = await timeIt(() => fromNormalScoresPtr(core, m, z, z, n), 200, 50);
      rows.push({ name: `fromNormalScores ${kind}, 100k`, variant: 'wasm-simd', value: t2, unit: 'ms' });
    }
  });
  return rows;
}
