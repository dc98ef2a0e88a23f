/**
 * Typed view of the linalg kernels exported by assembly/linalg/index.ts, plus the input checks every
 * wrapper shares. Matrices are k×k row-major Float64Arrays; data columns are Float64Arrays (NaN = missing).
 */
import { EngineError, type Core } from '../wasm';

export interface LinalgExports {
  corrPairwise(data: number, n: number, k: number, ld: number, out: number): void;
  symEigen(a: number, k: number, d: number, v: number): number;
  nearestCorrelation(a: number, k: number, out: number, tol: number, maxIter: number, minEig: number, method: number, info: number): number;
  choleskyJitter(a: number, k: number, l: number): number;
  solveLower(l: number, k: number, b: number, m: number, x: number): number;
  solveUpper(u: number, k: number, b: number, m: number, x: number): number;
  solveLowerTransposed(l: number, k: number, b: number, m: number, x: number): number;
  mvnSample(l: number, k: number, n: number, rng: number, out: number, ld: number): void;
  condGaussianFit(sigma: number, k: number, cIdx: number, q: number, rIdx: number, p: number, bOut: number, lOut: number, info: number): number;
  condGaussianSample(b: number, l: number, p: number, q: number, zc: number, ldc: number, m: number, rng: number, out: number, ldo: number): void;
}

export function linalg(core: Core): LinalgExports {
  return core.exports as unknown as LinalgExports;
}

/** Throws `linalg/bad-shape` unless k is a positive integer and `m` holds exactly k×k numbers. */
export function checkSquare(m: ArrayLike<number>, k: number, what: string): void {
  if (!Number.isInteger(k) || k < 1) throw new EngineError('linalg/bad-shape', `${what}: the size k must be a positive integer (got ${k})`, { k });
  if (m.length !== k * k) {
    throw new EngineError('linalg/bad-shape', `${what}: expected a ${k}×${k} matrix (${k * k} numbers), got ${m.length}`, { k, length: m.length });
  }
}

/** Throws `linalg/not-finite` when any value is NaN or ±Infinity. */
export function checkFinite(m: ArrayLike<number>, what: string): void {
  for (let i = 0; i < m.length; i++) {
    if (!Number.isFinite(m[i])) {
      throw new EngineError('linalg/not-finite', `${what}: value #${i} is ${m[i]}; only finite numbers are allowed`, { index: i, value: m[i] });
    }
  }
}

/** Throws `linalg/bad-shape` unless n is a non-negative integer. */
export function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new EngineError('linalg/bad-shape', `${what} must be a non-negative integer (got ${n})`, { n });
}

/** Throws `linalg/bad-pointer` for a pointer that cannot be a live WASM buffer. */
export function checkPointer(ptr: number, what: string): void {
  if (!Number.isInteger(ptr) || ptr <= 0) throw new EngineError('linalg/bad-pointer', `${what} must be a pointer returned by the WASM allocator (got ${ptr})`, { ptr });
}
