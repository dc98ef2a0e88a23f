import { EngineError, type Core } from '../wasm';
import { checkFinite, checkSquare, linalg } from './linalg-exports';

export interface NearestCorrelationOptions {
  /** 'higham' (default): alternating projections with Dykstra's correction; 'clip': one eigenvalue clip + rescale (SDV's repair). */
  method?: 'higham' | 'clip';
  /** Relative Frobenius tolerance of the Higham iteration (default 1e-10). */
  tol?: number;
  /** Iteration cap (default 500). */
  maxIter?: number;
  /** Eigenvalue floor of the PSD projection (default 0; use e.g. 1e-8 for a strictly PD result). */
  minEigenvalue?: number;
}

export interface NearestCorrelationResult {
  /** k×k row-major: symmetric, unit diagonal, entries in [−1, 1], PSD (eigenvalues ≥ −1e-14·k in practice). */
  R: Float64Array;
  iterations: number;
  converged: boolean;
  /** Final ‖Y − X‖_F / ‖Y‖_F of the Higham iteration (0 for 'clip'). */
  residual: number;
}

/**
 * Nearest correlation matrix to a symmetric matrix (Higham 2002, Algorithm 3.3), always followed by an
 * eigenvalue clip + unit-diagonal rescale so the result is a valid correlation matrix even when the
 * iteration cap is hit. The input is symmetrised as (A + Aᵀ)/2.
 */
export function nearestCorrelation(core: Core, A: ArrayLike<number>, k: number, opts: NearestCorrelationOptions = {}): NearestCorrelationResult {
  checkSquare(A, k, 'nearestCorrelation');
  checkFinite(A, 'nearestCorrelation');
  const tol = opts.tol ?? 1e-10;
  const maxIter = opts.maxIter ?? 500;
  const minEig = opts.minEigenvalue ?? 0;
  const method = opts.method ?? 'higham';
  if (!(tol > 0) || !Number.isInteger(maxIter) || maxIter < 1 || !(minEig >= 0 && minEig < 1) || (method !== 'higham' && method !== 'clip')) {
    throw new EngineError('linalg/bad-option', 'nearestCorrelation: need tol > 0, integer maxIter ≥ 1, 0 ≤ minEigenvalue < 1, method higham|clip', { tol, maxIter, minEig, method });
  }
  return core.withBuffers([k * k, k * k, 3], (a, out, info) => {
    core.f64(a, k * k).set(A);
    const status = linalg(core).nearestCorrelation(a, k, out, tol, maxIter, minEig, method === 'higham' ? 0 : 1, info);
    if (status !== 0) throw new EngineError('linalg/no-convergence', 'nearestCorrelation: an eigendecomposition failed', { k });
    const [iterations, converged, residual] = core.f64(info, 3);
    return { R: core.f64(out, k * k).slice(), iterations, converged: converged === 1, residual };
  });
}
