/** The learned sequential-CART model: a plain, JSON-serialisable object (save, load, sample again). */
import type { Tree } from '../core/trees';
import type { ModelRole, TableTransformer, UniformEncoderStateRef } from './model-columns';

export const CART_MODEL_FORMAT = 'synthetic-data-studio/cart';

/** One synthesised model column, in visit order. */
export interface CartColumn {
  /** Modelled column name (a table column, or `<column>.is_null`). */
  name: string;
  source: string;
  role: ModelRole;
  /** 0 = numeric (regression tree); K > 0 = K categories (classification tree on category codes). */
  classes: number;
  /** Categories: the encoder's cumulative bounds, to turn a code back into the transformer's [0,1] value. */
  encoder: UniformEncoderStateRef | null;
  /** Tree over the context columns and the columns before this one; null = drawn from the marginal. */
  tree: Tree | null;
  /** Training target values grouped by leaf: leaf l owns leafValues[leafStart[l] .. leafStart[l+1]). */
  leafValues: number[];
  leafStart: number[];
  /** Rare-category protection: the categories pooled into class code `classes` (with repeats = counts). */
  rarePool: number[];
  /** Numeric value column whose rows are present only when this indicator (a visit index) is 0. */
  presentWhen: number;
}

export interface CartModel {
  format: typeof CART_MODEL_FORMAT;
  version: 1;
  table: string;
  rows: number;
  transformer: TableTransformer;
  /** Model columns in visit order. */
  columns: CartColumn[];
  /** Names of the context (parent) feature columns every tree may read, in order; [] without context. */
  context: string[];
  /** Per context column: K > 0 = a categorical feature holding codes 0..K−1 (NaN = missing); 0 = numeric. Absent = all numeric. */
  contextClasses?: number[];
  settings: CartSettings;
  /** Correlated blending (blend.ts): the numeric value columns (visit indices) and their real normal-score correlation (row-major). */
  blend?: { columns: number[]; R: number[] };
}

/** The resolved privacy knobs (see privacy.ts). */
export interface CartSettings {
  privacy: number;
  minLeaf: number;
  /** Kernel bandwidth as a multiple of the local spacing of the leaf's values (0 = copy real values). */
  smoothing: number;
  /** Categories seen fewer than this many times are pooled and resampled (1 = off). */
  rareMin: number;
  /** Parents per tree: the most dependent earlier columns (null = all earlier columns, as synthpop). */
  maxParents: number | null;
  /** Earlier columns less dependent than this (Linfoot's r_I) are not parents (unless maxParents is null). */
  minDependence: number;
  /** Map each drawn numeric column onto the real column's quantiles, keeping the synthetic ranks. */
  matchMarginals: boolean;
  maxDepth: number;
  cp: number;
  seed: number;
  order: 'auto' | 'file' | string[];
  /** Correlated blending weight λ ∈ [0, 1) of the numeric columns (blend.ts); 0 or absent = off. */
  blend?: number;
  /** Share s ∈ [0, 1] of independence in the blend noise: ε ~ N(0, (1−s)·R + s·I) (0 = the real correlation). */
  blendIndependence?: number;
  /** Later trees see a pooled rare category as one value (the pool code); absent in models fitted before this existed. */
  poolFeatures?: boolean;
}

export interface CartFitOptions {
  /** 0 = fidelity … 1 = privacy; sets minLeaf, smoothing and rareMin unless those are given. */
  privacy?: number;
  minLeaf?: number;
  smoothing?: number;
  rareMin?: number;
  maxParents?: number | null;
  minDependence?: number;
  matchMarginals?: boolean;
  blend?: number;
  blendIndependence?: number;
  maxDepth?: number;
  cp?: number;
  seed?: number;
  /** Visit order: 'auto' (default), 'file' (table order), or table column names (the rest follow in auto order). */
  order?: 'auto' | 'file' | string[];
  /** Extra feature columns aligned with the rows (e.g. each row's parent), split on but not synthesised. */
  context?: import('../transformers').ModelMatrix;
  /**
   * Per context column, its category count K when it holds category codes 0..K−1 (split as category
   * sets, NaN = missing), or 0 for a numeric feature. Default: every context column numeric.
   */
  contextClasses?: number[];
  locale?: string;
  enforce_min_max_values?: boolean;
  enforce_rounding?: boolean;
}

export interface CartSampleOptions {
  /** The context rows for the synthetic rows (same column names as at fit; n rows). */
  context?: import('../transformers').ModelMatrix;
  /** Fixed values for columns at the start of the visit order: column → one value, or one value per row. */
  conditions?: Record<string, string | number | boolean | null | (string | number | boolean | null)[]>;
}
