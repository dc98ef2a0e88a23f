/**
 * Keeping the last run on the device (src/lib/db/results.ts) in Debian's Chromium with a real
 * IndexedDB: time to save and to load 100k and 1M rows × 10 columns, and the page's main-thread
 * blocking meanwhile (Long Tasks API + frame gaps, src/lib/bench/main-thread-monitor.ts).
 * The store is bundled with esbuild (bench/pages/results-store-page.ts) and served on a routed localhost
 * page (a secure context; no build, no server needed). Skips with a note row without Chromium.
 * Target: no main-thread task > 50 ms while saving or loading (the page keeps drawing).
 * Run: npx tsx bench/run.ts results-store   (env: CHROMIUM_PATH)
 */
import { existsSync } from 'node:fs';
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import type { BenchRow } from '../lib';

const SIZES: [number, number][] = [[100_000, 10], [1_000_000, 10]];

export const title = 'Last run kept in IndexedDB (Chromium): save / load time and main-thread blocking';

export async function run(): Promise<BenchRow[]> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) return [{ name: 'results store', variant: 'skipped', value: NaN, unit: '', note: `no Chromium at ${executablePath}` }];
  const bundle = await build({ entryPoints: [new URL('../pages/results-store-page.ts', import.meta.url).pathname], bundle: true, write: false, format: 'iife', target: 'es2022', logLevel: 'error' });
  const script = bundle.outputFiles[0].text;
  const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const rows: BenchRow[] = [];
  try {
    const page = await browser.newPage();
    await page.route('http://localhost:4472/**', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>results bench</title><p>bench</p>' }));
    await page.goto('http://localhost:4472/');
    await page.addScriptTag({ content: script });
    for (const [n, cols] of SIZES) {
      const r = await page.evaluate(`window.__resultsBench(${n}, ${cols})`) as {
        bytes: number; status: string; ok: boolean; saveMs: number; loadMs: number;
        save: { maxLongTaskMs: number; longTasks: number; maxFrameGapMs: number }; load: { maxLongTaskMs: number; longTasks: number; maxFrameGapMs: number };
      };
      const label = `${n.toLocaleString('en-US')} × ${cols}`;
      const note = `${(r.bytes / 2 ** 20).toFixed(0)} MB est., ${r.status}${r.ok ? '' : ', ROUND TRIP MISMATCH'}`;
      rows.push({ name: `save ${label}`, variant: 'wall', value: r.saveMs, unit: 'ms', note });
      rows.push({ name: `save ${label}`, variant: 'max long task', value: r.save.maxLongTaskMs, unit: 'ms', note: `${r.save.longTasks} tasks > 50 ms; max frame gap ${r.save.maxFrameGapMs.toFixed(0)} ms` });
      rows.push({ name: `load ${label}`, variant: 'wall', value: r.loadMs, unit: 'ms' });
      rows.push({ name: `load ${label}`, variant: 'max long task', value: r.load.maxLongTaskMs, unit: 'ms', note: `${r.load.longTasks} tasks > 50 ms; max frame gap ${r.load.maxFrameGapMs.toFixed(0)} ms` });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
