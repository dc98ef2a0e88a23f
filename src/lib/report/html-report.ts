/**
 * The report as one self-contained HTML file: inline CSS, no script, no external request. Charts are
 * HTML tables of CSS bars and coloured heatmap grids (plus, optionally, PNG snapshots of the
 * on-screen canvases as data URLs). Every user string (project, table, column, category names) is
 * HTML-escaped.
 */
import type { MetricsReport, ReportSummary } from '$lib/engine/metrics/types';
import { escapeHtml as esc } from './escape';
import { childCountData, columnChartData, dcrData, type SeriesChart } from './chart-data';
import { columnWindow, heatmap, type HeatmapKind } from './heatmap';
import { copiesText, holdoutText, formatScore, improvementText, scoreGroups, thresholdText, type ThresholdInfo } from './scores';
import type { CopyCheck } from '$lib/engine/copy-filter';

export interface ChartImage { title: string; dataUrl: string }

export interface ReportHtmlInput {
  projectName: string;
  /** ISO timestamp of the run. */
  generatedAt: string;
  report: MetricsReport;
  summary: ReportSummary;
  threshold: ThresholdInfo;
  improvement?: { before: number | null; after: number | null } | null;
  images?: ChartImage[];
  /** Business rules: share of real and synthetic rows obeying each. */
  rules?: { rule: string; real: number; synthetic: number }[];
  /** What New rows only did per table. */
  copies?: CopyCheck[];
}

/** Heatmaps wider than this show a window of columns (the JSON download has them all). */
export const HTML_HEATMAP_MAX = 40;
/** Pair rows listed (lowest scores first). */
export const HTML_PAIR_ROWS = 100;

const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+=*$/;

const CSS = `
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#0f172a;background:#fff}
h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #e2e8f0;padding-bottom:.3rem}h3{font-size:1rem;margin:1.2rem 0 .4rem}
table{border-collapse:collapse;font-size:.85rem;margin:.4rem 0}th,td{border:1px solid #e2e8f0;padding:.2rem .45rem;text-align:left;vertical-align:middle}
th{background:#f8fafc}td.num{text-align:right;font-variant-numeric:tabular-nums}
.verdict{padding:.5rem .75rem;border-radius:8px;border:1px solid #e2e8f0}.below{border-color:#dc2626;color:#991b1b;background:#fef2f2}.met{border-color:#16a34a;color:#166534;background:#f0fdf4}
.track{position:relative;display:inline-block;width:16rem;height:.8rem;background:#e2e8f0;border-radius:4px;vertical-align:middle}
.fill{position:absolute;left:0;top:0;bottom:0;background:#4f46e5;border-radius:4px}
.mark{position:absolute;top:-.25rem;bottom:-.25rem;width:2px;background:#dc2626}
.bars td.bar{width:14rem}.b{display:block;height:.55rem;margin:1px 0}.b.real{background:#94a3b8}.b.syn{background:#4f46e5}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .3rem 0 .8rem;vertical-align:middle}
.heat td{width:2.6rem;text-align:center;font-size:.75rem}.heat th{font-size:.75rem;max-width:8rem;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}.muted{color:#64748b}img{max-width:100%;border:1px solid #e2e8f0}
`;

function scoreBar(v: number | null, threshold?: number): string {
  const w = v === null ? 0 : Math.max(0, Math.min(1, v)) * 100;
  const mark = threshold === undefined ? '' : `<span class="mark" style="left:${(threshold * 100).toFixed(1)}%" title="Quality Threshold ${esc(formatScore(threshold))}"></span>`;
  return `<span class="track" role="img" aria-label="${esc(formatScore(v))} of 1"><span class="fill" style="width:${w.toFixed(1)}%"></span>${mark}</span>`;
}

function scoresSection(s: ReportSummary, t: ThresholdInfo): string {
  let h = '';
  for (const g of scoreGroups(s)) {
    h += `<h3>${esc(g.title)}${g.overall === null ? '' : ` score: ${esc(formatScore(g.overall))}`}</h3><table><thead><tr><th scope="col">Property</th><th scope="col">Score</th><th scope="col">Bar</th></tr></thead><tbody>`;
    if (g.id === 'quality') h += `<tr><th scope="row">Overall quality</th><td class="num">${esc(formatScore(g.overall))}</td><td>${scoreBar(g.overall, t.value)}</td></tr>`;
    for (const it of g.items) h += `<tr><th scope="row">${esc(it.name)}</th><td class="num">${esc(formatScore(it.value))}</td><td>${scoreBar(it.value, g.id === 'quality' ? t.value : undefined)}</td></tr>`;
    h += '</tbody></table>';
  }
  return h;
}

