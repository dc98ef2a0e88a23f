/**
 * Drives the /bench page of the existing production build in Debian's Chromium: serves build/ with
 * scripts/serve.mjs (child process, free port), opens /bench with service workers blocked (no
 * precache traffic during the runs), and calls `window.__bench` (src/lib/bench/page-runner.ts).
 * Builds nothing: a missing build/, a build without the /bench route or a missing Chromium is
 * reported by `missingPrerequisite` so callers can skip with a note.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import type { PageRun } from '../../src/lib/bench/page-runner';
import type { WorkloadId } from '../../src/lib/bench/workloads';
import type { WorldInput } from '../../src/lib/bench/world';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Why the browser benchmarks cannot run here, or null. */
export function missingPrerequisite(): string | null {
  if (!existsSync(ROOT + 'build/index.html')) return 'build/ is missing: run `npm run build` first (this suite builds nothing)';
  const workers = ROOT + 'build/_app/immutable/workers/';
  if (!existsSync(workers) || !readdirSync(workers).some((f) => f.startsWith('bench.worker'))) return 'build/ predates the /bench route: run `npm run build` again';
  if (!existsSync(CHROMIUM_PATH)) return `${CHROMIUM_PATH} is missing (Debian package chromium; or set CHROMIUM_PATH)`;
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
  });
}

async function waitForServer(base: string) {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(base + '/')).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the build server did not answer at ${base}`);
}

export interface ChromiumPlan {
  workloads: readonly WorkloadId[];
  world: WorldInput;
  /** Row counts for "sample and receive on the page" runs (main-thread cost of a large result). */
  toPage: number[];
  /** World through the app's own engine worker generate(). */
  appWorld: boolean;
  log?: (line: string) => void;
}

export async function runChromium(plan: ChromiumPlan): Promise<PageRun[]> {
  const port = Number(process.env.BENCH_PORT) || (await freePort());
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(process.execPath, ['scripts/serve.mjs', '--port', String(port)], { cwd: ROOT, stdio: 'ignore' });
  const log = plan.log ?? (() => {});
  try {
    await waitForServer(base);
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    try {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await page.goto(base + '/bench');
      // Polled from here: waitForFunction with a string predicate evals in the page, which the CSP forbids.
      let ready = false;
      for (let i = 0; i < 300 && !ready; i++) {
        ready = (await page.evaluate('!!(window.__bench && window.__bench.ready)')) as boolean;
        if (!ready) await new Promise((r) => setTimeout(r, 100));
      }
      if (!ready) throw new Error(`the /bench page did not start${errors.length ? ': ' + errors.join('; ') : ''}`);
      // Strings, not functions: tsx's name-keeping helper (__name) does not exist in the page.
      const call = async (expr: string): Promise<PageRun> => {
        try { return (await page.evaluate(expr)) as PageRun; } catch (e) { throw new Error(`${expr.slice(0, 60)}…: ${(e as Error).message}${errors.length ? ' / ' + errors.join('; ') : ''}`); }
      };
      const runs: PageRun[] = [await call('window.__bench.calibrate(120)')];
      // Handed over in its own task, so parsing 290 kB of literal is not counted as main-thread work of a run.
      await page.evaluate(`window.__benchWorld = ${JSON.stringify(plan.world)}; undefined`);
      const world = 'window.__benchWorld';
      for (const id of plan.workloads) {
        log(`chromium: ${id}`);
        runs.push(await call(`window.__bench.runInWorker(${JSON.stringify(id)}, ${id === 'world' ? world : 'undefined'})`));
      }
      if (plan.appWorld) { log('chromium: world via the engine worker'); runs.push(await call(`window.__bench.generateWorldInEngine(${world})`)); }
      for (const rows of plan.toPage) {
        for (const packed of [false, true]) { log(`chromium: ${rows} rows to the page${packed ? ' (packed)' : ''}`); runs.push(await call(`window.__bench.sampleToPage(${rows}, ${packed})`)); }
      }
      return runs;
    } finally {
      await browser.close();
    }
  } finally {
    server.kill();
  }
}
