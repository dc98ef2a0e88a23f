/**
 * Visit order of the sequential synthesizer, and each tree's parents. Every column is modelled on columns
 * before it, so the order decides which dependencies a tree can see.
 *  - 'file': the table's column order (synthpop's default).
 *  - 'auto' (default): by dependence (dependence.ts), greedily like PrivBayes (Zhang et al., 2017) / Prim's
 *    maximum spanning tree: start with the column most dependent on all others, then always add the column
 *    most dependent on one already placed — so each column's strongest partner comes before it.
 *  - a list of table column names: those first, in that order, the rest in 'auto' order.
 * A missing indicator always comes right before its value column (the value tree trains on present rows only).
 */
import { AppError } from '../../schema/model';
import type { ModelColumnSpec } from '../transformers';

/** Visit order of the model columns. `dep` = k×k dependence between model columns. */
export function visitOrder(specs: ModelColumnSpec[], dep: Float64Array, order: 'auto' | 'file' | string[]): number[] {
  const k = specs.length;
  const sources: string[] = [];
  for (const s of specs) if (!sources.includes(s.source)) sources.push(s.source);
  const members = sources.map((src) => specs.map((_, j) => j).filter((j) => specs[j].source === src)
    .sort((a, b) => (specs[a].role === 'missing' ? -1 : specs[b].role === 'missing' ? 1 : a - b)));
  const g = sources.length;
  const gdep = (a: number, b: number) => {
    let d = 0;
    for (const i of members[a]) for (const j of members[b]) d = Math.max(d, dep[i * k + j]);
    return d;
  };
  const placed: number[] = [];
  if (Array.isArray(order)) {
    for (const c of order) {
      const i = sources.indexOf(c);
      if (i < 0) throw new AppError('cart/bad-order', `The visit order names "${c}", which is not a modelled column of the table`, { column: c });
      if (!placed.includes(i)) placed.push(i);
    }
  } else if (order === 'file') {
    for (let i = 0; i < g; i++) placed.push(i);
  } else if (order !== 'auto') {
    throw new AppError('cart/bad-order', `order must be 'auto', 'file' or a list of column names`);
  }
  const rest = () => Array.from({ length: g }, (_, i) => i).filter((i) => !placed.includes(i));
  if (placed.length === 0 && g > 0) {
    let best = 0, bestSum = -1;
    for (let a = 0; a < g; a++) {
      let s = 0;
      for (let b = 0; b < g; b++) if (b !== a) s += gdep(a, b);
      if (s > bestSum) { bestSum = s; best = a; }
    }
    placed.push(best);
  }
  for (let left = rest(); left.length; left = rest()) {
    let best = left[0], bestD = -1;
    for (const a of left) {
      let d = 0;
      for (const b of placed) d = Math.max(d, gdep(a, b));
      if (d > bestD) { bestD = d; best = a; }
    }
    placed.push(best);
  }
  return placed.flatMap((i) => members[i]);
}

/**
 * The columns (visit indices < v) a tree for visit index v may split on: all of them when maxParents is
 * null (synthpop), else the maxParents most dependent ones with r_I ≥ minDependence (PrivBayes' degree-k
 * network: fewer parents, less of each real row carried into a synthetic one). A value column never uses its
 * own missing indicator (it trains on present rows only).
 */
export function parentsOf(v: number, order: number[], specs: ModelColumnSpec[], dep: Float64Array, maxParents: number | null, minDependence: number): number[] {
  const k = specs.length;
  const j = order[v];
  const cands = order.slice(0, v).map((c, u) => ({ u, d: dep[j * k + c], c }))
    .filter((x) => !(specs[j].role === 'value' && specs[x.c].role === 'missing' && specs[x.c].source === specs[j].source));
  if (maxParents === null) return cands.map((x) => x.u);
  return cands.filter((x) => x.d >= minDependence).sort((a, b) => b.d - a.d || a.u - b.u).slice(0, maxParents).map((x) => x.u).sort((a, b) => a - b);
}
