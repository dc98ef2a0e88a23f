/**
 * Fits the sequential CART synthesizer (the R package synthpop's default "cart" method, Nowok, Raab &
 * Dibben 2016): the same reversible transformers as the copula turn the table into a model matrix; then,
 * column by column in the visit order, a CART tree (assembly/trees) is fitted to predict the column from
 * the context columns and the columns before it — regression for numbers and dates, Gini classification
 * for categories and missing indicators. The model keeps each leaf's real target values to draw from.
 */
import { AppError, type ColumnarTable, type SdvTable } from '../../schema/model';
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { binFeatures, fitTree, freeBinned, type Tree } from '../core/trees';
import { fitTransformers, seededRng, transformTable, type ModelMatrix, type TransformerOptions } from '../transformers';
import { encoderOf, missingCode, toCodes } from './model-columns';
import { parentsOf, visitOrder } from './order';
import { dependenceMatrix } from './dependence';
import { blendCorrelation } from './blend';
import { DEFAULT_PRIVACY, privacyKnobs } from './privacy';
import { CART_MODEL_FORMAT, type CartColumn, type CartFitOptions, type CartModel, type CartSettings } from './types';

function resolveSettings(opts: CartFitOptions): CartSettings {
  const privacy = opts.privacy ?? DEFAULT_PRIVACY;
  const knobs = privacyKnobs(privacy);
  const s: CartSettings = {
    privacy,
    minLeaf: opts.minLeaf ?? knobs.minLeaf,
    smoothing: opts.smoothing ?? knobs.smoothing,
    rareMin: opts.rareMin ?? knobs.rareMin,
    maxParents: opts.maxParents ?? knobs.maxParents,
    minDependence: opts.minDependence ?? knobs.minDependence,
    matchMarginals: opts.matchMarginals ?? knobs.matchMarginals,
    blend: opts.blend ?? knobs.blend,
    blendIndependence: opts.blendIndependence ?? knobs.blendIndependence,
    maxDepth: opts.maxDepth ?? 30,
    cp: opts.cp ?? 1e-8,
    seed: opts.seed ?? 0,
    order: opts.order ?? 'auto',
    poolFeatures: true
  };
  if (!Number.isInteger(s.minLeaf) || s.minLeaf < 1) throw new AppError('cart/bad-option', `minLeaf must be a whole number ≥ 1 (got ${s.minLeaf})`);
  if (!(s.smoothing >= 0) || !Number.isFinite(s.smoothing)) throw new AppError('cart/bad-option', `smoothing must be a number ≥ 0 (got ${s.smoothing})`);
  if (!Number.isInteger(s.rareMin) || s.rareMin < 1) throw new AppError('cart/bad-option', `rareMin must be a whole number ≥ 1 (got ${s.rareMin})`);
  if (s.maxParents !== null && !(Number.isInteger(s.maxParents) && s.maxParents >= 0)) throw new AppError('cart/bad-option', `maxParents must be a whole number ≥ 0, or null for all earlier columns (got ${s.maxParents})`);
  if (!(s.minDependence >= 0 && s.minDependence <= 1)) throw new AppError('cart/bad-option', `minDependence must be between 0 and 1 (got ${s.minDependence})`);
  if (!(s.blend! >= 0 && s.blend! < 1)) throw new AppError('cart/bad-option', `blend must be a number in [0, 1) (got ${s.blend})`);
  if (!(s.blendIndependence! >= 0 && s.blendIndependence! <= 1)) throw new AppError('cart/bad-option', `blendIndependence must be between 0 and 1 (got ${s.blendIndependence})`);
  if (!Number.isInteger(s.maxDepth) || s.maxDepth < 0) throw new AppError('cart/bad-option', `maxDepth must be a whole number ≥ 0 (got ${s.maxDepth})`);
  if (!(s.cp >= 0)) throw new AppError('cart/bad-option', `cp must be a number ≥ 0 (got ${s.cp})`);
  return s;
}

export function cartTransformerOptions(opts: CartFitOptions): TransformerOptions {
  return { locale: opts.locale, enforceMinMax: opts.enforce_min_max_values ?? true, enforceRounding: opts.enforce_rounding ?? true };
}

