/**
 * Canvas frame times for 100 tables × 10 columns (+ 99 relationships), measured in Debian's
 * Chromium through Playwright: load-to-render time, then requestAnimationFrame intervals while
 * panning, dragging a table and zooming. Needs `npm run build` first.
 * Run: npx tsx bench/canvas/run.ts   (env: BENCH_PORT, CHROMIUM_PATH; BENCH_TRACE=file.json saves a
 * Chromium trace of the mouse-wheel zoom, BENCH_SHOT=dir saves canvas screenshots)
 */
import { spawn } from 'node:child_process';
import { chromium, type Page } from '@playwright/test';
import { printTable, type BenchRow } from '../lib';

const TABLES = 100, COLUMNS = 10;
const port = Number(process.env.BENCH_PORT || 4391);
const base = `http://127.0.0.1:${port}`;

async function waitForServer() {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/')).ok) return; } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** Writes the schema straight into the app's IndexedDB (rows as src/lib/db/db.ts defines them). */
async function seed(page: Page, projectId: string) {
  await page.evaluate(async ({ projectId, TABLES, COLUMNS }) => {
    const db: IDBDatabase = await new Promise((res, rej) => { const r = indexedDB.open('synthetic-data-studio'); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const tx = db.transaction(['schemaTables', 'columns', 'relationships'], 'readwrite');
    const types = ['integer', 'string', 'email', 'decimal', 'datetime', 'categorical', 'boolean', 'text', 'uuid', 'phone'];
    for (let t = 0; t < TABLES; t++) {
      const tid = `t${t}`;
      tx.objectStore('schemaTables').put({ id: tid, project_id: projectId, name: `table_${t}`, order: t, position: { x: (t % 10) * 320, y: Math.floor(t / 10) * 320 } });
      for (let c = 0; c < COLUMNS; c++) {
        tx.objectStore('columns').put({
          id: `${tid}c${c}`, project_id: projectId, table_id: tid, name: c === 0 ? 'id' : c === 1 ? 'parent_id' : `column_${c}`,
          data_type: c < 2 ? 'integer' : types[c], is_nullable: c > 1, is_primary_key: c === 0, is_unique: c === 0, order: c
        });
      }
      if (t > 0) {
        const parent = `t${Math.floor((t - 1) / 3)}`;
        tx.objectStore('relationships').put({
          id: `r${t}`, project_id: projectId, source_table_id: parent, source_column_id: `${parent}c0`, target_table_id: tid,
          target_column_id: `${tid}c1`, relationship_type: 'one-to-many', created_at: new Date().toISOString()
        });
      }
    }
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
    db.close();
  }, { projectId, TABLES, COLUMNS });
}

/**
 * Starts recording rAF intervals, and for every wheel event the time from the event to the end of
 * the next frame (a rAF callback queues a task, which runs after that frame is painted).
 */
async function startFrames(page: Page) {
  // A string, not a function: tsx's name-keeping helper (__name) does not exist in the page.
  await page.evaluate(`(() => {
    window.__frames = []; window.__lat = []; window.__stop = false;
    let last = performance.now();
    function tick(now) { window.__frames.push(now - last); last = now; if (!window.__stop) requestAnimationFrame(tick); }
    requestAnimationFrame(tick);
    window.__onwheel = (e) => { const t = e.timeStamp; requestAnimationFrame(() => setTimeout(() => window.__lat.push(performance.now() - t))); };
    window.addEventListener('wheel', window.__onwheel, { capture: true, passive: true });
  })()`);
}

async function stopFrames(page: Page): Promise<{ frames: number[]; latency: number[] }> {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
  return page.evaluate(`(() => {
    window.__stop = true; window.removeEventListener('wheel', window.__onwheel, { capture: true });
    return { frames: window.__frames.slice(1), latency: window.__lat };
  })()`);
}

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p * s.length))]; };

function latencyRows(action: string, l: number[]): BenchRow[] {
  return [
    { name: `${action}: wheel event → painted`, variant: 'p50', value: pct(l, 0.5), unit: 'ms', note: `${l.length} events` },
    { name: `${action}: wheel event → painted`, variant: 'p95', value: pct(l, 0.95), unit: 'ms' }
  ];
}

/** A point of the canvas background (no table or link under it), searched from the bottom-right. */
async function blankPoint(page: Page, box: { x: number; y: number; width: number; height: number }) {
  return page.evaluate(({ x, y, width, height }) => {
    for (let dy = 10; dy < height / 2; dy += 7) for (let dx = 10; dx < width / 2; dx += 7) {
      const el = document.elementFromPoint(x + width - dx, y + height - dy);
      if (el && el.closest('[data-testid=schema-canvas]') && !el.closest('.joint-cell')) return { x: x + width - dx, y: y + height - dy };
    }
    throw new Error('no blank point on the canvas');
  }, box);
}

const mounted = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-testid=schema-canvas] .joint-element').length);

function frameRows(action: string, { frames: f }: { frames: number[] }): BenchRow[] {
  return [
    { name: `${action}: frame time`, variant: 'p50', value: pct(f, 0.5), unit: 'ms', note: `${f.length} frames` },
    { name: `${action}: frame time`, variant: 'p95', value: pct(f, 0.95), unit: 'ms' },
    { name: `${action}: frame time`, variant: 'max', value: Math.max(...f), unit: 'ms', note: `${f.filter((x) => x > 50).length} frames > 50 ms` }
  ];
}

