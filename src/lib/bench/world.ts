/** The world dataset (tests/fixtures/data/world) passed in as text, parsed with the app's own readers. */
import { parseCsvText } from '../schema/csv';
import { parseSdvMetadata } from '../schema/formats/sdv-metadata';
import type { ColumnarTable, SdvMetadata } from '../schema/model';

export interface WorldInput { metadata: string; csv: Record<string, string> }

export function parseWorld(w: WorldInput): { meta: SdvMetadata; tables: Record<string, ColumnarTable> } {
  const meta = parseSdvMetadata(w.metadata, 'world').metadata;
  return { meta, tables: Object.fromEntries(Object.keys(meta.tables).map((t) => [t, parseCsvText(w.csv[t], `${t}.csv`)])) };
}
