/**
 * The metrics report: SDMetrics' QualityReport, DiagnosticReport and privacy metrics on a set of
 * (real, synthetic) tables described by SDV metadata, computed with the WASM metric kernels, plus
 * chart data. `summary(report)` gives the headline numbers (the CLI's output).
 */
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { AppError, type ColumnarTable, type SdvMetadata } from '../../schema/model';
import { columnChart, pairMatrix } from './charts';
import { dataValidity, diagnosticProperties, relationshipValidity, tableStructure } from './diagnostic';
import { ksStatistic } from './kernels';
import { prepareTable, type PreparedTable } from './prepare';
import { tablePrivacy } from './privacy';
import { columnPairTrends, columnShape, nanMean, num, pairProperty, pairSide, scorePair, type PairSide, type Thresholds } from './quality';
import { gather, joinedChild, keyName, relate, type Relation } from './relations';
import type { CardinalityDetail, IntertablePairDetail, MetricsReport, PairDetail, ReportSummary, TablePrivacy } from './types';

export interface ReportOptions {
  /** |r_real| must exceed this for a correlation pair to count (SDMetrics default 0.5; 0 = all pairs). */
  correlationThreshold?: number;
  /** Cramér's V of the real table must exceed this for a contingency pair to count (default 0.3; 0 = all). */
  associationThreshold?: number;
  /** Seed of the random DCR baseline. */
  seed?: number;
  /** Compute the privacy metrics (default true). */
  privacy?: boolean;
  /** DCR is exact up to this many × this many row pairs; above, synthetic rows are sampled (default 50 000). */
  maxPrivacyRows?: number;
  /** Histogram bins of the column charts and of the DCR distribution (default 20). */
  bins?: number;
}

export interface TablePair {
  real: ColumnarTable;
  synth: ColumnarTable;
}

function cardinality(core: Core, r: Relation): CardinalityDetail {
  const max = Math.max(0, ...r.real.counts, ...r.synth.counts);
  const dist = Array.from({ length: max + 1 }, (_, k) => ({ children: k, real: 0, synthetic: 0 }));
  for (const c of r.real.counts) dist[c].real++;
  for (const c of r.synth.counts) dist[c].synthetic++;
  return {
    parent_table: r.rel.parent_table_name, child_table: r.rel.child_table_name, foreign_key: keyName(r.rel.child_foreign_key),
    metric: 'CardinalityShapeSimilarity', score: num(1 - ksStatistic(core, r.real.counts, r.synth.counts)),
    children_per_parent: dist.filter((d) => d.real || d.synthetic)
  };
}

function intertable(core: Core, r: Relation, th: Thresholds): IntertablePairDetail[] {
  const out: IntertablePairDetail[] = [];
  const childSides: PairSide[] = r.child.columns.map((c) => pairSide(core, {
    ...c, real: joinedChild(c.real, r.real.parentOf), synth: joinedChild(c.synth, r.synth.parentOf)
  }));
  for (const p of r.parent.columns) {
    const ps = pairSide(core, { ...p, real: gather(p.real, r.real.parentOf), synth: gather(p.synth, r.synth.parentOf) });
    for (const cs of childSides) {
      out.push({
        parent_table: r.rel.parent_table_name, child_table: r.rel.child_table_name, foreign_key: keyName(r.rel.child_foreign_key),
        parent_column: p.name, child_column: cs.name, ...scorePair(core, ps, cs, th)
      });
    }
  }
  return out;
}

