/**
 * Vector primitives shared by the linalg kernels, each with a WASM SIMD (`v128`, f64x2) path and a
 * scalar path that performs *exactly the same floating-point operations in the same order*, so the
 * SIMD and scalar builds give bit-identical results:
 *  - `axpy` / `scaleInto` work element-wise (one mul + one add per element), so lane order is moot.
 *  - `dot` keeps four partial sums (lanes 0..3 = two f64x2 accumulators); both paths combine them as
 *    (s0 + s2) + (s1 + s3) and then add the odd tail. WASM has no implicit FMA, so each mul and add
 *    rounds the same way in both paths.
 */

/** Σ a[t]·b[t] for t < n (pointers to f64). Fixed 4-way summation order, see file comment. */
@inline export function dot(a: usize, b: usize, n: i32): f64 {
  let t: i32 = 0;
  let total: f64 = 0;
  if (ASC_FEATURE_SIMD) {
    let acc0 = f64x2.splat(0.0);
    let acc1 = f64x2.splat(0.0);
    for (; t + 4 <= n; t += 4) {
      const o = <usize>t << 3;
      acc0 = f64x2.add(acc0, f64x2.mul(v128.load(a + o), v128.load(b + o)));
      acc1 = f64x2.add(acc1, f64x2.mul(v128.load(a + o, 16), v128.load(b + o, 16)));
    }
    const s = f64x2.add(acc0, acc1);
    total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  } else {
    let s0: f64 = 0, s1: f64 = 0, s2: f64 = 0, s3: f64 = 0;
    for (; t + 4 <= n; t += 4) {
      const o = <usize>t << 3;
      s0 += load<f64>(a + o) * load<f64>(b + o);
      s1 += load<f64>(a + o, 8) * load<f64>(b + o, 8);
      s2 += load<f64>(a + o, 16) * load<f64>(b + o, 16);
      s3 += load<f64>(a + o, 24) * load<f64>(b + o, 24);
    }
    total = (s0 + s2) + (s1 + s3);
  }
  for (; t < n; t++) {
    const o = <usize>t << 3;
    total += load<f64>(a + o) * load<f64>(b + o);
  }
  return total;
}

/** dst[t] += a·x[t] for t < n. */
@inline export function axpy(dst: usize, a: f64, x: usize, n: i32): void {
  let t: i32 = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(a);
    for (; t + 4 <= n; t += 4) {
      const o = <usize>t << 3;
      v128.store(dst + o, f64x2.add(v128.load(dst + o), f64x2.mul(va, v128.load(x + o))));
      v128.store(dst + o, f64x2.add(v128.load(dst + o, 16), f64x2.mul(va, v128.load(x + o, 16))), 16);
    }
  }
  for (; t < n; t++) {
    const o = <usize>t << 3;
    store<f64>(dst + o, load<f64>(dst + o) + a * load<f64>(x + o));
  }
}

/** dst[t] = a·x[t] for t < n. */
@inline export function scaleInto(dst: usize, a: f64, x: usize, n: i32): void {
  let t: i32 = 0;
  if (ASC_FEATURE_SIMD) {
    const va = f64x2.splat(a);
    for (; t + 4 <= n; t += 4) {
      const o = <usize>t << 3;
      v128.store(dst + o, f64x2.mul(va, v128.load(x + o)));
      v128.store(dst + o, f64x2.mul(va, v128.load(x + o, 16)), 16);
    }
  }
  for (; t < n; t++) {
    const o = <usize>t << 3;
    store<f64>(dst + o, a * load<f64>(x + o));
  }
}
