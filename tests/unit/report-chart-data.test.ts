import { describe, expect, it } from 'vitest';
import { childCountData, columnChartData, columnChartLabel, dcrData, formatInstant, formatNumber } from '../../src/lib/report/chart-data';
import { columnWindow, divergingColor, heatmap, scoreColor } from '../../src/lib/report/heatmap';
import { formatAgainst, formatScore, improvementText, retryText, scoreGroups, thresholdText, verdictText } from '../../src/lib/report/scores';
import type { CardinalityDetail, ReportSummary } from '../../src/lib/engine/metrics/types';
import { generated } from './report-fixtures';

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

describe('column charts from a real report', () => {
  it('continuous: one label per bin, shares of rows that sum to 1, missing shares in the note', async () => {
    const { result, sample } = await generated('iris');
    const c = result.report!.charts.columns.find((x) => x.column === 'sepalLength')!;
    if (c.kind !== 'continuous') throw new Error('sepalLength should be continuous');
    const d = columnChartData(c);
    expect(d.type).toBe('bar');
    expect(d.labels).toHaveLength(c.edges.length - 1);
    expect(d.labels[0]).toBe(`${formatNumber(c.edges[0])} – ${formatNumber(c.edges[1])}`);
    for (const s of d.series) expect(sum(s.values)).toBeCloseTo(1, 12);
    // Shares are the counts over the column's non-missing rows: the real sample has 150.
    expect(d.series[0].values.map((v) => Math.round(v * sample.columns[0].length))).toEqual(c.real);
    expect(d.note).toBe('missing: real 0.0%, synthetic 0.0%');
    expect(columnChartLabel(result.report!, c, false)).toMatch(/^sepalLength: real vs synthetic histogram, KSComplement 0\.\d\d$/);
  });

  it('discrete: the report\'s categories and frequencies as they are', async () => {
    const { result } = await generated('iris');
    const c = result.report!.charts.columns.find((x) => x.column === 'species')!;
    if (c.kind !== 'discrete') throw new Error('species should be discrete');
    const d = columnChartData(c, true);
    expect(d.title).toBe('iris.species');
    expect(d.labels).toEqual(c.categories);
    expect(d.series.map((s) => s.values)).toEqual([c.real, c.synthetic]);
    expect(columnChartLabel(result.report!, c, true)).toMatch(/^iris\.species: real vs synthetic category frequencies, TVComplement /);
  });

  it('datetimes: a line over time with ISO dates from the bin starts', async () => {
    const { result } = await generated('seattle-weather');
    const c = result.report!.charts.columns.find((x) => x.column === 'date')!;
    const d = columnChartData(c);
    expect(d.type).toBe('line');
    expect(d.labels[0]).toBe('2012-01-01');
    expect(d.labels.every((l) => /^\d{4}-\d\d-\d\d$/.test(l))).toBe(true);
    expect(d.xTitle).toBe('date (time)');
    expect(formatInstant(Date.UTC(2020, 1, 3, 4, 5), 3600_000)).toBe('2020-02-03 04:05');
  });

  it('DCR histogram: synthetic and baseline shares over the same bins', async () => {
    const { result } = await generated('iris');
    const p = result.report!.privacy!.tables[0];
    const d = dcrData(p);
    expect(d.labels).toHaveLength(20);
    expect(d.labels[0]).toBe('0 – 0.05');
    for (const s of d.series) expect(sum(s.values)).toBeCloseTo(1, 12);
    expect(d.note).toContain(`median DCR synthetic ${formatNumber(p.dcr_baseline_protection.median_dcr_synthetic_to_real!)}`);
  });

  it('child counts: parents per number of children, as shares', () => {
    const detail: CardinalityDetail = { parent_table: 'users', child_table: 'orders', foreign_key: 'user_id', metric: 'CardinalityShapeSimilarity', score: 0.9,
      children_per_parent: [{ children: 0, real: 2, synthetic: 1 }, { children: 1, real: 6, synthetic: 3 }, { children: 2, real: 2, synthetic: 0 }] };
    const d = childCountData(detail);
    expect(d.labels).toEqual(['0', '1', '2']);
    expect(d.series[0].values).toEqual([0.2, 0.6, 0.2]);
    expect(d.series[1].values).toEqual([0.25, 0.75, 0]);
    expect(d.title).toBe('Children per users in orders (user_id)');
  });

  it('formats numbers without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(12345678)).toBe('1.23e+7');
    expect(formatNumber(-0.00001)).toBe('-1.00e-5');
    expect(formatNumber(0)).toBe('0');
  });
});

