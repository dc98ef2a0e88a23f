/**
 * The table each copula is fitted on: the table's own columns (foreign keys removed — the linker
 * writes them), one child-count column per relationship in which it is the parent (`__count.<edge>`,
 * 0 included, so counts follow the row's attributes), and for a child its primary parent's modelled
 * columns joined through the FK (`__parent.<col>`, null for orphan rows). Width grows linearly with
 * the schema, unlike HMA's per-parent parameter columns (sdv-algorithms.md §B2).
 */
import type { ColumnarTable, SdvColumn, SdvTable } from '../../schema/model';
import type { CopulaModel } from '../copula/types';
import type { ContextColumn } from './types';

export const PARENT_PREFIX = '__parent.';
export const COUNT_PREFIX = '__count.';
/** HMA extension columns (per-parent parameters of a child's copula), synthesizer 'hma'. */
export const HMA_PREFIX = '__hma.';
export const countColumn = (edgeId: string) => COUNT_PREFIX + edgeId;
export const isHelperColumn = (name: string) => name.startsWith(PARENT_PREFIX) || name.startsWith(COUNT_PREFIX) || name.startsWith(HMA_PREFIX);

const COUNT_META: SdvColumn = { sdtype: 'numerical', computer_representation: 'Int64' };

/** The table without its FK columns, and its metadata with the keys that remain. */
export function ownPart(table: ColumnarTable, meta: SdvTable, fkCols: Set<string>): { table: ColumnarTable; meta: SdvTable } {
  const keep = table.names.map((n, i) => [n, i] as const).filter(([n]) => !fkCols.has(n));
  const strip = (k: string | string[] | undefined): string | string[] | undefined => {
    if (k === undefined) return undefined;
    const rest = (Array.isArray(k) ? k : [k]).filter((c) => !fkCols.has(c));
    return rest.length === 0 ? undefined : rest.length === 1 ? rest[0] : rest;
  };
  const columns: Record<string, SdvColumn> = {};
  for (const [n] of keep) columns[n] = meta.columns[n];
  const pk = strip(meta.primary_key);
  const alt = (meta.alternate_keys ?? []).map(strip).filter((k): k is string | string[] => k !== undefined);
  return {
    table: { names: keep.map(([n]) => n), columns: keep.map(([, i]) => table.columns[i]) },
    meta: { ...(pk !== undefined ? { primary_key: pk } : {}), ...(alt.length ? { alternate_keys: alt } : {}), columns }
  };
}

/** Appends count columns (text integers). */
export function addCounts(t: ColumnarTable, meta: SdvTable, counts: { edgeId: string; values: Int32Array }[]): void {
  for (const c of counts) {
    const name = countColumn(c.edgeId);
    t.names.push(name);
    t.columns.push(Array.from(c.values, String));
    meta.columns[name] = COUNT_META;
  }
}

/**
 * The parent columns a child is conditioned on: the parent's modelled own columns (numbers, dates,
 * categories) and its count column for this relationship.
 */
export function contextColumns(parent: CopulaModel, edgeId: string): ContextColumn[] {
  const out: ContextColumn[] = [];
  for (const t of parent.transformer.transformers) {
    const modelled = t.kind === 'numerical' || t.kind === 'datetime' || t.kind === 'categorical';
    if (!modelled) continue;
    if (t.column.startsWith(PARENT_PREFIX)) continue;
    if (t.column.startsWith(COUNT_PREFIX) && t.column !== countColumn(edgeId)) continue;
    out.push({ name: PARENT_PREFIX + t.column, parentColumn: t.column });
  }
  return out;
}

/** Appends context columns: the parent's text at each child row's parent (null for orphans). */
export function addContext(t: ColumnarTable, meta: SdvTable, ctx: ContextColumn[], parent: ColumnarTable, parentMeta: SdvTable, parentOf: Int32Array): void {
  for (const c of ctx) {
    const src = parent.columns[parent.names.indexOf(c.parentColumn)];
    const col: (string | null)[] = new Array(parentOf.length);
    for (let r = 0; r < parentOf.length; r++) col[r] = parentOf[r] >= 0 ? src[parentOf[r]] : null;
    t.names.push(c.name);
    t.columns.push(col);
    meta.columns[c.name] = parentMeta.columns[c.parentColumn] ?? COUNT_META;
  }
}
