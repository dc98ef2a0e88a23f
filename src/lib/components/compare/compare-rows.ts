/** The side-by-side rows of "Compare synthesizers": scores (higher is better) and times (lower is better). */
import type { CompareEntry } from '$lib/state/compare.svelte';
import { formatScore } from '$lib/report/scores';

export interface CompareRow { label: string; hint: string; cells: { text: string; best: boolean }[] }

type Pick = (e: CompareEntry) => number | null | undefined;

const METRICS: { label: string; hint: string; get: Pick; higher: boolean; seconds?: boolean }[] = [
  { label: 'Quality score', hint: 'Mean of Column Shapes and Column Pair Trends (SDMetrics QualityReport)', get: (e) => e.result.summary?.quality.score, higher: true },
  { label: 'Column Shapes', hint: 'KSComplement / TVComplement per column', get: (e) => e.result.summary?.quality.column_shapes, higher: true },
  { label: 'Column Pair Trends', hint: 'Correlation / contingency similarity per column pair', get: (e) => e.result.summary?.quality.column_pair_trends, higher: true },
  { label: 'DCRBaselineProtection', hint: 'Distance to the closest real row, relative to random data (privacy)', get: (e) => e.result.summary?.privacy.dcr_baseline_protection, higher: true },
  { label: 'NewRowSynthesis', hint: 'Share of synthetic rows that copy no real row (privacy)', get: (e) => e.result.summary?.privacy.new_row_synthesis, higher: true },
  { label: 'Fidelity ↔ privacy', hint: 'The setting each synthesizer ran with', get: (e) => e.privacy, higher: true },
  { label: 'Fit seconds', hint: 'Time to learn the model', get: (e) => e.result.seconds.fit, higher: false, seconds: true },
  { label: 'Sample seconds', hint: 'Time to draw the rows', get: (e) => e.result.seconds.sample, higher: false, seconds: true }
];

export function compareRows(entries: CompareEntry[]): CompareRow[] {
  return METRICS.map((m) => {
    const vals = entries.map((e) => m.get(e) ?? null);
    const known = vals.filter((v): v is number => v !== null);
    const best = known.length > 1 && m.label !== 'Fidelity ↔ privacy' ? (m.higher ? Math.max(...known) : Math.min(...known)) : null;
    return {
      label: m.label, hint: m.hint,
      cells: vals.map((v) => ({ text: v === null ? 'n/a' : m.seconds ? v.toFixed(2) : formatScore(v, m.label === 'Fidelity ↔ privacy' ? 2 : 3), best: best !== null && v === best && known.some((x) => x !== best) }))
    };
  });
}
