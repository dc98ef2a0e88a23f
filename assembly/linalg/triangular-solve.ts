import { dot } from './vector-ops';

/**
 * Triangular solves by forward and back substitution (Golub & Van Loan, Matrix Computations, 4th ed.,
 * Alg. 3.1.1 and 3.1.2). Matrices are k×k row-major; `m` right-hand sides are stored one after another
 * (k×m column-major: RHS c at b + c·k doubles) and the solutions go to `x` in the same layout (`x` may
 * be `b`). Each returns 0, or 1 when a diagonal entry is zero or not finite (singular system).
 */

/** Solves L·x = b with L lower triangular (upper triangle ignored). */
export function solveLower(l: usize, k: i32, b: usize, m: i32, x: usize): i32 {
  for (let c = 0; c < m; c++) {
    const xc = x + (<usize>(c * k) << 3), bc = b + (<usize>(c * k) << 3);
    if (forwardSubstitute(l, k, bc, xc) != 0) return 1;
  }
  return 0;
}

/** Solves U·x = b with U upper triangular (lower triangle ignored). */
export function solveUpper(u: usize, k: i32, b: usize, m: i32, x: usize): i32 {
  for (let c = 0; c < m; c++) {
    const xc = x + (<usize>(c * k) << 3), bc = b + (<usize>(c * k) << 3);
    for (let i = k - 1; i >= 0; i--) {
      const ui = u + (<usize>(i * k) << 3);
      const diag = load<f64>(ui + (<usize>i << 3));
      if (diag == 0 || !isFinite(diag)) return 1;
      const s = load<f64>(bc + (<usize>i << 3)) - dot(ui + (<usize>(i + 1) << 3), xc + (<usize>(i + 1) << 3), k - 1 - i);
      store<f64>(xc + (<usize>i << 3), s / diag);
    }
  }
  return 0;
}

/** Solves Lᵀ·x = b with L lower triangular — the back substitution of a Cholesky solve. */
export function solveLowerTransposed(l: usize, k: i32, b: usize, m: i32, x: usize): i32 {
  for (let c = 0; c < m; c++) {
    const xc = x + (<usize>(c * k) << 3), bc = b + (<usize>(c * k) << 3);
    if (backSubstituteTransposed(l, k, bc, xc) != 0) return 1;
  }
  return 0;
}

/** L·x = b for one vector (x may be b). */
export function forwardSubstitute(l: usize, k: i32, b: usize, x: usize): i32 {
  for (let i = 0; i < k; i++) {
    const li = l + (<usize>(i * k) << 3);
    const diag = load<f64>(li + (<usize>i << 3));
    if (diag == 0 || !isFinite(diag)) return 1;
    store<f64>(x + (<usize>i << 3), (load<f64>(b + (<usize>i << 3)) - dot(li, x, i)) / diag);
  }
  return 0;
}

/** Lᵀ·x = b for one vector (x may be b); walks L by columns. */
export function backSubstituteTransposed(l: usize, k: i32, b: usize, x: usize): i32 {
  for (let i = k - 1; i >= 0; i--) {
    const diag = load<f64>(l + (<usize>(i * k + i) << 3));
    if (diag == 0 || !isFinite(diag)) return 1;
    let s = load<f64>(b + (<usize>i << 3));
    for (let p = i + 1; p < k; p++) s -= load<f64>(l + (<usize>(p * k + i) << 3)) * load<f64>(x + (<usize>p << 3));
    store<f64>(x + (<usize>i << 3), s / diag);
  }
  return 0;
}
