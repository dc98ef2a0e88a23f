/**
 * Samples a fitted sequential-CART model: column by column in the visit order, each synthetic row is routed
 * through the column's tree (over the context and the columns already drawn, WASM) and takes a value drawn
 * from its leaf (draw.ts). The first column without a tree is drawn from its marginal with stratified
 * uniforms (one per 1/n of the sorted sample, randomly permuted), which keeps its distribution closer to the
 * real one than a plain bootstrap. Conditions fix the columns at the start of the visit order; marginal
 * matching is then off (the conditional distribution is not the real marginal).
 */
import { AppError, type ColumnarTable } from '../../schema/model';
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { predictLeavesAt, treeIn } from '../core/trees';
import { reverseTable, seededRng, transformTable, type ModelMatrix } from '../transformers';
import { checkContext } from './fit';
import { drawFromLeaf } from './draw';
import { fromCode, missingCode, toCodes } from './model-columns';
import { matchMarginal, presentRows } from './marginal';
import { blendFactor, normalScores } from './blend';
import { sampleMvn } from '../core/linalg-mvn';
import { CART_MODEL_FORMAT, type CartModel, type CartSampleOptions } from './types';

interface RngExports { rngFillUniform(st: number, out: number, n: number): void; rngFillNormal(st: number, out: number, n: number): void }

/** Conditions → fixed feature values per visit index (category codes or numbers). */
function fixedColumns(model: CartModel, n: number, conditions: NonNullable<CartSampleOptions['conditions']>, seed: number): Map<number, Float64Array> {
  const names = Object.keys(conditions);
  const tt = model.transformer;
  for (const c of names) {
    if (!tt.names.includes(c)) throw new AppError('condition/unknown-column', `The table has no column "${c}"`, { column: c });
  }
  const cols = names.map((c) => {
    const v = conditions[c];
    const arr = Array.isArray(v) ? v : new Array(n).fill(v);
    if (arr.length !== n) throw new AppError('condition/bad-length', `Condition "${c}" has ${arr.length} values for ${n} rows`, { column: c });
    return arr.map((x) => (x === null || x === undefined ? null : String(x)));
  });
  const m = transformTable(tt, { names, columns: cols }, seededRng(seed, 0x636f6e64), { partial: true });
  const fixed = new Map<number, Float64Array>();
  for (const mc of m.columns) {
    const v = model.columns.findIndex((c) => c.name === mc.name);
    if (v < 0) continue;
    const col = model.columns[v];
    fixed.set(v, col.encoder ? toCodes(col.encoder, mc.values) : mc.values);
  }
  // only a prefix of the visit order can be fixed: later columns were modelled on earlier ones
  for (let v = 0; v < fixed.size; v++) {
    if (!fixed.has(v)) {
      const first = model.columns[v].source;
      throw new AppError('condition/not-first',
        `Conditions must fix the first columns of the visit order; "${first}" comes before ${names.map((x) => `"${x}"`).join(', ')}. Fit with order: [${names.map((x) => `'${x}'`).join(', ')}] to condition on them`,
        { column: first });
    }
  }
  return fixed;
}

/**
 * Pool members are picked with stratified uniforms u2_i = (π(i) + v_i)/n (π a random permutation), so
 * the rows drawn into the pool spread over its members instead of clumping (7 rows of 7 unique names
 * come out as a permutation, not with repeats). Overwrites r[n..2n) — the u2 of drawFromLeaf.
 */
function stratifyPoolDraws(r: Float64Array, n: number, rng: number, rx: RngExports, core: Core, rnd: number): void {
  rx.rngFillUniform(rng, rnd, 2 * n);
  const v = core.f64(rnd, 2 * n);
  const perm = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const k = Math.floor(v[n + i] * (i + 1)); const t = perm[i]; perm[i] = perm[k]; perm[k] = t; }
  for (let i = 0; i < n; i++) r[n + i] = (perm[i] + v[i]) / n;
}

/** The feature later trees see: a pooled rare category becomes the pool code K (as in the fit). */
function poolCodes(codes: Float64Array, pool: number[], k: number): Float64Array {
  const rare = new Set(pool);
  return codes.map((c) => (rare.has(c) ? k : c));
}

/** Correlated blending (blend.ts) of the drawn numeric columns, then marginal matching again. */
function applyBlend(core: Core, model: CartModel, out: Float64Array[], rng: number, rx: RngExports, rnd: number): void {
  const { columns, R } = model.blend!;
  const k = columns.length, n = out[0].length;
  const lam = model.settings.blend!;
  const sh = model.settings.blendIndependence ?? 0;
  const eps = sampleMvn(core, blendFactor(core, R, k, sh), k, n, rng);
  const a = Math.sqrt(1 - lam), b = Math.sqrt(lam);
  columns.forEach((v, c) => {
    const col = model.columns[v];
    const values = out[v];
    const present = col.presentWhen >= 0 ? presentRows(out[col.presentWhen], missingCode(model.columns[col.presentWhen].encoder!)) : null;
    const rows = present ?? Array.from({ length: n }, (_, i) => i);
    rx.rngFillUniform(rng, rnd, n);
    const jitter = core.f64(rnd, n).slice();
    const sub = Float64Array.from(rows, (i) => values[i]);
    const z = normalScores(core, sub, Float64Array.from(rows, (i) => jitter[i]));
    rows.forEach((i, r) => { values[i] = a * z[r] + b * eps[c][i]; });
    matchMarginal(values, present, col.leafValues, jitter);
  });
}

