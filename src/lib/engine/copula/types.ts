/** The learned Gaussian-copula model: a plain, JSON-serialisable object (save, load, sample again). */
import type { Marginal } from '../core/distributions';
import type { TableTransformer } from '../transformers';

export const COPULA_MODEL_FORMAT = 'synthetic-data-studio/gaussian-copula';

export interface CopulaColumn {
  /** Modelled column name (a table column, or `<column>.is_null`). */
  name: string;
  source: string;
  role: 'value' | 'category' | 'missing';
  marginal: Marginal;
  /** KS statistic of each candidate tried (automatic selection), for inspection. */
  candidates?: Record<string, number>;
}

export interface CopulaModel {
  format: typeof COPULA_MODEL_FORMAT;
  version: 1;
  table: string;
  rows: number;
  transformer: TableTransformer;
  columns: CopulaColumn[];
  /** k×k row-major correlation of normal scores (PSD-repaired). */
  correlation: number[];
  settings: CopulaFitOptions;
}

export type DistributionName = 'auto' | 'norm' | 'truncnorm' | 'beta' | 'gamma' | 'uniform' | 'gaussian_kde' | 'empirical';

export interface CopulaFitOptions {
  /** Marginal for every numeric column ('auto' = lowest KS among the candidates). SDV's default is 'beta'. */
  default_distribution?: DistributionName;
  /** Per-column overrides, SDV's `numerical_distributions`. */
  numerical_distributions?: Record<string, DistributionName>;
  /** Candidates tried by 'auto'. */
  candidates?: DistributionName[];
  /** Seed for the fit's random choices (position of a category inside its interval). */
  seed?: number;
  enforce_min_max_values?: boolean;
  enforce_rounding?: boolean;
  /** Faker locale for PII columns. */
  locale?: string;
  /** Free-text columns: 'category' (modelled) or 'faker' (replaced by lorem text). */
  free_text?: Record<string, 'category' | 'faker'>;
  /** Re-encode category intervals against their best-correlated numeric column (default true). */
  order_categories?: boolean;
  /**
   * Privacy ↔ fidelity, 0..1 (default 0.5; 0 = maximum fidelity). Two protections grow with it:
   *  - the correlation is shrunk toward the identity by λ = 0.5 × privacy, which moves synthetic rows
   *    away from real ones (higher DCR) at some cost in Column Pair Trends;
   *  - categories seen fewer than 1 + round(4 × privacy) times get no anchor-informed place in the
   *    category order (category-order.ts), so a rare category (a car model seen once) is not written
   *    back next to its own row's numbers.
   * `correlation_shrinkage` / `category_min_rows` override either one.
   */
  privacy?: number;
  /** Explicit shrinkage λ: R ← (1 − λ)·R + λ·I. */
  correlation_shrinkage?: number;
  /**
   * 'repair' (default): shrink by λ, then the nearest-correlation repair (Higham). 'shrinkage': for
   * complete scores, λ = max(λ, Schäfer–Strimmer's data-driven λ*), PD by construction, no repair
   * (fast when rows ≪ columns, e.g. HMA parents); with missing values it falls back to 'repair'.
   */
  correlation_estimator?: 'repair' | 'shrinkage';
  /** Explicit small-cell threshold of the category ordering (≥ 1; 1 = every category ordered). */
  category_min_rows?: number;
  /**
   * Stratified (Latin-hypercube) marginals when sampling without conditions (stratify.ts; default
   * true). The fit stores the resolved value, so a saved model samples the same; a model saved before
   * this setting existed has no flag and samples plain independent draws, exactly as it did.
   */
  stratify?: boolean;
}

/** Fixed values for conditional sampling: column → text value as it appears in the data. */
export type Conditions = Record<string, string | number | boolean>;
