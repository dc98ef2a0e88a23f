import { dot, axpy, scaleInto } from './vector-ops';
import { choleskyJitter } from './cholesky';
import { forwardSubstitute, backSubstituteTransposed } from './triangular-solve';
import { drawBlock, MVN_BLOCK } from './mvn-sample';

/**
 * Conditional Gaussian by the Schur complement (e.g. Rasmussen & Williams, Gaussian Processes for
 * Machine Learning, 2006, eq. A.6): for z ~ N(0, Σ) split into conditioned c and rest r,
 *   z_r | z_c ~ N(B·z_c, Σ_rr − B·Σ_cr),   B = Σ_rc·Σ_cc⁻¹.
 * `condGaussianFit` precomputes B (by two triangular solves per row against the Cholesky factor of
 * Σ_cc — never an explicit inverse) and the Cholesky factor of the Schur complement, both with jitter.
 *
 * sigma: k×k row-major. cIdx (q) and rIdx (p): variable indices stored as f64. Outputs: B p×q row-major,
 * L p×p lower row-major, info (2 f64): jitter of Σ_cc, jitter of the Schur complement.
 * Returns 0, 1 when Σ_cc is not PD even with jitter 1e-2, 2 when the Schur complement is not.
 */
export function condGaussianFit(sigma: usize, k: i32, cIdx: usize, q: i32, rIdx: usize, p: i32, bOut: usize, lOut: usize, info: usize): i32 {
  store<f64>(info, 0.0);
  store<f64>(info, 0.0, 8);
  const qq = max(q, 1), pp = max(p, 1);
  const Scc = heap.alloc(<usize>(qq * qq) << 3), Lcc = heap.alloc(<usize>(qq * qq) << 3);
  const Src = heap.alloc(<usize>(pp * qq) << 3), S = heap.alloc(<usize>(pp * pp) << 3);
  let status: i32 = 0;
  for (let a = 0; a < q; a++) {
    const ca = idx(cIdx, a);
    for (let b = 0; b < q; b++) store<f64>(Scc + (<usize>(a * q + b) << 3), sig(sigma, k, ca, idx(cIdx, b)));
  }
  for (let i = 0; i < p; i++) {
    const ri = idx(rIdx, i);
    for (let t = 0; t < q; t++) store<f64>(Src + (<usize>(i * q + t) << 3), sig(sigma, k, ri, idx(cIdx, t)));
    for (let j = 0; j < p; j++) store<f64>(S + (<usize>(i * p + j) << 3), sig(sigma, k, ri, idx(rIdx, j)));
  }
  if (q > 0) {
    const jc = choleskyJitter(Scc, q, Lcc);
    store<f64>(info, jc);
    if (jc < 0) status = 1;
    else {
      // Row i of B solves Σ_cc·x = Σ_c,r_i (the i-th row of Σ_rc): Lcc·y = s, then Lccᵀ·x = y.
      for (let i = 0; i < p; i++) {
        const bi = bOut + (<usize>(i * q) << 3);
        forwardSubstitute(Lcc, q, Src + (<usize>(i * q) << 3), bi);
        backSubstituteTransposed(Lcc, q, bi, bi);
      }
      // Schur complement S = Σ_rr − B·Σ_cr, computed on the lower triangle and mirrored (exactly symmetric).
      for (let i = 0; i < p; i++) {
        for (let j = 0; j <= i; j++) {
          const v = load<f64>(S + (<usize>(i * p + j) << 3)) - dot(bOut + (<usize>(i * q) << 3), Src + (<usize>(j * q) << 3), q);
          store<f64>(S + (<usize>(i * p + j) << 3), v);
          store<f64>(S + (<usize>(j * p + i) << 3), v);
        }
      }
    }
  }
  if (status == 0 && p > 0) {
    const js = choleskyJitter(S, p, lOut);
    store<f64>(info, js, 8);
    if (js < 0) status = 2;
  }
  heap.free(Scc); heap.free(Lcc); heap.free(Src); heap.free(S);
  return status;
}

/**
 * Draws m rows of z_r = B·z_c + L·e, each row with its own conditioning values z_c.
 * zc: m × q column-major (column t at zc + t·ldc doubles); out: m × p column-major (ld `ldo`).
 * Vectorised over rows exactly as `mvnSample` (same draw order: p normals per row, row by row), so
 * SIMD and scalar builds agree bit for bit and chunking does not change the result.
 */
export function condGaussianSample(bm: usize, lc: usize, p: i32, q: i32, zc: usize, ldc: i32, m: i32, st: usize, out: usize, ldo: i32): void {
  if (p <= 0 || m <= 0) return;
  const e = heap.alloc(<usize>(p * MVN_BLOCK) << 3);
  for (let i0 = 0; i0 < m; i0 += MVN_BLOCK) {
    const mm = min(MVN_BLOCK, m - i0);
    drawBlock(st, e, p, mm);
    for (let i = 0; i < p; i++) {
      const dst = out + ((<usize>i * <usize>ldo + <usize>i0) << 3);
      const bi = bm + (<usize>(i * q) << 3), li = lc + (<usize>(i * p) << 3);
      let first = true;
      for (let t = 0; t < q; t++) {
        const src = zc + ((<usize>t * <usize>ldc + <usize>i0) << 3);
        const coef = load<f64>(bi + (<usize>t << 3));
        if (first) { scaleInto(dst, coef, src, mm); first = false; } else axpy(dst, coef, src, mm);
      }
      for (let s = 0; s <= i; s++) {
        const src = e + (<usize>(s * MVN_BLOCK) << 3);
        const coef = load<f64>(li + (<usize>s << 3));
        if (first) { scaleInto(dst, coef, src, mm); first = false; } else axpy(dst, coef, src, mm);
      }
    }
  }
  heap.free(e);
}

@inline function idx(p: usize, i: i32): i32 { return <i32>load<f64>(p + (<usize>i << 3)); }
@inline function sig(s: usize, k: i32, i: i32, j: i32): f64 { return load<f64>(s + (<usize>(i * k + j) << 3)); }
