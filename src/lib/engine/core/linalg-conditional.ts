import { EngineError, type Core } from '../wasm';
import { checkCount, checkFinite, checkPointer, checkSquare, linalg } from './linalg-exports';

/** z_r | z_c ~ N(B·z_c, L·Lᵀ) for a zero-mean Gaussian with covariance R (see `conditionalGaussian`). */
export interface CondModel {
  k: number;
  /** Conditioned variables c, in the caller's order (the order of `zCond` columns). */
  cond: number[];
  /** The other variables r, ascending (the order of the sampled columns). */
  rest: number[];
  /** |r|×|c| row-major: Σ_rc·Σ_cc⁻¹. */
  B: Float64Array;
  /** |r|×|r| lower-triangular row-major Cholesky factor of Σ_rr − B·Σ_cr. */
  L: Float64Array;
  /** Diagonal jitter added to Σ_cc and to the Schur complement (0 when none was needed). */
  jitter: { cond: number; schur: number };
}

/**
 * Precomputes the conditional distribution of the variables not in `condIdx` given those in it, for a
 * zero-mean Gaussian with covariance (correlation) R, k×k row-major: B = Σ_rc·Σ_cc⁻¹ via Cholesky solves
 * and the Cholesky factor of the Schur complement (both with jitter). Done in WASM.
 */
export function conditionalGaussian(core: Core, R: ArrayLike<number>, k: number, condIdx: number[]): CondModel {
  checkSquare(R, k, 'conditionalGaussian');
  checkFinite(R, 'conditionalGaussian');
  const seen = new Set<number>();
  for (const c of condIdx) {
    if (!Number.isInteger(c) || c < 0 || c >= k || seen.has(c)) {
      throw new EngineError('linalg/bad-index', `conditionalGaussian: conditioned index ${c} is not a distinct integer in [0, ${k})`, { index: c, k });
    }
    seen.add(c);
  }
  const cond = [...condIdx];
  const rest = Array.from({ length: k }, (_, i) => i).filter((i) => !seen.has(i));
  const q = cond.length, p = rest.length;
  return core.withBuffers([k * k, q, p, p * q, p * p, 2], (s, ci, ri, b, l, info) => {
    core.f64(s, k * k).set(R);
    core.f64(ci, q).set(cond);
    core.f64(ri, p).set(rest);
    const status = linalg(core).condGaussianFit(s, k, ci, q, ri, p, b, l, info);
    if (status !== 0) {
      const part = status === 1 ? 'the conditioned block Σ_cc' : 'the conditional covariance (Schur complement)';
      throw new EngineError('linalg/not-positive-definite', `conditionalGaussian: ${part} is not positive semi-definite, even with jitter 1e-2`, { status });
    }
    const [jc, js] = core.f64(info, 2);
    return { k, cond, rest, B: core.f64(b, p * q).slice(), L: core.f64(l, p * p).slice(), jitter: { cond: jc, schur: js } };
  });
}

/**
 * Samples one row of z_r per row of conditioning values: z_r = B·z_c + L·e. `zCond` holds |c| columns of
 * m rows (in `model.cond` order; finite values); returns |r| columns of m rows in `model.rest` order.
 * `rows` is needed only when nothing is conditioned (|c| = 0).
 */
export function sampleConditional(core: Core, model: CondModel, zCond: Float64Array[], rngPtr: number, rows?: number): Float64Array[] {
  const q = model.cond.length, p = model.rest.length;
  if (zCond.length !== q) throw new EngineError('linalg/bad-shape', `sampleConditional: expected ${q} conditioning columns, got ${zCond.length}`, { expected: q, got: zCond.length });
  const m = q > 0 ? zCond[0].length : rows ?? -1;
  checkCount(m, 'sampleConditional: row count');
  zCond.forEach((c, t) => {
    if (c.length !== m) throw new EngineError('linalg/bad-shape', `sampleConditional: conditioning column ${t} has ${c.length} rows, expected ${m}`, { column: t });
    checkFinite(c, `sampleConditional: conditioning column ${t}`);
  });
  checkPointer(rngPtr, 'sampleConditional: rng');
  if (p === 0) return [];
  return core.withBuffers([Math.max(1, m * q), m * p], (zc, out) => {
    const view = core.f64(zc, m * q);
    zCond.forEach((c, t) => view.set(c, t * m));
    sampleConditionalInto(core, model, zc, m, m, rngPtr, out, m);
    const cols: Float64Array[] = [];
    for (let i = 0; i < p; i++) cols.push(core.f64(out + i * m * 8, m).slice());
    return cols;
  });
}

/**
 * Pointer-level variant for chunked sampling: conditioning values m×|c| column-major at `zcPtr`
 * (leading dimension `ldc`), output m×|r| column-major at `outPtr` (leading dimension `ldo`).
 */
export function sampleConditionalInto(core: Core, model: CondModel, zcPtr: number, ldc: number, m: number, rngPtr: number, outPtr: number, ldo: number): void {
  const q = model.cond.length, p = model.rest.length;
  checkCount(m, 'sampleConditionalInto: row count');
  checkPointer(rngPtr, 'sampleConditionalInto: rng');
  checkPointer(outPtr, 'sampleConditionalInto: output');
  if (q > 0) checkPointer(zcPtr, 'sampleConditionalInto: conditioning values');
  if (!Number.isInteger(ldc) || !Number.isInteger(ldo) || (q > 0 && ldc < m) || ldo < m) {
    throw new EngineError('linalg/bad-shape', `sampleConditionalInto: leading dimensions (${ldc}, ${ldo}) must be ≥ m = ${m}`, { ldc, ldo, m });
  }
  if (model.B.length !== p * q || model.L.length !== p * p) throw new EngineError('linalg/bad-shape', 'sampleConditionalInto: the model matrices do not match its index sets');
  if (p === 0 || m === 0) return;
  core.withBuffers([Math.max(1, p * q), p * p], (b, l) => {
    core.f64(b, p * q).set(model.B);
    core.f64(l, p * p).set(model.L);
    linalg(core).condGaussianSample(b, l, p, q, zcPtr, ldc, m, rngPtr, outPtr, ldo);
  });
}
