/**
 * Tokenizer of the derived-column expression language (docs/rules.md): numbers, column names
 * (plain or `back-quoted`), + − × ÷ (also - * /), comparisons, parentheses, commas and the
 * keywords and/or/not/true/false. Every other character is a syntax error — the language has no
 * strings, member access, statements or assignments, so nothing can reach the JavaScript runtime.
 */
import { AppError } from '../../schema/model';

export type TokenKind = 'number' | 'name' | 'op' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  /** Number value text, column/function name, or the operator normalised to ASCII. */
  text: string;
  /** 0-based character offset in the expression. */
  pos: number;
  /** A back-quoted name is always a column, never a function or keyword. */
  quoted?: boolean;
}

export const MAX_EXPRESSION_CHARS = 2000;

const UNICODE_OPS: Record<string, string> = { '×': '*', '÷': '/', '−': '-', '≤': '<=', '≥': '>=', '≠': '!=' };

export function expressionError(expr: string, pos: number, message: string): AppError {
  return new AppError('rules/expression-syntax', `${message} at position ${pos + 1} of "${expr}"`, {}, { expression: expr, position: pos });
}

export function tokenize(expr: string): Token[] {
  if (typeof expr !== 'string') throw new AppError('rules/expression-syntax', 'The expression must be text');
  if (expr.length > MAX_EXPRESSION_CHARS) throw new AppError('rules/expression-syntax', `The expression is longer than ${MAX_EXPRESSION_CHARS} characters`);
  const out: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') { i++; continue; }
    const start = i;
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(expr[i + 1] ?? ''))) {
      const m = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(expr.slice(i))!;
      i += m[0].length;
      if (/[A-Za-z_]/.test(expr[i] ?? '')) throw expressionError(expr, i, `Unexpected "${expr[i]}" after the number ${m[0]}`);
      out.push({ kind: 'number', text: m[0], pos: start });
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(expr.slice(i))!;
      i += m[0].length;
      out.push({ kind: 'name', text: m[0], pos: start });
      continue;
    }
    if (c === '`') {
      const end = expr.indexOf('`', i + 1);
      if (end < 0) throw expressionError(expr, i, 'Unclosed back quote');
      const name = expr.slice(i + 1, end);
      if (!name) throw expressionError(expr, i, 'Empty column name ``');
      out.push({ kind: 'name', text: name, pos: start, quoted: true });
      i = end + 1;
      continue;
    }
    if (c === '(' || c === ')' || c === ',') { out.push({ kind: c, text: c, pos: start }); i++; continue; }
    if (UNICODE_OPS[c]) { out.push({ kind: 'op', text: UNICODE_OPS[c], pos: start }); i++; continue; }
    const two = expr.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=') { out.push({ kind: 'op', text: two, pos: start }); i += 2; continue; }
    if ('+-*/<>'.includes(c)) { out.push({ kind: 'op', text: c, pos: start }); i++; continue; }
    if (c === '=') throw expressionError(expr, i, 'Use "==" to compare ("=" alone is not allowed)');
    throw expressionError(expr, i, `Unexpected character "${c}"`);
  }
  out.push({ kind: 'end', text: '', pos: expr.length });
  return out;
}
