/**
 * Up-front width estimate of the HMA-compatible mode (sdv-algorithms.md §B2, SDV's
 * `_estimate_num_columns`): each (child, primary FK) adds 1 + 2n + n(n−1)/2 columns to its parent —
 * the child count, a mean and a standard deviation per child column, the correlation entries — where
 * n is the child's modelled columns INCLUDING its own extension columns, so widths compound up the
 * tree. Computed from the metadata and the samples' missing values before anything is fitted.
 */
import { AppError, type ColumnarTable, type SdvMetadata } from '../../schema/model';
import type { TableGraph } from './graph';
import type { HmaOptions, MultiWarning } from './hma-types';

export const HMA_WARN_COLUMNS = 200;
export const HMA_MAX_COLUMNS = 1000;

/** Columns one (child, FK) adds to its parent for a child with n modelled columns. */
export const hmaExtensionWidth = (n: number) => 1 + 2 * n + (n * (n - 1)) / 2;

const MODELLED = new Set(['numerical', 'datetime', 'categorical', 'boolean']);

/** Modelled columns of a table on its own: one per numerical/datetime/categorical/boolean column (and non-key id), plus a missing indicator per column with nulls. */
function ownWidth(name: string, meta: SdvMetadata, data: ColumnarTable | undefined, fk: Set<string>): number {
  let w = 0;
  const tm = meta.tables[name];
  const keys = new Set([tm.primary_key ?? [], ...(tm.alternate_keys ?? [])].flat());
  for (const [c, col] of Object.entries(tm.columns)) {
    if (fk.has(c)) continue;
    // an id column that is no key is modelled like a category (as the transformers do)
    if (MODELLED.has(col.sdtype) || (col.sdtype === 'id' && !keys.has(c))) w++;
    const cells = data?.columns[data.names.indexOf(c)];
    if (cells && col.sdtype !== 'categorical' && col.sdtype !== 'boolean' && col.sdtype !== 'id' && cells.some((v) => v === null || v === '')) w++;
  }
  return w;
}

/**
 * Estimated modelled columns per table once extension columns are added (children first).
 * `hasData(t)`: whether the table has a sample (only sampled children get extension columns).
 */
export function estimateHmaWidths(graph: TableGraph, meta: SdvMetadata, data: (t: string) => ColumnarTable | undefined, fkCols: Map<string, Set<string>>): Map<string, number> {
  const width = new Map<string, number>();
  for (const t of [...graph.order].reverse()) {
    let w = ownWidth(t, meta, data(t), fkCols.get(t) ?? new Set());
    for (const e of graph.edges) {
      if (e.parent !== t || e.child === t) continue;
      if (graph.primary.get(e.child)?.id === e.id && data(e.child) && data(t)) w += hmaExtensionWidth(width.get(e.child) ?? 0);
      else w += 1; // a count column (capacities of a secondary parent)
    }
    width.set(t, w);
  }
  return width;
}

/** Warnings above `warnColumns`; an AppError above `maxColumns` (before any fitting). */
export function checkHmaWidths(widths: Map<string, number>, opts: HmaOptions = {}): MultiWarning[] {
  const warn = opts.warnColumns ?? HMA_WARN_COLUMNS, max = opts.maxColumns ?? HMA_MAX_COLUMNS;
  if (!(warn >= 0) || !(max >= 0)) throw new AppError('multi/bad-option', `HMA column limits must be numbers ≥ 0 (warn ${warn}, max ${max})`);
  const out: MultiWarning[] = [];
  for (const [table, columns] of widths) {
    if (columns > max) {
      throw new AppError('multi/hma-too-wide', `HMA would model table "${table}" with about ${columns} columns (its children's per-parent parameters), above the limit of ${max}. Use the default synthesizer ('copula') or 'cart', whose width grows linearly, or drop columns from the child tables.`, { path: `tables.${table}` }, { table, columns, max });
    }
    if (columns > warn) out.push({ code: 'multi/hma-wide', table, columns, message: `HMA models table "${table}" with about ${columns} columns (per-parent parameters of its children); the model grows with the square of the children's widths and, with far fewer rows than columns, its estimates are noisy (its correlation is mostly shrinkage). The default synthesizer stays linear in width.` });
  }
  return out;
}
