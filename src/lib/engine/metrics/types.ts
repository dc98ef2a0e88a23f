/**
 * The metrics report: a plain, JSON-serialisable object (numbers, strings, arrays; `null` where
 * SDMetrics gives NaN or does not compute a value). Names follow SDMetrics' reports so numbers can be
 * compared one for one. Chart data (histograms, category frequencies, pair matrices, child-count
 * distributions, DCR distribution) sits next to the scores it explains.
 */

export type Shape = 'continuous' | 'discrete';
export type StorageType = 'int64' | 'float64' | 'bool' | 'datetime' | 'object';

export interface ColumnShapeDetail {
  table: string;
  column: string;
  sdtype: string;
  metric: 'KSComplement' | 'TVComplement';
  score: number | null;
}

export interface PairDetail {
  table: string;
  column_1: string;
  column_2: string;
  metric: 'CorrelationSimilarity' | 'ContingencySimilarity';
  /** null when the pair does not meet the threshold or cannot be computed. */
  score: number | null;
  /** Pearson r (correlation pairs). */
  real_correlation: number | null;
  synthetic_correlation: number | null;
  /** Cramér's V of the real (binned) contingency table (contingency pairs). */
  real_association: number | null;
  synthetic_association: number | null;
  meets_threshold: boolean;
}

export interface IntertablePairDetail extends Omit<PairDetail, 'table' | 'column_1' | 'column_2'> {
  parent_table: string;
  child_table: string;
  foreign_key: string;
  parent_column: string;
  child_column: string;
}

export interface CardinalityDetail {
  parent_table: string;
  child_table: string;
  foreign_key: string;
  metric: 'CardinalityShapeSimilarity';
  score: number | null;
  /** Chart: number of parents having k children, k = 0..max (real and synthetic). */
  children_per_parent: { children: number; real: number; synthetic: number }[];
}

export interface ValidityDetail {
  table: string;
  column: string;
  metric: 'BoundaryAdherence' | 'CategoryAdherence' | 'KeyUniqueness';
  score: number | null;
}

export interface StructureDetail {
  table: string;
  metric: 'TableStructure';
  score: number;
}

export interface RelationshipValidityDetail {
  parent_table: string;
  child_table: string;
  parent_primary_key: string;
  child_foreign_key: string;
  metric: 'ReferentialIntegrity' | 'CardinalityBoundaryAdherence';
  score: number | null;
}

export interface Histogram {
  /** bins + 1 edges */
  edges: number[];
  counts: number[];
}

export interface DcrBaselineProtection {
  score: number | null;
  median_dcr_synthetic_to_real: number | null;
  median_dcr_random_baseline_to_real: number | null;
  seed: number;
  /** synthetic rows scored (all of them unless more than `maxPrivacyRows`) */
  rows_scored: number;
}

export interface NewRowSynthesis {
  score: number | null;
  num_new_rows: number;
  num_matched_rows: number;
  numerical_match_tolerance: number;
}

export interface DcrDistribution {
  /** 20 equal bins over [0, 1] of the synthetic → real DCR (and of the random baseline). */
  synthetic: Histogram;
  baseline: Histogram;
  quantiles: { q: number; synthetic: number | null; baseline: number | null }[];
}

/**
 * What new real rows would score: DCRBaselineProtection of a seeded random half of the real rows
 * against the other half (a reading aid for the synthetic score, not an SDMetrics metric).
 */
export interface HoldoutReference {
  score: number | null;
  /** rows of the scored half (at most 2,000, sampled) and of the reference half */
  rows_scored: number;
  reference_rows: number;
  seed: number;
}

export interface TablePrivacy {
  table: string;
  dcr_baseline_protection: DcrBaselineProtection;
  /** Absent in reports made before it existed; null when the table has fewer than 20 real rows. */
  holdout_reference?: HoldoutReference | null;
  new_row_synthesis: NewRowSynthesis;
  dcr_distribution: DcrDistribution;
}

export type ColumnChart =
  | { table: string; column: string; kind: 'continuous'; sdtype: string; edges: number[]; real: number[]; synthetic: number[]; real_missing: number; synthetic_missing: number }
  | { table: string; column: string; kind: 'discrete'; sdtype: string; categories: string[]; real: number[]; synthetic: number[] };

/** Per table, for heatmaps: pair values (Pearson r or Cramér's V) and pair scores, columns in metadata order. */
export interface PairMatrix {
  table: string;
  columns: string[];
  real: (number | null)[][];
  synthetic: (number | null)[][];
  score: (number | null)[][];
}

export interface MetricsReport {
  kind: 'single' | 'multi';
  settings: { real_correlation_threshold: number; real_association_threshold: number; seed: number };
  tables: { name: string; rows_real: number; rows_synthetic: number; columns_scored: number }[];
  quality: {
    score: number | null;
    properties: { column_shapes: number | null; column_pair_trends: number | null; cardinality?: number | null; intertable_trends?: number | null };
    column_shapes: ColumnShapeDetail[];
    column_pair_trends: PairDetail[];
    cardinality?: CardinalityDetail[];
    intertable_trends?: IntertablePairDetail[];
  };
  diagnostic: {
    score: number | null;
    properties: { data_validity: number | null; data_structure: number | null; relationship_validity?: number | null };
    data_validity: ValidityDetail[];
    data_structure: StructureDetail[];
    relationship_validity?: RelationshipValidityDetail[];
  };
  privacy: {
    /** Mean over tables (single table: that table's value). */
    dcr_baseline_protection: number | null;
    new_row_synthesis: number | null;
    /** Mean over tables of `holdout_reference.score` (absent in older reports). */
    holdout_reference?: number | null;
    tables: TablePrivacy[];
  } | null;
  charts: { columns: ColumnChart[]; pair_matrices: PairMatrix[] };
}

export interface ReportSummary {
  quality: { score: number | null; column_shapes: number | null; column_pair_trends: number | null; cardinality?: number | null; intertable_trends?: number | null };
  diagnostic: { score: number | null; data_validity: number | null; data_structure: number | null; relationship_validity?: number | null };
  privacy: { dcr_baseline_protection: number | null; new_row_synthesis: number | null };
}
