import { EngineError, type Core } from '../wasm';
import { checkCount, checkFinite, checkPointer, checkSquare, linalg } from './linalg-exports';

/**
 * Draws n rows of z = L·e, e ~ N(0, I), from the seeded stream `rngPtr` (see `Core.newRng`), and returns
 * the k columns. L: k×k lower-triangular row-major (e.g. `cholesky(...).L` of a correlation matrix).
 * Same seed ⇒ same numbers in the SIMD and scalar builds, and regardless of chunking.
 */
export function sampleMvn(core: Core, L: ArrayLike<number>, k: number, n: number, rngPtr: number): Float64Array[] {
  checkCount(n, 'sampleMvn: row count');
  checkSquare(L, k, 'sampleMvn');
  checkFinite(L, 'sampleMvn');
  checkPointer(rngPtr, 'sampleMvn: rng');
  return core.withBuffers([n * k], (out) => {
    sampleMvnInto(core, L, k, n, rngPtr, out, n);
    const cols: Float64Array[] = [];
    for (let j = 0; j < k; j++) cols.push(core.f64(out + j * n * 8, n).slice());
    return cols;
  });
}

/**
 * Pointer-level variant for chunked sampling: writes n rows into the caller's column-major buffer
 * (column j at `outPtr + j·ld` doubles, ld ≥ n). To fill rows [r, r+n) of an N-row buffer, pass
 * `outPtr = base + 8·r` and `ld = N`; consecutive chunks from one stream equal a single big call.
 */
export function sampleMvnInto(core: Core, L: ArrayLike<number>, k: number, n: number, rngPtr: number, outPtr: number, ld = n): void {
  checkCount(n, 'sampleMvnInto: row count');
  checkSquare(L, k, 'sampleMvnInto');
  checkPointer(rngPtr, 'sampleMvnInto: rng');
  checkPointer(outPtr, 'sampleMvnInto: output');
  if (!Number.isInteger(ld) || ld < n) throw new EngineError('linalg/bad-shape', `sampleMvnInto: leading dimension ${ld} is smaller than n = ${n}`, { ld, n });
  if (n === 0) return;
  core.withBuffers([k * k], (l) => {
    core.f64(l, k * k).set(L);
    linalg(core).mvnSample(l, k, n, rngPtr, outPtr, ld);
  });
}
