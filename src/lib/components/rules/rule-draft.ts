/**
 * The add-rule form's fields → a table rule (docs/rules.md). Only shapes the rule and says what is
 * missing; whether the sample obeys it is the engine's check (rules store).
 */
import type { FileTableRule } from '$lib/schema/formats/schema-file';

export type RuleType = FileTableRule['type'];

export const RULE_TYPES: { type: RuleType; label: string }[] = [
  { type: 'inequality', label: 'Column ≥ column (ordering)' },
  { type: 'range', label: 'Column between two columns' },
  { type: 'value_range', label: 'Column within fixed bounds' },
  { type: 'positive', label: 'Never negative (≥ 0)' },
  { type: 'negative', label: 'Never positive (≤ 0)' },
  { type: 'fixed_combinations', label: 'Only combinations seen in the sample' },
  { type: 'unique', label: 'Unique combination' },
  { type: 'derived', label: 'Derived column (formula)' }
];

export interface RuleDraft {
  type: RuleType;
  high: string;
  low: string;
  column: string;
  op: '>=' | '>';
  min: string;
  max: string;
  strict: boolean;
  columns: string[];
  expression: string;
}

/** A bound as typed: a number when it reads as one, else text (a datetime in the column's format or ISO). */
export function parseBound(text: string): number | string | undefined {
  const t = text.trim();
  if (!t) return undefined;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) ? Number(t) : t;
}

export type BuiltRule = { ok: true; rule: FileTableRule } | { ok: false; message: string };

export function buildRule(d: RuleDraft): BuiltRule {
  const need = (what: string): BuiltRule => ({ ok: false, message: `Pick ${what}` });
  const strict = d.strict ? { strict: true } : {};
  switch (d.type) {
    case 'inequality':
      if (!d.high || !d.low) return need('both columns');
      if (d.high === d.low) return { ok: false, message: 'Pick two different columns' };
      return { ok: true, rule: { type: 'inequality', low: d.low, high: d.high, ...(d.op === '>' ? { strict: true } : {}) } };
    case 'range':
      if (!d.low || !d.column || !d.high) return need('the three columns');
      if (new Set([d.low, d.column, d.high]).size < 3) return { ok: false, message: 'Pick three different columns' };
      return { ok: true, rule: { type: 'range', low: d.low, column: d.column, high: d.high, ...strict } };
    case 'value_range': {
      if (!d.column) return need('a column');
      const min = parseBound(d.min), max = parseBound(d.max);
      if (min === undefined && max === undefined) return { ok: false, message: 'Give a minimum, a maximum or both' };
      if (typeof min === 'number' && typeof max === 'number' && min > max) return { ok: false, message: `The minimum (${min}) is above the maximum (${max})` };
      return { ok: true, rule: { type: 'value_range', column: d.column, ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}), ...strict } };
    }
    case 'positive': case 'negative':
      if (!d.column) return need('a column');
      return { ok: true, rule: { type: d.type, column: d.column, ...strict } };
    case 'fixed_combinations': case 'unique': {
      const min = d.type === 'unique' ? 1 : 2;
      if (d.columns.length < min) return { ok: false, message: `Pick at least ${min} column${min > 1 ? 's' : ''}` };
      return { ok: true, rule: { type: d.type, columns: [...d.columns] } };
    }
    case 'derived':
      if (!d.column) return need('the derived column');
      if (!d.expression.trim()) return { ok: false, message: 'Write the expression that computes it' };
      return { ok: true, rule: { type: 'derived', column: d.column, expression: d.expression.trim() } };
  }
}
