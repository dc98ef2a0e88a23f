import { normLogCdf, normLogPdf } from './normal';

/**
 * Standard normal quantile Φ⁻¹ by Wichura, "Algorithm AS 241: The percentage points of the normal
 * distribution", Applied Statistics 37 (1988) 477–484 (PPND16, about 1e-16 relative accuracy).
 * Central region |p − ½| ≤ 0.425: rational function of (p − ½)²; tails: rational functions of
 * r = √(−log min(p, 1−p)), split at r = 5.
 *
 * `normQuantileColumn` evaluates the central region two lanes at a time with WASM SIMD (f64x2);
 * the lane code performs exactly the same IEEE operations in the same order as the scalar code,
 * so both builds return bit-identical numbers. Measured gain is small to none (bench/suites/core-dist.ts):
 * the Horner chains are latency-bound and V8 already overlaps independent scalar iterations; the
 * tails (log, sqrt) stay scalar because a lane-wise log would break bit-identity with the scalar build.
 */

/** Central-region numerator/denominator of AS241; q = p − ½. */
@inline function centralRatio(q: f64): f64 {
  const r = 0.180625 - q * q;
  const num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
    + 133.14166789178437745) * r + 3.387132872796366608) * q;
  const den = ((((((5226.495278852854561 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
    + 42.313330701600911252) * r + 1.0;
  return num / den;
}

/** AS241 tail: the positive deviate whose tail probability p satisfies r = √(−log p). */
export function as241Tail(r: f64): f64 {
  if (r <= 5.0) {
    const s = r - 1.6;
    return (((((((7.7454501427834140764e-4 * s + 0.0227238449892691845833) * s + 0.24178072517745061177) * s
      + 1.27045825245236838258) * s + 3.64784832476320460504) * s + 5.7694972214606914055) * s
      + 4.6303378461565452959) * s + 1.42343711074968357734)
      / (((((((1.05075007164441684324e-9 * s + 5.475938084995344946e-4) * s + 0.0151986665636164571966) * s
      + 0.14810397642748007459) * s + 0.68976733498510000455) * s + 1.6763848301838038494) * s
      + 2.05319162663775882187) * s + 1.0);
  }
  const s = r - 5.0;
  return (((((((2.01033439929228813265e-7 * s + 2.71155556874348757815e-5) * s + 0.0012426609473880784386) * s
    + 0.026532189526576123093) * s + 0.29656057182850489123) * s + 1.7848265399172913358) * s
    + 5.4637849111641143699) * s + 6.6579046435011037772)
    / (((((((2.04426310338993978564e-15 * s + 1.4215117583164458887e-7) * s + 1.8463183175100546818e-5) * s
    + 7.868691311456132591e-4) * s + 0.0148753612908506148525) * s + 0.13692988092273580531) * s
    + 0.59983220655588793769) * s + 1.0);
}

/** Φ⁻¹(p); −∞ at 0, +∞ at 1, NaN outside [0, 1]. */
export function normQuantile(p: f64): f64 {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return centralRatio(q);
  if (!(p > 0.0 && p < 1.0)) {
    if (p == 0.0) return -Infinity;
    if (p == 1.0) return Infinity;
    return NaN;
  }
  const v = as241Tail(Math.sqrt(-Math.log(q < 0 ? p : 1.0 - p)));
  return q < 0 ? -v : v;
}

/**
 * x with log Φ(x) = logp, for any logp ≤ 0 (also far below log(1e-308)): AS241's tail formula takes
 * r = √(−logp) directly, then two Newton steps on log Φ polish it (needed beyond AS241's design
 * range r > 27).
 */
export function normQuantileFromLogCdf(logp: f64): f64 {
  if (logp != logp || logp > 0) return NaN;
  if (logp == 0) return Infinity;
  if (logp == -Infinity) return -Infinity;
  if (logp > -2.5902671654458267) return normQuantile(Math.exp(logp)); // p > 0.075: no underflow risk
  let x = -as241Tail(Math.sqrt(-logp));
  for (let k = 0; k < 2; k++) {
    const lc = normLogCdf(x);
    const step = (lc - logp) / Math.exp(normLogPdf(x) - lc); // f / f', f' = φ/Φ
    x -= step;
  }
  return x;
}

/** Φ⁻¹ over a column: out[i] = Φ⁻¹(in[i]); `in` and `out` may alias. */
export function normQuantileColumn(inp: usize, out: usize, n: i32): void {
  let i = 0;
  if (ASC_FEATURE_SIMD) {
    const half = f64x2.splat(0.5);
    const lim = f64x2.splat(0.425);
    for (; i + 1 < n; i += 2) {
      const off = <usize>i << 3;
      const p = v128.load(inp + off);
      const q = f64x2.sub(p, half);
      if (i64x2.all_true(f64x2.le(f64x2.abs(q), lim))) {
        const r = f64x2.sub(f64x2.splat(0.180625), f64x2.mul(q, q));
        let num = f64x2.mul(f64x2.splat(2509.0809287301226727), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(33430.575583588128105)), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(67265.770927008700853)), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(45921.953931549871457)), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(13731.693765509461125)), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(1971.5909503065514427)), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(133.14166789178437745)), r);
        num = f64x2.mul(f64x2.add(num, f64x2.splat(3.387132872796366608)), q);
        let den = f64x2.mul(f64x2.splat(5226.495278852854561), r);
        den = f64x2.mul(f64x2.add(den, f64x2.splat(28729.085735721942674)), r);
        den = f64x2.mul(f64x2.add(den, f64x2.splat(39307.89580009271061)), r);
        den = f64x2.mul(f64x2.add(den, f64x2.splat(21213.794301586595867)), r);
        den = f64x2.mul(f64x2.add(den, f64x2.splat(5394.1960214247511077)), r);
        den = f64x2.mul(f64x2.add(den, f64x2.splat(687.1870074920579083)), r);
        den = f64x2.mul(f64x2.add(den, f64x2.splat(42.313330701600911252)), r);
        den = f64x2.add(den, f64x2.splat(1.0));
        v128.store(out + off, f64x2.div(num, den));
      } else {
        const p0 = f64x2.extract_lane(p, 0), p1 = f64x2.extract_lane(p, 1);
        store<f64>(out + off, normQuantile(p0));
        store<f64>(out + off, normQuantile(p1), 8);
      }
    }
  }
  for (; i < n; i++) {
    const off = <usize>i << 3;
    store<f64>(out + off, normQuantile(load<f64>(inp + off)));
  }
}
