/**
 * Report scores as the UI and the HTML report list them: SDMetrics' property names per report
 * (QualityReport, DiagnosticReport, and the two privacy metrics), and the Quality Threshold verdict
 * including the engine's retry ("first run 0.71 → retry 0.78, kept").
 */
import type { ReportSummary } from '$lib/engine/metrics/types';
import type { CopyCheck } from '$lib/engine/copy-filter';

export interface ScoreItem { key: string; name: string; value: number | null }
export interface ScoreGroup { id: 'quality' | 'diagnostic' | 'privacy'; title: string; overall: number | null; items: ScoreItem[] }

/** Threshold block of a generation result (GenerationResult['threshold']). */
export interface ThresholdInfo { value: number; met: boolean | null; retried: boolean; scores: (number | null)[] }

/** Scores rounded to two decimals; "n/a" where SDMetrics gives NaN (null here). */
export function formatScore(v: number | null | undefined, digits = 2): string {
  return v === null || v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
}

/**
 * A score next to the threshold, with enough decimals that the text never contradicts the verdict
 * (0.797 against 0.80 shows "0.797", not "0.80").
 */
export function formatAgainst(v: number | null, threshold: number): string {
  if (v === null) return 'n/a';
  for (let d = 2; d <= 6; d++) {
    const rounded = Number(v.toFixed(d));
    if ((rounded >= threshold) === (v >= threshold)) return v.toFixed(d);
  }
  return String(v);
}

export function scoreGroups(s: ReportSummary): ScoreGroup[] {
  const q: ScoreItem[] = [
    { key: 'column_shapes', name: 'Column Shapes', value: s.quality.column_shapes },
    { key: 'column_pair_trends', name: 'Column Pair Trends', value: s.quality.column_pair_trends }
  ];
  if (s.quality.cardinality !== undefined) q.push({ key: 'cardinality', name: 'Cardinality', value: s.quality.cardinality });
  if (s.quality.intertable_trends !== undefined) q.push({ key: 'intertable_trends', name: 'Intertable Trends', value: s.quality.intertable_trends });
  const d: ScoreItem[] = [
    { key: 'data_validity', name: 'Data Validity', value: s.diagnostic.data_validity },
    { key: 'data_structure', name: 'Data Structure', value: s.diagnostic.data_structure }
  ];
  if (s.diagnostic.relationship_validity !== undefined) d.push({ key: 'relationship_validity', name: 'Relationship Validity', value: s.diagnostic.relationship_validity });
  const p: ScoreItem[] = [
    { key: 'dcr_baseline_protection', name: 'DCRBaselineProtection', value: s.privacy.dcr_baseline_protection },
    { key: 'new_row_synthesis', name: 'NewRowSynthesis', value: s.privacy.new_row_synthesis }
  ];
  return [
    { id: 'quality', title: 'Quality', overall: s.quality.score, items: q },
    { id: 'diagnostic', title: 'Diagnostic', overall: s.diagnostic.score, items: d },
    { id: 'privacy', title: 'Privacy', overall: null, items: p }
  ];
}

/** One sentence on the Quality Threshold: met or not, and both scores when the engine retried. */
export function thresholdText(t: ThresholdInfo): string {
  const th = formatScore(t.value);
  const [first, second] = t.scores;
  if (t.met === null) return `Quality Threshold ${th}: no quality score could be computed.`;
  const verdict = t.met ? `meets the Quality Threshold ${th}` : `is below the Quality Threshold ${th}`;
  if (t.retried && t.scores.length > 1) {
    const keptRetry = (second ?? -1) > (first ?? -1);
    const a = formatAgainst(first, t.value), b = formatAgainst(second ?? null, t.value);
    return `First run ${a} → retry ${b} (fidelity-first), ${keptRetry ? 'retry kept' : 'first run kept'}; the kept run ${verdict}.`;
  }
  return `Quality ${formatAgainst(first, t.value)} ${verdict}.`;
}

/** The kept run against the threshold, e.g. "Quality 0.83 meets the Quality Threshold 0.80." */
export function verdictText(t: ThresholdInfo): string {
  const known = t.scores.filter((x): x is number => x !== null);
  if (t.met === null || !known.length) return `Quality Threshold ${formatScore(t.value)}: no quality score could be computed.`;
  const kept = Math.max(...known);
  return `Quality ${formatAgainst(kept, t.value)} ${t.met ? 'meets' : 'is below'} the Quality Threshold ${formatScore(t.value)}.`;
}

/** "first run 0.71 → retry 0.78, retry kept", or null when the engine did not retry. */
export function retryText(t: ThresholdInfo): string | null {
  if (!t.retried || t.scores.length < 2) return null;
  const [a, b] = t.scores;
  return `first run ${formatAgainst(a, t.value)} → retry ${formatAgainst(b, t.value)}, ${(b ?? -1) > (a ?? -1) ? 'retry kept' : 'first run kept'}`;
}

/** Text for the comparison after "Improve quality" (a fidelity-first re-run). */
export function improvementText(before: number | null, after: number | null): string {
  const delta = before !== null && after !== null ? after - before : null;
  const change = delta === null ? '' : delta > 0 ? ` (+${delta.toFixed(3)})` : delta < 0 ? ` (${delta.toFixed(3)})` : ' (unchanged)';
  return `Previous run ${formatScore(before, 3)} → fidelity-first run ${formatScore(after, 3)}${change}`;
}

/** One line per table on what "New rows only" did (copy-filter.ts); empty when nothing was checked. */
export function copiesText(copies: readonly CopyCheck[] | undefined): string[] {
  return (copies ?? []).map((c) => {
    if (!c.applied) return `${c.table}: rows reproducing a real row were kept — ${c.reason ?? 'the filter did not apply'}.`;
    if (!c.matched) return `${c.table}: no synthetic row reproduced a real row.`;
    const kept = c.matched - c.replaced;
    return `${c.table}: ${c.matched.toLocaleString('en')} drawn row${c.matched === 1 ? '' : 's'} reproduced a real row (numbers within 1 %, same categories) and ${c.replaced === c.matched ? (c.matched === 1 ? 'was' : 'were') + ' replaced by new rows' : `${c.replaced.toLocaleString('en')} were replaced (${kept} kept: no new rows were found)`}.`;
  });
}

/**
 * The DCR reading aid: what new real rows score (a random half of the sample against the other half)
 * next to the synthetic score; null when the report has no reference.
 */
export function holdoutText(synthetic: number | null | undefined, reference: number | null | undefined): string | null {
  if (reference === null || reference === undefined) return null;
  const head = `For comparison, new real rows would score about ${formatScore(reference)} on DCRBaselineProtection (a random half of the sample against the other half).`;
  if (synthetic === null || synthetic === undefined) return head;
  return `${head} ${synthetic >= reference
    ? 'The synthetic rows sit farther from the real ones than new real records would.'
    : 'The synthetic rows sit closer to the real ones than new real records would: consider a higher privacy setting.'}`;
}
