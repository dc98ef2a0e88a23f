import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { cholesky, conditionalGaussian, correlationMatrix, nearestCorrelation, sampleConditionalInto, sampleMvnInto } from '../../src/lib/engine/core/linalg';
import { choleskyTs, NormalStreamTs, sampleMvnTs } from '../ts-ref/linalg';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Copula algebra: Cholesky, MVN / conditional sampling, correlation, nearest correlation';

/** AR(1) correlation ρ^|i−j| with ρ = 0.7 (positive definite for every k). */
function testCorrelation(k: number): Float64Array {
  const R = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) R[i * k + j] = 0.7 ** Math.abs(i - j);
  return R;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const K_CHOL = 200, N = 1_000_000, K = 10;
  const Rchol = testCorrelation(K_CHOL), R10 = testCorrelation(K);
  for (const flavour of ['simd', 'scalar'] as const) {
    const core = await loadCoreNode(flavour);
    const variant = `wasm-${flavour}`;
    rows.push({ name: `Cholesky ${K_CHOL}×${K_CHOL}`, variant, value: await timeIt(() => cholesky(core, Rchol, K_CHOL)), unit: 'ms' });

    const L = cholesky(core, R10, K).L;
    const rng = core.newRng(1);
    const buf = core.allocF64(N * K);
    try {
      rows.push({ name: `MVN draw ${N / 1e6}M rows × ${K} cols`, variant, value: await timeIt(() => sampleMvnInto(core, L, K, N, rng, buf), 1000, 10), unit: 'ms', note: 'into a WASM buffer' });
      const t0 = performance.now();
      core.exports.rngFillNormal(rng, buf, N * K);
      rows.push({ name: `  of which: ${N * K / 1e6}M raw normals`, variant, value: performance.now() - t0, unit: 'ms', note: 'single run' });
      const model = conditionalGaussian(core, R10, K, [0, 1, 2]);
      const out = core.allocF64(N * 7);
      try {
        rows.push({ name: `conditional draw ${N / 1e6}M rows, 3 → 7 cols`, variant, value: await timeIt(() => sampleConditionalInto(core, model, buf, N, N, rng, out, N), 1000, 10), unit: 'ms', note: 'per-row z_c' });
      } finally {
        core.free(out);
      }
      rows.push({ name: `pairwise correlation ${N / 1e6}M × ${K}`, variant, value: await timeIt(() => correlationMatrix(core, { ptr: buf, n: N, k: K }), 1000, 10), unit: 'ms', note: 'no NaN (fast path)' });
    } finally {
      core.free(buf);
      core.free(rng);
    }
    const bad = testCorrelation(50).map((x, i) => (i % 51 === 0 ? 1 : x + 0.5 * Math.cos(i)));
    const sym = bad.map((x, i) => (x + bad[(i % 50) * 50 + Math.floor(i / 50)]) / 2);
    const r = nearestCorrelation(core, sym, 50);
    rows.push({ name: 'nearest correlation 50×50 (Higham)', variant, value: await timeIt(() => nearestCorrelation(core, sym, 50)), unit: 'ms', note: `${r.iterations} iterations` });
  }
  rows.push({ name: `Cholesky ${K_CHOL}×${K_CHOL}`, variant: 'plain-ts', value: await timeIt(() => choleskyTs(Rchol, K_CHOL)), unit: 'ms' });
  const Lts = choleskyTs(R10, K).L;
  const stream = new NormalStreamTs(1);
  rows.push({ name: `MVN draw ${N / 1e6}M rows × ${K} cols`, variant: 'plain-ts', value: await timeIt(() => sampleMvnTs(Lts, K, N, stream), 1000, 10), unit: 'ms', note: 'xoshiro128++ in JS' });
  return rows;
}
