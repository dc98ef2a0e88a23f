/**
 * Our metrics against the numbers SDMetrics 0.29 gives on the same files (tests/fixtures/sdmetrics,
 * see its README). Deterministic scores must agree per property, per column and per pair.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { parseCsvText } from '../../src/lib/schema/csv';
import { evaluate, normalizeMetadata, summary, type MetricsReport } from '../../src/lib/engine/metrics/index';

const F = new URL('../fixtures/sdmetrics/', import.meta.url).pathname;
const read = (p: string) => readFileSync(F + p, 'utf8');
/** Per column / pair: most agree to ~1e-7 (fixtures are rounded to 6 decimals). */
const TIGHT = 2e-6;
/** Per property (the brief's bound). */
const PROP = 0.005;

function close(ours: number | null | undefined, ref: number | null, tol: number, what: string) {
  if (ref === null) expect(ours ?? null, what).toBeNull();
  else {
    expect(ours, what).not.toBeNull();
    expect(Math.abs((ours as number) - ref), `${what}: ours ${ours}, SDMetrics ${ref}`).toBeLessThanOrEqual(tol);
  }
}

interface RefPair { column_1: string; column_2: string; metric: string; score: number | null; real_correlation: number | null; real_association: number | null; meets_threshold: boolean }

function comparePairs(ours: MetricsReport['quality']['column_pair_trends'], ref: RefPair[], where: string, checkAssociation: boolean) {
  expect(ours.length, `${where} pair count`).toBe(ref.length);
  ref.forEach((p, i) => {
    const o = ours[i];
    const w = `${where} ${p.column_1}×${p.column_2}`;
    expect([o.column_1, o.column_2, o.metric]).toEqual([p.column_1, p.column_2, p.metric]);
    expect(o.meets_threshold, w).toBe(p.meets_threshold);
    close(o.score, p.score, TIGHT, `${w} score`);
    if (p.real_correlation !== null) close(o.real_correlation, p.real_correlation, TIGHT, `${w} r`);
    if (checkAssociation && p.real_association !== null) close(o.real_association, p.real_association, TIGHT, `${w} V`);
  });
}

const SINGLE = ['cars', 'iris', 'seattle-weather', 'stocks', 'us-employment'];

describe.each(SINGLE)('single table %s', (ds) => {
  const meta = normalizeMetadata(JSON.parse(read(`${ds}/metadata.json`)));
  const scores = JSON.parse(read(`${ds}/scores.json`));
  const real = parseCsvText(read(`${ds}/real.csv`));

  it.each(['synthetic_sdv', 'synthetic_shuffled'])('%s agrees with SDMetrics', async (syn) => {
    const core = await loadCoreNode();
    const data = { [ds]: { real, synth: parseCsvText(read(`${ds}/${syn}.csv`)) } };
    const ref = scores.synthetic[syn];
    const r = await evaluate(core, data, meta);
    const all = await evaluate(core, data, meta, { correlationThreshold: 0, associationThreshold: 0, privacy: false });
    const s = summary(r);

    // Quality: properties, overall, every column and pair, default and all-pairs thresholds.
    close(s.quality.column_shapes, ref.quality_report.properties['Column Shapes'], PROP, 'Column Shapes');
    close(s.quality.column_pair_trends, ref.quality_report.properties['Column Pair Trends'], PROP, 'Column Pair Trends');
    close(s.quality.score, ref.quality_report.overall_score, PROP, 'quality');
    close(summary(all).quality.column_pair_trends, ref.quality_report_all_pairs.properties['Column Pair Trends'], PROP, 'all pairs');
    close(summary(all).quality.score, ref.quality_report_all_pairs.overall_score, PROP, 'quality all pairs');
    expect(r.quality.column_shapes.map((c) => [c.column, c.metric])).toEqual(ref.column_shapes.map((c: { column: string; metric: string }) => [c.column, c.metric]));
    ref.column_shapes.forEach((c: { column: string; score: number }, i: number) => close(r.quality.column_shapes[i].score, c.score, TIGHT, `shape ${c.column}`));
    comparePairs(r.quality.column_pair_trends, ref.column_pair_trends.details, 'default', true);
    comparePairs(all.quality.column_pair_trends, ref.column_pair_trends_all_pairs.details, 'all pairs', false);
    expect(r.quality.column_pair_trends.filter((p) => p.meets_threshold).length).toBe(ref.column_pair_trends.pairs_meeting_threshold);

    // Diagnostic.
    close(s.diagnostic.score, ref.diagnostic_report.overall_score, PROP, 'diagnostic');
    close(s.diagnostic.data_validity, ref.diagnostic_report.properties['Data Validity'], PROP, 'Data Validity');
    close(s.diagnostic.data_structure, ref.diagnostic_report.properties['Data Structure'], PROP, 'Data Structure');
    expect(r.diagnostic.data_validity.map((d) => [d.column, d.metric])).toEqual(ref.diagnostic_report.data_validity.map((d: { column: string; metric: string }) => [d.column, d.metric]));
    ref.diagnostic_report.data_validity.forEach((d: { column: string; score: number }, i: number) => close(r.diagnostic.data_validity[i].score, d.score, TIGHT, `validity ${d.column}`));

    // Privacy: NewRowSynthesis exact, median DCR syn→real exact to the fixture's rounding, baseline ±0.03.
    const p = r.privacy!.tables[0];
    expect(p.new_row_synthesis.num_matched_rows).toBe(ref.new_row_synthesis.num_matched_rows);
    expect(p.new_row_synthesis.num_new_rows).toBe(ref.new_row_synthesis.num_new_rows);
    close(p.new_row_synthesis.score, ref.new_row_synthesis.score, 1e-6, 'NewRowSynthesis');
    close(p.dcr_baseline_protection.median_dcr_synthetic_to_real, ref.dcr_baseline_protection.median_dcr_synthetic_to_real, 1e-6, 'median DCR syn→real');
    close(p.dcr_baseline_protection.score, ref.dcr_baseline_protection.score, 0.03, 'DCRBaselineProtection');
    close(p.dcr_baseline_protection.median_dcr_random_baseline_to_real, ref.dcr_baseline_protection.median_dcr_random_baseline_to_real, 0.03 * ref.dcr_baseline_protection.median_dcr_random_baseline_to_real + 0.003, 'median DCR baseline→real');
    // the DCR distribution covers every synthetic row
    expect(p.dcr_distribution.synthetic.counts.reduce((a, b) => a + b, 0)).toBe(ref.rows_synthetic);
    expect(JSON.parse(JSON.stringify(r))).toEqual(r); // plain JSON object
  });
});

