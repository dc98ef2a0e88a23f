/**
 * `POST /api/sdv/validate`: `{ real: {table: rows}, synthetic: {table: rows}, metadata? }` → the
 * quality, diagnostic and privacy scores of the report (SDMetrics formulas, WASM kernels).
 */
import { z } from 'zod';
import type { Core } from '../engine/wasm';
import { evaluate, summary } from '../engine/metrics';
import { parseRulesFile, rulesReportAll, type RuleCheck } from '../engine/rules';
import { parseSdvMetadata } from '../schema/formats/sdv-metadata';
import { inferTable } from '../schema/formats/infer';
import { recordsToTable } from '../schema/records';
import { AppError, type ColumnarTable, type SdvMetadata } from '../schema/model';
import { formatPath, type Problem } from './request-schema';

const rows = z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])));
const body = z.object({
  real: z.record(z.string(), rows).refine((o) => Object.keys(o).length > 0, 'at least one table is required'),
  synthetic: z.record(z.string(), rows),
  metadata: z.unknown().optional(),
  rules: z.unknown().optional()
});

export async function validateRequest(core: Core, input: unknown): Promise<{ ok: true; value: unknown } | { ok: false; problems: Problem[] }> {
  const r = body.safeParse(input);
  if (!r.success) return { ok: false, problems: r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
  const { real, synthetic } = r.data;
  const problems: Problem[] = [];
  for (const t of Object.keys(real)) if (!synthetic[t]) problems.push({ path: `synthetic.${t}`, message: `missing: the real data has a table "${t}"` });
  for (const t of Object.keys(synthetic)) if (!real[t]) problems.push({ path: `real.${t}`, message: `missing: the synthetic data has a table "${t}"` });
  if (problems.length) return { ok: false, problems };

  const pairs: Record<string, { real: ColumnarTable; synth: ColumnarTable }> = {};
  for (const t of Object.keys(real)) {
    const realT = recordsToTable(real[t]);
    pairs[t] = { real: realT, synth: recordsToTable(synthetic[t], realT.names) };
  }
  let meta: SdvMetadata;
  if (r.data.metadata !== undefined) {
    try {
      meta = parseSdvMetadata(r.data.metadata, Object.keys(real)[0]).metadata;
    } catch (e) {
      if (e instanceof AppError) return { ok: false, problems: [{ path: `metadata${e.where.path ? '.' + e.where.path : ''}`, message: e.message }] };
      throw e;
    }
    for (const t of Object.keys(real)) if (!meta.tables[t]) return { ok: false, problems: [{ path: `metadata.tables.${t}`, message: `no metadata for table "${t}"` }] };
  } else {
    meta = { METADATA_SPEC_VERSION: 'V1', tables: Object.fromEntries(Object.entries(pairs).map(([t, p]) => [t, inferTable(t, p.real).sdv])), relationships: [] };
  }
  let rules: RuleCheck[] | undefined;
  if (r.data.rules !== undefined) {
    try {
      rules = rulesReportAll(pairs, parseRulesFile(r.data.rules), meta);
    } catch (e) {
      if (e instanceof AppError) return { ok: false, problems: [{ path: `rules${e.where.path ? '.' + e.where.path : ''}`, message: e.message }] };
      throw e;
    }
  }
  const report = await evaluate(core, pairs, meta);
  return { ok: true, value: { ...summary(report), ...(rules ? { rules } : {}) } };
}
