/**
 * Error function family by W. J. Cody, "Rational Chebyshev approximations for the error function",
 * Math. Comp. 23 (1969) 631–638 — the coefficients of netlib specfun CALERF (near-minimax,
 * ≥ 18 significant digits in exact arithmetic). Three intervals: |x| ≤ 0.46875 (erf directly),
 * 0.46875 < |x| ≤ 4 and |x| > 4 (scaled complement erfcx(x) = exp(x²)·erfc(x)).
 * exp(−x²) is evaluated as exp(−xh²)·exp(−(x−xh)(x+xh)) with xh = trunc(16x)/16 so that the
 * rounding of x² does not cost relative accuracy far in the tail (Cody's device).
 */

const THRESH: f64 = 0.46875;
const SQRPI: f64 = 0.56418958354775628695; // 1/√π
const XHUGE: f64 = 6.71e7;

/** erf(x) for |x| ≤ 0.46875. */
@inline export function erfSmall(x: f64): f64 {
  const ysq = x * x;
  let xnum = 0.185777706184603153 * ysq;
  let xden = ysq;
  xnum = (xnum + 3.16112374387056560) * ysq; xden = (xden + 23.6012909523441209) * ysq;
  xnum = (xnum + 113.864154151050156) * ysq; xden = (xden + 244.024637934444173) * ysq;
  xnum = (xnum + 377.485237685302021) * ysq; xden = (xden + 1282.61652607737228) * ysq;
  return x * (xnum + 3209.37758913846947) / (xden + 2844.23683343917062);
}

/** erfcx(y) = exp(y²)·erfc(y) for y > 0.46875 (Cody's second and third intervals). */
export function erfcxLarge(y: f64): f64 {
  if (y <= 4.0) {
    let xnum = 2.15311535474403846e-8 * y;
    let xden = y;
    xnum = (xnum + 0.564188496988670089) * y; xden = (xden + 15.7449261107098347) * y;
    xnum = (xnum + 8.88314979438837594) * y; xden = (xden + 117.693950891312499) * y;
    xnum = (xnum + 66.1191906371416295) * y; xden = (xden + 537.181101862009858) * y;
    xnum = (xnum + 298.635138197400131) * y; xden = (xden + 1621.38957456669019) * y;
    xnum = (xnum + 881.952221241769090) * y; xden = (xden + 3290.79923573345963) * y;
    xnum = (xnum + 1712.04761263407058) * y; xden = (xden + 4362.61909014324716) * y;
    xnum = (xnum + 2051.07837782607147) * y; xden = (xden + 3439.36767414372164) * y;
    return (xnum + 1230.33935479799725) / (xden + 1230.33935480374942);
  }
  if (y >= XHUGE) return SQRPI / y;
  const ysq = 1.0 / (y * y);
  let xnum = 0.0163153871373020978 * ysq;
  let xden = ysq;
  xnum = (xnum + 0.305326634961232344) * ysq; xden = (xden + 2.56852019228982242) * ysq;
  xnum = (xnum + 0.360344899949804439) * ysq; xden = (xden + 1.87295284992346047) * ysq;
  xnum = (xnum + 0.125781726111229246) * ysq; xden = (xden + 0.527905102951428412) * ysq;
  xnum = (xnum + 0.0160837851487422766) * ysq; xden = (xden + 0.0605183413124413191) * ysq;
  const r = ysq * (xnum + 6.58749161529837803e-4) / (xden + 2.33520497626869185e-3);
  return (SQRPI - r) / y;
}

/** exp(−y²) without losing relative accuracy to the rounding of y² (Cody's split). */
@inline export function expNegSq(y: f64): f64 {
  const yh = Math.trunc(y * 16.0) / 16.0;
  const del = (y - yh) * (y + yh);
  return Math.exp(-yh * yh) * Math.exp(-del);
}

/** exp(−y²/2), same split (exact square of yh, small correction). */
@inline export function expNegHalfSq(y: f64): f64 {
  const yh = Math.trunc(y * 16.0) / 16.0;
  const del = 0.5 * (y - yh) * (y + yh);
  return Math.exp(-0.5 * yh * yh) * Math.exp(-del);
}

/** Error function erf(x) (Cody). */
export function erf(x: f64): f64 {
  const y = Math.abs(x);
  if (y <= THRESH) return erfSmall(x);
  if (!(y < 6.0)) return x != x ? x : (x > 0 ? 1.0 : -1.0); // erfc(6) < 3e-17: erf rounds to ±1
  const r = (0.5 - expNegSq(y) * erfcxLarge(y)) + 0.5;
  return x < 0 ? -r : r;
}

/** Complementary error function erfc(x) = 1 − erf(x) (Cody), accurate relative to the result. */
export function erfc(x: f64): f64 {
  const y = Math.abs(x);
  if (y <= THRESH) return 1.0 - erfSmall(x);
  let r: f64 = 0;
  if (y < 26.543) r = expNegSq(y) * erfcxLarge(y); // erfc underflows beyond 26.543
  else if (x != x) return x;
  return x < 0 ? 2.0 - r : r;
}

/** Scaled complementary error function erfcx(x) = exp(x²)·erfc(x), for x ≥ −26.6. */
export function erfcx(x: f64): f64 {
  const y = Math.abs(x);
  let r: f64;
  if (y <= THRESH) r = Math.exp(x * x) * (1.0 - erfSmall(x));
  else {
    r = erfcxLarge(y);
    if (x < 0) { const e = Math.exp(y * y); r = (e + e) - r; } // exp(x²)(2 − erfc(|x|))
  }
  return r;
}
