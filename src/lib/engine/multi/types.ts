/**
 * The learned multi-table model (plain JSON: save, load, sample again) and the options of
 * `fitMulti` / `sampleMulti`. See docs/multi-table.md for the design.
 */
import type { ColumnHints, SdvMetadata } from '../../schema/model';
import type { CopulaFitOptions, CopulaModel } from '../copula/types';
import type { CartFitOptions, CartModel } from '../cart/types';
import type { CartContextSpec } from './cart-context';
import type { HmaEdgeModel, HmaOptions, MultiWarning } from './hma-types';

export type { HmaOptions, MultiWarning } from './hma-types';

/**
 * How each table with a sample is modelled: 'copula' (default: one Gaussian copula per table with
 * parent context and child-count columns), 'cart' (sequential CART per table; a child's trees split
 * on its parent's columns), 'hma' (SDV HMA-compatible: per-parent child parameters as extension
 * columns of the parent). See docs/multi-table.md.
 */
export type MultiSynthesizer = 'copula' | 'cart' | 'hma';

export const MULTI_MODEL_FORMAT = 'synthetic-data-studio/multi-copula';

/** Designer cardinality of one relationship (children per parent row). */
export interface CardinalitySetting {
  min?: number;
  max?: number;
  mean?: number;
}

export interface MultiFitOptions {
  /** Model family of the tables with a sample (default 'copula'). */
  synthesizer?: MultiSynthesizer;
  /** Options of every table's sequential CART (synthesizer 'cart'); `privacy` defaults to CART's 0.2. */
  cart?: Omit<CartFitOptions, 'context' | 'contextClasses' | 'seed' | 'order'>;
  /** Options of the HMA-compatible mode (synthesizer 'hma'). */
  hma?: HmaOptions;
  /**
   * Secondary parents (second FKs, junction tables, cycle-breaking FKs) chosen by similarity: the
   * parent whose values the child row's values predict, within capacities (similarity.ts). Default true.
   */
  similarity_linking?: boolean;
  /** Options of every table's Gaussian copula (distribution, privacy, locale …). */
  copula?: CopulaFitOptions;
  seed?: number;
  /** Declared designer hints per table and column, used for tables without a sample. */
  hints?: Record<string, Record<string, ColumnHints>>;
  /**
   * Children per parent row for relationships whose cardinality cannot be learned (a side has no
   * sample). Key: the edge id (`child.fk->parent`) or `parent->child`. Default: mean 3, min 0, max 10.
   */
  cardinality?: Record<string, CardinalitySetting>;
  /** Foreign-key columns that may be null (`table.column`), besides those with nulls in the sample. */
  nullable?: string[];
  /** Row count of a root table without a sample (default 100, or the distinct keys its children reference). */
  rows?: Record<string, number>;
}

export interface MultiSampleOptions {
  /** Data Scale: multiplier of every table's row count (default 1). */
  scale?: number;
  /** Sample Size: rows of each root table (children follow the cardinality). */
  sample_size?: number;
  seed?: number;
  /** false: every table sampled on its own; foreign keys still valid (random parents). Default true. */
  include_relationships?: boolean;
}

/** How many children a parent row gets, for one relationship. */
export type CountSource =
  /** A column of the parent's copula (parent and child both have samples). */
  | { kind: 'column'; column: string; min: number; max: number }
  /** Empirical distribution of children per parent: [count, frequency] (child sample without parent sample). */
  | { kind: 'empirical'; values: [number, number][] }
  /** Designer settings (no sample on either side). */
  | { kind: 'declared'; min: number; max: number; mean: number };

export interface EdgeModel {
  id: string;
  /** Share of child rows whose foreign key is null in the sample. */
  orphanRate: number;
  /** Child rows of the sample with a valid parent, and parent rows of the sample. */
  childRows: number;
  parentRows: number;
  count: CountSource;
  /** The (primary FK, this FK) pairs were all distinct in the sample (junction tables): keep them distinct. */
  uniquePairs: boolean;
  /** Secondary / deferred FKs: how child rows choose among parents with capacity (absent: at random). */
  link?: import('./similarity').SimilarityLink;
}

/** Fan-out of a self-reference (tree/forest) in the sample. */
export interface SelfRefModel {
  id: string;
  /** Share of rows with a null parent (roots). */
  rootRate: number;
  /** Distribution of children per row: [children, frequency]. */
  fanOut: [number, number][];
  /** The same per depth (index 0 = roots); the last entry serves deeper rows. */
  fanOutByDepth?: [number, number][][];
  /** Longest chain in the sample (for inspection). */
  maxDepth: number;
}

/** One context column of a child's copula: a parent column joined through the primary FK. */
export interface ContextColumn {
  /** Column name inside the child's copula (`__parent.<col>`). */
  name: string;
  /** The parent's column (or count column) it is read from. */
  parentColumn: string;
}

export interface TableModel {
  name: string;
  /** Rows at scale 1: the sample's row count, or for a schema-only table its declared/default rows. */
  rows: number;
  /** Column order of the output (the sample's, or the metadata's). */
  names: string[];
  /** Foreign-key columns (filled by the multi-table sampler, not modelled). */
  fkColumns: string[];
  /** Present when the table has a sample. */
  copula?: CopulaModel;
  /** Context columns of the primary parent inside `copula` (empty for roots). */
  context: ContextColumn[];
  /** Present when the table has a sample and the synthesizer is 'cart'. */
  cart?: CartModel;
  /** The parent features its CART trees split on (null: a root, or a parent without a CART model). */
  cartContext?: CartContextSpec | null;
  /** HMA mode: where this (child) table's per-parent parameters sit in its primary parent's copula. */
  hma?: HmaEdgeModel;
  /** Schema-only column generators (tables without a sample). */
  declared?: DeclaredColumn[];
}

/** How a column of a schema-only table is generated. */
export type DeclaredColumn =
  | { column: string; kind: 'key'; style: import('../keys/key-style').KeyStyle }
  | { column: string; kind: 'number'; min: number; max: number; decimals: number; nullRate: number }
  | { column: string; kind: 'datetime'; min: number; max: number; format: string; nullRate: number }
  | { column: string; kind: 'category'; categories: string[]; nullRate: number }
  | { column: string; kind: 'pii'; sdtype: string; provider?: string; nullRate: number }
  | { column: string; kind: 'fk' };

export interface MultiModel {
  format: typeof MULTI_MODEL_FORMAT;
  version: 1;
  metadata: SdvMetadata;
  /** Foreign keys that were nullable (schema or sample), by edge id. */
  nullable: Record<string, boolean>;
  tables: Record<string, TableModel>;
  edges: Record<string, EdgeModel>;
  selfRefs: Record<string, SelfRefModel>;
  seed: number;
  locale: string;
  /** Absent = 'copula' (models saved before the option existed). */
  synthesizer?: MultiSynthesizer;
  /** Typed warnings of the fit (e.g. the HMA width estimate). */
  warnings?: MultiWarning[];
}
