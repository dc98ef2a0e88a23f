import { erfSmall, erfcxLarge, expNegHalfSq } from './erf';

/**
 * Standard normal CDF Φ, its complement Φc = 1 − Φ, their logarithms and the density.
 * Φc(x) = ½·erfc(x/√2), computed for x > 0.6629 (x/√2 > 0.46875) as ½·exp(−x²/2)·erfcx(x/√2) with the
 * exponential split so that x/√2's rounding never touches the large exponent: relative error of a few
 * ulp down to 1e-300 (x ≈ 37) — SciPy's `ndtr` reference values agree to ≤ 1e-14 (tested).
 */

const INV_SQRT2: f64 = 0.70710678118654752440;
const SPLIT: f64 = 0.66291260736238830; // 0.46875·√2
const LOG_HALF: f64 = -0.69314718055994530942;
const LOG_SQRT_2PI: f64 = 0.91893853320467274178;

/** Φc(x) = P(Z > x). */
export function normSf(x: f64): f64 {
  if (x != x) return x;
  const y = Math.abs(x);
  if (y <= SPLIT) return 0.5 - 0.5 * erfSmall(x * INV_SQRT2);
  if (y > 38.5) return x > 0 ? 0.0 : 1.0;
  const t = 0.5 * expNegHalfSq(y) * erfcxLarge(y * INV_SQRT2);
  return x > 0 ? t : 1.0 - t;
}

/** Φ(x) = P(Z ≤ x). */
export function normCdf(x: f64): f64 {
  return normSf(-x);
}

/** log Φc(x), finite for every finite x (no underflow in the right tail). */
export function normLogSf(x: f64): f64 {
  if (x != x) return x;
  if (x > SPLIT) {
    if (x == Infinity) return -Infinity;
    return LOG_HALF - 0.5 * x * x + Math.log(erfcxLarge(x * INV_SQRT2));
  }
  if (x < -SPLIT) return Math.log1p(-normSf(-x));
  return Math.log(normSf(x));
}

/** log Φ(x). */
export function normLogCdf(x: f64): f64 {
  return normLogSf(-x);
}

/** log φ(x) = −x²/2 − log √(2π). */
@inline export function normLogPdf(x: f64): f64 {
  return -0.5 * x * x - LOG_SQRT_2PI;
}

/** φ(x). */
@inline export function normPdf(x: f64): f64 {
  return Math.exp(-0.5 * x * x - LOG_SQRT_2PI);
}

/** log(1 − eᵗ) for t ≤ 0, accurate at both ends (Mächler 2012, "Accurately computing log(1 − exp(−|a|))"). */
export function log1mexp(t: f64): f64 {
  return t > -0.69314718055994530942 ? Math.log(-Math.expm1(t)) : Math.log1p(-Math.exp(t));
}

/**
 * log(Φc(x)/Φc(a)) for x ≥ a. In the right tail the two logs are large and nearly equal, so their
 * difference is formed from −(x−a)(x+a)/2 + log(erfcx(x/√2)/erfcx(a/√2)) instead — keeping relative
 * accuracy when x is close to a (truncated normals on far-tail intervals).
 */
export function normLogSfRatio(x: f64, a: f64): f64 {
  if (a > SPLIT && x < Infinity) {
    return -0.5 * (x - a) * (x + a) + Math.log(erfcxLarge(x * INV_SQRT2) / erfcxLarge(a * INV_SQRT2));
  }
  return normLogSf(x) - normLogSf(a);
}
