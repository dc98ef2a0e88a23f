/**
 * The serialisable `Marginal` and its prepared (WASM-resident) form used by every evaluation.
 */
import { EngineError, type Core } from '../wasm';
import { distExports } from './dist-exports';

export const MARGINAL_KINDS = ['norm', 'truncnorm', 'beta', 'gamma', 'uniform', 'gaussian_kde', 'empirical', 'constant'] as const;
export type MarginalKind = (typeof MARGINAL_KINDS)[number];
/** Kinds a caller may ask `fitMarginal` for (`constant` is only ever a fallback). */
export type FittableKind = Exclude<MarginalKind, 'constant'>;

/**
 * A fitted univariate distribution; plain JSON.
 * params: norm {loc, scale} · uniform {loc, scale} · gamma {a, loc, scale} · beta {a, b, loc, scale} ·
 * truncnorm {a, b, loc, scale} (SciPy: bounds loc + a·scale, loc + b·scale) · gaussian_kde {bandwidth, n}
 * with `points` + `weights` (support) · empirical {n} with `points` (knots) · constant {value}.
 */
export interface Marginal {
  kind: MarginalKind;
  params: Record<string, number>;
  points?: number[];
  weights?: number[];
  /** Why a fallback or a weaker estimator was used (absent when the requested fit succeeded). */
  note?: string;
}

function param(m: Marginal, name: string): number {
  const v = m.params[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EngineError('dist/bad-params', `Marginal '${m.kind}' needs a finite parameter '${name}'`, { kind: m.kind, name });
  }
  return v;
}

function positive(m: Marginal, name: string): number {
  const v = param(m, name);
  if (!(v > 0)) throw new EngineError('dist/bad-params', `Marginal '${m.kind}': '${name}' must be > 0 (got ${v})`, { kind: m.kind, name, value: v });
  return v;
}

/** A marginal whose support tables live in WASM memory: evaluate by pointer, then `free()`. */
export interface PreparedMarginal {
  readonly marginal: Marginal;
  cdf(inp: number, out: number, n: number): void;
  quantile(inp: number, out: number, n: number): void;
  logPdf(inp: number, out: number, n: number): void;
  sample(rng: number, out: number, n: number): void;
  free(): void;
}

/** Validates `m` and copies its support (KDE table, empirical knots) into WASM memory. */
export function prepareMarginal(core: Core, m: Marginal): PreparedMarginal {
  const e = distExports(core);
  const simple = (cdf: PreparedMarginal['cdf'], quantile: PreparedMarginal['quantile'], logPdf: PreparedMarginal['logPdf'], sample: PreparedMarginal['sample']): PreparedMarginal =>
    ({ marginal: m, cdf, quantile, logPdf, sample, free() {} });
  switch (m.kind) {
    case 'norm': {
      const loc = param(m, 'loc'), s = positive(m, 'scale');
      return simple((i, o, n) => e.distNormCdf(loc, s, i, o, n), (i, o, n) => e.distNormQuantile(loc, s, i, o, n),
        (i, o, n) => e.distNormLogPdf(loc, s, i, o, n), (r, o, n) => e.distNormSample(loc, s, r, o, n));
    }
    case 'uniform': {
      const loc = param(m, 'loc'), s = positive(m, 'scale');
      return simple((i, o, n) => e.distUniformCdf(loc, s, i, o, n), (i, o, n) => e.distUniformQuantile(loc, s, i, o, n),
        (i, o, n) => e.distUniformLogPdf(loc, s, i, o, n), (r, o, n) => e.distUniformSample(loc, s, r, o, n));
    }
    case 'constant': {
      const c = param(m, 'value');
      return simple((i, o, n) => e.distConstantCdf(c, i, o, n), (i, o, n) => e.distConstantQuantile(c, i, o, n),
        (i, o, n) => e.distConstantLogPdf(c, i, o, n), (_r, o, n) => e.distConstantSample(c, o, n));
    }
    case 'gamma': {
      const a = positive(m, 'a'), loc = param(m, 'loc'), s = positive(m, 'scale');
      return simple((i, o, n) => e.distGammaCdf(a, loc, s, i, o, n), (i, o, n) => e.distGammaQuantile(a, loc, s, i, o, n),
        (i, o, n) => e.distGammaLogPdf(a, loc, s, i, o, n), (r, o, n) => e.distGammaSample(a, loc, s, r, o, n));
    }
    case 'beta': {
      const a = positive(m, 'a'), b = positive(m, 'b'), loc = param(m, 'loc'), s = positive(m, 'scale');
      return simple((i, o, n) => e.distBetaCdf(a, b, loc, s, i, o, n), (i, o, n) => e.distBetaQuantile(a, b, loc, s, i, o, n),
        (i, o, n) => e.distBetaLogPdf(a, b, loc, s, i, o, n), (r, o, n) => e.distBetaSample(a, b, loc, s, r, o, n));
    }
    case 'truncnorm': {
      const a = m.params.a, b = m.params.b, loc = param(m, 'loc'), s = positive(m, 'scale');
      if (!(a < b) || Number.isNaN(a) || Number.isNaN(b)) throw new EngineError('dist/bad-params', `Marginal 'truncnorm' needs a < b (got ${a}, ${b})`, { a, b });
      return simple((i, o, n) => e.distTruncnormCdf(a, b, loc, s, i, o, n), (i, o, n) => e.distTruncnormQuantile(a, b, loc, s, i, o, n),
        (i, o, n) => e.distTruncnormLogPdf(a, b, loc, s, i, o, n), (r, o, n) => e.distTruncnormSample(a, b, loc, s, r, o, n));
    }
    case 'gaussian_kde':
      return prepareKde(core, m);
    case 'empirical':
      return prepareEmpirical(core, m);
    default:
      throw new EngineError('dist/unknown-kind', `Unknown marginal kind '${String((m as Marginal).kind)}'`, { kind: (m as Marginal).kind });
  }
}

