/** Tiny helpers shared by the marginal kernels: element access on f64 column buffers. */
@inline export function ld(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline export function st(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }

/** Fit status codes returned by the `dist*Fit` kernels. */
export const FIT_OK: i32 = 0;
/** The estimator did not converge; moment estimates were kept. */
export const FIT_MOMENTS: i32 = 1;
