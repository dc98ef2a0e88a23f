/**
 * Puts category intervals in a useful order before the correlation is measured.
 *
 * Why: a Gaussian copula only sees *linear* association of normal scores. SDV orders a categorical
 * column's intervals by first appearance and draws a random point inside the interval, so a category
 * that goes with high values of a numeric column (iris `virginica` ↔ long petals, a car model ↔ its
 * weight) lands anywhere on [0,1] and most of that association is lost. Here each category column
 * (and each missing-value indicator) is re-encoded against its best "anchor" — the numeric column
 * with the largest correlation ratio η² — with
 *  - intervals ordered by the anchor's mean normal score within each category, and
 *  - each row placed inside its category's interval at the rank of its anchor value,
 * so the encoded column is still exactly uniform on [0,1] but moves with the anchor. Decoding is
 * unchanged (interval look-up), so frequencies and validity are untouched.
 *
 * Small cells (the threshold rule of statistical disclosure control, Hundepool et al., *Statistical
 * Disclosure Control*, 2012, §4.2): a category seen fewer than `minRows` times gets no anchor-informed
 * place. Its interval sits among the other rare ones in seeded random order at the middle of the order
 * (anchor score 0, the overall mean) and its rows draw a random point inside it. Otherwise a car model
 * seen once would be placed exactly at its row's weight, and the copula would write that name back next
 * to that row's numbers — a near-copy of a real record. The same rule as CART's `rareMin`.
 */
import type { Core } from '../wasm';
import { normalQuantile } from '../core/distributions';
import type { ModelMatrix, TableTransformer, UniformEncoderState } from '../transformers/types';
import { decodeUniformIndex } from '../transformers/uniform-encoder';
import { Xoshiro128 } from '../transformers/rng';
import { stableArgsort } from './stable-argsort';
import type { CopulaColumn } from './types';

const EPS = 1.1920928955078125e-7;

function encoderOf(tt: TableTransformer, col: CopulaColumn): UniformEncoderState | undefined {
  for (const t of tt.transformers) {
    if (col.role === 'category' && t.kind === 'categorical' && t.column === col.name) return t.encoder;
    if (col.role === 'missing' && 'missing' in t && t.missing?.name === col.name) return t.missing.encoder;
  }
  return undefined;
}

/** Σz and Σz² of an anchor, in row order (shared by every category column scored against it). */
interface AnchorTotals { tot: number; tot2: number }
function totalsOf(z: Float64Array): AnchorTotals {
  let tot = 0, tot2 = 0;
  for (let i = 0; i < z.length; i++) { tot += z[i]; tot2 += z[i] * z[i]; }
  return { tot, tot2 };
}

/** Correlation ratio η² of `z` explained by the category index (`cnt`: rows per category). */
function etaSquared(idx: Int32Array, z: Float64Array, cnt: Float64Array, { tot, tot2 }: AnchorTotals): number {
  const n = z.length;
  const kCats = cnt.length;
  const sum = new Float64Array(kCats);
  for (let i = 0; i < n; i++) sum[idx[i]] += z[i];
  const mean = tot / n;
  const sst = tot2 - n * mean * mean;
  if (!(sst > 1e-12)) return 0;
  let ssb = 0;
  for (let c = 0; c < kCats; c++) if (cnt[c]) ssb += (sum[c] * sum[c]) / cnt[c];
  return (ssb - n * mean * mean) / sst;
}

/** `minRows`: categories seen fewer times are placed at random (see above); 1 = every category is ordered. */
export function orderCategoriesByAnchor(core: Core, tt: TableTransformer, matrix: ModelMatrix, columns: CopulaColumn[], dataPtr: number, n: number, minRows = 1, seed = 0): void {
  if (n < 3) return;
  const anchors = columns.map((c, j) => (c.role === 'value' ? j : -1)).filter((j) => j >= 0);
  if (!anchors.length) return;
  const zOf = (j: number) => core.f64(dataPtr + j * n * 8, n).slice();
  const anchorZ = new Map(anchors.map((j) => [j, zOf(j)]));
  const anchorTotals = new Map(anchors.map((j) => [j, totalsOf(anchorZ.get(j)!)]));
  const rowsByAnchor = new Map<number, Uint32Array>(); // several columns often share an anchor
  columns.forEach((col, j) => {
    if (col.role === 'value') return;
    const enc = encoderOf(tt, col);
    if (!enc || enc.categories.length < 2) return;
    const kCats = enc.categories.length;
    const u = matrix.columns[j].values;
    const idx = new Int32Array(n);
    const cnt = new Float64Array(kCats);
    for (let i = 0; i < n; i++) cnt[(idx[i] = decodeUniformIndex(enc, u[i]))]++;
    let best = -1, bestEta = 0.01; // ignore anchors that explain < 1 % of the variance
    for (const a of anchors) {
      const e = etaSquared(idx, anchorZ.get(a)!, cnt, anchorTotals.get(a)!);
      if (e > bestEta) { bestEta = e; best = a; }
    }
    if (best < 0) return;
    const z = anchorZ.get(best)!;
    // New interval order: by mean anchor score within the category.
    const sum = new Float64Array(kCats);
    for (let i = 0; i < n; i++) sum[idx[i]] += z[i];
    // Rare categories: score 0, then a seeded random tie-break among themselves (after any real score of 0).
    const rng = new Xoshiro128(seed, 0x63617400 + j);
    const rare = Uint8Array.from(cnt, (c) => (c < minRows ? 1 : 0));
    const score = Float64Array.from(sum, (s, c) => (rare[c] ? 0 : s / cnt[c]));
    const tie = Float64Array.from(rare, (r) => (r ? 1 + rng.nextFloat() : 0));
    const order = Array.from({ length: kCats }, (_, c) => c).sort((a, b) => score[a] - score[b] || tie[a] - tie[b] || a - b);
    const newPos = new Int32Array(kCats);
    order.forEach((c, p) => (newPos[c] = p));
    const lo = new Float64Array(kCats), width = new Float64Array(kCats);
    let acc = 0;
    const cumulative: number[] = new Array(kCats);
    for (let p = 0; p < kCats; p++) {
      lo[order[p]] = acc / n;
      acc += cnt[order[p]];
      cumulative[p] = acc / n;
      width[order[p]] = cumulative[p] - lo[order[p]];
    }
    cumulative[kCats - 1] = 1;
    // Place each row inside its interval at the rank of its anchor value (ties by row order).
    let rows = rowsByAnchor.get(best);
    if (!rows) rowsByAnchor.set(best, (rows = stableArgsort(z)));
    const seen = new Float64Array(kCats);
    const newU = new Float64Array(n);
    for (const i of rows) {
      const c = idx[i];
      newU[i] = lo[c] + width[c] * (rare[c] ? rng.nextFloat() : (seen[c]++ + 0.5) / cnt[c]);
    }
    enc.categories = order.map((c) => enc.categories[c]);
    enc.cumulative = cumulative;
    matrix.columns[j].values = newU;
    for (let i = 0; i < n; i++) newU[i] = Math.min(1 - EPS, Math.max(EPS, newU[i]));
    core.f64(dataPtr + j * n * 8, n).set(normalQuantile(core, newU));
  });
}
