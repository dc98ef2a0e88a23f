import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { normalSampleStats } from '../../src/lib/engine/normal-sample';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Foundation: page → worker → WASM path (Node)';

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const flavour of ['simd', 'scalar'] as const) {
    const core = await loadCoreNode(flavour);
    const ms = await timeIt(() => normalSampleStats(core, 1_000_000, 1));
    rows.push({ name: 'normal sample + moments, 1M', variant: `wasm-${flavour}`, value: ms, unit: 'ms' });
  }
  return rows;
}
