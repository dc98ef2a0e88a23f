/**
 * A learned model → what the Model panel shows: per table, per column the learned distribution and its
 * parameters (copula: `marginal.kind` + `params`, the KS statistic of each candidate tried) or the
 * sequential-CART visit order with each tree's size, and the copula's correlation matrix as a heatmap
 * (same colours as the report's, src/lib/report/heatmap.ts).
 */
import type { LearnedModel } from '$lib/engine/learned-model';
import type { Marginal } from '$lib/engine/core/dist-marginal';
import { columnWindow, heatmap, type Heatmap } from '$lib/report/heatmap';

export const DISTRIBUTION_NAMES: Record<string, string> = {
  norm: 'Normal', truncnorm: 'Truncated normal', beta: 'Beta', gamma: 'Gamma', uniform: 'Uniform',
  gaussian_kde: 'Gaussian KDE', empirical: 'Empirical', constant: 'Constant'
};

export interface CopulaColumnView {
  name: string;
  role: string;
  /** `marginal.kind`, e.g. "beta". */
  kind: string;
  distribution: string;
  params: string;
  /** KS statistic per candidate, lowest first; the chosen one is marked. */
  candidates: { kind: string; ks: number; chosen: boolean }[];
  note?: string;
}

export interface CartColumnView {
  order: number;
  name: string;
  role: string;
  target: string;
  /** "12 leaves, 23 nodes" or "drawn from its marginal (no tree)". */
  tree: string;
  leaves: number;
  nodes: number;
  pooled: number;
}

export interface TableView {
  name: string;
  rows: number;
  synthesizer: 'copula' | 'cart' | 'hma' | 'declared';
  copula: CopulaColumnView[];
  cart: CartColumnView[];
  correlation: Heatmap | null;
  /** Parent columns the table's model conditions on (multi-table). */
  context: string[];
  /** Schema-only columns (a table without a sample): generator kind per column. */
  declared: { column: string; kind: string }[];
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : Math.abs(v) >= 1e5 || Math.abs(v) < 1e-3 ? v.toExponential(3) : String(Number(v.toPrecision(4))));

export function paramsText(m: Marginal): string {
  const parts = Object.entries(m.params).map(([k, v]) => `${k} ${fmt(v)}`);
  if (m.points?.length) parts.push(`${m.points.length} ${m.kind === 'empirical' ? 'knots' : 'support points'}`);
  return parts.join(', ');
}

const ROLE: Record<string, string> = { value: 'value', category: 'category', missing: 'missing indicator' };

/** The correlation matrix (k×k, row-major) as a report-style heatmap; at most `max` columns shown. */
export function correlationHeatmap(table: string, columns: string[], r: number[], max = 16): Heatmap {
  const k = columns.length;
  const m = Array.from({ length: k }, (_, i) => r.slice(i * k, (i + 1) * k) as (number | null)[]);
  const map = heatmap({ table, columns, real: m, synthetic: m, score: m }, 'real', columnWindow(k, 0, max));
  return { ...map, title: `Copula correlation of normal scores — ${table}${k > max ? ` (first ${max} of ${k} columns)` : ''}` };
}

export function modelView(model: LearnedModel): TableView[] {
  const names = model.schema.tables.map((t) => t.name);
  return names.map((name): TableView => {
    const base: TableView = { name, rows: 0, synthesizer: model.synthesizer, copula: [], cart: [], correlation: null, context: [], declared: [] };
    // Per-table CART (no relationships) or CART inside the multi-table model.
    const cm = model.cart?.[name] ?? model.multi?.tables[name]?.cart;
    if (cm) {
      return {
        ...base, rows: cm.rows, context: cm.context,
        cart: cm.columns.map((c, i) => ({
          order: i + 1, name: c.name, role: ROLE[c.role] ?? c.role,
          target: c.classes > 0 ? `${c.classes} categories` : 'numeric',
          tree: c.tree ? `${c.tree.leafCount} leaves, ${c.tree.nodeCount} nodes` : 'drawn from its marginal (no tree)',
          leaves: c.tree?.leafCount ?? 0, nodes: c.tree?.nodeCount ?? 0, pooled: c.rarePool.length
        }))
      };
    }
    if (model.cart) return base;
    const tm = model.multi?.tables[name];
    if (!tm) return base;
    const view: TableView = { ...base, rows: tm.rows, context: tm.context.map((c) => c.parentColumn), declared: (tm.declared ?? []).map((d) => ({ column: d.column, kind: d.kind })) };
    if (!tm.copula) return { ...view, synthesizer: 'declared' };
    const cols = tm.copula.columns;
    view.copula = cols.map((c) => ({
      name: c.name, role: ROLE[c.role] ?? c.role, kind: c.marginal.kind,
      distribution: DISTRIBUTION_NAMES[c.marginal.kind] ?? c.marginal.kind,
      params: paramsText(c.marginal),
      candidates: Object.entries(c.candidates ?? {}).sort((a, b) => a[1] - b[1]).map(([kind, ks]) => ({ kind, ks, chosen: kind === c.marginal.kind })),
      ...(c.marginal.note ? { note: c.marginal.note } : {})
    }));
    if (cols.length > 1) view.correlation = correlationHeatmap(name, cols.map((c) => c.name), tm.copula.correlation);
    return view;
  });
}
