/** Bundled into the benchmark page (bench/suites/results-store.ts): the real results store on a real IndexedDB. */
import { StudioDB } from '../../src/lib/db/db';
import { createProject } from '../../src/lib/db/projects';
import { estimateTablesBytes, loadLatestRun, saveLatestRun } from '../../src/lib/db/results';
import { startMainThreadMonitor } from '../../src/lib/bench/main-thread-monitor';
import type { ColumnarTable } from '../../src/lib/schema/model';

/** rows × cols text cells like a generated table: ids, decimals, categories, a few missing. */
function table(rows: number, cols: number): ColumnarTable {
  const names = Array.from({ length: cols }, (_, c) => `c${c}`);
  const cats = ['alpha', 'beta', 'gamma', 'delta'];
  const columns = names.map((_, c) => {
    const col: (string | null)[] = new Array(rows);
    for (let r = 0; r < rows; r++) col[r] = c === 0 ? String(r + 1) : (r * 7 + c) % 53 === 0 ? null : c % 3 === 1 ? cats[(r + c) % 4] : ((r * 2654435761 + c) % 100000 / 100).toFixed(2);
    return col;
  });
  return { names, columns };
}

async function one(rows: number, cols: number) {
  const d = new StudioDB(`bench-${crypto.randomUUID()}`);
  const p = await createProject(d, 'bench');
  const tables = { t: table(rows, cols) };
  const bytes = estimateTablesBytes(tables);
  // End the task that built the table, so its length is not counted as the save's.
  await new Promise((r) => setTimeout(r, 100));
  let mon = startMainThreadMonitor();
  let t0 = performance.now();
  const out = await saveLatestRun(d, p.id, { report: 'x' }, tables);
  const saveMs = performance.now() - t0;
  const save = await mon.stop();
  mon = startMainThreadMonitor();
  t0 = performance.now();
  const back = await loadLatestRun(d, p.id);
  const loadMs = performance.now() - t0;
  const load = await mon.stop();
  const ok = back?.tables?.t.columns[cols - 1][rows - 1] === tables.t.columns[cols - 1][rows - 1] && back.tables.t.columns[0].length === rows;
  d.close();
  await StudioDB.delete(d.name);
  return { rows, cols, bytes, status: out.status, ok, saveMs, loadMs, save, load };
}

(window as unknown as { __resultsBench: typeof one }).__resultsBench = one;
