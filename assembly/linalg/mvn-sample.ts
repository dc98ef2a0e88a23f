import { rngNextNormal } from '../rng/normal';
import { axpy, scaleInto } from './vector-ops';

/** Rows per block: the block of normals (k × BLOCK doubles) stays in cache while L is applied. */
export const MVN_BLOCK: i32 = 256;

/**
 * Multivariate-normal draws z = L·e, e ~ N(0, I) (the textbook Cholesky construction, e.g. Gentle,
 * Random Number Generation and Monte Carlo Methods, 2003, §5.3.1). L: k×k lower-triangular row-major.
 * Output: n rows × k columns, column-major with column j at `out + j·ld` doubles (ld ≥ n), so a chunk of
 * a larger buffer can be filled in place.
 *
 * The normals are drawn row by row (e₀…e_{k−1} of row 0, then row 1, …), so the output depends only on
 * the stream state, not on the block size or on how the caller chunks n. The product is vectorised
 * over rows: z_j[rows] = L_j0·e₀[rows] + L_j1·e₁[rows] + … (SIMD f64x2 axpy). Each element sees the same
 * operations in the same order in the SIMD and scalar builds, so both give identical numbers.
 */
export function mvnSample(l: usize, k: i32, n: i32, st: usize, out: usize, ld: i32): void {
  if (k <= 0 || n <= 0) return;
  const e = heap.alloc(<usize>(k * MVN_BLOCK) << 3);
  for (let i0 = 0; i0 < n; i0 += MVN_BLOCK) {
    const m = min(MVN_BLOCK, n - i0);
    drawBlock(st, e, k, m);
    for (let j = 0; j < k; j++) {
      const dst = out + ((<usize>j * <usize>ld + <usize>i0) << 3);
      const lj = l + (<usize>(j * k) << 3);
      scaleInto(dst, load<f64>(lj), e, m);
      for (let p = 1; p <= j; p++) axpy(dst, load<f64>(lj + (<usize>p << 3)), e + (<usize>(p * MVN_BLOCK) << 3), m);
    }
  }
  heap.free(e);
}

/** Fills a k × MVN_BLOCK column-major block with standard normals, drawn row by row for m rows. */
export function drawBlock(st: usize, e: usize, k: i32, m: i32): void {
  for (let r = 0; r < m; r++) {
    for (let p = 0; p < k; p++) store<f64>(e + (<usize>(p * MVN_BLOCK + r) << 3), rngNextNormal(st));
  }
}
