/**
 * UniformEncoder (RDT `rdt.transformers.categorical.UniformEncoder`): category k owns the interval
 * [F_{k-1}, F_k) of the cumulative frequency F. Forward = a uniform draw inside the interval,
 * reverse = clip to [0,1] and look the interval up by binary search. The encoded column is exactly
 * uniform on [0,1] over the sample, so the copula can model Φ⁻¹(u) without fitting a marginal.
 * Map-based: O(n) to fit, O(n log k) to reverse, fine for 50k distinct strings.
 */
import { AppError } from '../../schema/model';
import type { Rng } from './rng';
import type { UniformEncoderState } from './types';

export interface FitUniformOptions {
  /** Explicit category order (metadata `order`); values outside it are an error. */
  order?: string[];
  orderBy?: 'numerical_value' | 'alphabetical';
  column: string;
}

/** Learns categories (first appearance, `null` its own category) and their cumulative frequencies. */
export function fitUniformEncoder(values: readonly (string | null)[], opts: FitUniformOptions): UniformEncoderState {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let categories = [...counts.keys()];
  if (opts.order) {
    const rank = new Map(opts.order.map((c, i) => [c, i] as const));
    for (let r = 0; r < values.length; r++) {
      const v = values[r];
      if (v !== null && !rank.has(v)) {
        throw new AppError('transform/category-not-in-order', `Column "${opts.column}": value "${v}" (row ${r + 1}) is not in the column's "order" list`, { column: opts.column }, { row: r + 1, value: v });
      }
    }
    categories = [...opts.order.filter((c) => counts.has(c)), ...(counts.has(null) ? [null] : [])];
  } else if (opts.orderBy) {
    const nonNull = categories.filter((c): c is string => c !== null);
    if (opts.orderBy === 'alphabetical') nonNull.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    else nonNull.sort((a, b) => Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0));
    categories = [...nonNull, ...(counts.has(null) ? [null] : [])];
  }
  const n = values.length;
  const cumulative: number[] = new Array(categories.length);
  let acc = 0;
  for (let k = 0; k < categories.length; k++) {
    acc += counts.get(categories[k])!;
    cumulative[k] = acc / n;
  }
  if (cumulative.length) cumulative[cumulative.length - 1] = 1;
  return { categories, cumulative };
}

/** Encodes each value as a uniform draw inside its category's interval. */
export function encodeUniform(state: UniformEncoderState, values: readonly (string | null)[], rng: Rng, column: string): Float64Array {
  const index = new Map<string | null, number>();
  state.categories.forEach((c, k) => index.set(c, k));
  const out = new Float64Array(values.length);
  for (let r = 0; r < values.length; r++) {
    const k = index.get(values[r]);
    if (k === undefined) {
      throw new AppError('transform/unknown-category', `Column "${column}": value ${values[r] === null ? 'missing (empty)' : `"${values[r]}"`} (row ${r + 1}) was not in the fitted sample`, { column }, { row: r + 1, value: values[r] });
    }
    out[r] = drawInInterval(state, k, rng);
  }
  return out;
}

/** A uniform point in [F_{k-1}, F_k), never on the upper edge. */
export function drawInInterval(state: UniformEncoderState, k: number, rng: Rng): number {
  const lo = k === 0 ? 0 : state.cumulative[k - 1];
  const hi = state.cumulative[k];
  const u = lo + rng.nextFloat() * (hi - lo);
  return u < hi ? u : (lo + hi) / 2;
}

/** Interval look-up: the first k with u < F_k, after clipping u to [0,1]. NaN is an error upstream. */
export function decodeUniformIndex(state: UniformEncoderState, u: number): number {
  const cum = state.cumulative;
  if (!(u > 0)) return 0;
  if (u >= 1) return cum.length - 1;
  let lo = 0, hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (u < cum[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function decodeUniform(state: UniformEncoderState, values: Float64Array): (string | null)[] {
  const out: (string | null)[] = new Array(values.length);
  for (let r = 0; r < values.length; r++) out[r] = state.categories[decodeUniformIndex(state, values[r])];
  return out;
}
