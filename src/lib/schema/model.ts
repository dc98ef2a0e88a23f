/**
 * The pure domain model shared by every layer: tables, columns, relationships (the designer's
 * schema), SDV-style metadata (what the engine models) and columnar table data. No UI, no storage.
 */

// ---------------------------------------------------------------------------------------------
// Designer schema (what the user edits; mirrors the original product's request format)
// ---------------------------------------------------------------------------------------------

/** Column data types offered in the designer and accepted by /api/sdv/generate. */
export const DATA_TYPES = [
  'integer', 'float', 'decimal', 'string', 'text', 'boolean', 'date', 'datetime',
  'uuid', 'email', 'phone', 'name', 'address', 'url', 'categorical'
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export type RelationshipType = 'one-to-one' | 'one-to-many' | 'many-to-many';

/** Optional generation hints a user (or a suggestion) attaches to a column. */
export interface ColumnHints {
  min?: number | string;
  max?: number | string;
  /** Decimal places for float/decimal output. */
  decimals?: number;
  /** Allowed values for categorical/enum columns. */
  categories?: string[];
  /** Faker-style provider for PII-like columns, e.g. "internet.email", "person.firstName". */
  provider?: string;
  /** Free text: keep out of the statistical model and regenerate with Faker. */
  exclude_from_model?: boolean;
  /** strftime-style format of date/datetime text, e.g. "%Y-%m-%d". */
  datetime_format?: string;
  /** Pattern for generated keys, e.g. "AB-\\d{5}". */
  regex_format?: string;
  /** Explicit SDV sdtype override. */
  sdtype?: string;
  /** Marginal distribution override for numeric columns ("norm", "beta", …, "auto"). */
  distribution?: string;
  /** SDV numerical `computer_representation` ("Int64", "Float", …) when known. */
  computer_representation?: string;
  /** SDV `pii` flag for PII sdtypes (false ⇒ values are reused like a category). */
  pii?: boolean;
  /** Cell texts read as missing in this column besides the empty cell, e.g. ["NULL", "N/A"]. */
  missing_tokens?: string[];
}

export interface Column {
  id: string;
  name: string;
  data_type: DataType;
  is_nullable: boolean;
  is_primary_key: boolean;
  is_unique: boolean;
  description?: string;
  hints?: ColumnHints;
}

export interface Table {
  id: string;
  name: string;
  description?: string;
  columns: Column[];
  /** Canvas position (Relationships tab). */
  position?: { x: number; y: number };
}

/**
 * A foreign-key link. `source` is the referenced ("one") side — usually a primary key —,
 * `target` the referencing column (the foreign key), as in the original product:
 * customers.id (source) → orders.customer_id (target).
 */
export interface Relationship {
  id: string;
  source_table_id: string;
  source_column_id: string;
  target_table_id: string;
  target_column_id: string;
  relationship_type: RelationshipType;
  created_at?: string;
}

export interface Schema {
  tables: Table[];
  relationships: Relationship[];
}

/** Generation settings, named as in the original product. */
export interface GenerationSettings {
  /** Data Scale: multiplier of the sample's row count (1.0 = same as sample). */
  scale: number;
  /** Sample Size: rows per table; overrides scale for root tables. */
  sample_size?: number;
  /** Quality Threshold 0..1. */
  quality_threshold: number;
  /** Include Relationships: preserve referential integrity and intertable trends. */
  include_relationships: boolean;
  seed: number;
  /**
   * New rows only (default true): a synthetic row that reproduces a real row (NewRowSynthesis' rule:
   * numbers within 1 %, categories equal) is replaced by the most similar new one, keeping its keys.
   */
  new_rows_only?: boolean;
}

// ---------------------------------------------------------------------------------------------
// SDV metadata (what the engine models). Same shape as SDV's `Metadata` JSON, V1.
// ---------------------------------------------------------------------------------------------

export type SdType =
  | 'numerical' | 'categorical' | 'boolean' | 'datetime' | 'id' | 'unknown'
  // PII sdtypes (regenerated with Faker, never copied when pii is true)
  | 'email' | 'phone_number' | 'first_name' | 'last_name' | 'name' | 'address' | 'street_address'
  | 'city' | 'state' | 'state_abbr' | 'administrative_unit' | 'postcode' | 'zipcode' | 'country'
  | 'country_code' | 'ssn' | 'iban' | 'swift11' | 'swift8' | 'credit_card_number' | 'ipv4_address'
  | 'ipv6_address' | 'mac_address' | 'url' | 'uuid' | 'company' | 'job' | 'license_plate' | 'text'
  | (string & {});

export interface SdvColumn {
  sdtype: SdType;
  /** numerical: "Float" | "Int8" … "UInt64" | "Int64". */
  computer_representation?: string;
  /** datetime: strftime format. */
  datetime_format?: string;
  /** id: pattern for generated keys. */
  regex_format?: string;
  /** PII sdtypes: false ⇒ treated as categorical (values reused). */
  pii?: boolean;
  order_by?: 'numerical_value' | 'alphabetical';
  order?: string[];
}

export interface SdvTable {
  primary_key?: string | string[];
  alternate_keys?: (string | string[])[];
  columns: Record<string, SdvColumn>;
}

export interface SdvRelationship {
  parent_table_name: string;
  parent_primary_key: string | string[];
  child_table_name: string;
  child_foreign_key: string | string[];
}

export interface SdvMetadata {
  METADATA_SPEC_VERSION: 'V1';
  tables: Record<string, SdvTable>;
  relationships: SdvRelationship[];
}

// ---------------------------------------------------------------------------------------------
// Data
// ---------------------------------------------------------------------------------------------

/**
 * A table's data, column-major, as text exactly as read (or to be written). `null` is a missing
 * value (an empty cell by default). Column order = `names`.
 */
export interface ColumnarTable {
  names: string[];
  columns: (string | null)[][];
}

export function rowCount(t: ColumnarTable): number {
  return t.columns.length ? t.columns[0].length : 0;
}

// ---------------------------------------------------------------------------------------------
// Errors are values with a code and a human message, rendered by the UI and asserted by tests.
// ---------------------------------------------------------------------------------------------

export interface ProblemLocation {
  file?: string;
  /** 1-based line in the source file. */
  line?: number;
  column?: string;
  /** JSON path, e.g. "tables[0].columns[2].data_type". */
  path?: string;
}

export class AppError extends Error {
  constructor(public readonly code: string, message: string, public readonly where: ProblemLocation = {}, public readonly details?: unknown) {
    super(message);
    this.name = 'AppError';
  }
}
