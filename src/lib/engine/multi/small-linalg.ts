/** Dense linear algebra on tiny matrices in plain JS (k ≲ 50), where a WASM round trip costs more than the work. */

/** Lower Cholesky factor of a k×k row-major matrix, or null when it is not positive definite. */
export function choleskyJs(A: ArrayLike<number>, k: number): Float64Array | null {
  const L = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * k + j];
      for (let t = 0; t < j; t++) s -= L[i * k + t] * L[j * k + t];
      if (i === j) {
        if (!(s > 1e-10)) return null;
        L[i * k + i] = Math.sqrt(s);
      } else L[i * k + j] = s / L[j * k + j];
    }
  }
  return L;
}

/** Solves A x = b for symmetric positive definite A given its Cholesky factor L. */
export function cholSolveJs(L: Float64Array, k: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) { let s = b[i]; for (let t = 0; t < i; t++) s -= L[i * k + t] * y[t]; y[i] = s / L[i * k + i]; }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) { let s = y[i]; for (let t = i + 1; t < k; t++) s -= L[t * k + i] * x[t]; x[i] = s / L[i * k + i]; }
  return x;
}
