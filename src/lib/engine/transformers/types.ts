/**
 * Shapes shared by the reversible transformers: the numeric matrix the copula models and the
 * plain, JSON-serialisable learned state of every column transformer.
 */
import type { KeyStyle } from '../keys/key-style';

/** What a modelled column stands for. */
export type ModelRole = 'value' | 'category' | 'missing';

/**
 * One modelled column. `values` has one finite entry per row.
 * `marginalHint: 'uniform01'` means the column is exactly uniform on [0,1] by construction
 * (UniformEncoder output), so the copula can use u directly (z = Φ⁻¹(u)) instead of fitting a marginal.
 */
export interface ModelColumn {
  /** Unique modelled name: the source column's name, or `<source>.is_null` for a missing indicator. */
  name: string;
  /** The original table column. */
  source: string;
  role: ModelRole;
  values: Float64Array;
  marginalHint: 'auto' | 'uniform01';
}

/**
 * The numeric matrix between the transformers and the copula, column-major.
 * `rows` is explicit because a table may have no modelled column at all (only keys/PII/constants).
 * The copula returns the same shape (same names, any row count) to `reverseTable`.
 */
export interface ModelMatrix {
  rows: number;
  columns: ModelColumn[];
}

/** Describes a modelled column without its values (the copula's plan). */
export type ModelColumnSpec = Omit<ModelColumn, 'values'>;

/** UniformEncoder state (categorical, boolean, missing indicator). */
export interface UniformEncoderState {
  /** Categories in interval order; `null` is the missing category. */
  categories: (string | null)[];
  /** cumulative[k] = F_k, the upper end of category k's interval [F_{k-1}, F_k); last is 1. */
  cumulative: number[];
}

/** A 0/1 missing indicator modelled inside the copula, as a 2-category UniformEncoder. */
export interface MissingIndicatorState {
  name: string;
  /** Categories are '0' (present) and '1' (missing), in order of first appearance. */
  encoder: UniformEncoderState;
}

export interface NumericalState {
  kind: 'numerical';
  column: string;
  min: number;
  max: number;
  /** Decimal places to round to on reverse; null = no rounding (RDT learn_rounding_scheme found none). */
  decimals: number | null;
  /** Text style: every value was written with exactly this many decimals ("5.0"); null = shortest form. */
  fixedDecimals: number | null;
  /** Clip bounds of the integer computer_representation, if any. */
  bounds: [number, number] | null;
  enforceMinMax: boolean;
  badValues: 'error' | 'missing';
  missing: MissingIndicatorState | null;
}

export interface DatetimeState {
  kind: 'datetime';
  column: string;
  /** Parse format (metadata or guessed). */
  format: string;
  /** Format used to write values back: the parse format with the sample's padding (`%-d` for "Jan 1 2000"). */
  renderFormat: string;
  /** Finest unit seen: values are rounded to it on reverse. */
  unit: 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';
  min: number;
  max: number;
  enforceMinMax: boolean;
  badValues: 'error' | 'missing';
  missing: MissingIndicatorState | null;
}

export interface CategoricalState {
  kind: 'categorical';
  column: string;
  sdtype: string;
  encoder: UniformEncoderState;
}

/** Not modelled: every row gets `value` (null = the column was all-null), unless the indicator says missing. */
export interface ConstantState {
  kind: 'constant';
  column: string;
  value: string | null;
  /** Which cells count as missing when transforming: number/datetime missing tokens, or only empty cells. */
  missingTokens: 'number' | 'datetime' | 'text';
  missing: MissingIndicatorState | null;
}

/** Primary/alternate key (or id with regex): not modelled, generated unique on reverse. */
export interface KeyState {
  kind: 'key';
  column: string;
  style: KeyStyle;
  unique: boolean;
}

/** PII regenerated with Faker. Sample values are kept only as hashes, so a saved model holds no PII. */
export interface PiiState {
  kind: 'pii';
  column: string;
  sdtype: string;
  /** Faker provider path, e.g. "internet.email". */
  provider: string;
  /** The provider was chosen by the user (ColumnOptions.provider), not by the sdtype. */
  custom: boolean;
  /** FNV-1a hashes (two seeds, as "h1:h2") of the normalised sample values to avoid; empty when the provider's vocabulary may coincide. */
  avoidHashes: string[];
  missing: MissingIndicatorState | null;
}

/** `unknown` sdtype: random text shaped like the sample (same lengths; digits if the sample was digits). */
export interface UnknownState {
  kind: 'unknown';
  column: string;
  /** Seen lengths and their counts. */
  lengths: [number, number][];
  digitsOnly: boolean;
  missing: MissingIndicatorState | null;
}

/** Free text replaced by Faker lorem text with the sample's word-count distribution. */
export interface FreeTextState {
  kind: 'text';
  column: string;
  wordCounts: [number, number][];
  /** Most values ended with a full stop: write sentences. */
  sentences: boolean;
  missing: MissingIndicatorState | null;
}

export type ColumnTransformerState =
  | NumericalState
  | DatetimeState
  | CategoricalState
  | ConstantState
  | KeyState
  | PiiState
  | UnknownState
  | FreeTextState;

/** The whole learned state: plain data (JSON round-trips), consumed by transformTable/reverseTable. */
export interface TableTransformer {
  version: 1;
  /** Output column order (the sample's). */
  names: string[];
  /** Row count of the fitted sample. */
  sampleRows: number;
  locale: string;
  transformers: ColumnTransformerState[];
  /** The modelled columns, in matrix order. */
  modelColumns: ModelColumnSpec[];
}

export interface ColumnOptions {
  /** Free text handling: model as categories, or replace by Faker lorem text. */
  text?: 'category' | 'faker';
  /** Faker provider path for a PII column, e.g. "internet.email" (overrides the sdtype's default). */
  provider?: string;
  /** What to do with a value that does not parse as the column's sdtype. */
  badValues?: 'error' | 'missing';
}

export interface TransformerOptions {
  /** Faker locale for PII: 'en', 'de', 'fr', … (see pii/faker-instance.ts). Default 'en'. */
  locale?: string;
  /** Clip numbers and datetimes to the sample's range on reverse (SDV default). Default true. */
  enforceMinMax?: boolean;
  /** Round numbers to the learned decimals (RDT learn_rounding_scheme). Default true. */
  enforceRounding?: boolean;
  /** Default for values that do not parse: 'error' (AppError naming column, row, value) or 'missing'. */
  badValues?: 'error' | 'missing';
  columns?: Record<string, ColumnOptions>;
}
