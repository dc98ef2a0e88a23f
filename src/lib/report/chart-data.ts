/**
 * Report → chart series (pure, no chart.js): the UI feeds these to chart.js, the HTML report draws
 * them as tables of CSS bars. Counts are turned into shares of rows so a real sample and a synthetic
 * table of a different size compare on one axis.
 */
import type { CardinalityDetail, ColumnChart, MetricsReport, TablePrivacy } from '$lib/engine/metrics/types';

export interface SeriesChart {
  /** 'line' for datetimes (distribution over time), 'bar' otherwise. */
  type: 'bar' | 'line';
  title: string;
  xTitle: string;
  yTitle: string;
  labels: string[];
  series: { name: string; values: number[] }[];
  /** Short text summary for screen readers and the report (e.g. missing shares). */
  note: string;
}

const share = (xs: number[]): number[] => {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => (total > 0 ? x / total : 0));
};

/** A number for an axis label: compact, no float noise. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(4)));
}

/** Milliseconds since 1970 (how the metrics hold datetimes) → ISO date, with time when the range is short. */
export function formatInstant(ms: number, spanMs: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const iso = new Date(ms).toISOString();
  return spanMs < 3 * 86_400_000 ? iso.slice(0, 16).replace('T', ' ') : iso.slice(0, 10);
}

/** "table.column" when the report has several tables, else the column name. */
export function columnTitle(c: { table: string; column: string }, multiTable: boolean): string {
  return multiTable ? `${c.table}.${c.column}` : c.column;
}

export function columnChartData(c: ColumnChart, multiTable = false): SeriesChart {
  const title = columnTitle(c, multiTable);
  if (c.kind === 'discrete') {
    return {
      type: 'bar', title, xTitle: c.column, yTitle: 'Share of rows', labels: c.categories,
      series: [{ name: 'Real', values: c.real }, { name: 'Synthetic', values: c.synthetic }],
      note: `${c.categories.length} categories`
    };
  }
  const isTime = c.sdtype === 'datetime';
  const span = c.edges[c.edges.length - 1] - c.edges[0];
  const labels = c.edges.slice(0, -1).map((lo, i) => (isTime ? formatInstant(lo, span) : `${formatNumber(lo)} – ${formatNumber(c.edges[i + 1])}`));
  const realRows = c.real.reduce((s, x) => s + x, 0) + c.real_missing;
  const synthRows = c.synthetic.reduce((s, x) => s + x, 0) + c.synthetic_missing;
  const pct = (m: number, n: number) => (n > 0 ? `${((100 * m) / n).toFixed(1)}%` : '0%');
  return {
    type: isTime ? 'line' : 'bar', title, xTitle: isTime ? `${c.column} (time)` : c.column, yTitle: 'Share of rows', labels,
    series: [{ name: 'Real', values: share(c.real) }, { name: 'Synthetic', values: share(c.synthetic) }],
    note: `missing: real ${pct(c.real_missing, realRows)}, synthetic ${pct(c.synthetic_missing, synthRows)}`
  };
}

/** Number of parents having k children, per relationship (Cardinality property). */
export function childCountData(d: CardinalityDetail): SeriesChart {
  return {
    type: 'bar', title: `Children per ${d.parent_table} in ${d.child_table} (${d.foreign_key})`, xTitle: 'Children per parent', yTitle: 'Share of parents',
    labels: d.children_per_parent.map((r) => String(r.children)),
    series: [{ name: 'Real', values: share(d.children_per_parent.map((r) => r.real)) }, { name: 'Synthetic', values: share(d.children_per_parent.map((r) => r.synthetic)) }],
    note: `CardinalityShapeSimilarity ${d.score === null ? 'n/a' : d.score.toFixed(2)}`
  };
}

/** Distance to closest record: synthetic → real against the random baseline → real. */
export function dcrData(p: TablePrivacy): SeriesChart {
  const h = p.dcr_distribution;
  const labels = h.synthetic.edges.slice(0, -1).map((lo, i) => `${formatNumber(lo)} – ${formatNumber(h.synthetic.edges[i + 1])}`);
  const med = p.dcr_baseline_protection;
  return {
    type: 'bar', title: `Distance to closest real record — ${p.table}`, xTitle: 'DCR (0 = copy of a real row)', yTitle: 'Share of rows', labels,
    series: [{ name: 'Synthetic → real', values: share(h.synthetic.counts) }, { name: 'Random baseline → real', values: share(h.baseline.counts) }],
    note: `median DCR synthetic ${med.median_dcr_synthetic_to_real === null ? 'n/a' : formatNumber(med.median_dcr_synthetic_to_real)}, baseline ${med.median_dcr_random_baseline_to_real === null ? 'n/a' : formatNumber(med.median_dcr_random_baseline_to_real)}`
  };
}

/** The column's quality score (KSComplement / TVComplement) from the report. */
export function columnScore(r: MetricsReport, table: string, column: string): { metric: string; score: number | null } | null {
  const d = r.quality.column_shapes.find((x) => x.table === table && x.column === column);
  return d ? { metric: d.metric, score: d.score } : null;
}

/** Accessible name of a column chart: column, kind, and its score. */
export function columnChartLabel(r: MetricsReport, c: ColumnChart, multiTable: boolean): string {
  const s = columnScore(r, c.table, c.column);
  const what = c.kind === 'discrete' ? 'category frequencies' : c.sdtype === 'datetime' ? 'distribution over time' : 'histogram';
  return `${columnTitle(c, multiTable)}: real vs synthetic ${what}${s ? `, ${s.metric} ${s.score === null ? 'n/a' : s.score.toFixed(2)}` : ''}`;
}
