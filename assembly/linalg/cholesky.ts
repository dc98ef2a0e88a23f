import { dot } from './vector-ops';

/**
 * Cholesky factorisation A = L·Lᵀ (Cholesky–Banachiewicz, row by row; Golub & Van Loan, Matrix
 * Computations, 4th ed., Alg. 4.2.1) with diagonal jitter: when a pivot is not safely positive the
 * factorisation restarts on A + ε·I with ε = 1e-10, 1e-9, …, 1e-2 (×10 each time), the usual remedy
 * for covariance matrices that are PSD only up to rounding (as in GPyTorch's `psd_safe_cholesky`).
 *
 * "Safely positive": pivot > k·2⁻⁵²·max|A_ii|, i.e. above the rounding noise of a singular matrix,
 * so a rank-deficient correlation matrix is regularised instead of yielding huge entries in L.
 *
 * A, L: k×k row-major; only A's lower triangle is read; L's upper triangle is set to 0 (A ≠ L).
 * Returns the jitter used (0 when none was needed) or −1 when even ε = 1e-2 fails (NaN input, or a
 * matrix far from PSD).
 */
export function choleskyJitter(a: usize, k: i32, l: usize): f64 {
  let scale: f64 = 0;
  for (let i = 0; i < k; i++) scale = max(scale, Math.abs(load<f64>(a + (<usize>(i * k + i) << 3))));
  const tiny = <f64>k * 2.220446049250313e-16 * scale;
  if (choleskyTry(a, k, l, 0.0, tiny)) return 0.0;
  for (let eps: f64 = 1e-10; eps <= 1.0001e-2; eps *= 10.0) {
    if (choleskyTry(a, k, l, eps, tiny)) return eps;
  }
  return -1.0;
}

/** One factorisation attempt of A + eps·I; false when a pivot is ≤ tiny (or NaN). */
function choleskyTry(a: usize, k: i32, l: usize, eps: f64, tiny: f64): bool {
  for (let i = 0; i < k; i++) {
    const li = l + (<usize>(i * k) << 3);
    for (let j = 0; j <= i; j++) {
      const lj = l + (<usize>(j * k) << 3);
      const s = load<f64>(a + (<usize>(i * k + j) << 3)) - dot(li, lj, j);
      if (i == j) {
        const piv = s + eps;
        if (!(piv > tiny)) return false;
        store<f64>(li + (<usize>i << 3), Math.sqrt(piv));
      } else {
        store<f64>(li + (<usize>j << 3), s / load<f64>(lj + (<usize>j << 3)));
      }
    }
    for (let j = i + 1; j < k; j++) store<f64>(li + (<usize>j << 3), 0.0);
  }
  return true;
}
