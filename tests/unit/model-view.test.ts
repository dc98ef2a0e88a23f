import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { generateData } from '../../src/lib/engine/generate';
import { parseCsvText } from '../../src/lib/schema/csv';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { correlationHeatmap, modelView, paramsText } from '../../src/lib/components/model/model-view';
import { compareRows } from '../../src/lib/components/compare/compare-rows';
import type { CompareEntry } from '../../src/lib/state/compare.svelte';

const iris = parseCsvText(readFileSync('tests/fixtures/single/iris.csv', 'utf8'));
const schema = { tables: [{ ...inferTable('iris', iris).table, name: 'iris' }], relationships: [] };
const settings = { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 3 };

describe('Model panel view', () => {
  it('copula: a distribution with parameters per column, candidates by KS, the correlation as a heatmap', async () => {
    const run = await generateData(await loadCoreNode(), { schema, samples: { iris }, settings });
    const [t] = modelView(run.model);
    expect(t).toMatchObject({ name: 'iris', rows: 150, synthesizer: 'copula' });
    expect(t.copula.map((c) => c.name)).toEqual(iris.names);
    const model = run.model.multi!.tables.iris.copula!;
    for (const c of t.copula) {
      const m = model.columns.find((x) => x.name === c.name)!;
      expect(c.kind).toBe(m.marginal.kind);
      for (const p of Object.keys(m.marginal.params)) expect(c.params).toContain(p);
    }
    const sepal = t.copula[0];
    expect(sepal.candidates.filter((k) => k.chosen).map((k) => k.kind)).toEqual([sepal.kind]);
    expect(sepal.candidates.map((k) => k.ks)).toEqual([...sepal.candidates.map((k) => k.ks)].sort((a, b) => a - b));
    expect(t.copula.find((c) => c.name === 'species')).toMatchObject({ role: 'category', kind: 'uniform' });
    const h = t.correlation!;
    expect(h.columns).toEqual(iris.names);
    expect(h.rows.map((r, i) => r[i].text)).toEqual(['1.00', '1.00', '1.00', '1.00', '1.00']);
    expect(h.rows[0][2].value).toBe(model.correlation[2]);
    expect(h.rows[0][2].color).toMatch(/^rgb\(/);
  });

  it('CART: visit order with each tree\'s size', async () => {
    const run = await generateData(await loadCoreNode(), { schema, samples: { iris }, settings, synthesizer: 'cart' });
    const [t] = modelView(run.model);
    const cm = run.model.cart!.iris;
    expect(t.cart.map((c) => c.name)).toEqual(cm.columns.map((c) => c.name));
    expect(t.cart.map((c) => c.order)).toEqual(cm.columns.map((_, i) => i + 1));
    const withTree = t.cart.filter((c) => c.leaves > 0);
    expect(withTree.length).toBeGreaterThan(0);
    for (const c of withTree) expect(c.tree).toBe(`${c.leaves} leaves, ${c.nodes} nodes`);
    expect(t.correlation).toBeNull();
  });

  it('formats parameters and windows wide correlation matrices', () => {
    expect(paramsText({ kind: 'beta', params: { a: 2, b: 3.14159265, loc: 0.00001234, scale: 123456.7 } })).toBe('a 2, b 3.142, loc 1.234e-5, scale 1.235e+5');
    expect(paramsText({ kind: 'gaussian_kde', params: { bandwidth: 0.5, n: 10 }, points: [1, 2, 3] })).toBe('bandwidth 0.5, n 10, 3 support points');
    const k = 20, cols = Array.from({ length: k }, (_, i) => `c${i}`);
    const r = Array.from({ length: k * k }, (_, i) => (i % (k + 1) === 0 ? 1 : 0.1));
    const h = correlationHeatmap('wide', cols, r, 16);
    expect(h.columns).toHaveLength(16);
    expect(h.title).toContain('first 16 of 20 columns');
  });
});

describe('Compare synthesizers rows', () => {
  const entry = (synthesizer: 'copula' | 'cart', q: number, dcr: number | null, fit: number): CompareEntry => ({
    id: synthesizer, synthesizer, privacy: synthesizer === 'cart' ? 0.2 : 0.5,
    result: { summary: { quality: { score: q, column_shapes: q, column_pair_trends: q }, diagnostic: { score: 1, data_validity: 1, data_structure: 1 }, privacy: { dcr_baseline_protection: dcr, new_row_synthesis: 1 } }, seconds: { fit, sample: 0.1, report: 0 } } as never
  });
  it('marks the better value per row (higher score, lower time); ties and n/a unmarked', () => {
    const rows = compareRows([entry('copula', 0.81, 0.6, 0.05), entry('cart', 0.9, null, 0.4)]);
    const row = (l: string) => rows.find((r) => r.label === l)!.cells;
    expect(row('Quality score')).toEqual([{ text: '0.810', best: false }, { text: '0.900', best: true }]);
    expect(row('DCRBaselineProtection')).toEqual([{ text: '0.600', best: false }, { text: 'n/a', best: false }]);
    expect(row('NewRowSynthesis').map((c) => c.best)).toEqual([false, false]);
    expect(row('Fit seconds')).toEqual([{ text: '0.05', best: true }, { text: '0.40', best: false }]);
    expect(row('Fidelity ↔ privacy').map((c) => c.text)).toEqual(['0.50', '0.20']);
  });
});
