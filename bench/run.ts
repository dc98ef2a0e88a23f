/**
 * Benchmarks (`npm run bench`). Speed lives here, never in unit tests. Prints one table per suite.
 * Each suite measures what it says on the same WASM binaries the app ships.
 */
import { loadCoreNode } from '../src/lib/engine/wasm-node';
import { normalSampleStats } from '../src/lib/engine/normal-sample';

export interface BenchRow { name: string; variant: string; value: number; unit: string }

export async function timeIt(fn: () => unknown | Promise<unknown>, minMs = 300): Promise<number> {
  await fn(); // warm-up
  let runs = 0;
  const t0 = performance.now();
  let el = 0;
  do { await fn(); runs++; el = performance.now() - t0; } while (el < minMs);
  return el / runs;
}

export function printTable(title: string, rows: BenchRow[]) {
  console.log(`\n## ${title}\n`);
  console.log('| benchmark | variant | value | unit |');
  console.log('|---|---|---:|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.variant} | ${r.value.toPrecision(4)} | ${r.unit} |`);
}

async function foundation(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const flavour of ['simd', 'scalar'] as const) {
    const core = await loadCoreNode(flavour);
    const ms = await timeIt(() => normalSampleStats(core, 1_000_000, 1));
    rows.push({ name: 'normal sample + moments, 1M', variant: `wasm-${flavour}`, value: ms, unit: 'ms' });
  }
  return rows;
}

const suites: Record<string, () => Promise<BenchRow[]>> = { foundation };
const only = process.argv[2];
for (const [name, suite] of Object.entries(suites)) {
  if (only && only !== name) continue;
  printTable(name, await suite());
}
