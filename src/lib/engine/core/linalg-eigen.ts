import { EngineError, type Core } from '../wasm';
import { checkFinite, checkSquare, linalg } from './linalg-exports';

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** k×k row-major; eigenvector j is column j. */
  vectors: Float64Array;
}

/**
 * Eigendecomposition of a symmetric k×k matrix (row-major; only the lower triangle is read) by
 * Householder tridiagonalisation + implicit QL (EISPACK tred2/tql2, via JAMA). See docs/core-linalg.md.
 */
export function symmetricEigen(core: Core, A: ArrayLike<number>, k: number): SymmetricEigen {
  checkSquare(A, k, 'symmetricEigen');
  checkFinite(A, 'symmetricEigen');
  return core.withBuffers([k * k, k, k * k], (a, d, v) => {
    core.f64(a, k * k).set(A);
    const status = linalg(core).symEigen(a, k, d, v);
    if (status !== 0) throw new EngineError('linalg/no-convergence', 'symmetricEigen: the QL iteration did not converge', { k });
    return { values: core.f64(d, k).slice(), vectors: core.f64(v, k * k).slice() };
  });
}