describe('multi-table world (HMA synthetic)', () => {
  it('agrees with SDMetrics: pooled shapes/pairs, cardinality, intertable trends, diagnostic', async () => {
    const meta = normalizeMetadata(JSON.parse(read('world/metadata.json')));
    const ref = JSON.parse(read('world/scores.json'));
    const data = Object.fromEntries(Object.keys(meta.tables).map((t) => [t, {
      real: parseCsvText(read(`world/real/${t}.csv`)), synth: parseCsvText(read(`world/synthetic_hma/${t}.csv`))
    }]));
    const core = await loadCoreNode();
    const r = await evaluate(core, data, meta, { privacy: false });
    const all = await evaluate(core, data, meta, { correlationThreshold: 0, associationThreshold: 0, privacy: false });
    const s = summary(r);
    const P = ref.quality_report.properties;
    close(s.quality.column_shapes, P['Column Shapes'], PROP, 'Column Shapes');
    close(s.quality.column_pair_trends, P['Column Pair Trends'], PROP, 'Column Pair Trends');
    close(s.quality.cardinality, P.Cardinality, PROP, 'Cardinality');
    close(s.quality.intertable_trends, P['Intertable Trends'], PROP, 'Intertable Trends');
    close(s.quality.score, ref.quality_report.overall_score, PROP, 'quality');
    const PA = ref.quality_report_all_pairs.properties;
    close(summary(all).quality.column_pair_trends, PA['Column Pair Trends'], PROP, 'pairs, all');
    close(summary(all).quality.intertable_trends, PA['Intertable Trends'], PROP, 'intertable, all');

    ref.cardinality.forEach((c: { parent_table: string; child_table: string; foreign_key: string; score: number }, i: number) => {
      const o = r.quality.cardinality![i];
      expect([o.parent_table, o.child_table, o.foreign_key]).toEqual([c.parent_table, c.child_table, c.foreign_key]);
      close(o.score, c.score, TIGHT, `cardinality ${c.child_table}.${c.foreign_key}`);
    });
    const it = r.quality.intertable_trends!;
    expect(it.length).toBe(ref.intertable_trends.details.length);
    ref.intertable_trends.details.forEach((p: RefPair & { parent_column: string; child_column: string; child_table: string }, i: number) => {
      const o = it[i];
      const w = `${p.child_table} ${p.parent_column}×${p.child_column}`;
      expect([o.parent_column, o.child_column]).toEqual([p.parent_column, p.child_column]);
      expect(o.meets_threshold, w).toBe(p.meets_threshold);
      close(o.score, p.score, TIGHT, w);
      if (p.real_association !== null) close(o.real_association, p.real_association, TIGHT, `${w} V`);
      if (p.real_correlation !== null) close(o.real_correlation, p.real_correlation, TIGHT, `${w} r`);
    });
    for (const [table, t] of Object.entries<{ column_shapes: { column: string; score: number }[]; column_pair_trends: RefPair[]; data_validity: { column: string; metric: string; score: number }[] }>(ref.tables)) {
      const shapes = r.quality.column_shapes.filter((c) => c.table === table);
      t.column_shapes.forEach((c, i) => { expect(shapes[i].column).toBe(c.column); close(shapes[i].score, c.score, TIGHT, `${table}.${c.column}`); });
      comparePairs(r.quality.column_pair_trends.filter((p) => p.table === table), t.column_pair_trends, table, true);
      const dv = r.diagnostic.data_validity.filter((d) => d.table === table);
      expect(dv.map((d) => [d.column, d.metric])).toEqual(t.data_validity.map((d) => [d.column, d.metric]));
      t.data_validity.forEach((d, i) => close(dv[i].score, d.score, TIGHT, `${table}.${d.column} ${d.metric}`));
    }
    const D = ref.diagnostic_report.properties;
    close(s.diagnostic.score, ref.diagnostic_report.overall_score, PROP, 'diagnostic');
    close(s.diagnostic.data_validity, D['Data Validity'], PROP, 'Data Validity');
    close(s.diagnostic.data_structure, D['Data Structure'], PROP, 'Data Structure');
    close(s.diagnostic.relationship_validity, D['Relationship Validity'], PROP, 'Relationship Validity');
    ref.diagnostic_report.relationship_validity.forEach((d: { metric: string; score: number; child_table: string }, i: number) => {
      expect(r.diagnostic.relationship_validity![i].metric).toBe(d.metric);
      close(r.diagnostic.relationship_validity![i].score, d.score, TIGHT, `${d.child_table} ${d.metric}`);
    });
    // chart data: children-per-parent distribution covers every parent
    const card = r.quality.cardinality![0];
    expect(card.children_per_parent.reduce((a, d) => a + d.real, 0)).toBe(7);
  });
});
