/**
 * Renaming a column inside a business rule (docs/rules.md), so a column rename keeps the table's
 * rules pointing at it. Derived expressions are rewritten token by token with the expression
 * language's own name rules (plain `[A-Za-z_][A-Za-z0-9_]*` or `back-quoted`); a plain name
 * followed by "(" is a function call and is left alone. Pure; never evaluates anything.
 */
import type { FileTableRule } from '../schema/formats/schema-file';

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
// Function names are columns when not called, but a new name is back-quoted rather than risk it.
const RESERVED = new Set([...KEYWORDS, 'round', 'min', 'max', 'abs', 'if']);

/** How a column name is written in an expression: bare when it can be, else back-quoted. */
export function expressionName(name: string): string {
  return PLAIN.test(name) && !RESERVED.has(name) ? name : `\`${name}\``;
}

/** Rewrites every reference to column `from` in `expr` as `to`. Text that is not a name is copied as is. */
export function renameInExpression(expr: string, from: string, to: string): string {
  let out = '';
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === '`') {
      const end = expr.indexOf('`', i + 1);
      if (end < 0) return out + expr.slice(i);
      const name = expr.slice(i + 1, end);
      out += name === from ? expressionName(to) : expr.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    // A number such as 1e3 must not be read as the name "e3".
    if (/[0-9.]/.test(c)) {
      const m = /^(\d+\.?\d*|\.\d*)([eE][+-]?\d+)?/.exec(expr.slice(i));
      const len = m && m[0].length ? m[0].length : 1;
      out += expr.slice(i, i + len);
      i += len;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i))![0];
      const call = /^\s*\(/.test(expr.slice(i + name.length));
      out += name === from && !call && !KEYWORDS.has(name) ? expressionName(to) : name;
      i += name.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** A copy of `rule` with column `from` renamed to `to` wherever the rule names it. */
export function renameRuleColumn(rule: FileTableRule, from: string, to: string): FileTableRule {
  const n = (c: string) => (c === from ? to : c);
  switch (rule.type) {
    case 'inequality': return { ...rule, low: n(rule.low), high: n(rule.high) };
    case 'range': return { ...rule, low: n(rule.low), column: n(rule.column), high: n(rule.high) };
    case 'fixed_combinations': case 'unique': return { ...rule, columns: rule.columns.map(n) };
    case 'derived': return { ...rule, column: n(rule.column), expression: renameInExpression(rule.expression, from, to) };
    default: return { ...rule, column: n(rule.column) };
  }
}
