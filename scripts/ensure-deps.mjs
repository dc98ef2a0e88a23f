#!/usr/bin/env node
// Installs what is missing on a fresh machine, using only Node built-ins (it runs before `npm ci`).
//   node scripts/ensure-deps.mjs            → npm packages
//   node scripts/ensure-deps.mjs --browser  → also Debian's Chromium (via apt, when root)
import { existsSync, statSync } from 'node:fs';
import { execSync } from 'node:child_process';

const run = (cmd) => execSync(cmd, { stdio: 'inherit' });
const needBrowser = process.argv.includes('--browser');

const lock = 'package-lock.json';
const marker = 'node_modules/.package-lock.json';
if (!existsSync(marker) || (existsSync(lock) && statSync(lock).mtimeMs > statSync(marker).mtimeMs + 1000)) {
  console.log('[setup] installing npm packages (npm ci)…');
  run('npm ci --no-audit --no-fund');
}

if (needBrowser) {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    if (!isRoot) {
      console.error(`[setup] ${chromium} is missing. Install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
      process.exit(1);
    }
    console.log('[setup] installing Debian chromium via apt…');
    run('apt-get update -qq || true');
    run('DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium');
  }
}