/** Checks a context matrix against the expected row count; returns its columns. */
export function checkContext(ctx: ModelMatrix | undefined, rows: number, names?: string[]): Float64Array[] {
  if (!ctx) {
    if (names && names.length) throw new AppError('cart/context-missing', `The model was fitted with context columns (${names.join(', ')}); pass the context rows to sample`);
    return [];
  }
  if (ctx.rows !== rows) throw new AppError('cart/context-rows', `The context has ${ctx.rows} rows, expected ${rows} (one per row)`);
  const cols = names ? names.map((nm) => {
    const c = ctx.columns.find((x) => x.name === nm);
    if (!c) throw new AppError('cart/context-columns', `The context lacks the column "${nm}" the model was fitted with`, { column: nm });
    return c;
  }) : ctx.columns;
  return cols.map((c) => {
    if (c.values.length !== rows) throw new AppError('cart/context-rows', `Context column "${c.name}" has ${c.values.length} values, expected ${rows}`, { column: c.name });
    return c.values;
  });
}

/** Validates `contextClasses` (one whole number ≥ 0 per context column); all numeric when absent. */
function contextClassesOf(k: number[] | undefined, p: number): number[] {
  if (!k) return new Array(p).fill(0);
  if (k.length !== p) throw new AppError('cart/context-columns', `contextClasses has ${k.length} entries for ${p} context columns`);
  k.forEach((v, i) => { if (!(Number.isInteger(v) && v >= 0)) throw new AppError('cart/bad-option', `contextClasses[${i}] must be a whole number ≥ 0 (got ${v})`); });
  return k.slice();
}

/** Per class, whether it is pooled as rare (seen 1..rareMin−1 times, and at least two such classes); null = no pool. */
export function rareClasses(codes: ArrayLike<number>, k: number, rareMin: number): boolean[] | null {
  if (rareMin <= 1) return null;
  const cnt = new Array(k).fill(0);
  for (let r = 0; r < codes.length; r++) cnt[codes[r]]++;
  const rare = cnt.map((c) => c > 0 && c < rareMin);
  return rare.filter(Boolean).length >= 2 ? rare : null;
}

/** Groups the training targets by leaf, sorted within a leaf. */
function groupLeaves(y: ArrayLike<number>, rows: number[], leafOf: (r: number) => number, leafCount: number) {
  const counts = new Array(leafCount + 1).fill(0);
  for (const r of rows) counts[leafOf(r) + 1]++;
  for (let l = 0; l < leafCount; l++) counts[l + 1] += counts[l];
  const leafStart = counts.slice();
  const fill = counts.slice();
  const leafValues = new Array(rows.length);
  for (const r of rows) leafValues[fill[leafOf(r)]++] = y[r];
  for (let l = 0; l < leafCount; l++) {
    const a = leafStart[l], b = leafStart[l + 1];
    const part = leafValues.slice(a, b).sort((p: number, q: number) => p - q);
    for (let i = a; i < b; i++) leafValues[i] = part[i - a];
  }
  return { leafValues, leafStart };
}

