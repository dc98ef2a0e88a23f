/**
 * Benchmarks (`npm run bench [suite…]`). Speed lives here, never in unit tests.
 * Every file in bench/suites/ exports `title` and `run(): Promise<BenchRow[]>`; each prints a table.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, type BenchRow } from './lib';

const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const only = process.argv.slice(2);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts')).sort()) {
  const name = file.replace(/\.ts$/, '');
  if (only.length && !only.includes(name)) continue;
  const suite = (await import(pathToFileURL(dir + file).href)) as { title: string; run: () => Promise<BenchRow[]> };
  printTable(`${name} — ${suite.title}`, await suite.run());
}
