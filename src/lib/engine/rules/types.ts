/**
 * Business rules (SDV calls them constraints, sdv-algorithms.md §A7): plain JSON-serialisable
 * descriptions of what every generated row must obey. Declared per table; a cross-table rule
 * compares a child column with its parent's column along a relationship.
 */

/** `high >= low` (or `high > low` when strict). Numbers or datetimes (both columns the same kind). */
export interface InequalityRule { type: 'inequality'; low: string; high: string; strict?: boolean }

/** `low <= column <= high` between three columns (strict: `<`). */
export interface RangeRule { type: 'range'; low: string; column: string; high: string; strict?: boolean }

/**
 * `min <= column <= max` with fixed bounds (either may be left out). Datetime bounds are text in the
 * column's own format or ISO `YYYY-MM-DD[THH:MM:SS]`.
 */
export interface ValueRangeRule { type: 'value_range'; column: string; min?: number | string; max?: number | string; strict?: boolean }

/** `column >= 0` (positive) or `column <= 0` (negative); strict excludes 0. */
export interface SignRule { type: 'positive' | 'negative'; column: string; strict?: boolean }

/** The columns only take combinations of values seen together in the sample (city, state, country). */
export interface FixedCombinationsRule { type: 'fixed_combinations'; columns: string[] }

/** No two rows share the same combination of these columns (rows with a missing value are exempt). */
export interface UniqueRule { type: 'unique'; columns: string[] }

/** `column = expression` (the safe expression language of docs/rules.md). */
export interface DerivedRule { type: 'derived'; column: string; expression: string }

export type TableRule = InequalityRule | RangeRule | ValueRangeRule | SignRule | FixedCombinationsRule | UniqueRule | DerivedRule;
export type TableRuleType = TableRule['type'];

export type Comparison = '>=' | '>' | '<=' | '<';

/** `child_table.child_column <op> parent_table.parent_column` for every child row and its parent. */
export interface CrossTableRule {
  type: 'cross_table';
  child_table: string;
  child_column: string;
  op: Comparison;
  parent_table: string;
  parent_column: string;
}

/** The rules JSON file (docs/rules.md). */
export interface RulesFile {
  version?: 1;
  tables: Record<string, TableRule[]>;
  cross_table?: CrossTableRule[];
}

/** One row of the rules report: the share of rows obeying the rule in each table. */
export interface RuleCheck {
  rule: string;
  real: number;
  synthetic: number;
}

/** A rule found in the sample, never applied unless the user accepts it. */
export interface RuleSuggestion {
  rule: TableRule;
  /** Human text of the rule. */
  text: string;
  /** Why it was suggested ("holds in all 1461 rows; ranges overlap in 96% of rows"). */
  evidence: string;
  /** Rows the rule was checked on. */
  rows: number;
}
