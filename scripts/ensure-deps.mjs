#!/usr/bin/env node
// Installs what is missing on a fresh machine, using only Node built-ins (it runs before `npm ci`).
//   node scripts/ensure-deps.mjs            → npm packages
//   node scripts/ensure-deps.mjs --browser  → also Debian's Chromium, and the sqlite3 CLI that the SQL-export
//                                            round-trip test loads into (both via apt, when root)
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
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const packages = [];
  if (!existsSync(chromium)) {
    if (!isRoot) {
      console.error(`[setup] ${chromium} is missing. Install Debian's chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH.`);
      process.exit(1);
    }
    packages.push('chromium');
  }
  // Optional: without it the real-SQLite round trip is skipped with a warning (the parser-based check still runs).
  if (!existsSync('/usr/bin/sqlite3')) {
    if (isRoot) packages.push('sqlite3');
    else console.warn('[setup] /usr/bin/sqlite3 is missing (sudo apt-get install -y sqlite3): the SQLite round-trip test will be skipped.');
  }
  if (packages.length) {
    console.log(`[setup] installing Debian ${packages.join(' and ')} via apt…`);
    run('apt-get update -qq || true');
    run(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${packages.join(' ')}`);
  }
}