async function main() {
  const server = spawn('node', ['scripts/serve.mjs', '--port', String(port)], { stdio: 'ignore' });
  const rows: BenchRow[] = [];
  try {
    await waitForServer();
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(base + '/');
    await page.getByLabel('Project name').fill('Canvas bench');
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.getByRole('tab', { name: 'Schema' }).waitFor();
    const projectId = new URL(page.url()).searchParams.get('project')!;
    await seed(page, projectId);

    const t0 = Date.now();
    await page.goto(`${base}/?project=${projectId}&tab=relationships`);
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid=schema-canvas] .joint-element').length === n && document.querySelectorAll('[data-testid=schema-canvas] .joint-link').length === n - 1, TABLES, { timeout: 60_000 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    rows.push({ name: `open tab → ${TABLES} tables × ${COLUMNS} columns drawn`, variant: 'chromium', value: Date.now() - t0, unit: 'ms', note: 'includes page load + IndexedDB read' });

    const canvas = (await page.getByTestId('schema-canvas').boundingBox())!;
    if (process.env.BENCH_SHOT) await page.getByTestId('schema-canvas').screenshot({ path: `${process.env.BENCH_SHOT}/fit.png` });
    // Pan: drag the background (top-left corner is empty after fit-to-screen).
    await startFrames(page);
    await page.mouse.move(canvas.x + 8, canvas.y + 8);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(canvas.x + 8 + i * 5, canvas.y + 8 + i * 3);
    await page.mouse.up();
    rows.push(...frameRows('pan', await stopFrames(page)));

    // Drag a table by its title.
    const title = page.locator('[data-testid=schema-canvas] .joint-element text', { hasText: /^table_55$/ });
    const b = (await title.boundingBox())!;
    await startFrames(page);
    await page.mouse.move(b.x + 3, b.y + 3);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(b.x + 3 + i * 4, b.y + 3 + i * 2);
    await page.mouse.up();
    rows.push(...frameRows('drag table', await stopFrames(page)));

    // Zoom with the wheel over the canvas.
    if (process.env.BENCH_TRACE) await browser.startTracing(page, { path: process.env.BENCH_TRACE, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.stack', 'blink', 'cc'] });
    await startFrames(page);
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 20; i++) { await page.mouse.wheel(0, i < 10 ? -120 : 120); await page.waitForTimeout(30); }
    let rec = await stopFrames(page);
    rows.push(...frameRows('wheel zoom (mouse, 20 notches)', rec), ...latencyRows('wheel zoom (mouse)', rec.latency));
    if (process.env.BENCH_TRACE) await browser.stopTracing();

    // Trackpad-like zoom: small wheel deltas every 4 ms (about four per frame), in to ~1.7× and
    // back out. Dispatched in the page: Playwright's mouse.wheel waits ~100 ms per event.
    await startFrames(page);
    await page.evaluate(`new Promise((done) => {
      const x = ${canvas.x + canvas.width / 2}, y = ${canvas.y + canvas.height / 2};
      const target = document.elementFromPoint(x, y);
      let i = 0;
      const id = setInterval(() => {
        target.dispatchEvent(new WheelEvent('wheel', { deltaY: i < 120 ? -12.5 : 12.5, clientX: x, clientY: y, bubbles: true, cancelable: true }));
        if (++i === 240) { clearInterval(id); done(); }
      }, 4);
    })`);
    rec = await stopFrames(page);
    rows.push(...frameRows('wheel zoom (trackpad, 240 events at 4 ms)', rec), ...latencyRows('wheel zoom (trackpad)', rec.latency));

    // Zoomed in (100 %): pan across the diagram, then zoom out to the whole diagram and back.
    await page.getByRole('button', { name: 'Fit to screen' }).click();
    for (let i = 0; i < 9; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const near = await mounted(page);
    if (process.env.BENCH_SHOT) await page.getByTestId('schema-canvas').screenshot({ path: `${process.env.BENCH_SHOT}/zoom-100.png` });
    await startFrames(page);
    const start = await blankPoint(page, canvas);
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) await page.mouse.move(start.x - i * 15, start.y - i * 8);
    await page.mouse.up();
    rows.push(...frameRows('pan at ≈100 % zoom', await stopFrames(page)));
    rows.push({ name: 'tables in the DOM at ≈100 % zoom', variant: 'chromium', value: near, unit: 'tables', note: `of ${TABLES}; with culling, off-screen ones are not mounted` });
    await startFrames(page);
    await page.mouse.move(canvas.x + canvas.width / 2, canvas.y + canvas.height / 2);
    for (let i = 0; i < 30; i++) { await page.mouse.wheel(0, i < 15 ? 120 : -120); await page.waitForTimeout(30); }
    rec = await stopFrames(page);
    rows.push(...frameRows('wheel zoom out from 100 % and back (30 notches)', rec), ...latencyRows('wheel zoom out and back', rec.latency));

    const t1 = Date.now();
    await page.getByRole('button', { name: 'Auto-layout' }).click();
    // The button is disabled while ELK runs and the moves are applied.
    await page.waitForFunction(() => [...document.querySelectorAll('button')].find((b) => b.textContent === 'Auto-layout')?.disabled === false);
    rows.push({ name: 'auto-layout (elkjs layered) + fit', variant: 'chromium', value: Date.now() - t1, unit: 'ms' });
    await browser.close();
  } finally {
    server.kill();
  }
  printTable(`canvas — ${TABLES} tables × ${COLUMNS} columns, ${TABLES - 1} relationships (JointJS, headless Chromium, software rendering)`, rows);
}

await main();