export async function sampleCart(core: Core, model: CartModel, n: number, seed = 0, opts: CartSampleOptions = {}, ctl?: RunControl): Promise<ColumnarTable> {
  if (model?.format !== CART_MODEL_FORMAT) throw new AppError('cart/bad-model', 'This is not a sequential-CART model');
  if (!Number.isInteger(n) || n < 0) throw new AppError('sample/bad-rows', `The number of rows must be a whole number ≥ 0 (got ${n})`);
  const ctxCols = checkContext(opts.context, n, model.context);
  const nCtx = ctxCols.length;
  const p = model.columns.length;
  const fixed = opts.conditions && Object.keys(opts.conditions).length ? fixedColumns(model, n, opts.conditions, seed) : new Map<number, Float64Array>();
  const out: Float64Array[] = [];
  if (n > 0 && p > 0) {
    const rx = core.exports as unknown as RngExports;
    const x = core.allocF64(n * (nCtx + p));
    const rnd = core.allocF64(3 * n);
    const rng = core.newRng(seed);
    try {
      for (let f = 0; f < nCtx; f++) core.f64(x + f * n * 8, n).set(ctxCols[f]);
      for (let v = 0; v < p; v++) {
        const col = model.columns[v];
        let values = fixed.get(v);
        if (!values) {
          rx.rngFillUniform(rng, rnd, 2 * n);
          rx.rngFillNormal(rng, rnd + 2 * n * 8, n);
          const r = core.f64(rnd, 3 * n).slice();
          let leaves: Float64Array;
          if (col.tree) {
            const t = treeIn(core, col.tree);
            try { leaves = predictLeavesAt(core, t, x, n, n); } finally { core.free(t.nodes); core.free(t.cats); }
          } else {
            leaves = new Float64Array(n);
            // stratified marginal: u_i = (π(i) + r_i)/n for a random permutation π
            const perm = Array.from({ length: n }, (_, i) => i);
            for (let i = n - 1; i > 0; i--) { const k = Math.floor(r[n + i] * (i + 1)); const t = perm[i]; perm[i] = perm[k]; perm[k] = t; }
            for (let i = 0; i < n; i++) r[i] = (perm[i] + r[i]) / n;
            rx.rngFillUniform(rng, rnd, n);
            r.set(core.f64(rnd, n), n);
          }
          if (col.rarePool.length && model.settings.poolFeatures) stratifyPoolDraws(r, n, rng, rx, core, rnd);
          values = new Float64Array(n);
          for (let i = 0; i < n; i++) values[i] = drawFromLeaf(col, leaves[i], r[i], r[n + i], r[2 * n + i], model.settings.smoothing);
          if (col.classes === 0 && model.settings.matchMarginals && fixed.size === 0) {
            const present = col.presentWhen >= 0 ? presentRows(out[col.presentWhen], missingCode(model.columns[col.presentWhen].encoder!)) : null;
            matchMarginal(values, present, col.leafValues, r.subarray(n, 2 * n));
          }
        }
        core.f64(x + (nCtx + v) * n * 8, n).set(model.settings.poolFeatures && col.rarePool.length ? poolCodes(values, col.rarePool, col.classes) : values);
        out.push(values);
        await checkpoint(ctl, (v + 1) / (p + 1), `sampling column ${col.source}`);
      }
      if (model.blend && model.settings.blend && model.settings.matchMarginals && fixed.size === 0) {
        applyBlend(core, model, out, rng, rx, rnd);
        // categories drawn after a blended column are drawn again from the blended values, so the
        // category ↔ number association (e.g. weather given temperature) follows the moved numbers
        const blended = new Set(model.blend.columns);
        let seen = false;
        for (let v = 0; v < p; v++) {
          const col = model.columns[v];
          if (blended.has(v)) seen = true;
          else if (seen && col.role === 'category' && col.tree) {
            rx.rngFillUniform(rng, rnd, 2 * n);
            const r = core.f64(rnd, 2 * n).slice();
            const t = treeIn(core, col.tree);
            let leaves: Float64Array;
            try { leaves = predictLeavesAt(core, t, x, n, n); } finally { core.free(t.nodes); core.free(t.cats); }
            if (col.rarePool.length && model.settings.poolFeatures) stratifyPoolDraws(r, n, rng, rx, core, rnd);
            const values = out[v];
            for (let i = 0; i < n; i++) values[i] = drawFromLeaf(col, leaves[i], r[i], r[n + i], 0, 0);
          } else continue;
          core.f64(x + (nCtx + v) * n * 8, n).set(model.settings.poolFeatures && col.rarePool.length ? poolCodes(out[v], col.rarePool, col.classes) : out[v]);
        }
      }
    } finally {
      core.free(x); core.free(rnd); core.free(rng);
    }
  }
  const byName = new Map(model.columns.map((c, v) => [c.name, v]));
  const matrix: ModelMatrix = {
    rows: n,
    columns: model.transformer.modelColumns.map((s) => {
      const v = byName.get(s.name)!;
      const col = model.columns[v];
      const vals = out[v] ?? new Float64Array(n);
      return { ...s, values: col.encoder ? vals.map((k) => fromCode(col.encoder!, k)) : vals };
    })
  };
  const table = reverseTable(model.transformer, matrix, seededRng(seed, 1));
  await checkpoint(ctl, 1, 'sampled');
  return table;
}
