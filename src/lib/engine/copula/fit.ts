/**
 * Fits a Gaussian copula to one table (SDV's GaussianCopulaSynthesizer, sdv-algorithms.md §A, done
 * better where the note says SDV is weak): reversible transformers → per-column marginal chosen by
 * KS (or fixed) → normal scores → Pearson correlation → nearest-correlation repair.
 * Missing values are 0/1 indicator columns inside the copula, so missingness keeps its correlations.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../../schema/model';
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { fitMarginalPtr, selectMarginalPtr, toNormalScoresPrepared, toNormalScoresPtr, type FittableKind, type Marginal } from '../core/distributions';
import { correlationMatrix, identityMatrix, nearestCorrelation, shrunkCorrelation } from '../core/linalg';
import { fitTransformers, seededRng, transformTable, type TableTransformer, type TransformerOptions } from '../transformers';
import { orderCategoriesByAnchor } from './category-order';
import { COPULA_MODEL_FORMAT, type CopulaColumn, type CopulaFitOptions, type CopulaModel } from './types';

/** Candidates of the automatic choice. The empirical marginal is the sample's own interpolated quantiles. */
export const AUTO_CANDIDATES: FittableKind[] = ['norm', 'beta', 'truncnorm', 'gamma', 'uniform', 'gaussian_kde'];

const UNIFORM01: Marginal = { kind: 'uniform', params: { loc: 0, scale: 1 } };

export function transformerOptions(opts: CopulaFitOptions): TransformerOptions {
  const columns: TransformerOptions['columns'] = {};
  for (const [c, how] of Object.entries(opts.free_text ?? {})) columns[c] = { text: how };
  return { locale: opts.locale, enforceMinMax: opts.enforce_min_max_values ?? true, enforceRounding: opts.enforce_rounding ?? true, columns };
}

/** Fits the column's marginal and replaces its `n` values at `ptr` by their normal scores. */
function marginalFor(core: Core, ptr: number, n: number, hint: 'auto' | 'uniform01', dist: string): { marginal: Marginal; candidates?: Record<string, number> } {
  let scored = false;
  let out: { marginal: Marginal; candidates?: Record<string, number> };
  if (hint === 'uniform01') out = { marginal: UNIFORM01 };
  else if (dist === 'auto') {
    // The winner is scored while still prepared (a KDE table is built once, not twice).
    const sel = selectMarginalPtr(core, ptr, n, AUTO_CANDIDATES, (pm) => { toNormalScoresPrepared(core, pm, ptr, ptr, n); scored = true; });
    out = { marginal: sel.marginal, candidates: sel.ks };
  } else out = { marginal: fitMarginalPtr(core, dist as FittableKind, ptr, n) };
  if (!scored) toNormalScoresPtr(core, out.marginal, ptr, ptr, n);
  return out;
}

export async function fitCopula(core: Core, tableName: string, table: ColumnarTable, meta: SdvTable, opts: CopulaFitOptions = {}, ctl?: RunControl): Promise<CopulaModel> {
  const seed = opts.seed ?? 0;
  const tt: TableTransformer = fitTransformers(table, meta, transformerOptions(opts));
  const matrix = transformTable(tt, table, seededRng(seed));
  const n = matrix.rows;
  const k = matrix.columns.length;
  const columns: CopulaColumn[] = [];
  let correlation: number[] = [];
  if (k > 0) {
    const data = core.allocF64(Math.max(1, n * k));
    try {
      for (let j = 0; j < k; j++) {
        const col = matrix.columns[j];
        const ptr = data + j * n * 8;
        core.f64(ptr, n).set(col.values);
        const dist = opts.numerical_distributions?.[col.source] ?? opts.default_distribution ?? 'auto';
        const { marginal, candidates } = marginalFor(core, ptr, n, col.marginalHint, dist);
        columns.push({ name: col.name, source: col.source, role: col.role, marginal, ...(candidates ? { candidates } : {}) });
        await checkpoint(ctl, ((j + 1) / (k + 1)) * 0.9, `fitting column ${col.source}`);
      }
      if (opts.order_categories !== false) orderCategoriesByAnchor(core, tt, matrix, columns, data, n, categoryMinRowsOf(opts), seed);
      const lambda = shrinkageOf(opts);
      // 'shrinkage': PD by construction, no repair (core/linalg-shrunk-correlation.ts); null → repair.
      const shrunk = opts.correlation_estimator === 'shrinkage' ? shrunkCorrelation(core, { ptr: data, n, k }, lambda) : null;
      if (shrunk) correlation = Array.from(shrunk.R);
      else {
        const R = n >= 2 ? correlationMatrix(core, { ptr: data, n, k }) : identityMatrix(k);
        if (lambda > 0) for (let i = 0; i < k * k; i++) if (i % (k + 1) !== 0) R[i] *= 1 - lambda;
        correlation = Array.from(nearestCorrelation(core, R, k).R);
      }
    } finally {
      core.free(data);
    }
  }
  await checkpoint(ctl, 1, 'model fitted');
  return { format: COPULA_MODEL_FORMAT, version: 1, table: tableName, rows: n, transformer: tt, columns, correlation, settings: { ...opts, seed, stratify: opts.stratify ?? true } };
}

export const DEFAULT_PRIVACY = 0.5;

function privacyOf(opts: CopulaFitOptions): number {
  const p = opts.privacy ?? DEFAULT_PRIVACY;
  if (!(p >= 0 && p <= 1)) throw new AppError('copula/bad-option', `privacy must be between 0 and 1 (got ${p})`);
  return p;
}

/** λ of the correlation shrinkage: explicit, or from the privacy setting (λ = 0.5 × privacy). */
export function shrinkageOf(opts: CopulaFitOptions): number {
  const l = opts.correlation_shrinkage ?? 0.5 * privacyOf(opts);
  if (!(l >= 0 && l <= 1)) throw new AppError('copula/bad-option', `correlation shrinkage must be between 0 and 1 (got ${l})`);
  return l;
}

/**
 * Rows a category needs for an anchor-informed place in the category order (category-order.ts):
 * explicit, or 1 + round(4 × privacy) — 1 (all ordered) at privacy 0, 3 at the default, 5 at 1.
 */
export function categoryMinRowsOf(opts: CopulaFitOptions): number {
  const k = opts.category_min_rows ?? 1 + Math.round(4 * privacyOf(opts));
  if (!(Number.isInteger(k) && k >= 1)) throw new AppError('copula/bad-option', `category_min_rows must be a whole number ≥ 1 (got ${k})`);
  return k;
}
