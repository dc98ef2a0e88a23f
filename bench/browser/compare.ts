/**
 * Node vs Chromium-worker comparison: runs the workloads in Node (optional) and in the browser, joins
 * them by measurement key and renders the markdown table
 * benchmark | Node | Chromium worker | main-thread max block | target.
 */
import type { BenchRow } from '../lib';
import type { Measurement, WorkloadId } from '../../src/lib/bench/workloads';
import type { PageRun } from '../../src/lib/bench/page-runner';
import { missingPrerequisite, runChromium } from './chromium';
import { runNode } from './node-side';
import { worldInput } from './inputs';

export interface CompareOptions {
  workloads: readonly WorkloadId[];
  node: boolean;
  toPage: number[];
  appWorld: boolean;
  log?: (line: string) => void;
}

export interface CompareResult { skipped: string | null; node: Measurement[]; runs: PageRun[]; seconds: number }

export async function compare(opts: CompareOptions): Promise<CompareResult> {
  const t0 = performance.now();
  const skipped = missingPrerequisite();
  if (skipped) return { skipped, node: [], runs: [], seconds: 0 };
  const world = worldInput();
  const log = opts.log ?? (() => {});
  let node: Measurement[] = [];
  if (opts.node) { log('node: ' + opts.workloads.join(', ')); node = await runNode(opts.workloads, world); }
  const runs = await runChromium({ workloads: opts.workloads, world, toPage: opts.toPage, appWorld: opts.appWorld, log });
  return { skipped: null, node, runs, seconds: (performance.now() - t0) / 1000 };
}

const time = (ms: number | undefined) => (ms === undefined ? '' : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);

const cell = (m: Measurement | undefined) => (m ? (m.stopped ? `> ${time(m.ms)} (stopped)` : time(m.ms)) : '');

function blockCell(r: PageRun): string {
  const m = r.mainThread;
  const lt = m.longTaskApi ? `${m.maxLongTaskMs.toFixed(0)} ms (${m.longTasks} task${m.longTasks === 1 ? '' : 's'} > 50 ms)` : 'long tasks not reported';
  return `${lt}; max frame gap ${m.maxFrameGapMs.toFixed(0)} ms`;
}

export function markdownTable(res: CompareResult): string {
  const lines = ['| benchmark | Node | Chromium worker | main-thread max block | target |', '|---|---:|---:|---|---|'];
  if (res.skipped) return [...lines, `| browser suite skipped | | | | ${res.skipped} |`].join('\n');
  const nodeBy = new Map(res.node.map((m) => [m.key, m]));
  for (const run of res.runs) {
    for (const m of run.measurements) {
      const name = m.note ? `${m.name} (${m.note})` : m.name;
      const n = nodeBy.get(m.key);
      lines.push(`| ${name} | ${cell(n)} | ${cell(m)} | ${blockCell(run)} | ${m.target ?? ''} |`);
    }
  }
  const flavour = res.runs.find((r) => r.flavour)?.flavour;
  lines.push('', `Chromium: ${flavour ?? '?'} WASM build; main-thread numbers cover each whole worker call (input generation included). Total ${res.seconds.toFixed(0)} s.`);
  return lines.join('\n');
}

/** The same result as BenchRows for bench/run.ts (`npm run bench browser`). */
export function benchRows(res: CompareResult): BenchRow[] {
  if (res.skipped) return [{ name: 'browser suite', variant: 'skipped', value: NaN, unit: '', note: res.skipped }];
  const nodeBy = new Map(res.node.map((m) => [m.key, m]));
  const rows: BenchRow[] = [];
  for (const run of res.runs) {
    for (const m of run.measurements) {
      const n = nodeBy.get(m.key);
      const note = (x: Measurement) => [x.target && `target ${x.target}`, x.stopped && 'stopped at its time budget: a lower bound'].filter(Boolean).join('; ');
      if (n) rows.push({ name: m.name, variant: 'node', value: n.ms / 1000, unit: 's', note: note(n) });
      rows.push({ name: m.name, variant: 'chromium worker', value: m.ms / 1000, unit: 's', note: note(m) });
    }
    rows.push({ name: `${run.id}: page main thread`, variant: 'longest task', value: run.mainThread.maxLongTaskMs, unit: 'ms', note: `${run.mainThread.longTasks} tasks > 50 ms; max frame gap ${run.mainThread.maxFrameGapMs.toFixed(0)} ms; target: never > 50 ms` });
  }
  return rows;
}
