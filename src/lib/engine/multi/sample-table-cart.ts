/**
 * Samples the rows of ONE table of a 'cart' multi-table model: sequential CART, every row routed
 * through trees that read its own parent row's features (cart-context.ts). Returns the output table
 * (FK columns still null) and the sampled child counts of its count columns (rounded by the reverse
 * transformer; `enforceTotal` adjusts them afterwards).
 */
import type { ColumnarTable } from '../../schema/model';
import type { Core } from '../wasm';
import { sampleCart, type CartModel } from '../cart';
import { COUNT_PREFIX } from './augment';
import { gatherContext, parentFeatures } from './cart-context';
import type { SampledTable } from './sample-table';
import type { TableModel } from './types';

export interface CartCondition {
  parentModel: CartModel;
  /** The parent's synthetic rows (output columns). */
  parent: ColumnarTable;
  /** The parent's children per row in this relationship (final counts), or its raw model counts. */
  counts: ArrayLike<number> | null;
  /** Parent row per child row (−1: orphan). */
  parentOf: Int32Array;
}

export async function sampleCartRows(core: Core, tm: TableModel, n: number, seed: number, cond: CartCondition | null): Promise<SampledTable> {
  const cart = tm.cart!;
  let context;
  if (tm.cartContext && cart.context.length) {
    const spec = tm.cartContext;
    const parentOf = cond?.parentOf ?? new Int32Array(n).fill(-1);
    const feats = cond ? parentFeatures(cond.parentModel, spec, cond.parent, cond.counts, seed) : spec.classes.map(() => new Float64Array(0));
    context = gatherContext(spec, feats, parentOf);
  }
  const text = await sampleCart(core, cart, n, seed, context ? { context } : {});
  const counts = new Map<string, Float64Array>();
  text.names.forEach((name, i) => {
    if (!name.startsWith(COUNT_PREFIX)) return;
    const col = text.columns[i];
    counts.set(name.slice(COUNT_PREFIX.length), Float64Array.from(col, (v) => (v === null ? NaN : Number(v))));
  });
  const fk = new Set(tm.fkColumns);
  const out: ColumnarTable = {
    names: [...tm.names],
    columns: tm.names.map((name) => (fk.has(name) ? new Array<string | null>(n).fill(null) : text.columns[text.names.indexOf(name)]))
  };
  return { table: out, counts };
}