function sortedFinite(m: Marginal, name: 'points' | 'weights', len?: number): number[] {
  const v = m[name];
  if (!Array.isArray(v) || v.length === 0 || (len !== undefined && v.length !== len)) {
    throw new EngineError('dist/bad-params', `Marginal '${m.kind}' needs a non-empty '${name}' array${len !== undefined ? ` of length ${len}` : ''}`, { kind: m.kind });
  }
  for (let i = 0; i < v.length; i++) {
    if (typeof v[i] !== 'number' || !Number.isFinite(v[i]) || (name === 'points' && i > 0 && v[i] < v[i - 1]) || (name === 'weights' && !(v[i] > 0))) {
      throw new EngineError('dist/bad-params', `Marginal '${m.kind}': '${name}' must be finite${name === 'points' ? ' and sorted' : ' and positive'} (index ${i})`, { kind: m.kind, index: i });
    }
  }
  return v;
}

function prepareKde(core: Core, m: Marginal): PreparedMarginal {
  const e = distExports(core);
  const h = positive(m, 'bandwidth');
  const points = sortedFinite(m, 'points');
  const weights = sortedFinite(m, 'weights', points.length);
  const p = points.length;
  const first = points[0], last = points[p - 1];
  const g = e.distKdeGridSize(first, last, h);
  const ptrs: number[] = [];
  try {
    const pts = core.copyIn(points); ptrs.push(pts);
    const wts = core.copyIn(weights); ptrs.push(wts);
    const cdf = core.allocF64(g); ptrs.push(cdf);
    const pdf = core.allocF64(g); ptrs.push(pdf);
    const scratch = core.allocF64(Math.max(p, 2)); ptrs.push(scratch); // ≥ 2 doubles for the Hermite slopes; P for sampling
    e.distKdeTable(pts, wts, p, h, g, cdf, pdf);
    return {
      marginal: m,
      cdf: (i, o, n) => e.distKdeCdf(first, last, h, g, cdf, pdf, i, o, n, scratch),
      quantile: (i, o, n) => e.distKdeQuantile(first, last, h, g, cdf, pdf, i, o, n, scratch),
      logPdf: (i, o, n) => e.distKdeLogPdf(pts, wts, p, h, i, o, n),
      sample: (r, o, n) => e.distKdeSample(pts, wts, p, h, scratch, r, o, n),
      free: () => { for (const q of ptrs.splice(0)) core.free(q); }
    };
  } catch (err) {
    for (const q of ptrs) core.free(q);
    throw err;
  }
}

function prepareEmpirical(core: Core, m: Marginal): PreparedMarginal {
  const e = distExports(core);
  const points = sortedFinite(m, 'points');
  const k = points.length;
  const q = core.copyIn(points);
  let live = true;
  return {
    marginal: m,
    cdf: (i, o, n) => e.distEmpiricalCdf(q, k, i, o, n),
    quantile: (i, o, n) => e.distEmpiricalQuantile(q, k, i, o, n),
    logPdf: (i, o, n) => e.distEmpiricalLogPdf(q, k, i, o, n),
    sample: (r, o, n) => e.distEmpiricalSample(q, k, r, o, n),
    free: () => { if (live) { live = false; core.free(q); } }
  };
}

/** Runs `fn` with `m` prepared, always freeing its WASM tables. */
export function withPrepared<T>(core: Core, m: Marginal, fn: (pm: PreparedMarginal) => T): T {
  const pm = prepareMarginal(core, m);
  try {
    return fn(pm);
  } finally {
    pm.free();
  }
}
