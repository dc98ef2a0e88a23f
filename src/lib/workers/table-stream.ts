/**
 * Large tables cross the worker boundary in slices, not in one message.
 *
 * Why: structured-cloning a 1M-row × 10-column result (10M strings) in one postMessage blocks the
 * page's main thread for about a second when it is deserialised (measured: bench/browser). Slices of
 * SLICE_ROWS values per column are each cheap to receive, so the page stays responsive.
 */
import type { ColumnarTable } from '$lib/schema/model';

export const SLICE_ROWS = 50_000;

export type TableSlice = (table: string, column: number, values: (string | null)[]) => Promise<void> | void;

export interface TableShape { names: string[]; rows: number }

/** Worker side: sends every column of every table in slices; returns the shapes to rebuild them. */
export async function sendTables(tables: Record<string, ColumnarTable>, send: TableSlice): Promise<Record<string, TableShape>> {
  const shapes: Record<string, TableShape> = {};
  for (const [name, t] of Object.entries(tables)) {
    const rows = t.columns.length ? t.columns[0].length : 0;
    shapes[name] = { names: t.names, rows };
    for (let c = 0; c < t.columns.length; c++) {
      for (let off = 0; off < rows; off += SLICE_ROWS) await send(name, c, t.columns[c].slice(off, off + SLICE_ROWS));
    }
  }
  return shapes;
}

/** Page side: collects the slices, then rebuilds the tables from their shapes. */
export class TableAssembler {
  private parts = new Map<string, (string | null)[][][]>();

  readonly add: TableSlice = (table, column, values) => {
    let cols = this.parts.get(table);
    if (!cols) this.parts.set(table, (cols = []));
    (cols[column] ??= []).push(values);
  };

  build(shapes: Record<string, TableShape>): Record<string, ColumnarTable> {
    const out: Record<string, ColumnarTable> = {};
    for (const [name, shape] of Object.entries(shapes)) {
      const cols = this.parts.get(name) ?? [];
      out[name] = { names: shape.names, columns: shape.names.map((_, c) => (cols[c] ?? []).flat()) };
    }
    return out;
  }
}
