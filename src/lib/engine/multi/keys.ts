/**
 * Key tuples of multi-table data: a (possibly composite) key of one row as one string, parts joined
 * by U+0001 (never in CSV text we write), `null` when any part is missing. Used to join children to
 * parents, to count children and to keep junction pairs distinct.
 */
import { AppError, type ColumnarTable } from '../../schema/model';

export const KEY_SEP = '\u0001';

export function columnOf(table: ColumnarTable, name: string, tableName: string): (string | null)[] {
  const i = table.names.indexOf(name);
  if (i < 0) throw new AppError('multi/missing-column', `Table "${tableName}" has no column "${name}" (named by a key or relationship)`, { file: `${tableName}.csv`, column: name });
  return table.columns[i];
}

/** One key string per row; `null` where any key part is missing or blank. */
export function keyTuples(table: ColumnarTable, cols: string[], tableName: string): (string | null)[] {
  const parts = cols.map((c) => columnOf(table, c, tableName));
  const n = parts[0]?.length ?? 0;
  const out: (string | null)[] = new Array(n);
  for (let r = 0; r < n; r++) {
    let key: string | null = '';
    for (let p = 0; p < parts.length; p++) {
      const v = parts[p][r];
      if (v === null || v.trim() === '') { key = null; break; }
      key = p ? key + KEY_SEP + v : v;
    }
    out[r] = key;
  }
  return out;
}

/** Row index of every key (first occurrence). */
export function keyIndex(keys: (string | null)[]): Map<string, number> {
  const m = new Map<string, number>();
  keys.forEach((k, i) => { if (k !== null && !m.has(k)) m.set(k, i); });
  return m;
}

/** Parent row of each child row: −1 for a null foreign key, −2 for a key that matches no parent row. */
export function parentRows(childKeys: (string | null)[], parentIndex: Map<string, number>): Int32Array {
  const out = new Int32Array(childKeys.length);
  childKeys.forEach((k, i) => { out[i] = k === null ? -1 : parentIndex.get(k) ?? -2; });
  return out;
}

/** Children per parent row (valid links only). */
export function childCounts(parentOf: Int32Array, parents: number): Int32Array {
  const c = new Int32Array(parents);
  for (const p of parentOf) if (p >= 0) c[p]++;
  return c;
}

/** Writes parent key parts into the child's FK columns for the given parent row per child row (−1 ⇒ null). */
export function writeForeignKey(child: ColumnarTable, fkCols: string[], parentKeyParts: (string | null)[][], parentOf: Int32Array, childName: string): void {
  fkCols.forEach((c, p) => {
    const col = columnOf(child, c, childName);
    const src = parentKeyParts[p];
    for (let r = 0; r < parentOf.length; r++) col[r] = parentOf[r] >= 0 ? src[parentOf[r]] : null;
  });
}
