/**
 * Conditional sampling from the exact conditional Gaussian (sdv-algorithms.md §A8, without SDV's
 * reject-and-retry): numeric conditions fix a normal score; a categorical condition (or a
 * missing/present condition) constrains the score to its interval [Φ⁻¹(F_{k−1}), Φ⁻¹(F_k)].
 * Interval conditions are drawn one after another from their univariate conditional (a truncated
 * normal given everything fixed so far — exact by the chain rule), then all other columns are drawn
 * from the Schur-complement conditional. Impossible conditions fail up front with a clear error.
 */
import { AppError, type ColumnarTable } from '../../schema/model';
import type { Core } from '../wasm';
import { normalCdf, normalQuantile, normalSf, toNormalScores } from '../core/distributions';
import { randomUniforms } from '../core/random';
import { conditionalGaussian, sampleConditionalInto, type CondModel } from '../core/linalg';
import { transformTable } from '../transformers';
import type { ColumnTransformerState, UniformEncoderState } from '../transformers/types';
import type { Conditions, CopulaModel } from './types';

const EPS = 1.1920928955078125e-7;

export interface PreparedConditions {
  /** False when the conditions only fix generated text (PII): the copula is sampled as usual. */
  constrains: boolean;
  /** Fills `buf` (k columns × m rows, column-major) with normal scores satisfying the conditions. */
  sampleInto(rng: number, buf: number, m: number): void;
  /** After x = F⁻¹(Φ(z)): puts the exact given numeric values back. */
  overrideValues(buf: number, m: number): void;
  /** Fixes generated text columns (PII, free text) to their given values. */
  overrideText(table: ColumnarTable): void;
  free(): void;
}

interface IntervalCond { col: number; zlo: number; zhi: number }

function intervalOf(enc: UniformEncoderState, k: number): [number, number] {
  const lo = k === 0 ? 0 : enc.cumulative[k - 1];
  const hi = enc.cumulative[k];
  return [Math.max(lo, EPS), Math.min(hi, 1 - EPS)];
}

function findCategory(enc: UniformEncoderState, value: string | null): number {
  let k = enc.categories.indexOf(value);
  if (k < 0 && value !== null) k = enc.categories.findIndex((c) => c !== null && c.toLowerCase() === value.toLowerCase());
  return k;
}

const fmt = (x: number) => (Math.abs(x) >= 1e11 ? new Date(x).toISOString() : String(+x.toPrecision(6)));

