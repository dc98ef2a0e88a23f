/**
 * `synth fit-sample --data <file.csv> --rows <N> --seed <S> --out <out.csv> [--metadata <sdv.json>]
 *                   [--synthesizer copula|cart] [--distribution auto|beta|…] [--privacy 0..1]
 *                   [--rules <rules.json>] [--allow-copies]`
 * Fits one table and writes N synthetic rows (same header, same value formats). Last stdout line:
 * {"rows": N, "fit_s": …, "sample_s": …, "peak_mb": …}
 * With --rules (docs/rules.md) the rules are checked on the sample before any work, the table is
 * reparametrised before fitting and every written row obeys them.
 * Rows that reproduce a real row (NewRowSynthesis' rule) are replaced by new ones unless
 * --allow-copies is given (src/lib/engine/copy-filter.ts); what was replaced goes to stderr.
 */
import { basename, extname } from 'node:path';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopulaChunks } from '../../src/lib/engine/copula/sample';
import type { DistributionName } from '../../src/lib/engine/copula/types';
import { fitCart, sampleCart } from '../../src/lib/engine/cart';
import type { ColumnarTable } from '../../src/lib/schema/model';
import { parseArgs, peakMb, required } from './args';
import { CsvWriter, detectMetadata, readCsv, readMetadata, readText, withFileLocation } from './io';
import { parseRulesFile, prepareRules, rulesOf, sampleWithRulesChunks } from '../../src/lib/engine/rules';
import { CopyFilter, newCopyCheck, newRowsOnly } from '../../src/lib/engine/copy-filter';

export async function run(args: string[]): Promise<void> {
  const a = parseArgs(args, { data: 'string', rows: 'number', seed: 'number', out: 'string', metadata: 'string', synthesizer: 'string', distribution: 'string', privacy: 'number', rules: 'string', 'allow-copies': 'boolean' });
  const dataPath = required(a.data as string, 'data');
  const rows = required(a.rows as number, 'rows');
  const out = required(a.out as string, 'out');
  const seed = (a.seed as number | undefined) ?? 0;
  if (!Number.isInteger(rows) || rows < 0) throw new Error(`--rows must be a whole number ≥ 0, got ${rows}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${seed}`);
  const synthesizer = (a.synthesizer as string | undefined) ?? 'copula';
  if (synthesizer !== 'copula' && synthesizer !== 'cart') throw new Error(`--synthesizer must be copula or cart, got "${synthesizer}"`);
  const privacy = a.privacy as number | undefined;
  if (privacy !== undefined && !(privacy >= 0 && privacy <= 1)) throw new Error(`--privacy must be between 0 and 1, got ${privacy}`);

  const name = basename(dataPath, extname(dataPath));
  const table = readCsv(dataPath);
  const meta = a.metadata ? readMetadata(a.metadata as string, name) : detectMetadata(name, table);
  const tableNames = Object.keys(meta.tables);
  const tableName = tableNames.includes(name) ? name : tableNames[0];
  if (tableNames.length !== 1 && !tableNames.includes(name)) throw new Error(`${a.metadata}: describes ${tableNames.length} tables (${tableNames.join(', ')}); none is named "${name}"`);
  const tmeta = meta.tables[tableName];
  for (const c of table.names) if (!tmeta.columns[c]) throw new Error(`${a.metadata}: no metadata for column "${c}" of ${dataPath}`);
  const rules = a.rules ? rulesOf(parseRulesFile(readText(a.rules as string, 'rules'), tableName, a.rules as string), tableName) : [];
  const prepared = rules.length ? prepareRules(table, tmeta, rules, { rejectOrder: synthesizer === 'cart' }) : null;

  const core = await loadCoreNode();
  const t0 = performance.now();
  const draw: (n: number, s: number) => AsyncIterable<ColumnarTable> = await withFileLocation(dataPath, async () => synthesizer === 'cart'
    ? await (async () => {
        const model = await fitCart(core, prepared?.table ?? table, prepared?.meta ?? tmeta, { seed, privacy });
        return async function* (n: number, s: number) { yield sampleCart(core, model, n, s); };
      })()
    : await (async () => {
        const model = await fitCopula(core, tableName, prepared?.table ?? table, prepared?.meta ?? tmeta, { seed, default_distribution: (a.distribution as DistributionName | undefined) ?? 'auto', privacy });
        return (n: number, s: number) => sampleCopulaChunks(core, model, n, { seed: s });
      })());
  const drawFinal = (n: number, s: number) => (prepared ? sampleWithRulesChunks(prepared.plan, n, (m, pass) => draw(m, pass ? s + pass * 7919 : s)) : draw(n, s));
  const copies = newCopyCheck(tableName);
  // Top-up draws use seeds far from the rules' re-draw seeds (seed + k·7919).
  const chunks = () => (a['allow-copies'] ? drawFinal(rows, seed) : newRowsOnly(new CopyFilter(core, tableName, table, tmeta), rows, (n, pass) => drawFinal(n, pass ? seed + pass * 104729 : seed), copies));
  const fitS = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  const writer = new CsvWriter(out);
  let written = 0;
  for await (const chunk of chunks()) {
    await writer.write(chunk);
    written += chunk.columns.length ? chunk.columns[0].length : 0;
  }
  await writer.close();
  const sampleS = (performance.now() - t1) / 1000;
  if (!a['allow-copies'] && (copies.matched || !copies.applied)) {
    console.error(copies.applied ? `replaced ${copies.replaced} of ${written} rows: they reproduced a real row` : `rows reproducing a real row were kept: ${copies.reason}`);
  }
  console.log(JSON.stringify({ rows: written, fit_s: +fitS.toFixed(4), sample_s: +sampleS.toFixed(4), peak_mb: peakMb() }));
}
