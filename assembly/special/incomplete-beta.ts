import { lbeta } from './gamma';

/**
 * Regularised incomplete beta I_x(a, b) and its inverse.
 * Continued fraction (Press et al., Numerical Recipes 3rd ed. §6.4 `betacf`), evaluated by the
 * modified Lentz method, on whichever of I_x(a, b) or I_{1−x}(b, a) converges fast
 * (x < (a+1)/(a+b+2)); the complement is returned directly by `betaIncComplement`, so upper tails keep
 * relative accuracy. Prefactor x^a (1−x)^b / (a·B(a, b)) in log space with log1p.
 */

const EPS: f64 = 2.220446049250313e-16;
const FPMIN: f64 = 1e-300;
const MAXIT: i32 = 100000;

function betaContinuedFraction(a: f64, b: f64, x: f64): f64 {
  const qab = a + b, qap = a + 1.0, qam = a - 1.0;
  let c: f64 = 1.0;
  let d = 1.0 - qab * x / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1.0 / d;
  let h = d;
  for (let m = 1; m < MAXIT; m++) {
    const fm = <f64>m, m2 = 2.0 * fm;
    let aa = fm * (b - fm) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d; if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1.0 + aa / c; if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1.0 / d;
    h *= d * c;
    aa = -(a + fm) * (qab + fm) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d; if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1.0 + aa / c; if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1.0 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1.0) <= EPS) break;
  }
  return h;
}

/** x^a (1−x)^b / B(a, b) in log space. */
@inline function logFront(a: f64, b: f64, x: f64): f64 {
  return a * Math.log(x) + b * Math.log1p(-x) - lbeta(a, b);
}

/** I_x(a, b) for a, b > 0. */
export function betaInc(a: f64, b: f64, x: f64): f64 {
  if (!(a > 0 && b > 0) || x != x) return NaN;
  if (x <= 0) return 0.0;
  if (x >= 1) return 1.0;
  if (x < (a + 1.0) / (a + b + 2.0)) return Math.exp(logFront(a, b, x)) * betaContinuedFraction(a, b, x) / a;
  return 1.0 - Math.exp(logFront(a, b, x)) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

/** 1 − I_x(a, b) = I_{1−x}(b, a), computed without cancellation in the upper tail. */
export function betaIncComplement(a: f64, b: f64, x: f64): f64 {
  if (!(a > 0 && b > 0) || x != x) return NaN;
  if (x <= 0) return 1.0;
  if (x >= 1) return 0.0;
  if (x < (a + 1.0) / (a + b + 2.0)) return 1.0 - Math.exp(logFront(a, b, x)) * betaContinuedFraction(a, b, x) / a;
  return Math.exp(logFront(a, b, x)) * betaContinuedFraction(b, a, 1.0 - x) / b;
}

/**
 * x with I_x(a, b) = p. Initial guess and Halley steps from Numerical Recipes 3rd ed. §6.14.1
 * (`invbetai`: normal approximation for a, b ≥ 1, power-law tails otherwise), plus: p > ½ is solved
 * on the complement (I_{1−x}(b, a) = 1 − p), and a bracket with bisection fallback keeps the
 * iteration inside (0, 1) and guarantees convergence.
 */
export function betaIncInv(a: f64, b: f64, p: f64): f64 {
  if (!(a > 0 && b > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p == 0) return 0.0;
  if (p == 1) return 1.0;
  if (p > 0.5) return 1.0 - betaIncInvLower(b, a, 1.0 - p);
  return betaIncInvLower(a, b, p);
}

function betaIncInvLower(a: f64, b: f64, p: f64): f64 {
  const a1 = a - 1.0, b1 = b - 1.0;
  let x: f64;
  if (a >= 1.0 && b >= 1.0) {
    const t = Math.sqrt(-2.0 * Math.log(p));
    let z = (2.30753 + t * 0.27061) / (1.0 + t * (0.99229 + t * 0.04481)) - t;
    z = -z; // p < ½
    const al = (z * z - 3.0) / 6.0;
    const h = 2.0 / (1.0 / (2.0 * a - 1.0) + 1.0 / (2.0 * b - 1.0));
    const w = (z * Math.sqrt(al + h) / h) - (1.0 / (2.0 * b - 1.0) - 1.0 / (2.0 * a - 1.0)) * (al + 5.0 / 6.0 - 2.0 / (3.0 * h));
    x = a / (a + b * Math.exp(2.0 * w));
  } else {
    const lna = Math.log(a / (a + b)), lnb = Math.log(b / (a + b));
    const t = Math.exp(a * lna) / a;
    const u = Math.exp(b * lnb) / b;
    const w = t + u;
    if (p < t / w) x = Math.pow(a * w * p, 1.0 / a);
    else x = 1.0 - Math.pow(b * w * (1.0 - p), 1.0 / b);
  }
  const afac = -lbeta(a, b);
  let lo: f64 = 0, hi: f64 = 1;
  for (let j = 0; j < 200; j++) {
    if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
    const err = betaInc(a, b, x) - p;
    if (err == 0) return x;
    if (err > 0) hi = x; else lo = x;
    const dens = Math.exp(a1 * Math.log(x) + b1 * Math.log1p(-x) + afac);
    let xn: f64;
    if (dens > 0 && isFinite(dens)) {
      const u = err / dens;
      const t = u / (1.0 - 0.5 * Math.min(1.0, u * (a1 / x - b1 / (1.0 - x))));
      xn = x - t;
    } else xn = 0.5 * (lo + hi);
    if (!(xn > lo && xn < hi)) xn = 0.5 * (lo + hi);
    if (Math.abs(xn - x) <= 1e-15 * xn || hi - lo <= 2e-16 * hi) return xn;
    x = xn;
  }
  return x;
}
