/**
 * The engine in a real Chromium Web Worker (the /bench route of the production build) next to Node,
 * with the page's main-thread long tasks. Skips with a note row when build/ (with the /bench route)
 * or Chromium is missing — it builds nothing. Details: bench/browser/run.ts, bench/README.md.
 */
import { WORKLOAD_IDS } from '../../src/lib/bench/workloads';
import { benchRows, compare, markdownTable } from '../browser/compare';
import type { BenchRow } from '../lib';

export const title = 'Engine in a Chromium Web Worker vs Node, page main-thread blocking';

export async function run(): Promise<BenchRow[]> {
  const res = await compare({ workloads: WORKLOAD_IDS, node: true, toPage: [100_000, 1_000_000], appWorld: true });
  if (!res.skipped) console.log('\n' + markdownTable(res));
  return benchRows(res);
}
