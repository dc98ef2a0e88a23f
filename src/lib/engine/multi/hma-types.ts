/** Types of the HMA-compatible mode (synthesizer 'hma', docs/multi-table.md "HMA-compatible mode"). */

export interface HmaOptions {
  /**
   * Pseudo-count k of the shrinkage toward the table-wide parameters: a parent with m children keeps
   * weight m/(m+k) of its own mean and (m−1)/(m−1+k) of its own spread and correlation. Default 3.
   */
  shrinkage?: number;
  /** Marginal of every extension column in the parent's copula (default 'norm', clipped to the fit's range when sampled; SDV uses 'truncnorm', which is slower to invert). */
  extensionDistribution?: import('../copula/types').DistributionName;
  /** Estimated parent width (columns) above which the fit reports a `multi/hma-wide` warning. Default 200. */
  warnColumns?: number;
  /** Hard cap on the estimated width of any table (AppError `multi/hma-too-wide`). Default 1000, as SDV's MAX_NUMBER_OF_COLUMNS. */
  maxColumns?: number;
}

/** A typed, non-fatal notice of the fit. */
export interface MultiWarning {
  code: 'multi/hma-wide';
  table: string;
  /** Estimated modelled columns of the table once the extension columns are added. */
  columns: number;
  message: string;
}

/**
 * Where a child's per-parent copula parameters sit among its parent's copula columns: the child's
 * copula columns (normal scores under the child's table-wide marginals) in order, and per column the
 * parent's extension columns for its mean and standard deviation, then the correlation entries
 * (i > j, row by row). The child count is the parent's `__count.<edge>` column.
 */
export interface HmaEdgeModel {
  edgeId: string;
  columns: string[];
  mean: string[];
  sd: string[];
  /** corr[i(i−1)/2 + j] for i > j. */
  corr: string[];
}
