/**
 * Fits one table of the multi-table model with sequential CART (synthesizer 'cart'): the table's own
 * columns plus its child-count columns (`__count.<edge>`, extra CART targets, so the number of
 * children follows the row's values non-linearly), with the primary parent's columns and its count
 * in this relationship as context features every tree may split on (cart-context.ts).
 */
import type { ColumnarTable, SdvTable } from '../../schema/model';
import type { Core } from '../wasm';
import type { RunControl } from '../progress';
import { fitCart, type CartModel } from '../cart';
import { cartContextSpec, gatherContext, parentFeatures, type CartContextSpec } from './cart-context';
import type { MultiFitOptions } from './types';

export interface CartParentLink {
  model: CartModel;
  /** The parent's augmented sample (own columns + counts). */
  text: ColumnarTable;
  edgeId: string;
  /** Children per parent row in the sample. */
  counts: Int32Array;
  /** Parent row per child row (< 0: orphan). */
  parentOf: Int32Array;
}

export async function fitCartTable(core: Core, name: string, aug: { table: ColumnarTable; meta: SdvTable }, parent: CartParentLink | null, opts: MultiFitOptions, seed: number, ctl?: RunControl): Promise<{ cart: CartModel; cartContext: CartContextSpec | null }> {
  let cartContext: CartContextSpec | null = null;
  let context;
  if (parent) {
    cartContext = cartContextSpec(parent.model, parent.edgeId);
    const feats = parentFeatures(parent.model, cartContext, parent.text, parent.counts, seed);
    context = gatherContext(cartContext, feats, parent.parentOf);
  }
  const cart = await fitCart(core, aug.table, aug.meta, {
    ...opts.cart, locale: opts.cart?.locale ?? opts.copula?.locale, seed, tableName: name,
    ...(context ? { context, contextClasses: cartContext!.classes } : {})
  }, ctl);
  return { cart, cartContext };
}
