/**
 * Engine speed in a real Chromium Web Worker vs Node, and the page's main-thread responsiveness
 * meanwhile. Needs `npm run build` first (serves build/ as is; builds nothing).
 * Run: npx tsx bench/browser/run.ts [workload…] [--no-node]
 *   workloads: copula-fit copula-sample world five-table report dcr (default: all)
 *   env: CHROMIUM_PATH (default /usr/bin/chromium), BENCH_PORT (default: a free port)
 */
import { WORKLOAD_IDS, type WorkloadId } from '../../src/lib/bench/workloads';
import { compare, markdownTable } from './compare';

const args = process.argv.slice(2);
const picked = args.filter((a) => !a.startsWith('--'));
const bad = picked.filter((a) => !(WORKLOAD_IDS as readonly string[]).includes(a));
if (bad.length) { console.error(`unknown workload(s): ${bad.join(', ')}; known: ${WORKLOAD_IDS.join(', ')}`); process.exit(2); }
const all = picked.length === 0;
const res = await compare({
  workloads: all ? WORKLOAD_IDS : (picked as WorkloadId[]),
  node: !args.includes('--no-node'),
  toPage: all ? [100_000, 1_000_000] : [],
  appWorld: all || picked.includes('world'),
  log: (l) => console.error(l)
});
console.log('\n## Engine in a Chromium Web Worker vs Node\n');
console.log(markdownTable(res));