export async function fitCart(core: Core, table: ColumnarTable, meta: SdvTable, opts: CartFitOptions & { tableName?: string } = {}, ctl?: RunControl): Promise<CartModel> {
  const settings = resolveSettings(opts);
  const tt = fitTransformers(table, meta, cartTransformerOptions(opts));
  const matrix = transformTable(tt, table, seededRng(settings.seed));
  const n = matrix.rows;
  const ctxCols = checkContext(opts.context, n);
  const ctxK = contextClassesOf(opts.contextClasses, ctxCols.length);
  const specs = tt.modelColumns;
  const encoders = specs.map((s) => encoderOf(tt, s));
  const classes = encoders.map((e) => (e ? e.categories.length : 0));
  const encoded = specs.map((_, j) => (encoders[j] ? toCodes(encoders[j]!, matrix.columns[j].values) : matrix.columns[j].values));
  const dep = dependenceMatrix(encoded, classes);
  const order = visitOrder(specs, dep, settings.order);

  // Features: context first, then model columns in visit order (numbers, or category codes). A pooled
  // rare category is one feature value (code K): its synthetic code is a random pool member, so a
  // split among pool members would route synthetic rows at random (sample.ts writes K back likewise).
  const pooled = order.map((j) => (classes[j] ? rareClasses(encoded[j], classes[j], settings.rareMin) : null));
  const features: Float64Array[] = [...ctxCols, ...order.map((j, v) => (pooled[v] ? encoded[j].map((c) => (pooled[v]![c] ? classes[j] : c)) : encoded[j]))];
  const featK: number[] = [...ctxK, ...order.map((j, v) => classes[j] + (pooled[v] ? 1 : 0))];
  const nCtx = ctxCols.length;
  const columns: CartColumn[] = [];
  const binned = n > 0 && features.length > 0 ? binFeatures(core, features, featK) : null;
  try {
    for (let v = 0; v < order.length; v++) {
      const j = order[v];
      const spec = specs[j];
      const enc = encoders[j];
      const y = encoded[j];
      // a value column whose indicator came before it trains on the present rows only
      let presentWhen = -1;
      let rows: number[] = Array.from({ length: n }, (_, i) => i);
      if (spec.role === 'value') {
        const ind = columns.findIndex((c) => c.role === 'missing' && c.source === spec.source);
        if (ind >= 0) {
          presentWhen = ind;
          const miss = missingCode(columns[ind].encoder!);
          const codes = encoded[order[ind]];
          rows = rows.filter((r) => codes[r] !== miss);
        }
      }
      // rare-category protection: classes seen < rareMin times share one pooled class (code K)
      let target: ArrayLike<number> = y;
      let nClasses = enc ? enc.categories.length : 0;
      const rarePool: number[] = [];
      if (enc && settings.rareMin > 1) {
        const cnt = new Array(nClasses).fill(0);
        for (const r of rows) cnt[y[r]]++;
        const rare = cnt.map((c) => c > 0 && c < settings.rareMin);
        if (rare.filter(Boolean).length >= 2) {
          const t = Float64Array.from(y);
          for (const r of rows) if (rare[y[r]]) { t[r] = nClasses; rarePool.push(y[r]); }
          rarePool.sort((a, b) => a - b);
          target = t;
          nClasses += 1;
        }
      }
      const p = nCtx + v;
      let tree: Tree | null = null;
      let leafOf: (r: number) => number = () => 0;
      let leafCount = 1;
      if (p > 0 && rows.length > 0 && binned) {
        const parents = parentsOf(v, order, specs, dep, settings.maxParents, settings.minDependence);
        const features = [...Array.from({ length: nCtx }, (_, f) => f), ...parents.map((u) => nCtx + u)];
        const fit = fitTree(core, binned, p, target, { nClasses, minLeaf: settings.minLeaf, maxDepth: settings.maxDepth, cp: settings.cp, features }, rows.length === n ? undefined : rows);
        tree = fit.tree;
        leafOf = (r) => fit.leafOfRow[r];
        leafCount = fit.tree.leafCount;
      }
      const g = groupLeaves(target, rows, leafOf, leafCount);
      columns.push({
        name: spec.name, source: spec.source, role: spec.role, classes: nClasses - (rarePool.length ? 1 : 0),
        encoder: enc, tree, leafValues: g.leafValues, leafStart: g.leafStart, rarePool, presentWhen
      });
      await checkpoint(ctl, (v + 1) / (order.length + 1), `fitting column ${spec.source}`);
    }
  } finally {
    if (binned) freeBinned(core, binned);
  }
  // correlated blending: the real normal-score correlation of the numeric value columns (missing = NaN)
  let blend: CartModel['blend'];
  if (settings.blend! > 0 && settings.matchMarginals) {
    const idx = columns.map((c, v) => (c.classes === 0 && c.role === 'value' ? v : -1)).filter((v) => v >= 0);
    if (idx.length) {
      const vals = idx.map((v) => {
        const c = columns[v];
        const y = Float64Array.from(encoded[order[v]]);
        if (c.presentWhen >= 0) {
          const miss = missingCode(columns[c.presentWhen].encoder!);
          const codes = encoded[order[c.presentWhen]];
          for (let r = 0; r < n; r++) if (codes[r] === miss) y[r] = NaN;
        }
        return y;
      });
      blend = { columns: idx, R: blendCorrelation(core, vals) };
    }
  }
  await checkpoint(ctl, 1, 'model fitted');
  return {
    ...(blend ? { blend } : {}),
    format: CART_MODEL_FORMAT, version: 1, table: opts.tableName ?? 'table', rows: n, transformer: tt, columns,
    context: opts.context ? opts.context.columns.map((c) => c.name) : [], ...(ctxK.some((k) => k > 0) ? { contextClasses: ctxK } : {}), settings
  };
}
