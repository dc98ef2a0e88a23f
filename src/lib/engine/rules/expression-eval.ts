/**
 * Evaluates a parsed expression over numeric columns by compiling the AST into nested closures
 * (no `eval`, no `new Function`). Values are doubles; truth values are 1/0; a missing input (NaN)
 * makes the result missing; a non-finite result (÷0) is missing too.
 */
import { AppError } from '../../schema/model';
import { roundTo } from '../transformers/number-text';
import type { Expr } from './expression-parser';

export type RowFn = (row: number) => number;

const truth = (x: number) => (x !== x ? NaN : x !== 0 ? 1 : 0);

/** Compiles `e`; `columns` maps every referenced column to its values (NaN = missing). */
export function compileExpression(e: Expr, columns: ReadonlyMap<string, Float64Array>): RowFn {
  switch (e.kind) {
    case 'number': { const v = e.value; return () => v; }
    case 'column': {
      const col = columns.get(e.name);
      if (!col) throw new AppError('rules/unknown-column', `The expression uses column "${e.name}", which the table does not have`, { column: e.name });
      return (r) => col[r];
    }
    case 'unary': {
      const a = compileExpression(e.arg, columns);
      return e.op === '-' ? (r) => -a(r) : (r) => { const t = truth(a(r)); return t !== t ? NaN : 1 - t; };
    }
    case 'binary': {
      const a = compileExpression(e.left, columns), b = compileExpression(e.right, columns);
      const cmp = (f: (x: number, y: number) => boolean): RowFn => (r) => { const x = a(r), y = b(r); return x !== x || y !== y ? NaN : f(x, y) ? 1 : 0; };
      switch (e.op) {
        case '+': return (r) => a(r) + b(r);
        case '-': return (r) => a(r) - b(r);
        case '*': return (r) => a(r) * b(r);
        case '/': return (r) => a(r) / b(r);
        case '<': return cmp((x, y) => x < y);
        case '<=': return cmp((x, y) => x <= y);
        case '>': return cmp((x, y) => x > y);
        case '>=': return cmp((x, y) => x >= y);
        case '==': return cmp((x, y) => x === y);
        case '!=': return cmp((x, y) => x !== y);
        case 'and': return (r) => { const x = truth(a(r)); if (x === 0) return 0; const y = truth(b(r)); return x !== x || y !== y ? NaN : y; };
        case 'or': return (r) => { const x = truth(a(r)); if (x === 1) return 1; const y = truth(b(r)); return x !== x || y !== y ? NaN : y; };
      }
      break;
    }
    case 'call': {
      const args = e.args.map((x) => compileExpression(x, columns));
      switch (e.fn) {
        case 'abs': return (r) => Math.abs(args[0](r));
        case 'min': return (r) => { let m = Infinity; for (const f of args) { const v = f(r); if (v !== v) return NaN; if (v < m) m = v; } return m; };
        case 'max': return (r) => { let m = -Infinity; for (const f of args) { const v = f(r); if (v !== v) return NaN; if (v > m) m = v; } return m; };
        case 'if': {
          const [c, t, f] = args;
          return (r) => { const x = truth(c(r)); return x !== x ? NaN : x ? t(r) : f(r); };
        }
        case 'round': {
          const [x, d] = args;
          return (r) => {
            const v = x(r), k = d ? d(r) : 0;
            if (v !== v || !Number.isInteger(k) || k < 0 || k > 15) return NaN;
            return roundTo(v, k);
          };
        }
      }
    }
  }
  throw new AppError('rules/expression-syntax', 'Unknown expression node');
}

/** Evaluates over `rows` rows; non-finite results become NaN (missing). */
export function evaluateExpression(e: Expr, columns: ReadonlyMap<string, Float64Array>, rows: number): Float64Array {
  const f = compileExpression(e, columns);
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const v = f(r);
    out[r] = Number.isFinite(v) ? v : NaN;
  }
  return out;
}