/** Scores synthetic tables against real ones. `data` must hold every table of `meta`. */
export async function evaluate(core: Core, data: Record<string, TablePair>, meta: SdvMetadata, opts: ReportOptions = {}, ctl?: RunControl): Promise<MetricsReport> {
  const th: Thresholds = { correlation: opts.correlationThreshold ?? 0.5, association: opts.associationThreshold ?? 0.3 };
  const seed = opts.seed ?? 0, bins = opts.bins ?? 20;
  const names = Object.keys(meta.tables);
  if (!names.length) throw new AppError('metrics/no-tables', 'The metadata describes no tables');
  const multi = names.length > 1 || meta.relationships.length > 0;
  const tables: PreparedTable[] = names.map((name) => {
    const d = data[name];
    if (!d) throw new AppError('metrics/missing-table', `No data for table "${name}"`, { file: `${name}.csv` });
    return prepareTable(name, d.real, d.synth, meta.tables[name]);
  });
  const byName = new Map(tables.map((t) => [t.name, t]));
  await checkpoint(ctl, 0.05, 'column shapes');

  const shapes = tables.flatMap((t) => t.columns.map((c) => columnShape(core, t.name, c)));
  const pairs: PairDetail[] = [];
  const matrices = [];
  for (const t of tables) {
    const tp = columnPairTrends(core, t.name, t.columns.map((c) => pairSide(core, c)), th);
    pairs.push(...tp);
    matrices.push(pairMatrix(t, tp));
    await checkpoint(ctl, 0.1, `column pair trends (${t.name})`);
  }
  const relations = meta.relationships.map((rel) => relate(rel, byName.get(rel.parent_table_name)!, byName.get(rel.child_table_name)!));
  const quality: MetricsReport['quality'] = {
    score: null,
    properties: { column_shapes: nanMean(shapes.map((s) => s.score)), column_pair_trends: pairProperty(pairs) },
    column_shapes: shapes,
    column_pair_trends: pairs
  };
  if (multi) {
    quality.cardinality = relations.map((r) => cardinality(core, r));
    quality.intertable_trends = relations.flatMap((r) => intertable(core, r, th));
    quality.properties.cardinality = nanMean(quality.cardinality.map((c) => c.score));
    quality.properties.intertable_trends = pairProperty(quality.intertable_trends);
  }
  quality.score = nanMean(Object.values(quality.properties));
  await checkpoint(ctl, 0.2, 'diagnostic');

  const validity = tables.flatMap(dataValidity);
  const structure = tables.map(tableStructure);
  const relValidity = multi ? relations.flatMap(relationshipValidity) : undefined;
  const diag = diagnosticProperties(validity, structure, relValidity);
  const diagnostic: MetricsReport['diagnostic'] = { ...diag, data_validity: validity, data_structure: structure };
  if (relValidity) diagnostic.relationship_validity = relValidity;

  let privacy: MetricsReport['privacy'] = null;
  if (opts.privacy !== false) {
    const per: TablePrivacy[] = [];
    for (let i = 0; i < tables.length; i++) {
      const sub: RunControl | undefined = ctl && {
        signal: ctl.signal,
        onProgress: (p) => ctl.onProgress?.({ fraction: 0.25 + 0.7 * ((i + p.fraction) / tables.length), step: p.step })
      };
      const tp = await tablePrivacy(core, tables[i], { seed, maxRows: opts.maxPrivacyRows ?? 50_000, bins }, sub);
      if (tp) per.push(tp);
    }
    privacy = {
      dcr_baseline_protection: nanMean(per.map((p) => p.dcr_baseline_protection.score)),
      new_row_synthesis: nanMean(per.map((p) => p.new_row_synthesis.score)),
      holdout_reference: nanMean(per.map((p) => p.holdout_reference?.score ?? null)),
      tables: per
    };
  }
  const charts = { columns: tables.flatMap((t) => t.columns.map((c) => columnChart(core, t.name, c, bins))), pair_matrices: matrices };
  await checkpoint(ctl, 1, 'done');
  return {
    kind: multi ? 'multi' : 'single',
    settings: { real_correlation_threshold: th.correlation, real_association_threshold: th.association, seed },
    tables: tables.map((t) => ({ name: t.name, rows_real: t.nReal, rows_synthetic: t.nSynth, columns_scored: t.columns.length })),
    quality, diagnostic, privacy, charts
  };
}

/** The headline numbers (what the CLI prints). */
export function summary(r: MetricsReport): ReportSummary {
  const q = r.quality.properties;
  const quality: ReportSummary['quality'] = { score: r.quality.score, column_shapes: q.column_shapes, column_pair_trends: q.column_pair_trends };
  if (r.kind === 'multi') { quality.cardinality = q.cardinality ?? null; quality.intertable_trends = q.intertable_trends ?? null; }
  const d = r.diagnostic.properties;
  const diagnostic: ReportSummary['diagnostic'] = { score: r.diagnostic.score, data_validity: d.data_validity, data_structure: d.data_structure };
  if (r.kind === 'multi') diagnostic.relationship_validity = d.relationship_validity ?? null;
  return {
    quality, diagnostic,
    privacy: { dcr_baseline_protection: r.privacy?.dcr_baseline_protection ?? null, new_row_synthesis: r.privacy?.new_row_synthesis ?? null }
  };
}

/** Convenience for one table: `meta` is the table's SDV metadata. */
export function evaluateTable(core: Core, name: string, real: ColumnarTable, synth: ColumnarTable, table: SdvMetadata['tables'][string], opts?: ReportOptions, ctl?: RunControl) {
  return evaluate(core, { [name]: { real, synth } }, { METADATA_SPEC_VERSION: 'V1', tables: { [name]: table }, relationships: [] }, opts, ctl);
}
