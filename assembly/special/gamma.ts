/**
 * Log-gamma, digamma and trigamma for positive arguments.
 * lgamma: Lanczos approximation with g = 671/128 and 14 terms (Press et al., Numerical Recipes 3rd ed.,
 * §6.1 `gammln`), absolute error ≲ 1e-15 for x > 0 (checked against SciPy `gammaln`).
 * digamma/trigamma: recurrence up to x ≥ 10, then the asymptotic (Stirling) series (Abramowitz &
 * Stegun 6.3.18, 6.4.12).
 */

const LANCZOS_G: f64 = 5.24218750000000000; // 671/128
const SQRT_2PI: f64 = 2.5066282746310005;

/** log Γ(x) for x > 0 (NaN for x ≤ 0 — the distributions here only need positive arguments). */
export function lgamma(x: f64): f64 {
  if (!(x > 0)) return x == 0 ? Infinity : NaN;
  if (x == Infinity) return Infinity;
  let y = x;
  let tmp = x + LANCZOS_G;
  tmp = (x + 0.5) * Math.log(tmp) - tmp;
  let ser: f64 = 0.999999999999997092;
  y += 1; ser += 57.1562356658629235 / y;
  y += 1; ser += -59.5979603554754912 / y;
  y += 1; ser += 14.1360979747417471 / y;
  y += 1; ser += -0.491913816097620199 / y;
  y += 1; ser += 0.339946499848118887e-4 / y;
  y += 1; ser += 0.465236289270485756e-4 / y;
  y += 1; ser += -0.983744753048795646e-4 / y;
  y += 1; ser += 0.158088703224912494e-3 / y;
  y += 1; ser += -0.210264441724104883e-3 / y;
  y += 1; ser += 0.217439618115212643e-3 / y;
  y += 1; ser += -0.164318106536763890e-3 / y;
  y += 1; ser += 0.844182239838527433e-4 / y;
  y += 1; ser += -0.261908384015814087e-4 / y;
  y += 1; ser += 0.368991826595316234e-5 / y;
  return tmp + Math.log(SQRT_2PI * ser / x);
}

/** ψ(x) = d/dx log Γ(x), x > 0. */
export function digamma(x: f64): f64 {
  if (!(x > 0)) return NaN;
  let acc: f64 = 0;
  while (x < 10.0) { acc -= 1.0 / x; x += 1.0; }
  const f = 1.0 / (x * x);
  const t = f * (-1.0 / 12 + f * (1.0 / 120 + f * (-1.0 / 252 + f * (1.0 / 240 + f * (-1.0 / 132 + f * (691.0 / 32760 - f / 12))))));
  return acc + Math.log(x) - 0.5 / x + t;
}

/** ψ′(x), x > 0. */
export function trigamma(x: f64): f64 {
  if (!(x > 0)) return NaN;
  let acc: f64 = 0;
  while (x < 10.0) { acc += 1.0 / (x * x); x += 1.0; }
  const f = 1.0 / (x * x);
  const t = (1.0 + (0.5 + (1.0 / 6 + f * (-1.0 / 30 + f * (1.0 / 42 + f * (-1.0 / 30 + f * (5.0 / 66 - f * 691.0 / 2730))))) / x) / x) / x;
  return acc + t;
}

/** log B(a, b) = log Γ(a) + log Γ(b) − log Γ(a + b). */
export function lbeta(a: f64, b: f64): f64 {
  return lgamma(a) + lgamma(b) - lgamma(a + b);
}
