import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/lib/schema/model';
import { expressionColumns, isBooleanExpression, parseExpression } from '../../src/lib/engine/rules/expression-parser';
import { evaluateExpression } from '../../src/lib/engine/rules/expression-eval';

const cols = (o: Record<string, number[]>) => new Map(Object.entries(o).map(([k, v]) => [k, Float64Array.from(v)]));
const evalOne = (expr: string, o: Record<string, number[]> = { x: [0] }) => Array.from(evaluateExpression(parseExpression(expr), cols(o), Object.values(o)[0].length));

describe('rules expression language: grammar', () => {
  it('follows precedence: × ÷ before + −, unary minus, comparisons, and/or/not', () => {
    expect(evalOne('1 + 2 * 3')).toEqual([7]);
    expect(evalOne('(1 + 2) * 3')).toEqual([9]);
    expect(evalOne('10 - 4 - 3')).toEqual([3]); // left-associative
    expect(evalOne('2 × 3 ÷ 4 − 1')).toEqual([0.5]);
    expect(evalOne('-2 * -3')).toEqual([6]);
    expect(evalOne('1 < 2 and 3 >= 3')).toEqual([1]);
    expect(evalOne('not 1 > 2 or false')).toEqual([1]);
    expect(evalOne('1 ≠ 1')).toEqual([0]);
    expect(evalOne('2.5e1 / .5')).toEqual([50]);
  });

  it('evaluates the allowed functions over columns, with missing values propagating', () => {
    const o = { a: [1.234, -5, NaN, 4], b: [2, 3, 1, 0] };
    expect(evalOne('round(a * b, 1)', o)).toEqual([2.5, -15, NaN, 0]);
    expect(evalOne('round(a)', o)).toEqual([1, -5, NaN, 4]);
    expect(evalOne('min(a, b, 0)', o)).toEqual([0, -5, NaN, 0]);
    expect(evalOne('max(a, b)', o)).toEqual([2, 3, NaN, 4]);
    expect(evalOne('abs(a)', o)).toEqual([1.234, 5, NaN, 4]);
    expect(evalOne('if(a > b, a, b)', o)).toEqual([2, 3, NaN, 4]);
    expect(evalOne('a / b', o)).toEqual([0.617, -5 / 3, NaN, NaN]); // ÷0 is missing, never Infinity
    expect(evalOne('`a` + `b`', o)).toEqual([3.234, -2, NaN, 4]);
  });

  it('reports the columns an expression reads and whether it yields a truth value', () => {
    const e = parseExpression('if(total > 100, round(total * rate, 2), `base fee`)');
    expect(expressionColumns(e)).toEqual(['total', 'rate', 'base fee']);
    expect(isBooleanExpression(e)).toBe(false);
    expect(isBooleanExpression(parseExpression('a >= b and not c'))).toBe(true);
  });
});

describe('rules expression language: anything outside the grammar is rejected', () => {
  const bad: [string, RegExp][] = [
    ['constructor', /"constructor" is not allowed/],
    ['__proto__ + 1', /"__proto__" is not allowed/],
    ['`prototype`', /"prototype" is not allowed/],
    ['a.constructor', /Unexpected character "\."/],
    ['a; b', /Unexpected character ";"/],
    ['alert(1)', /Unknown function "alert"/],
    ['eval(1)', /Unknown function "eval"/],
    ['eval("1")', /Unexpected character """/],
    ['Function(a)()', /Unknown function "Function"/],
    ['"text"', /Unexpected character """/],
    ["'text'", /Unexpected character "'"/],
    ['a = 1', /Use "=="/],
    ['a[0]', /Unexpected character "\["/],
    ['x => x', /Use "=="|Unexpected/],
    ['1 < 2 < 3', /cannot be chained/],
    ['round(1, 2, 3)', /round\(\) takes 1 to 2 arguments, got 3/],
    ['abs()', /abs\(\) takes 1 argument, got 0/],
    ['if(1, 2)', /if\(\) takes 3 arguments/],
    ['(1 + 2', /Missing "\)"/],
    ['1 +', /ends too early/],
    ['1 2', /Unexpected "2" after the end/],
    ['a $ b', /Unexpected character "\$"/]
  ];
  for (const [expr, msg] of bad) {
    it(`rejects ${JSON.stringify(expr)}`, () => {
      let err: unknown;
      try { parseExpression(expr); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('rules/expression-syntax');
      expect((err as AppError).message).toMatch(msg);
    });
  }

  it('treats a bare name as a column, resolved only against the table (never an object property)', () => {
    expect(() => evalOne('this + 1', { x: [1] })).toThrow(/uses column "this", which the table does not have/);
    expect(() => evalOne('toString', { x: [1] })).toThrow(/column "toString"/);
    expect(() => evalOne('hasOwnProperty(1)')).toThrow(/Unknown function "hasOwnProperty"/);
  });

  it('caps length and nesting depth', () => {
    expect(() => parseExpression('1+'.repeat(1500) + '1')).toThrow(/longer than 2000/);
    expect(() => parseExpression('('.repeat(100) + '1' + ')'.repeat(100))).toThrow(/nests deeper than 64/);
  });
});
