import { erf } from './erf';
import { normLogCdf, normLogSf, normLogPdf, normLogSfRatio, log1mexp } from './normal';
import { normQuantile, normQuantileFromLogCdf } from './normal-quantile';

/**
 * Standard truncated normal on [α, β] (−∞ ≤ α < β ≤ +∞): CDF, quantile, log-density and mean/variance,
 * stable far in the tails. When the interval lies in one tail, probabilities are handled as
 * logarithms of the *smaller* tail (log Φc on the right, log Φ on the left) and differences with
 * log1mexp, so e.g. [8, 9] or [40, 41] lose no accuracy (Φc(40) underflows, its log does not).
 * Straddling intervals use ½(erf(β/√2) − erf(α/√2)), which has no cancellation.
 */

const INV_SQRT2: f64 = 0.70710678118654752440;

/** log Z, Z = Φ(β) − Φ(α). */
export function truncnormLogMass(alpha: f64, beta: f64): f64 {
  if (alpha >= 0) {
    return normLogSf(alpha) + log1mexp(normLogSfRatio(beta, alpha));
  }
  if (beta <= 0) {
    return normLogCdf(beta) + log1mexp(normLogSfRatio(-alpha, -beta));
  }
  return Math.log(0.5 * (erf(beta * INV_SQRT2) - erf(alpha * INV_SQRT2)));
}

/** P(ξ ≤ x) for the standard normal truncated to [α, β]. `logZ` from `truncnormLogMass`. */
export function truncnormStdCdf(x: f64, alpha: f64, beta: f64, logZ: f64): f64 {
  if (x != x) return x;
  if (x <= alpha) return 0.0;
  if (x >= beta) return 1.0;
  if (alpha >= 0) {
    return Math.exp(normLogSf(alpha) + log1mexp(normLogSfRatio(x, alpha)) - logZ);
  }
  if (x <= 0) {
    return Math.exp(normLogCdf(x) + log1mexp(normLogSfRatio(-alpha, -x)) - logZ);
  }
  if (beta <= 0) return 1.0; // unreachable (x > 0 ≥ β handled above)
  // α < 0 < x: mass of [α, x] = ½(erf(x/√2) − erf(α/√2))
  return Math.min(1.0, 0.5 * (erf(x * INV_SQRT2) - erf(alpha * INV_SQRT2)) / Math.exp(logZ));
}

/** Quantile of the standard normal truncated to [α, β]; u ∈ [0, 1]. */
export function truncnormStdQuantile(u: f64, alpha: f64, beta: f64, logZ: f64): f64 {
  if (!(u >= 0 && u <= 1)) return NaN;
  if (u == 0) return alpha;
  if (u == 1) return beta;
  let x: f64;
  if (alpha >= 0) {
    // log Φc(x) = log Φc(α) + log(1 − u(1 − Φc(β)/Φc(α)))
    const la = normLogSf(alpha);
    const d = normLogSfRatio(beta, alpha);
    // 1 − u(1 − r), r = Φc(β)/Φc(α): log1p form for small u, (1 − u) + u·r for u near 1 (keeps r)
    const ls = la + (u < 0.5 ? Math.log1p(u * Math.expm1(d)) : Math.log((1.0 - u) + u * Math.exp(d)));
    x = -normQuantileFromLogCdf(ls);
  } else if (beta <= 0) {
    // log Φ(x) = log Φ(β) + log(1 − (1−u)(1 − Φ(α)/Φ(β)))
    const lb = normLogCdf(beta);
    const d = normLogSfRatio(-alpha, -beta);
    const w = 1.0 - u; // exact for u ≥ ½; for u < ½ the tail to resolve is at α, written as u + w·r
    const lc = lb + (w < 0.5 ? Math.log1p(w * Math.expm1(d)) : Math.log(u + w * Math.exp(d)));
    x = normQuantileFromLogCdf(lc);
  } else {
    const z = Math.exp(logZ);
    // pick the tail that keeps the target probability small
    const pa = 0.5 + 0.5 * erf(alpha * INV_SQRT2);
    const target = pa + u * z;
    if (target <= 0.5) x = normQuantile(target);
    else {
      const qb = 0.5 - 0.5 * erf(beta * INV_SQRT2);
      x = -normQuantile(qb + (1.0 - u) * z);
    }
  }
  return Math.min(beta, Math.max(alpha, x));
}

/** log density of the standard truncated normal at x (−∞ outside [α, β]). */
export function truncnormStdLogPdf(x: f64, alpha: f64, beta: f64, logZ: f64): f64 {
  if (x != x) return x;
  if (x < alpha || x > beta) return -Infinity;
  return normLogPdf(x) - logZ;
}

/** Writes [mean, variance] of the standard normal truncated to [α, β] to `out`. */
export function truncnormStdMoments(alpha: f64, beta: f64, out: usize): void {
  const logZ = truncnormLogMass(alpha, beta);
  const ra = alpha == -Infinity ? 0.0 : Math.exp(normLogPdf(alpha) - logZ); // φ(α)/Z
  const rb = beta == Infinity ? 0.0 : Math.exp(normLogPdf(beta) - logZ);
  const m = ra - rb;
  const ta = alpha == -Infinity ? 0.0 : alpha * ra;
  const tb = beta == Infinity ? 0.0 : beta * rb;
  store<f64>(out, m);
  store<f64>(out, 1.0 + ta - tb - m * m, 8);
}
