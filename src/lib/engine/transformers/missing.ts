/**
 * Missing values modelled inside the copula: a 0/1 indicator column `<col>.is_null`, encoded like a
 * 2-category categorical (UniformEncoder), so its marginal is uniform on [0,1] and missingness keeps
 * its correlation with the other columns. SDV's default (`missing_value_generation='random'`) drops
 * that correlation by nulling rows independently with the sample's null rate.
 *
 * The value column's missing positions are filled, for fitting only, with random draws from the
 * column's observed values (seeded). This keeps the marginal's shape (mean-fill, SDV's choice, puts a
 * spike at the mean that distorts beta fits); the filled values are ignored on reverse because the
 * indicator decides null.
 */
import type { Rng } from './rng';
import { nextInt } from './rng';
import type { MissingIndicatorState } from './types';
import { decodeUniformIndex, drawInInterval, encodeUniform } from './uniform-encoder';

export const indicatorName = (column: string) => `${column}.is_null`;

/** An indicator when some but not all values are missing; null otherwise. */
export function fitMissingIndicator(column: string, missing: Uint8Array): MissingIndicatorState | null {
  let count = 0;
  for (let r = 0; r < missing.length; r++) count += missing[r];
  if (count === 0 || count === missing.length) return null;
  // fitUniformEncoder on the '0'/'1' texts: first-appearance order, cumulative frequencies.
  const first = missing[0] ? '1' : '0';
  const firstCount = missing[0] ? count : missing.length - count;
  return { name: indicatorName(column), encoder: { categories: first === '1' ? ['1', '0'] : ['0', '1'], cumulative: [firstCount / missing.length, 1] } };
}

const maskToText = (m: Uint8Array) => Array.from(m, (b) => (b ? '1' : '0'));

export function encodeMissing(state: MissingIndicatorState, missing: Uint8Array, rng: Rng): Float64Array {
  // A transformed table may have no missing value at all; both categories exist in the encoder.
  const k0 = state.encoder.categories.indexOf('0'), k1 = state.encoder.categories.indexOf('1');
  if (k0 < 0 || k1 < 0) return encodeUniform(state.encoder, maskToText(missing), rng, state.name);
  // Same draws as encodeUniform on the '0'/'1' texts, without building them.
  const out = new Float64Array(missing.length);
  for (let r = 0; r < missing.length; r++) out[r] = drawInInterval(state.encoder, missing[r] ? k1 : k0, rng);
  return out;
}

/** 1 where the indicator's interval look-up gives the '1' (missing) category. */
export function decodeMissing(state: MissingIndicatorState, u: Float64Array): Uint8Array {
  const out = new Uint8Array(u.length);
  const isOne = Uint8Array.from(state.encoder.categories, (c) => (c === '1' ? 1 : 0));
  for (let r = 0; r < u.length; r++) out[r] = isOne[decodeUniformIndex(state.encoder, u[r])];
  return out;
}

/** Replaces missing positions by random observed values (or `fallback` when nothing is observed). */
export function fillMissing(values: Float64Array, missing: Uint8Array, rng: Rng, fallback: number): void {
  const observed: number[] = [];
  for (let r = 0; r < values.length; r++) if (!missing[r]) observed.push(values[r]);
  for (let r = 0; r < values.length; r++) {
    if (missing[r]) values[r] = observed.length ? observed[nextInt(rng, observed.length)] : fallback;
  }
}
