/** Human text of a rule ("temp_max >= temp_min") and the columns it mentions. */
import type { CrossTableRule, TableRule } from './types';

const fmtBound = (b: number | string) => (typeof b === 'number' ? String(b) : JSON.stringify(b));

export function ruleText(rule: TableRule | CrossTableRule): string {
  switch (rule.type) {
    case 'inequality': return `${rule.high} ${rule.strict ? '>' : '>='} ${rule.low}`;
    case 'range': { const op = rule.strict ? '<' : '<='; return `${rule.low} ${op} ${rule.column} ${op} ${rule.high}`; }
    case 'value_range': {
      const op = rule.strict ? '<' : '<=';
      if (rule.min !== undefined && rule.max !== undefined) return `${fmtBound(rule.min)} ${op} ${rule.column} ${op} ${fmtBound(rule.max)}`;
      if (rule.min !== undefined) return `${rule.column} ${rule.strict ? '>' : '>='} ${fmtBound(rule.min)}`;
      return `${rule.column} ${op} ${fmtBound(rule.max ?? '?')}`;
    }
    case 'positive': return `${rule.column} ${rule.strict ? '>' : '>='} 0`;
    case 'negative': return `${rule.column} ${rule.strict ? '<' : '<='} 0`;
    case 'fixed_combinations': return `fixed combinations of (${rule.columns.join(', ')})`;
    case 'unique': return `unique (${rule.columns.join(', ')})`;
    case 'derived': return `${rule.column} = ${rule.expression}`;
    case 'cross_table': return `${rule.child_table}.${rule.child_column} ${rule.op} ${rule.parent_table}.${rule.parent_column}`;
  }
}

/** Every column a table rule reads or writes (derived: the target first, then the expression's columns). */
export function ruleColumns(rule: TableRule, expressionColumns: (expr: string) => string[]): string[] {
  switch (rule.type) {
    case 'inequality': return [rule.low, rule.high];
    case 'range': return [rule.low, rule.column, rule.high];
    case 'value_range': case 'positive': case 'negative': return [rule.column];
    case 'fixed_combinations': case 'unique': return [...rule.columns];
    case 'derived': return [rule.column, ...expressionColumns(rule.expression).filter((c) => c !== rule.column)];
  }
}
