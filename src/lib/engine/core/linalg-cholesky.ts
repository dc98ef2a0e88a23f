import { EngineError, type Core } from '../wasm';
import { checkFinite, checkSquare, linalg } from './linalg-exports';

export interface CholeskyResult {
  /** k×k row-major lower-triangular factor (upper triangle 0) with A + jitter·I = L·Lᵀ. */
  L: Float64Array;
  /** Diagonal jitter that was needed: 0, or one of 1e-10, 1e-9, …, 1e-2. */
  jitter: number;
}

/**
 * Cholesky factor of a symmetric positive (semi-)definite k×k matrix (row-major, lower triangle read),
 * adding growing jitter ε·I (1e-10 … 1e-2) when a pivot is not safely positive.
 * Throws `linalg/not-positive-definite` when even ε = 1e-2 does not help.
 */
export function cholesky(core: Core, A: ArrayLike<number>, k: number): CholeskyResult {
  checkSquare(A, k, 'cholesky');
  checkFinite(A, 'cholesky');
  return core.withBuffers([k * k, k * k], (a, l) => {
    core.f64(a, k * k).set(A);
    const jitter = linalg(core).choleskyJitter(a, k, l);
    if (jitter < 0) {
      throw new EngineError('linalg/not-positive-definite', `cholesky: the ${k}×${k} matrix is not positive semi-definite (even with jitter 1e-2)`, { k });
    }
    return { L: core.f64(l, k * k).slice(), jitter };
  });
}

type Solver = 'solveLower' | 'solveUpper' | 'solveLowerTransposed';

function solve(core: Core, kernel: Solver, T: ArrayLike<number>, k: number, b: ArrayLike<number>): Float64Array {
  checkSquare(T, k, kernel);
  checkFinite(T, kernel);
  checkFinite(b, kernel);
  if (b.length === 0 || b.length % k !== 0) {
    throw new EngineError('linalg/bad-shape', `${kernel}: right-hand side length ${b.length} is not a positive multiple of k = ${k}`, { k, length: b.length });
  }
  const m = b.length / k;
  return core.withBuffers([k * k, b.length], (t, x) => {
    core.f64(t, k * k).set(T);
    core.f64(x, b.length).set(b);
    if (linalg(core)[kernel](t, k, x, m, x) !== 0) {
      throw new EngineError('linalg/singular', `${kernel}: the triangular matrix has a zero diagonal entry`, { k });
    }
    return core.f64(x, b.length).slice();
  });
}

/** Solves L·x = b (forward substitution). b may hold several right-hand sides of length k, one after another. */
export function solveLower(core: Core, L: ArrayLike<number>, k: number, b: ArrayLike<number>): Float64Array {
  return solve(core, 'solveLower', L, k, b);
}

/** Solves U·x = b (back substitution), U upper-triangular row-major. */
export function solveUpper(core: Core, U: ArrayLike<number>, k: number, b: ArrayLike<number>): Float64Array {
  return solve(core, 'solveUpper', U, k, b);
}

/** Solves Lᵀ·x = b given the lower factor L (the second half of a Cholesky solve). */
export function solveLowerTransposed(core: Core, L: ArrayLike<number>, k: number, b: ArrayLike<number>): Float64Array {
  return solve(core, 'solveLowerTransposed', L, k, b);
}

/** Solves A·x = b from A's Cholesky factor L (A = L·Lᵀ): L·y = b, then Lᵀ·x = y. */
export function solveCholesky(core: Core, L: ArrayLike<number>, k: number, b: ArrayLike<number>): Float64Array {
  return solveLowerTransposed(core, L, k, solveLower(core, L, k, b));
}