describe('heatmaps', () => {
  it('real, synthetic and difference (synthetic − real) from the pair matrix, diagonal 1', async () => {
    const { result } = await generated('iris');
    const m = result.report!.charts.pair_matrices[0];
    const real = heatmap(m, 'real'), syn = heatmap(m, 'synthetic'), diff = heatmap(m, 'difference');
    expect(real.columns).toEqual(m.columns);
    for (let i = 0; i < m.columns.length; i++) {
      expect(real.rows[i][i].text).toBe('1.00');
      for (let j = 0; j < m.columns.length; j++) {
        const r = m.real[i][j], s = m.synthetic[i][j];
        expect(diff.rows[i][j].value).toBe(r === null || s === null ? null : s - r);
        expect(syn.rows[i][j].value).toBe(s);
      }
    }
    const pair = result.report!.quality.column_pair_trends.find((p) => p.column_1 === 'petalLength' && p.column_2 === 'petalWidth')!;
    const i = m.columns.indexOf('petalLength'), j = m.columns.indexOf('petalWidth');
    expect(real.rows[i][j].value).toBe(pair.real_correlation);
    expect(heatmap(m, 'score').rows[i][j].value).toBe(pair.score);
  });

  it('shows a window of columns around the focus for wide tables', () => {
    expect(columnWindow(5, 3, 12)).toEqual([0, 5]);
    expect(columnWindow(100, 0, 12)).toEqual([0, 12]);
    expect(columnWindow(100, 50, 12)).toEqual([44, 56]);
    expect(columnWindow(100, 99, 12)).toEqual([88, 100]);
    const n = 30;
    const grid = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : (i + j) / 100)));
    const h = heatmap({ table: 't', columns: Array.from({ length: n }, (_, i) => `c${i}`), real: grid, synthetic: grid, score: grid }, 'real', [10, 15]);
    expect(h.columns).toEqual(['c10', 'c11', 'c12', 'c13', 'c14']);
    expect(h.rows).toHaveLength(5);
    expect(h.rows[0][1].value).toBe(0.21);
    expect(h.total).toBe(30);
  });

  it('colours: white at 0, red for +1, blue for −1, green for a perfect score; clamped', () => {
    expect(divergingColor(0)).toBe('rgb(255, 255, 255)');
    expect(divergingColor(1)).toBe('rgb(200, 40, 40)');
    expect(divergingColor(-1)).toBe('rgb(40, 90, 200)');
    expect(divergingColor(7)).toBe(divergingColor(1));
    expect(scoreColor(1)).toBe('rgb(30, 140, 70)');
  });
});

describe('scores and the Quality Threshold', () => {
  it('lists SDMetrics property names; multi-table ones only when present', async () => {
    const { result } = await generated('iris');
    const g = scoreGroups(result.summary!);
    expect(g.map((x) => x.items.map((i) => i.name))).toEqual([['Column Shapes', 'Column Pair Trends'], ['Data Validity', 'Data Structure'], ['DCRBaselineProtection', 'NewRowSynthesis']]);
    expect(g[0].overall).toBe(result.summary!.quality.score);
    const multi: ReportSummary = { ...result.summary!, quality: { ...result.summary!.quality, cardinality: 0.5, intertable_trends: null }, diagnostic: { ...result.summary!.diagnostic, relationship_validity: 1 } };
    expect(scoreGroups(multi)[0].items.map((i) => i.name)).toEqual(['Column Shapes', 'Column Pair Trends', 'Cardinality', 'Intertable Trends']);
    expect(scoreGroups(multi)[1].items.map((i) => i.name)).toContain('Relationship Validity');
  });

  it('a real retried run shows both scores and which was kept', async () => {
    const { result } = await generated('iris', { threshold: 0.99 });
    const [a, b] = result.threshold.scores as number[];
    const text = thresholdText(result.threshold);
    expect(text).toContain(`First run ${a.toFixed(2)} → retry ${b.toFixed(2)}`);
    expect(text).toContain(b > a ? 'retry kept' : 'first run kept');
    expect(text).toContain('is below the Quality Threshold 0.99');
    expect(retryText(result.threshold)).toBe(`first run ${a.toFixed(2)} → retry ${b.toFixed(2)}, ${b > a ? 'retry kept' : 'first run kept'}`);
    expect(verdictText(result.threshold)).toBe(`Quality ${Math.max(a, b).toFixed(2)} is below the Quality Threshold 0.99.`);
    expect(result.summary!.quality.score).toBe(Math.max(a, b));
  });

  it('never rounds a score across the threshold', () => {
    expect(formatAgainst(0.797, 0.8)).toBe('0.797');
    expect(formatAgainst(0.7999, 0.8)).toBe('0.7999');
    expect(formatAgainst(0.81, 0.8)).toBe('0.81');
    expect(thresholdText({ value: 0.8, met: false, retried: false, scores: [0.7996] })).toBe('Quality 0.7996 is below the Quality Threshold 0.80.');
    expect(thresholdText({ value: 0.8, met: true, retried: true, scores: [0.71, 0.83] })).toBe('First run 0.71 → retry 0.83 (fidelity-first), retry kept; the kept run meets the Quality Threshold 0.80.');
    expect(thresholdText({ value: 0.8, met: null, retried: false, scores: [null] })).toContain('no quality score');
    expect(retryText({ value: 0.8, met: false, retried: false, scores: [0.5] })).toBeNull();
    expect(retryText({ value: 0.8, met: false, retried: true, scores: [0.75, 0.7] })).toBe('first run 0.75 → retry 0.70, first run kept');
    expect(formatScore(null)).toBe('n/a');
    expect(improvementText(0.71, 0.78)).toBe('Previous run 0.710 → fidelity-first run 0.780 (+0.070)');
    expect(improvementText(0.71, 0.7)).toBe('Previous run 0.710 → fidelity-first run 0.700 (-0.010)');
  });
});
