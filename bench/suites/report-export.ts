/**
 * Results side: export of a generated-size table streamed into a Blob with event-loop yields (total
 * time and the longest stretch the page would be blocked), and report → HTML for a normal and a
 * wide report (Node, one core).
 */
import { readFileSync } from 'node:fs';
import { exportPlan, type ExportFormat } from '../../src/lib/report/export-plan';
import { chunksToBlob } from '../../src/lib/report/blob-stream';
import { reportHtml } from '../../src/lib/report/html-report';
import { generateData } from '../../src/lib/engine/generate';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { parseCsvText } from '../../src/lib/schema/csv';
import { sdvMetadataToSchema } from '../../src/lib/schema/formats';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import type { BenchRow } from '../lib';

export const title = 'Report & export: Blob streaming with yields, HTML report (Node)';

/** Wraps a chunk stream and records the longest synchronous stretch spent producing one chunk. */
async function* timed<T>(src: AsyncIterable<T>, out: { max: number }): AsyncGenerator<T> {
  const it = src[Symbol.asyncIterator]();
  for (;;) {
    const t0 = performance.now();
    const r = await it.next();
    out.max = Math.max(out.max, performance.now() - t0);
    if (r.done) return;
    yield r.value;
  }
}

function bigTable(rows: number): { data: Record<string, ColumnarTable>; meta: SdvMetadata } {
  const names = ['id', 'amount', 'category', 'created_at', 'note'];
  const cats = ['alpha', 'beta', 'gamma', 'delta'];
  const columns = names.map(() => new Array<string | null>(rows));
  for (let r = 0; r < rows; r++) {
    columns[0][r] = String(r + 1);
    columns[1][r] = (Math.sin(r) * 1000).toFixed(2);
    columns[2][r] = cats[r % 4];
    columns[3][r] = `2024-0${1 + (r % 9)}-1${r % 10} 10:00:00`;
    columns[4][r] = r % 7 ? `note, "quoted" ${r}` : null;
  }
  const meta: SdvMetadata = { METADATA_SPEC_VERSION: 'V1', relationships: [], tables: { orders: { primary_key: 'id', columns: { id: { sdtype: 'id' }, amount: { sdtype: 'numerical' }, category: { sdtype: 'categorical' }, created_at: { sdtype: 'datetime', datetime_format: '%Y-%m-%d %H:%M:%S' }, note: { sdtype: 'text' } } } } };
  return { data: { orders: { names, columns } }, meta };
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const n = 1_000_000;
  const { data, meta } = bigTable(n);
  const schema = sdvMetadataToSchema(meta);
  for (const [format, dialect] of [['csv', 'sqlite'], ['json-records', 'sqlite'], ['sql', 'sqlite'], ['sql', 'postgresql']] as [ExportFormat, 'sqlite' | 'postgresql'][]) {
    const plan = exportPlan({ format, dialect }, { data, schema, baseName: 'bench' });
    const stretch = { max: 0 };
    const t0 = performance.now();
    const blob = await chunksToBlob(timed(plan.chunks, stretch), plan.mimeType);
    const ms = performance.now() - t0;
    rows.push({ name: `export ${format}${format === 'sql' ? ` (${dialect})` : ''}, ${n.toLocaleString()} rows × 5 → Blob`, variant: 'chunks + yields', value: ms, unit: 'ms', note: `${(blob.size / 1048576).toFixed(0)} MB; longest blocking chunk ${stretch.max.toFixed(0)} ms` });
  }

  const core = await loadCoreNode();
  const dir = new URL('../../tests/fixtures/single/', import.meta.url);
  const weather = parseCsvText(readFileSync(new URL('seattle-weather.csv', dir), 'utf8'), 'w.csv');
  const wmeta = JSON.parse(readFileSync(new URL('seattle-weather.metadata.json', dir), 'utf8')) as SdvMetadata;
  const settings = { scale: 1, quality_threshold: 0.8, include_relationships: true, seed: 1 };
  const g = await generateData(core, { schema: sdvMetadataToSchema(wmeta), samples: { 'seattle-weather': weather }, settings });
  let t0 = performance.now();
  let html = reportHtml({ projectName: 'bench', generatedAt: 'now', report: g.report!, summary: g.summary!, threshold: g.threshold });
  rows.push({ name: 'report → HTML, seattle-weather (6 columns)', variant: 'string', value: performance.now() - t0, unit: 'ms', note: `${(html.length / 1024).toFixed(0)} KB` });

  // A wide table: 80 numeric columns × 400 rows.
  const w = 80, r = 400;
  const names = Array.from({ length: w }, (_, i) => `c${i}`);
  const cols = names.map((_, i) => Array.from({ length: r }, (_, k) => String(Math.round(1000 * Math.sin(k * (i + 1) * 0.37)) / 100)));
  const wideMeta: SdvMetadata = { METADATA_SPEC_VERSION: 'V1', relationships: [], tables: { wide: { columns: Object.fromEntries(names.map((x) => [x, { sdtype: 'numerical' }])) } } };
  const gw = await generateData(core, { schema: sdvMetadataToSchema(wideMeta), samples: { wide: { names, columns: cols } }, settings });
  t0 = performance.now();
  html = reportHtml({ projectName: 'bench', generatedAt: 'now', report: gw.report!, summary: gw.summary!, threshold: gw.threshold });
  rows.push({ name: `report → HTML, ${w} columns (${gw.report!.quality.column_pair_trends.length} pairs)`, variant: 'string', value: performance.now() - t0, unit: 'ms', note: `${(html.length / 1024).toFixed(0)} KB` });
  return rows;
}
