import { dot } from './vector-ops';
import { symEigen } from './symmetric-eigen';

/**
 * Nearest correlation matrix (in the Frobenius norm) to a symmetric matrix A, by alternating
 * projections with Dykstra's correction — Higham, "Computing the nearest correlation matrix — a problem
 * from finance", IMA J. Numer. Anal. 22 (2002) 329–343, Algorithm 3.3 (unweighted, W = I):
 *
 *   ΔS₀ = 0, Y₀ = A;  for k = 1, 2, …:  R = Y − ΔS;  X = P_S(R);  ΔS = X − R;  Y = P_U(X)
 *
 * P_S clips eigenvalues below `minEig` (0 = plain PSD cone), P_U sets the diagonal to 1. Stops when
 * max(‖X−X_old‖, ‖Y−Y_old‖, ‖Y−X‖)/‖Y‖ (Frobenius) ≤ tol, as Higham's `nearcorr.m`, or after maxIter.
 *
 * method 1 ("clip") skips the iteration: it is only the final step below, which both methods run so
 * that the result is always a valid correlation matrix whatever the convergence: eigenvalues of Y are
 * clipped at minEig and the result is rescaled to unit diagonal, D^-½·X·D^-½ (a congruence, so it stays
 * PSD; X_ii ≥ Y_ii = 1, so no division by zero). This step alone is SDV's `_get_nearest_correlation_matrix`.
 *
 * A, out: k×k row-major (A is symmetrised as (A+Aᵀ)/2). info (3 f64): iterations, converged (1/0),
 * final relative residual ‖Y−X‖/‖Y‖. Returns 0, or 1 when an eigendecomposition failed (NaN input).
 */
export function nearestCorrelation(a: usize, k: i32, out: usize, tol: f64, maxIter: i32, minEig: f64, method: i32, info: usize): i32 {
  const kk = <usize>(k * k) << 3;
  const Y = heap.alloc(kk), dS = heap.alloc(kk), R = heap.alloc(kk), X = heap.alloc(kk);
  const V = heap.alloc(kk), G = heap.alloc(kk), W = heap.alloc(kk), d = heap.alloc(<usize>k << 3);
  let status: i32 = 0, iter: i32 = 0, converged: f64 = 0, resid: f64 = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const o = <usize>(i * k + j) << 3;
      store<f64>(Y + o, 0.5 * (load<f64>(a + o) + load<f64>(a + (<usize>(j * k + i) << 3))));
      store<f64>(dS + o, 0.0);
      store<f64>(X + o, 0.0);
    }
  }
  if (method == 0) {
    while (iter < maxIter) {
      iter++;
      for (let i = 0; i < k * k; i++) {
        const o = <usize>i << 3;
        store<f64>(R + o, load<f64>(Y + o) - load<f64>(dS + o));
      }
      if (projectPsd(R, k, minEig, V, G, W, d) != 0) { status = 1; break; }
      // W now holds X = P_S(R); compare with the previous X, then ΔS = X − R and Y = P_U(X).
      let dx: f64 = 0, dy: f64 = 0, dxy: f64 = 0, ny: f64 = 0;
      for (let i = 0; i < k; i++) {
        for (let j = 0; j < k; j++) {
          const o = <usize>(i * k + j) << 3;
          const xn = load<f64>(W + o);
          const t = xn - load<f64>(X + o); dx += t * t;
          store<f64>(X + o, xn);
          store<f64>(dS + o, xn - load<f64>(R + o));
          const yn = i == j ? 1.0 : xn;
          const u = yn - load<f64>(Y + o); dy += u * u;
          store<f64>(Y + o, yn);
          const w = yn - xn; dxy += w * w;
          ny += yn * yn;
        }
      }
      resid = Math.sqrt(dxy / ny);
      if (Math.sqrt(max(dx, dy) / ny) <= tol && resid <= tol) { converged = 1; break; }
    }
  } else {
    converged = 1;
  }
  if (status == 0) {
    // Final repair: clip eigenvalues of Y at minEig, then rescale to unit diagonal.
    memory.copy(R, Y, kk);
    if (projectPsd(R, k, minEig, V, G, W, d) != 0) {
      status = 1;
    } else {
      for (let i = 0; i < k; i++) store<f64>(d + (<usize>i << 3), 1.0 / Math.sqrt(load<f64>(W + (<usize>(i * k + i) << 3))));
      for (let i = 0; i < k; i++) {
        const si = load<f64>(d + (<usize>i << 3));
        for (let j = 0; j < k; j++) {
          const o = <usize>(i * k + j) << 3;
          // W is exactly symmetric and si·sj commutes, so the result is exactly symmetric too.
          let r = i == j ? 1.0 : load<f64>(W + o) * (si * load<f64>(d + (<usize>j << 3)));
          r = r > 1.0 ? 1.0 : r < -1.0 ? -1.0 : r;
          store<f64>(out + o, r);
        }
      }
    }
  }
  store<f64>(info, <f64>iter);
  store<f64>(info, converged, 8);
  store<f64>(info, resid, 16);
  heap.free(Y); heap.free(dS); heap.free(R); heap.free(X); heap.free(V); heap.free(G); heap.free(W); heap.free(d);
  return status;
}

/**
 * out ← V·diag(max(λ, minEig))·Vᵀ for the symmetric matrix at `m` (eigenpairs λ, V). Formed as G·Gᵀ with
 * G = V·diag(√λ₊) so the result is exactly symmetric and PSD up to rounding. V, G, d are scratch.
 */
function projectPsd(m: usize, k: i32, minEig: f64, V: usize, G: usize, out: usize, d: usize): i32 {
  if (symEigen(m, k, d, V) != 0) return 1;
  for (let j = 0; j < k; j++) {
    const lam = load<f64>(d + (<usize>j << 3));
    if (!isFinite(lam)) return 1;
    store<f64>(d + (<usize>j << 3), Math.sqrt(max(lam, max(minEig, 0.0))));
  }
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const o = <usize>(i * k + j) << 3;
      store<f64>(G + o, load<f64>(V + o) * load<f64>(d + (<usize>j << 3)));
    }
  }
  for (let i = 0; i < k; i++) {
    const gi = G + (<usize>(i * k) << 3);
    for (let j = 0; j <= i; j++) {
      const x = dot(gi, G + (<usize>(j * k) << 3), k);
      store<f64>(out + (<usize>(i * k + j) << 3), x);
      store<f64>(out + (<usize>(j * k + i) << 3), x);
    }
  }
  return 0;
}