function seriesTable(c: SeriesChart): string {
  const max = Math.max(1e-12, ...c.series.flatMap((s) => s.values));
  const [a, b] = c.series;
  let h = `<figure><figcaption>${esc(c.title)}</figcaption><div class="legend muted"><span class="b real"></span>${esc(a.name)}<span class="b syn"></span>${esc(b.name)} · ${esc(c.note)}</div>`;
  h += `<table class="bars"><thead><tr><th scope="col">${esc(c.xTitle)}</th><th scope="col">${esc(c.yTitle)}</th><th scope="col">${esc(a.name)}</th><th scope="col">${esc(b.name)}</th></tr></thead><tbody>`;
  c.labels.forEach((label, i) => {
    const ra = a.values[i] ?? 0, rb = b.values[i] ?? 0;
    h += `<tr><th scope="row">${esc(label)}</th><td class="bar"><span class="b real" style="width:${((100 * ra) / max).toFixed(1)}%"></span><span class="b syn" style="width:${((100 * rb) / max).toFixed(1)}%"></span></td><td class="num">${esc((100 * ra).toFixed(1))}%</td><td class="num">${esc((100 * rb).toFixed(1))}%</td></tr>`;
  });
  return h + '</tbody></table></figure>';
}

function heatmapTable(m: MetricsReport['charts']['pair_matrices'][number], kind: HeatmapKind): string {
  const hm = heatmap(m, kind, columnWindow(m.columns.length, 0, HTML_HEATMAP_MAX));
  const more = hm.total > hm.columns.length ? ` <span class="muted">(first ${hm.columns.length} of ${hm.total} columns)</span>` : '';
  let h = `<table class="heat"><caption>${esc(hm.title)}${more}</caption><thead><tr><td></td>${hm.columns.map((c) => `<th scope="col" title="${esc(c)}">${esc(c)}</th>`).join('')}</tr></thead><tbody>`;
  hm.rows.forEach((row, i) => {
    h += `<tr><th scope="row">${esc(hm.columns[i])}</th>${row.map((cell) => `<td style="background:${cell.color};color:${cell.ink}">${esc(cell.text)}</td>`).join('')}</tr>`;
  });
  return h + '</tbody></table>';
}

function detailRows<T>(items: T[], cols: [string, (x: T) => string | number | null][]): string {
  if (!items.length) return '<p class="muted">None.</p>';
  let h = `<table><thead><tr>${cols.map(([n]) => `<th scope="col">${esc(n)}</th>`).join('')}</tr></thead><tbody>`;
  for (const it of items) h += `<tr>${cols.map(([, f]) => { const v = f(it); return typeof v === 'number' || v === null ? `<td class="num">${esc(formatScore(v as number | null))}</td>` : `<td>${esc(v)}</td>`; }).join('')}</tr>`;
  return h + '</tbody></table>';
}

