import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/lib/report/html-report';
import { reportJson, REPORT_JSON_FORMAT } from '../../src/lib/report/report-json';
import { EVIL, generated } from './report-fixtures';

const TINY_PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('HTML report', () => {
  it('escapes every user string: column names, category values, project name, image titles', async () => {
    const { result } = await generated('iris', { rename: { species: EVIL, sepalLength: 'a"b\'c&d' }, mapCells: { column: 'species', f: (v) => (v === 'setosa' ? '<script>alert(2)</script>' : v) } });
    const html = reportHtml({
      projectName: '</title><script>alert(3)</script>', generatedAt: '2024-01-01T00:00:00Z',
      report: result.report!, summary: result.summary!, threshold: result.threshold,
      images: [{ title: EVIL, dataUrl: TINY_PNG }, { title: 'bad', dataUrl: 'javascript:alert(4)' }, { title: 'svg', dataUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }]
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).not.toContain('image/svg');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(html).toContain('&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;');
    expect(html).toContain('a&quot;b&#39;c&amp;d');
    // The one valid PNG snapshot is kept, with an escaped alt text.
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain(`<img src="${TINY_PNG}" alt="&lt;img src=x onerror=alert(1)&gt;">`);
    // Every tag in the file is one the report writes itself.
    const tags = new Set([...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase()));
    expect([...tags].sort()).toEqual(['body', 'caption', 'div', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'head', 'html', 'img', 'meta', 'p', 'span', 'strong', 'style', 'table', 'tbody', 'td', 'th', 'thead', 'title', 'tr'].filter((t) => tags.has(t)));
  });

  it('is self-contained and shows the scores, the threshold verdict and every column', async () => {
    const { result } = await generated('seattle-weather');
    const r = result.report!, s = result.summary!;
    const html = reportHtml({ projectName: 'Weather', generatedAt: 'now', report: r, summary: s, threshold: result.threshold });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<link|@import|url\(/i);
    for (const name of ['Column Shapes', 'Column Pair Trends', 'Data Validity', 'Data Structure', 'DCRBaselineProtection', 'NewRowSynthesis'])
      expect(html).toContain(`<th scope="row">${name}</th>`);
    expect(html).toContain(`<td class="num">${s.quality.column_shapes!.toFixed(2)}</td>`);
    expect(html).toContain(`<td class="num">${s.privacy.new_row_synthesis!.toFixed(2)}</td>`);
    for (const c of r.charts.columns) expect(html).toContain(`<figcaption>${c.column}</figcaption>`);
    // Datetime bins are labelled as dates; heatmaps real / synthetic / difference.
    expect(html).toMatch(/<th scope="row">2012-0\d-\d\d<\/th>/);
    expect(html.match(/<table class="heat">/g)).toHaveLength(3);
    // The threshold marker sits at the threshold.
    expect(html).toContain(`left:${(result.threshold.value * 100).toFixed(1)}%`);
    expect(html).toContain(result.threshold.met ? 'meets the Quality Threshold' : 'Below the Quality Threshold');
  });

  it('has a Business Rules section with escaped rule text and shares', async () => {
    const { result } = await generated('iris', { threshold: 0.5 });
    const html = reportHtml({ projectName: 'p', generatedAt: 'now', report: result.report!, summary: result.summary!, threshold: result.threshold, rules: [{ rule: `${EVIL} >= 0`, real: 1, synthetic: 0.9995 }] });
    expect(html).toContain('<h2>Business Rules</h2>');
    expect(html).not.toContain(EVIL);
    expect(html).toContain('100%');
    expect(html).toContain('99.9%');
  });

  it('says what New rows only replaced, with the table name escaped', async () => {
    const { result } = await generated('iris', { threshold: 0.5 });
    const html = reportHtml({ projectName: 'p', generatedAt: 'now', report: result.report!, summary: result.summary!, threshold: result.threshold, copies: [{ table: EVIL, applied: true, matched: 3, replaced: 3, drawn: 1200 }] });
    expect(html).toContain('<h2>New rows only</h2>');
    expect(html).toMatch(/new real rows would score about 0\.\d\d on DCRBaselineProtection/);
    expect(html).toContain('3 drawn rows reproduced a real row');
    expect(html).not.toContain(EVIL);
    const json = JSON.parse(reportJson({ projectName: 'p', generatedAt: 't', report: result.report!, summary: result.summary!, threshold: result.threshold, copies: result.copies }));
    expect(json.new_rows_only).toEqual(result.copies);
  });

  it('marks a run below the threshold and shows both scores of the retry', async () => {
    const { result } = await generated('iris', { threshold: 0.99 });
    expect(result.threshold.retried).toBe(true);
    const html = reportHtml({ projectName: 'p', generatedAt: 'now', report: result.report!, summary: result.summary!, threshold: result.threshold, improvement: { before: 0.7, after: 0.75 } });
    expect(html).toContain('<strong>Below the Quality Threshold.</strong>');
    const [a, b] = result.threshold.scores as number[];
    expect(html).toContain(`First run ${a.toFixed(2)} → retry ${b.toFixed(2)} (fidelity-first)`);
    expect(html).toContain('Previous run 0.700 → fidelity-first run 0.750 (+0.050)');
  });
});

describe('JSON report', () => {
  it('holds the full report, summary and threshold, and parses back', async () => {
    const { result } = await generated('iris');
    const text = reportJson({ projectName: EVIL, generatedAt: 't', report: result.report!, summary: result.summary!, threshold: result.threshold, seconds: result.seconds });
    const back = JSON.parse(text);
    expect(back.format).toBe(REPORT_JSON_FORMAT);
    expect(back.project).toBe(EVIL);
    expect(back.report).toEqual(JSON.parse(JSON.stringify(result.report)));
    expect(back.summary.quality.score).toBe(result.summary!.quality.score);
    expect(back.threshold).toEqual(result.threshold);
  });
});

describe('multi-table HTML report (world, HMA output)', () => {
  it('has Cardinality with child-count tables, Intertable Trends, Relationship Validity, table-qualified column charts', async () => {
    const { worldReport } = await import('./report-fixtures');
    const { report, summary } = await worldReport();
    const threshold = { value: 0.8, met: (summary.quality.score ?? 0) >= 0.8, retried: false, scores: [summary.quality.score] };
    const html = reportHtml({ projectName: 'World', generatedAt: 'now', report, summary, threshold });
    for (const name of ['Cardinality', 'Intertable Trends', 'Relationship Validity']) expect(html).toContain(`<th scope="row">${name}</th>`);
    expect(html).toContain(`<td class="num">${summary.quality.cardinality!.toFixed(2)}</td>`);
    const card = report.quality.cardinality!;
    expect(card.length).toBeGreaterThan(0);
    for (const c of card) expect(html).toContain(`<figcaption>Children per ${c.parent_table} in ${c.child_table} (${c.foreign_key})</figcaption>`);
    const col = report.charts.columns[0];
    expect(html).toContain(`<figcaption>${col.table}.${col.column}</figcaption>`);
    expect(html).toContain('multi-table');
    // One set of heatmaps per table with at least two scored columns.
    const withPairs = report.charts.pair_matrices.filter((m) => m.columns.length > 1).length;
    expect(html.match(/<table class="heat">/g)).toHaveLength(3 * withPairs);
  });
});
