/**
 * Turns the transformers' ModelMatrix into tree features and targets: numeric value columns stay numbers;
 * category columns (UniformEncoder floats in [0,1]) and missing indicators become category codes 0..K−1
 * by interval look-up, and go back to the midpoint of their interval.
 */
import type { ModelColumnSpec, ModelRole, TableTransformer } from '../transformers';
import { decodeUniformIndex } from '../transformers/uniform-encoder';
import type { UniformEncoderState } from '../transformers/types';

export type { ModelRole, TableTransformer };
export type UniformEncoderStateRef = UniformEncoderState;

/** The encoder behind a category or missing-indicator model column (null for numeric values). */
export function encoderOf(tt: TableTransformer, spec: ModelColumnSpec): UniformEncoderState | null {
  if (spec.role === 'value') return null;
  for (const t of tt.transformers) {
    if (t.column !== spec.source) continue;
    if (spec.role === 'category' && t.kind === 'categorical') return t.encoder;
    if (spec.role === 'missing' && 'missing' in t && t.missing && t.missing.name === spec.name) return t.missing.encoder;
  }
  return null;
}

/** Category codes of encoded values (interval look-up). */
export function toCodes(enc: UniformEncoderState, values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = decodeUniformIndex(enc, values[i]);
  return out;
}

/** The midpoint of category k's interval (decodes back to k). */
export function fromCode(enc: UniformEncoderState, k: number): number {
  const lo = k === 0 ? 0 : enc.cumulative[k - 1];
  return (lo + enc.cumulative[k]) / 2;
}

/** Code of the '1' (missing) category of a missing indicator, or −1. */
export function missingCode(enc: UniformEncoderState): number {
  return enc.categories.indexOf('1');
}
