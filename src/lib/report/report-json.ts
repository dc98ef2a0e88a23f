/** The report as a JSON download: the full MetricsReport plus the run's threshold verdict and timings. */
import type { MetricsReport, ReportSummary } from '$lib/engine/metrics/types';
import type { ThresholdInfo } from './scores';
import type { CopyCheck } from '$lib/engine/copy-filter';

export interface ReportJsonInput {
  projectName: string;
  generatedAt: string;
  report: MetricsReport;
  summary: ReportSummary;
  threshold: ThresholdInfo;
  improvement?: { before: number | null; after: number | null } | null;
  seconds?: { fit: number; sample: number; report: number };
  /** What New rows only did per table (absent in runs stored before it existed). */
  copies?: CopyCheck[];
}

export const REPORT_JSON_FORMAT = 'synthetic-data-studio/report';

export function reportJson(input: ReportJsonInput): string {
  const out = {
    format: REPORT_JSON_FORMAT,
    version: 1,
    project: input.projectName,
    generated_at: input.generatedAt,
    threshold: input.threshold,
    improvement: input.improvement ?? null,
    seconds: input.seconds ?? null,
    new_rows_only: input.copies ?? null,
    summary: input.summary,
    report: input.report
  };
  return JSON.stringify(out, null, 2) + '\n';
}
