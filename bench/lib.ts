/** Shared benchmark helpers: timing and markdown tables. */
export interface BenchRow { name: string; variant: string; value: number; unit: string; note?: string }

/** Mean wall time (ms) of `fn` over repeated runs lasting at least `minMs`, after one warm-up. */
export async function timeIt(fn: () => unknown | Promise<unknown>, minMs = 300, maxRuns = 1000): Promise<number> {
  await fn();
  let runs = 0;
  const t0 = performance.now();
  let el = 0;
  do { await fn(); runs++; el = performance.now() - t0; } while (el < minMs && runs < maxRuns);
  return el / runs;
}

export function printTable(title: string, rows: BenchRow[]) {
  console.log(`\n## ${title}\n`);
  console.log('| benchmark | variant | value | unit | note |');
  console.log('|---|---|---:|---|---|');
  for (const r of rows) console.log(`| ${r.name} | ${r.variant} | ${Number.isFinite(r.value) ? r.value.toPrecision(4) : r.value} | ${r.unit} | ${r.note ?? ''} |`);
}
