/** Inputs the browser cannot fetch from build/: the world dataset's text, read from tests/fixtures. */
import { readFileSync } from 'node:fs';
import type { WorldInput } from '../../src/lib/bench/world';

export function worldInput(): WorldInput {
  const dir = new URL('../../tests/fixtures/data/world/', import.meta.url);
  const metadata = readFileSync(new URL('metadata.sdv.json', dir), 'utf8');
  const tables = Object.keys((JSON.parse(metadata) as { tables: Record<string, unknown> }).tables);
  return { metadata, csv: Object.fromEntries(tables.map((t) => [t, readFileSync(new URL(`${t}.csv`, dir), 'utf8')])) };
}