export function reportHtml(input: ReportHtmlInput): string {
  const { report: r, summary: s, threshold: t } = input;
  const multi = r.tables.length > 1;
  const below = t.met === false;
  let body = `<h1>Synthetic data report — ${esc(input.projectName)}</h1><p class="muted">Generated ${esc(input.generatedAt)} · ${esc(r.kind === 'multi' ? 'multi-table' : 'single-table')} · seed ${esc(r.settings.seed)}</p>`;
  body += `<p class="verdict ${below ? 'below' : 'met'}">${below ? '<strong>Below the Quality Threshold.</strong> ' : ''}${esc(thresholdText(t))}</p>`;
  if (input.improvement) body += `<p class="verdict">${esc(improvementText(input.improvement.before, input.improvement.after))}</p>`;

  body += `<h2>Scores</h2>${scoresSection(s, t)}`;
  const reference = holdoutText(s.privacy.dcr_baseline_protection, r.privacy?.holdout_reference);
  if (reference) body += `<p class="muted">${esc(reference)}</p>`;
  if (input.rules?.length) {
    const pct = (x: number) => (x === 1 ? '100%' : `${(Math.floor(x * 1000) / 10).toFixed(1)}%`);
    body += `<h2>Business Rules</h2>${detailRows(input.rules, [['Rule', (x) => x.rule], ['Real rows obeying', (x) => pct(x.real)], ['Synthetic rows obeying', (x) => pct(x.synthetic)]])}`;
  }
  const copies = copiesText(input.copies);
  if (copies.length) body += `<h2>New rows only</h2>${copies.map((l) => `<p>${esc(l)}</p>`).join('')}`;
  body += `<h2>Tables</h2>${detailRows(r.tables, [['Table', (x) => x.name], ['Real rows', (x) => String(x.rows_real)], ['Synthetic rows', (x) => String(x.rows_synthetic)], ['Columns scored', (x) => String(x.columns_scored)]])}`;

  body += `<h2>Column Shapes</h2>${detailRows(r.quality.column_shapes, [['Table', (x) => x.table], ['Column', (x) => x.column], ['sdtype', (x) => x.sdtype], ['Metric', (x) => x.metric], ['Score', (x) => x.score]])}`;
  body += '<h3>Distributions, real vs synthetic</h3>';
  for (const c of r.charts.columns) body += seriesTable(columnChartData(c, multi));

  const pairs = [...r.quality.column_pair_trends].sort((a, b) => (a.score ?? 2) - (b.score ?? 2)).slice(0, HTML_PAIR_ROWS);
  body += `<h2>Column Pair Trends</h2>`;
  for (const m of r.charts.pair_matrices) if (m.columns.length > 1) body += (['real', 'synthetic', 'difference'] as HeatmapKind[]).map((k) => heatmapTable(m, k)).join('');
  body += `<h3>Pairs (lowest scores first${r.quality.column_pair_trends.length > HTML_PAIR_ROWS ? `, ${HTML_PAIR_ROWS} of ${r.quality.column_pair_trends.length}` : ''})</h3>`;
  body += detailRows(pairs, [['Table', (x) => x.table], ['Column 1', (x) => x.column_1], ['Column 2', (x) => x.column_2], ['Metric', (x) => x.metric], ['Real', (x) => x.real_correlation ?? x.real_association], ['Synthetic', (x) => x.synthetic_correlation ?? x.synthetic_association], ['Score', (x) => x.score], ['Meets threshold', (x) => (x.meets_threshold ? 'yes' : 'no')]]);

  if (r.quality.cardinality?.length) {
    body += `<h2>Cardinality</h2>${detailRows(r.quality.cardinality, [['Parent', (x) => x.parent_table], ['Child', (x) => x.child_table], ['Foreign key', (x) => x.foreign_key], ['Score', (x) => x.score]])}`;
    for (const c of r.quality.cardinality) body += seriesTable(childCountData(c));
  }
  if (r.quality.intertable_trends?.length) {
    body += `<h2>Intertable Trends</h2>${detailRows(r.quality.intertable_trends, [['Parent', (x) => x.parent_table], ['Child', (x) => x.child_table], ['Parent column', (x) => x.parent_column], ['Child column', (x) => x.child_column], ['Metric', (x) => x.metric], ['Score', (x) => x.score]])}`;
  }

  body += `<h2>Diagnostic</h2><h3>Data Validity</h3>${detailRows(r.diagnostic.data_validity, [['Table', (x) => x.table], ['Column', (x) => x.column], ['Metric', (x) => x.metric], ['Score', (x) => x.score]])}`;
  body += `<h3>Data Structure</h3>${detailRows(r.diagnostic.data_structure, [['Table', (x) => x.table], ['Metric', (x) => x.metric], ['Score', (x) => x.score]])}`;
  if (r.diagnostic.relationship_validity) body += `<h3>Relationship Validity</h3>${detailRows(r.diagnostic.relationship_validity, [['Parent', (x) => x.parent_table], ['Child', (x) => x.child_table], ['Foreign key', (x) => x.child_foreign_key], ['Metric', (x) => x.metric], ['Score', (x) => x.score]])}`;

  if (r.privacy) {
    body += `<h2>Privacy</h2>${detailRows(r.privacy.tables, [['Table', (x) => x.table], ['DCRBaselineProtection', (x) => x.dcr_baseline_protection.score], ['Median DCR synthetic', (x) => x.dcr_baseline_protection.median_dcr_synthetic_to_real], ['Median DCR baseline', (x) => x.dcr_baseline_protection.median_dcr_random_baseline_to_real], ['NewRowSynthesis', (x) => x.new_row_synthesis.score], ['New rows', (x) => String(x.new_row_synthesis.num_new_rows)], ['Matched rows', (x) => String(x.new_row_synthesis.num_matched_rows)]])}`;
    for (const p of r.privacy.tables) body += seriesTable(dcrData(p));
  }

  const images = (input.images ?? []).filter((im) => PNG_DATA_URL.test(im.dataUrl));
  if (images.length) {
    body += '<h2>Charts as shown in the app</h2>';
    for (const im of images) body += `<figure><figcaption>${esc(im.title)}</figcaption><img src="${im.dataUrl}" alt="${esc(im.title)}"></figure>`;
  }
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"><title>Synthetic data report — ${esc(input.projectName)}</title><style>${CSS}</style></head><body>${body}</body></html>\n`;
}
