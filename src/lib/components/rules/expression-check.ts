/**
 * Live feedback on a derived column's expression: the parser's syntax error, or the columns it
 * reads that the table does not have, or that it uses its own target. Parsing only (the expression
 * language of docs/rules.md has no strings, calls outside a fixed list or member access), never eval.
 */
import { expressionColumns, parseExpression } from '$lib/engine/rules/expression-parser';

export interface ExpressionCheck { ok: boolean; message: string }

export function describeExpression(expr: string, columns: readonly string[], target: string): ExpressionCheck {
  if (!expr.trim()) return { ok: false, message: 'Numbers, columns, + − × ÷, comparisons, and/or/not, round, min, max, abs, if. Back-quote other names: `unit price`.' };
  let used: string[];
  try {
    used = expressionColumns(parseExpression(expr));
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  const unknown = used.filter((c) => !columns.includes(c));
  if (unknown.length) return { ok: false, message: `Unknown column${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}` };
  if (target && used.includes(target)) return { ok: false, message: `The expression uses ${target}, the column it defines` };
  return { ok: true, message: used.length ? `Reads ${used.join(', ')}` : 'A constant expression' };
}
