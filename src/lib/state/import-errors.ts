/**
 * What the import dialog says about a file it could not read: the AppError's specific message, the
 * list of problems with their JSON path or line (schema files, SDV metadata, request JSON, DBML), and
 * whether "skip bad rows" can help (ragged CSV rows). Pure.
 */
import { AppError } from '$lib/schema/model';

export interface ImportProblem {
  /** JSON path ("tables[0].name") or "line 7"; "" when the problem is about the whole file. */
  where: string;
  message: string;
}

export interface ImportErrorView {
  code: string;
  message: string;
  problems: ImportProblem[];
  /** 1-based line of the first bad row (CSV, DDL, DBML). */
  line?: number;
  /** A ragged CSV row: the file can be read again with bad rows skipped. */
  canSkipRows: boolean;
  cancelled: boolean;
}

const MAX_PROBLEMS = 50;

function problemList(details: unknown): ImportProblem[] {
  if (!Array.isArray(details)) return [];
  const out: ImportProblem[] = [];
  for (const d of details.slice(0, MAX_PROBLEMS)) {
    if (!d || typeof d !== 'object') continue;
    const { path, line, message } = d as { path?: unknown; line?: unknown; message?: unknown };
    if (typeof message !== 'string') continue;
    const where = typeof path === 'string' && path ? path : typeof line === 'number' ? `line ${line}` : '';
    // Zod problems already start with their path ("tables[0].name: …"): do not repeat it.
    out.push({ where, message: where && message.startsWith(`${where}: `) ? message.slice(where.length + 2) : message });
  }
  return out;
}

export function describeImportError(e: unknown): ImportErrorView {
  if (e instanceof AppError || (e && typeof e === 'object' && 'code' in e && 'message' in e)) {
    const err = e as { code: string; message: string; where?: { line?: number }; details?: unknown };
    const code = String(err.code);
    const problems = problemList(err.details);
    const hidden = Array.isArray(err.details) && err.details.length > MAX_PROBLEMS ? err.details.length - MAX_PROBLEMS : 0;
    if (hidden) problems.push({ where: '', message: `… and ${hidden} more` });
    return {
      code, message: String(err.message), problems, line: err.where?.line,
      canSkipRows: code === 'csv/ragged-row', cancelled: code === 'run/cancelled'
    };
  }
  return { code: 'import/failed', message: e instanceof Error ? e.message : String(e), problems: [], canSkipRows: false, cancelled: false };
}
