import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopulaChunks } from '../../src/lib/engine/copula/sample';
import { mixedTable } from '../data';
import { CopyFilter, newCopyCheck, newRowsOnly } from '../../src/lib/engine/copy-filter';
import type { BenchRow } from '../lib';

export const title = 'Gaussian copula synthesizer (Node, WASM-SIMD): fit and sample';

export async function run(): Promise<BenchRow[]> {
  const core = await loadCoreNode('simd');
  const rows: BenchRow[] = [];
  const big = mixedTable(100_000, 20, 1);
  let t0 = performance.now();
  await fitCopula(core, 'bench', big.table, big.meta, { seed: 1 });
  rows.push({ name: 'fit 100k rows × 20 mixed columns', variant: 'wasm-simd', value: (performance.now() - t0) / 1000, unit: 's', note: 'target < 2 s' });

  const ten = mixedTable(20_000, 10, 2);
  const model = await fitCopula(core, 'bench10', ten.table, ten.meta, { seed: 1 });
  t0 = performance.now();
  let n = 0;
  for await (const chunk of sampleCopulaChunks(core, model, 1_000_000, { seed: 1 })) n += chunk.columns[0].length;
  rows.push({ name: `sample ${n.toLocaleString('en')} rows × 10 columns (text out)`, variant: 'wasm-simd', value: (performance.now() - t0) / 1000, unit: 's', note: 'target < 1 s' });
  // "New rows only" (copy-filter.ts, on by default in the app and the CLI): every row checked against the 20k real rows.
  t0 = performance.now();
  const check = newCopyCheck('bench10');
  const filter = new CopyFilter(core, 'bench10', ten.table, ten.meta);
  n = 0;
  for await (const chunk of newRowsOnly(filter, 1_000_000, (m, pass) => sampleCopulaChunks(core, model, m, { seed: 1 + 104729 * pass }), check)) n += chunk.columns[0].length;
  rows.push({ name: `sample ${n.toLocaleString('en')} rows × 10 columns (text out), new rows only`, variant: 'wasm-simd', value: (performance.now() - t0) / 1000, unit: 's', note: `${check.matched} reproduced rows replaced` });
  // Stratified marginals (copula/stratify.ts) apply up to 131,072 rows: their cost at 100k rows.
  for (const stratify of [false, true]) {
    t0 = performance.now();
    for await (const chunk of sampleCopulaChunks(core, model, 100_000, { seed: 1, stratify })) void chunk;
    rows.push({ name: 'sample 100,000 rows × 10 columns (text out)', variant: stratify ? 'stratified (default)' : 'plain draws', value: (performance.now() - t0) / 1000, unit: 's', note: `${model.columns.length} model columns` });
  }
  return rows;
}
