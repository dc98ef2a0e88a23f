/**
 * Pratt (top-down operator precedence, Pratt 1973) parser of the derived-column expression
 * language into a small AST. Grammar, loosest binding first:
 *   or → and → not → comparison (non-associative) → + − → × ÷ → unary − → primary
 *   primary = number | true | false | column | function "(" args ")" | "(" expr ")"
 * Functions are a closed list (round, min, max, abs, if); any other call, and the names
 * `__proto__`, `constructor`, `prototype`, are rejected.
 */
import { AppError } from '../../schema/model';
import { expressionError, tokenize, type Token } from './expression-lexer';

export type BinaryOp = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';
export type FunctionName = 'round' | 'min' | 'max' | 'abs' | 'if';

export type Expr =
  | { kind: 'number'; value: number }
  | { kind: 'column'; name: string }
  | { kind: 'unary'; op: '-' | 'not'; arg: Expr }
  | { kind: 'binary'; op: BinaryOp; left: Expr; right: Expr }
  | { kind: 'call'; fn: FunctionName; args: Expr[] };

/** Allowed functions and their argument counts [min, max]. */
export const FUNCTIONS: Record<FunctionName, [number, number]> = { round: [1, 2], min: [1, 32], max: [1, 32], abs: [1, 1], if: [3, 3] };
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);
const KEYWORDS = new Set(['and', 'or', 'not', 'true', 'false']);
const MAX_DEPTH = 64;

const BINARY_POWER: Record<string, number> = { or: 1, and: 2, '<': 4, '<=': 4, '>': 4, '>=': 4, '==': 4, '!=': 4, '+': 5, '-': 5, '*': 6, '/': 6 };
const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

export function parseExpression(expr: string): Expr {
  const tokens = tokenize(expr);
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];

  const binaryOf = (t: Token): string | null => {
    if (t.kind === 'op') return t.text;
    if (t.kind === 'name' && !t.quoted && (t.text === 'and' || t.text === 'or')) return t.text;
    return null;
  };

  function parse(minPower: number, depth: number): Expr {
    if (depth > MAX_DEPTH) throw expressionError(expr, peek().pos, `The expression nests deeper than ${MAX_DEPTH} levels`);
    let left = prefix(depth);
    for (;;) {
      const t = peek();
      const op = binaryOf(t);
      if (op === null) break;
      const power = BINARY_POWER[op];
      if (power === undefined) throw expressionError(expr, t.pos, `Unexpected operator "${op}"`);
      if (power <= minPower) break;
      next();
      const right = parse(power, depth + 1);
      left = { kind: 'binary', op: op as BinaryOp, left, right };
      // Comparisons are non-associative: `a < b < c` is an error rather than a surprise.
      if (COMPARISONS.has(op) && binaryOf(peek()) !== null && COMPARISONS.has(binaryOf(peek())!)) {
        throw expressionError(expr, peek().pos, 'Comparisons cannot be chained (write "a < b and b < c")');
      }
    }
    return left;
  }

  function prefix(depth: number): Expr {
    const t = next();
    switch (t.kind) {
      case 'number': {
        const value = Number(t.text);
        if (!Number.isFinite(value)) throw expressionError(expr, t.pos, `The number ${t.text} is too large`);
        return { kind: 'number', value };
      }
      case '(': {
        const e = parse(0, depth + 1);
        const close = next();
        if (close.kind !== ')') throw expressionError(expr, close.pos, close.kind === 'end' ? 'Missing ")"' : `Expected ")" but found "${close.text}"`);
        return e;
      }
      case 'op':
        if (t.text === '-') return { kind: 'unary', op: '-', arg: parse(6, depth + 1) };
        if (t.text === '+') return parse(6, depth + 1);
        throw expressionError(expr, t.pos, `Unexpected operator "${t.text}"`);
      case 'name':
        return name(t, depth);
      case 'end':
        throw expressionError(expr, t.pos, 'The expression ends too early');
      default:
        throw expressionError(expr, t.pos, `Unexpected "${t.text}"`);
    }
  }

  function name(t: Token, depth: number): Expr {
    if (FORBIDDEN_NAMES.has(t.text)) throw expressionError(expr, t.pos, `"${t.text}" is not allowed in an expression`);
    if (!t.quoted) {
      if (t.text === 'true') return { kind: 'number', value: 1 };
      if (t.text === 'false') return { kind: 'number', value: 0 };
      if (t.text === 'not') return { kind: 'unary', op: 'not', arg: parse(3, depth + 1) };
      if (KEYWORDS.has(t.text)) throw expressionError(expr, t.pos, `Unexpected "${t.text}"`);
    }
    if (peek().kind !== '(' || t.quoted) return { kind: 'column', name: t.text };
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, t.text)) {
      throw expressionError(expr, t.pos, `Unknown function "${t.text}" (allowed: ${Object.keys(FUNCTIONS).join(', ')})`);
    }
    const fn = t.text as FunctionName;
    next(); // (
    const args: Expr[] = [];
    if (peek().kind !== ')') {
      for (;;) {
        args.push(parse(0, depth + 1));
        const sep = next();
        if (sep.kind === ')') break;
        if (sep.kind !== ',') throw expressionError(expr, sep.pos, sep.kind === 'end' ? `Missing ")" after the arguments of ${fn}` : `Expected "," or ")" but found "${sep.text}"`);
      }
    } else next();
    const [lo, hi] = FUNCTIONS[fn];
    if (args.length < lo || args.length > hi) {
      throw expressionError(expr, t.pos, `${fn}() takes ${lo === hi ? lo : `${lo} to ${hi}`} argument${hi === 1 ? '' : 's'}, got ${args.length}`);
    }
    return { kind: 'call', fn, args };
  }

  const ast = parse(0, 0);
  const end = peek();
  if (end.kind !== 'end') throw expressionError(expr, end.pos, `Unexpected "${end.text}" after the end of the expression`);
  return ast;
}

/** Column names an expression reads, in first-use order. */
export function expressionColumns(e: Expr, out: string[] = []): string[] {
  switch (e.kind) {
    case 'column': if (!out.includes(e.name)) out.push(e.name); break;
    case 'unary': expressionColumns(e.arg, out); break;
    case 'binary': expressionColumns(e.left, out); expressionColumns(e.right, out); break;
    case 'call': for (const a of e.args) expressionColumns(a, out); break;
  }
  return out;
}

/** True when the expression yields a truth value (comparison, and/or/not, or an if of two). */
export function isBooleanExpression(e: Expr): boolean {
  if (e.kind === 'unary') return e.op === 'not';
  if (e.kind === 'binary') return COMPARISONS.has(e.op) || e.op === 'and' || e.op === 'or';
  if (e.kind === 'call' && e.fn === 'if') return isBooleanExpression(e.args[1]) && isBooleanExpression(e.args[2]);
  return false;
}

/** Reads an expression or throws the parse error with the rule named. */
export function parseRuleExpression(expr: string, where: string): Expr {
  try {
    return parseExpression(expr);
  } catch (e) {
    if (e instanceof AppError) throw new AppError(e.code, `${where}: ${e.message}`, e.where, e.details);
    throw e;
  }
}
