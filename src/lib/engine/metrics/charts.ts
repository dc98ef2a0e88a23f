/** Chart data for the report UI: per-column distributions and per-table pair matrices. */
import type { Core } from '../wasm';
import { histogramCounts } from './kernels';
import type { PreparedTable, ScoredColumn } from './prepare';
import type { ColumnChart, PairDetail, PairMatrix } from './types';

const MAX_CATEGORIES = 50;

export function columnChart(core: Core, table: string, c: ScoredColumn, bins: number): ColumnChart {
  if (c.shape === 'continuous') {
    let lo = Infinity, hi = -Infinity, rm = 0, sm = 0;
    for (const v of c.real) { if (Number.isNaN(v)) { rm++; continue; } if (v < lo) lo = v; if (v > hi) hi = v; }
    for (const v of c.synth) { if (Number.isNaN(v)) { sm++; continue; } if (v < lo) lo = v; if (v > hi) hi = v; }
    if (lo > hi) { lo = 0; hi = 1; }
    const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + ((hi - lo) * i) / bins));
    return {
      table, column: c.name, kind: 'continuous', sdtype: c.sdtype, edges,
      real: histogramCounts(core, c.real, lo, hi, bins), synthetic: histogramCounts(core, c.synth, lo, hi, bins),
      real_missing: rm, synthetic_missing: sm
    };
  }
  const k = c.categories.length;
  const count = (col: Float64Array) => {
    const out = new Float64Array(k + 1);
    for (const v of col) out[Number.isNaN(v) ? k : v]++;
    return out;
  };
  const rc = count(c.real), sc = count(c.synth);
  const order = Array.from({ length: k }, (_, i) => i).sort((a, b) => rc[b] - rc[a] || sc[b] - sc[a] || a - b);
  const top = order.slice(0, MAX_CATEGORIES), rest = order.slice(MAX_CATEGORIES);
  const nr = Math.max(1, c.real.length), ns = Math.max(1, c.synth.length);
  const categories = top.map((i) => c.categories[i]);
  const real = top.map((i) => rc[i] / nr), synthetic = top.map((i) => sc[i] / ns);
  if (rest.length) {
    categories.push(`(${rest.length} other values)`);
    real.push(rest.reduce((s, i) => s + rc[i], 0) / nr);
    synthetic.push(rest.reduce((s, i) => s + sc[i], 0) / ns);
  }
  if (rc[k] || sc[k]) { categories.push('(missing)'); real.push(rc[k] / nr); synthetic.push(sc[k] / ns); }
  return { table, column: c.name, kind: 'discrete', sdtype: c.sdtype, categories, real, synthetic };
}

/** Heatmap matrices (Pearson r for continuous pairs, Cramér's V otherwise) from the pair details. */
export function pairMatrix(t: PreparedTable, pairs: PairDetail[]): PairMatrix {
  const columns = t.columns.map((c) => c.name);
  const at = new Map(columns.map((c, i) => [c, i]));
  const n = columns.length;
  const mk = () => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : null as number | null)));
  const real = mk(), synthetic = mk(), score = mk();
  for (const p of pairs) {
    const i = at.get(p.column_1)!, j = at.get(p.column_2)!;
    const r = p.real_correlation ?? p.real_association, s = p.synthetic_correlation ?? p.synthetic_association;
    real[i][j] = real[j][i] = r;
    synthetic[i][j] = synthetic[j][i] = s;
    score[i][j] = score[j][i] = p.score;
  }
  return { table: t.name, columns, real, synthetic, score };
}
