import { importCsvText } from '../../src/lib/schema/formats/csv-import';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { ambiguityKey, buildImportPlan, defaultChoices } from '../../src/lib/state/import-plan';
import { importCommand } from '../../src/lib/state/import-command';
import type { CsvPart } from '../../src/lib/state/import-read';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Import UI: preview plan and Apply command on a large CSV (Node, main-thread work)';

/** The page-side work after the worker returns: the NA toggle (re-inference) and building the command (row-major sample). */
export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const n of [20_000, 200_000]) {
    const lines = ['code,region,amount,day'];
    for (let i = 0; i < n; i++) lines.push(`${['EU', 'NA', 'AS', 'AF'][i % 4]},Region ${i % 50},${(i * 1.37).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')}`);
    const r = importCsvText(lines.join('\n'));
    const part: CsvPart = { kind: 'csv', key: 'k', fileName: 'big.csv', tableName: 'big', data: r.table, inference: inferTable('big', r.table), rowCount: r.rowCount, delimiter: ',', skipped: [], skippedCount: 0, warnings: [] };
    const ctx = { existing: { tables: [], relationships: [] }, newProject: true };
    rows.push({ name: 'buildImportPlan (preview)', variant: `${n} rows`, value: await timeIt(() => buildImportPlan([part], defaultChoices(), ctx)), unit: 'ms' });
    const toggled = { ...defaultChoices(), asMissing: { [ambiguityKey('k', 'code')]: true } };
    rows.push({ name: 'buildImportPlan, NA → missing (re-infers the table)', variant: `${n} rows`, value: await timeIt(() => buildImportPlan([part], toggled, ctx)), unit: 'ms' });
    const plan = buildImportPlan([part], defaultChoices(), ctx);
    const now = new Date().toISOString();
    const target = { project: { id: 'p', name: 'p', settings: { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 1 }, created_at: now, updated_at: now }, schema: ctx.existing, samples: new Map() };
    rows.push({ name: 'importCommand (sample → rows)', variant: `${n} rows`, value: await timeIt(() => importCommand(plan, target, new Map(), 'import')), unit: 'ms' });
  }
  return rows;
}
