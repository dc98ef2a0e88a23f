/**
 * Visit order of the sequential synthesizer. Every column is modelled on the columns before it, so the order
 * decides which dependencies a tree can see first.
 *  - 'file': the table's column order (synthpop's default).
 *  - 'auto' (default): low-cardinality categories first, fewest categories first (synthpop's advice: they are
 *    cheap to draw from the marginal and make good splitting variables), then numbers and dates in table
 *    order, then high-cardinality categories (> HIGH_CARDINALITY), which are best predicted from everything else.
 *  - a list of table column names: those first, in that order, the rest in 'auto' order.
 * A missing indicator always comes right before its value column (the value tree trains on present rows only).
 */
import { AppError } from '../../schema/model';
import type { ModelColumnSpec } from '../transformers';

export const HIGH_CARDINALITY = 50;

export function visitOrder(specs: ModelColumnSpec[], classes: number[], order: 'auto' | 'file' | string[]): number[] {
  const idx = specs.map((_, j) => j);
  const rank = (j: number): number => {
    const s = specs[j];
    if (s.role === 'value') return 1;
    return classes[j] > HIGH_CARDINALITY ? 2 : 0;
  };
  // groups: one per source column, indicator before value
  const sources: string[] = [];
  for (const s of specs) if (!sources.includes(s.source)) sources.push(s.source);
  const group = (src: string) => idx.filter((j) => specs[j].source === src).sort((a, b) => (specs[a].role === 'missing' ? -1 : specs[b].role === 'missing' ? 1 : a - b));
  const groupKey = (src: string) => {
    const g = group(src);
    const main = g.find((j) => specs[j].role !== 'missing') ?? g[0];
    return { r: rank(main), k: specs[main].role === 'value' ? 0 : classes[main], pos: sources.indexOf(src) };
  };
  let srcOrder: string[];
  if (order === 'file') srcOrder = sources;
  else {
    const auto = [...sources].sort((a, b) => {
      const ka = groupKey(a), kb = groupKey(b);
      return ka.r - kb.r || (ka.r === 0 ? ka.k - kb.k : 0) || ka.pos - kb.pos;
    });
    if (order === 'auto') srcOrder = auto;
    else {
      if (!Array.isArray(order)) throw new AppError('cart/bad-order', `order must be 'auto', 'file' or a list of column names`);
      for (const c of order) {
        if (!sources.includes(c)) throw new AppError('cart/bad-order', `The visit order names "${c}", which is not a modelled column of the table`, { column: c });
      }
      srcOrder = [...order, ...auto.filter((s) => !order.includes(s))];
    }
  }
  return srcOrder.flatMap(group);
}
