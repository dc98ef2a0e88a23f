/**
 * Sequential CART: tree kernel speed (100k × 20) and fit + sample on the three reference tables with their
 * quality / privacy scores, next to the Gaussian copula's time (target: CART within 3× of the copula).
 */
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { binFeatures, fitTree, freeBinned } from '../../src/lib/engine/core/trees';
import { fitCart, sampleCart, DEFAULT_PRIVACY } from '../../src/lib/engine/cart';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula } from '../../src/lib/engine/copula/sample';
import { evaluateTable, summary } from '../../src/lib/engine/metrics';
import { loadFixture } from '../../tests/fixtures/single/load';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Sequential CART (synthpop-style) — tree kernel and synthesizer';

function lcg(seed: number) {
  let s = seed;
  return () => { s = (s * 16807) % 2147483647; return s / 2147483647; };
}

function exactCopies(real: ColumnarTable, synth: ColumnarTable): number {
  const key = (t: ColumnarTable, i: number) => t.columns.map((c) => c[i]).join('\u0001');
  const set = new Set(real.columns[0].map((_, i) => key(real, i)));
  let k = 0;
  for (let i = 0; i < synth.columns[0].length; i++) if (set.has(key(synth, i))) k++;
  return k;
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  // Tree kernel: 100k rows × 20 numeric features; regression and 5-class classification, minLeaf 5.
  const N = 100_000, P = 20;
  const rnd = lcg(1);
  const cols: Float64Array[] = [];
  for (let f = 0; f < P; f++) cols.push(Float64Array.from({ length: N }, () => rnd()));
  const y = Float64Array.from({ length: N }, (_, i) => cols[0][i] * 3 + Math.sin(cols[1][i] * 6) + rnd());
  const yc = y.map((v) => Math.max(0, Math.min(4, Math.floor(v))));
  for (const flavour of ['simd', 'scalar'] as const) {
    const core = await loadCoreNode(flavour);
    const kinds = new Array(P).fill(0);
    rows.push({ name: 'bin 100k × 20 (≤256 quantile bins)', variant: `wasm-${flavour}`, value: await timeIt(() => freeBinned(core, binFeatures(core, cols, kinds)), 500, 5), unit: 'ms' });
    const b = binFeatures(core, cols, kinds);
    let nodes = 0;
    const reg = await timeIt(() => { nodes = fitTree(core, b, P, y, { nClasses: 0, minLeaf: 5 }).tree.nodeCount; }, 500, 5);
    rows.push({ name: 'fit regression tree 100k × 20, minLeaf 5', variant: `wasm-${flavour}`, value: reg, unit: 'ms', note: `${nodes} nodes; bin + fit < 2000 ms target` });
    const cls = await timeIt(() => { nodes = fitTree(core, b, P, yc, { nClasses: 5, minLeaf: 5 }).tree.nodeCount; }, 500, 5);
    rows.push({ name: 'fit Gini tree 100k × 20, 5 classes, minLeaf 5', variant: `wasm-${flavour}`, value: cls, unit: 'ms', note: `${nodes} nodes` });
    freeBinned(core, b);
  }

  const core = await loadCoreNode();
  for (const name of ['seattle-weather', 'cars', 'us-employment']) {
    const { table, metadata } = loadFixture(name);
    const n = table.columns[0].length;
    // Reference point: a held-out random half of the real table scored against the other half (new real rows).
    const rnd2 = lcg(7);
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) { const k = Math.floor(rnd2() * (i + 1)); [perm[i], perm[k]] = [perm[k], perm[i]]; }
    const half = (rs: number[]): ColumnarTable => ({ names: table.names, columns: table.columns.map((c) => rs.map((r) => c[r])) });
    const h = summary(await evaluateTable(core, name, half(perm.slice(0, n >> 1)), half(perm.slice(n >> 1)), metadata));
    rows.push({ name: `${name}: held-out real half vs other half`, variant: 'reference', value: h.privacy.dcr_baseline_protection ?? NaN, unit: 'DCR', note: `quality ${h.quality.score?.toFixed(3)}` });
    const copulaMs = await timeIt(async () => { await sampleCopula(core, await fitCopula(core, name, table, metadata, { seed: 0 }), n, { seed: 1 }); }, 300, 20);
    rows.push({ name: `${name}: copula fit + sample`, variant: 'reference', value: copulaMs, unit: 'ms' });
    for (const privacy of [DEFAULT_PRIVACY, 0, 1]) {
      const fitMs = await timeIt(() => fitCart(core, table, metadata, { privacy, seed: 0 }), 300, 20);
      const model = await fitCart(core, table, metadata, { privacy, seed: 0 });
      const sampleMs = await timeIt(() => sampleCart(core, model, n, 1), 300, 20);
      const synth = await sampleCart(core, model, n, 1);
      const s = summary(await evaluateTable(core, name, table, synth, metadata));
      const f = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
      const note = `quality ${f(s.quality.score)}, shapes ${f(s.quality.column_shapes)}, pairs ${f(s.quality.column_pair_trends)}, ` +
        `DCR ${f(s.privacy.dcr_baseline_protection)}, NewRowSynthesis ${f(s.privacy.new_row_synthesis)}, exact copies ${exactCopies(table, synth)}/${n}, ` +
        `fit ${fitMs.toFixed(1)} ms + sample ${sampleMs.toFixed(1)} ms = ${((fitMs + sampleMs) / copulaMs).toFixed(2)}× copula`;
      rows.push({ name: `${name}: CART fit + sample`, variant: `privacy ${privacy}`, value: fitMs + sampleMs, unit: 'ms', note });
    }
  }
  return rows;
}
