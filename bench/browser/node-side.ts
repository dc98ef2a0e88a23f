/** The same workloads in Node (WASM-SIMD, one fresh core per workload, as the browser uses one fresh worker). */
import { freshCoreNode } from '../../src/lib/engine/wasm-node';
import { runWorkload, type Measurement, type WorkloadId } from '../../src/lib/bench/workloads';
import type { WorldInput } from '../../src/lib/bench/world';

export async function runNode(ids: readonly WorkloadId[], world: WorldInput): Promise<Measurement[]> {
  const out: Measurement[] = [];
  for (const id of ids) out.push(...(await runWorkload(await freshCoreNode('simd'), id, { world })));
  return out;
}
