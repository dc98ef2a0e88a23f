/**
 * Self-references (`employee.reports_to → employee`): learn the forest's root share, fan-out and
 * depth from the sample; generate a forest breadth-first so every row points to an EARLIER row
 * (rows can be inserted in file order), fan-out drawn from the sample's children-per-row
 * distribution AT THAT DEPTH (managers have more reports than clerks) and no chain deeper than the
 * sample's deepest (a depth-dependent Galton–Watson process).
 */
import type { Rng } from '../transformers/rng';
import { histogram } from './counts';
import type { SelfRefModel } from './types';

/** `parentOf`: parent row per row (−1 null, −2 dangling). */
export function learnSelfRef(id: string, parentOf: Int32Array): SelfRefModel {
  const n = parentOf.length;
  const kids = new Int32Array(n);
  let roots = 0;
  for (let i = 0; i < n; i++) { const p = parentOf[i]; if (p < 0 || p === i) roots++; else kids[p]++; }
  // Depth by memoised walk (cycles in the sample are cut at the first repeat).
  const depth = new Int32Array(n).fill(-1);
  let maxDepth = 0;
  for (let i = 0; i < n; i++) {
    const path: number[] = [];
    let j = i;
    const onPath = new Set<number>();
    while (j >= 0 && depth[j] < 0 && !onPath.has(j)) { onPath.add(j); path.push(j); const p = parentOf[j]; j = p === j ? -1 : p; }
    let d = j >= 0 && depth[j] >= 0 ? depth[j] : -1;
    for (let k = path.length - 1; k >= 0; k--) depth[path[k]] = ++d;
    if (depth[i] > maxDepth) maxDepth = depth[i];
  }
  const byDepth: number[][] = Array.from({ length: maxDepth + 1 }, () => []);
  for (let i = 0; i < n; i++) byDepth[Math.max(0, depth[i])].push(kids[i]);
  return { id, rootRate: n ? roots / n : 1, fanOut: histogram(kids), fanOutByDepth: byDepth.map(histogram), maxDepth };
}

function drawFan(fan: [number, number][], rng: Rng): number {
  let total = 0;
  for (const [, f] of fan) total += f;
  let u = rng.nextFloat() * total;
  for (const [v, f] of fan) { if (u < f) return v; u -= f; }
  return 0;
}

/** Parent row per row: −1 for roots (or the row itself when the FK is not nullable). */
export function buildForest(n: number, m: SelfRefModel, nullable: boolean, rng: Rng): Int32Array {
  const out = new Int32Array(n).fill(-1);
  if (!n) return out;
  const roots = Math.min(n, Math.max(1, Math.round(n * m.rootRate)));
  const queue: number[] = [];
  for (let i = 0; i < roots; i++) { out[i] = nullable ? -1 : i; queue.push(i); }
  const depth = new Int32Array(n);
  const fans = m.fanOutByDepth?.length ? m.fanOutByDepth : [m.fanOut];
  const maxDepth = m.fanOutByDepth?.length ? m.maxDepth : Infinity;
  let next = roots, head = 0;
  while (next < n) {
    if (head >= queue.length) {
      // The process died out before all rows were placed: hang the next row under a random earlier
      // row that is not at the deepest level (a new root if the sample had no chains at all).
      const open: number[] = [];
      for (let i = 0; i < next; i++) if (depth[i] < maxDepth) open.push(i);
      const p = open.length ? open[Math.floor(rng.nextFloat() * open.length)] : -1;
      out[next] = p >= 0 ? p : nullable ? -1 : next;
      depth[next] = p >= 0 ? depth[p] + 1 : 0;
      queue.push(next++);
      continue;
    }
    const node = queue[head++];
    if (depth[node] >= maxDepth) continue;
    const k = drawFan(fans[Math.min(depth[node], fans.length - 1)], rng);
    for (let c = 0; c < k && next < n; c++) { out[next] = node; depth[next] = depth[node] + 1; queue.push(next++); }
  }
  return out;
}