export function prepareConditions(core: Core, model: CopulaModel, conditions: Conditions): PreparedConditions {
  const tt = model.transformer;
  const k = model.columns.length;
  const colIndex = new Map(model.columns.map((c, j) => [c.name, j]));
  const points: { col: number; z: number; x: number }[] = [];
  const intervals: IntervalCond[] = [];
  const textFixes: [string, string | null][] = [];

  const byColumn = new Map<string, ColumnTransformerState>(tt.transformers.map((t) => [t.column, t]));
  const presence = (t: ColumnTransformerState, missing: boolean) => {
    const m = 'missing' in t ? t.missing : null;
    if (!m) {
      if (missing) throw new AppError('condition/impossible', `Column "${t.column}" is never missing in the sample, so it cannot be conditioned to be missing`, { column: t.column });
      return;
    }
    const kc = findCategory(m.encoder, missing ? '1' : '0');
    if (kc < 0) throw new AppError('condition/impossible', `Column "${t.column}" is ${missing ? 'never missing' : 'always missing'} in the sample`, { column: t.column });
    const [lo, hi] = intervalOf(m.encoder, kc);
    intervals.push({ col: colIndex.get(m.name)!, zlo: lo, zhi: hi });
  };

  for (const [column, raw] of Object.entries(conditions)) {
    const t = byColumn.get(column);
    if (!t) throw new AppError('condition/unknown-column', `There is no column "${column}" to condition on`, { column });
    const text = raw === null || raw === undefined || raw === '' ? null : String(raw);
    switch (t.kind) {
      case 'key':
        throw new AppError('condition/key', `Column "${column}" is a key: its values are generated unique, so it cannot be fixed`, { column });
      case 'constant':
        if (text !== t.value) throw new AppError('condition/impossible', `Column "${column}" is always ${t.value === null ? 'missing' : `"${t.value}"`} in the sample; "${text}" cannot be generated`, { column });
        break;
      case 'pii': case 'unknown': case 'text':
        textFixes.push([column, text]);
        if (t.missing) presence(t, text === null);
        break;
      case 'categorical': {
        const kc = findCategory(t.encoder, text);
        if (kc < 0) {
          const seen = t.encoder.categories.filter((c) => c !== null).slice(0, 8).map((c) => `"${c}"`).join(', ');
          throw new AppError('condition/unknown-category', `Column "${column}" never has the value ${text === null ? 'missing' : `"${text}"`} in the sample (seen: ${seen}${t.encoder.categories.length > 8 ? ', …' : ''})`, { column });
        }
        const [lo, hi] = intervalOf(t.encoder, kc);
        intervals.push({ col: colIndex.get(column)!, zlo: lo, zhi: hi });
        break;
      }
      case 'numerical': case 'datetime': {
        if (text === null) { presence(t, true); break; }
        const one = transformTable(tt, { names: [column], columns: [[text]] }, 0, { partial: true });
        const x = one.columns.find((c) => c.name === column)?.values[0];
        if (x === undefined || !Number.isFinite(x)) throw new AppError('condition/bad-value', `"${text}" is not a valid value for column "${column}"`, { column });
        if (x < t.min || x > t.max) {
          throw new AppError('condition/out-of-range', `${column} = ${text} is outside the range seen in the sample (${fmt(t.min)} … ${fmt(t.max)})`, { column });
        }
        const j = colIndex.get(column)!;
        points.push({ col: j, z: toNormalScores(core, model.columns[j].marginal, [x])[0], x });
        presence(t, false);
        break;
      }
    }
  }
  for (const iv of intervals) [iv.zlo, iv.zhi] = Array.from(normalQuantile(core, [iv.zlo, iv.zhi]));

  // Precompute the sequence of univariate conditionals and the final Schur complement.
  const steps: { iv: IntervalCond; coef: Float64Array; sigma: number; given: number[] }[] = [];
  const given = points.map((p) => p.col);
  for (const iv of intervals) {
    if (given.includes(iv.col)) throw new AppError('condition/conflict', `Column "${model.columns[iv.col].source}" is conditioned twice`);
    if (!given.length) steps.push({ iv, coef: new Float64Array(0), sigma: 1, given: [] });
    else {
      const cm = conditionalGaussian(core, model.correlation, k, given);
      const r = cm.rest.indexOf(iv.col);
      const p = cm.rest.length, q = given.length;
      const coef = cm.B.slice(r * q, r * q + q);
      let s2 = 0;
      for (let j = 0; j <= r; j++) s2 += cm.L[r * p + j] ** 2;
      steps.push({ iv, coef, sigma: Math.sqrt(Math.max(s2, 1e-12)), given: [...given] });
    }
    given.push(iv.col);
  }
  const final: CondModel | null = given.length < k && given.length > 0 ? conditionalGaussian(core, model.correlation, k, given) : null;

  return {
    constrains: given.length > 0,
    sampleInto(rng, buf, m) {
      const colView = (j: number) => core.f64(buf + j * m * 8, m);
      const fixed = new Map<number, Float64Array>();
      for (const p of points) fixed.set(p.col, new Float64Array(m).fill(p.z));
      for (const s of steps) {
        const mu = new Float64Array(m);
        s.given.forEach((g, gi) => { const z = fixed.get(g)!; const b = s.coef[gi]; for (let i = 0; i < m; i++) mu[i] += b * z[i]; });
        const a = new Float64Array(m), b = new Float64Array(m);
        for (let i = 0; i < m; i++) { a[i] = (s.iv.zlo - mu[i]) / s.sigma; b[i] = (s.iv.zhi - mu[i]) / s.sigma; }
        const u = randomUniforms(core, rng, m);
        const ca = normalCdf(core, a), cb = normalCdf(core, b), sa = normalSf(core, a), sb = normalSf(core, b);
        // Draw in the tail where the probabilities keep their precision (Φ on the left, Φc on the right).
        const p = new Float64Array(m);
        for (let i = 0; i < m; i++) p[i] = a[i] > 0 ? sb[i] + u[i] * (sa[i] - sb[i]) : ca[i] + u[i] * (cb[i] - ca[i]);
        const q = normalQuantile(core, p);
        const z = new Float64Array(m);
        for (let i = 0; i < m; i++) {
          const t = a[i] > 0 ? -q[i] : q[i];
          z[i] = mu[i] + s.sigma * Math.min(Math.max(t, a[i]), b[i]);
        }
        fixed.set(s.iv.col, z);
      }
      if (final) {
        const q = given.length, p = final.rest.length;
        const zc = core.allocF64(q * m), out = core.allocF64(p * m);
        try {
          final.cond.forEach((c, ci) => core.f64(zc + ci * m * 8, m).set(fixed.get(c)!));
          sampleConditionalInto(core, final, zc, m, m, rng, out, m);
          final.rest.forEach((r, ri) => colView(r).set(core.f64(out + ri * m * 8, m)));
        } finally {
          core.free(zc);
          core.free(out);
        }
      }
      for (const [c, z] of fixed) colView(c).set(z);
    },
    overrideValues(buf, m) {
      for (const p of points) core.f64(buf + p.col * m * 8, m).fill(p.x);
    },
    overrideText(table) {
      for (const [col, v] of textFixes) table.columns[table.names.indexOf(col)].fill(v);
    },
    free() {}
  };
}
