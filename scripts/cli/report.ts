/**
 * `synth report --real <file.csv|folder> --synth <file.csv|folder> [--metadata <sdv-metadata.json>]
 *   [--seed n] [--all-pairs] [--no-privacy] [--full] [--rules <rules.json>]`
 * Scores synthetic data against real data (SDMetrics quality, diagnostic and privacy). The last stdout
 * line is one JSON object: the report summary (with --full: the whole report object).
 * Folders hold one `<table>.csv` per table (multi-table metadata then names the tables); without
 * --metadata the sdtypes are detected with a simple rule (numbers, dates, else categorical).
 * With --rules (docs/rules.md) the JSON gains "rules": [{ "rule", "real", "synthetic" }], the share of
 * rows obeying each rule in the real and the synthetic data.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs, required } from './args';
import { parseCsvText } from '../../src/lib/schema/csv';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { detectTableMetadata, evaluate, normalizeMetadata, summary, type TablePair } from '../../src/lib/engine/metrics/index';
import { parseRulesFile, rulesReportAll } from '../../src/lib/engine/rules';

function readCsv(path: string): ColumnarTable {
  if (!existsSync(path)) throw new Error(`file not found: ${path}`);
  return parseCsvText(readFileSync(path, 'utf8'), basename(path));
}

/** `<table>.csv` files of a folder (or one CSV file named after its base name). */
function readTables(path: string, flag: string): Map<string, ColumnarTable> {
  if (!existsSync(path)) throw new Error(`--${flag}: not found: ${path}`);
  const out = new Map<string, ColumnarTable>();
  if (statSync(path).isDirectory()) {
    const files = readdirSync(path).filter((f) => f.toLowerCase().endsWith('.csv')).sort();
    if (!files.length) throw new Error(`--${flag}: no .csv files in folder ${path}`);
    for (const f of files) out.set(f.replace(/\.csv$/i, ''), readCsv(join(path, f)));
  } else out.set(basename(path).replace(/\.csv$/i, ''), readCsv(path));
  return out;
}

function readMetadata(path: string, singleName: string): SdvMetadata {
  if (!existsSync(path)) throw new Error(`--metadata: file not found: ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`--metadata: ${path} is not valid JSON (${(e as Error).message})`);
  }
  return normalizeMetadata(raw, singleName);
}

export async function run(args: string[]): Promise<void> {
  const o = parseArgs(args, { real: 'string', synth: 'string', metadata: 'string', seed: 'number', 'all-pairs': 'boolean', 'no-privacy': 'boolean', full: 'boolean', rules: 'string' });
  const real = readTables(required(o.real as string | undefined, 'real'), 'real');
  const synth = readTables(required(o.synth as string | undefined, 'synth'), 'synth');
  const single = real.size === 1 && synth.size === 1;
  let meta: SdvMetadata;
  const realName = [...real.keys()][0];
  if (o.metadata) meta = readMetadata(o.metadata as string, realName);
  else {
    if (!single) throw new Error('scoring several tables needs --metadata (SDV multi-table metadata naming the tables and relationships)');
    meta = { METADATA_SPEC_VERSION: 'V1', tables: { [realName]: detectTableMetadata(real.get(realName)!) }, relationships: [] };
  }
  const data: Record<string, TablePair> = {};
  const tableNames = Object.keys(meta.tables);
  for (const name of tableNames) {
    // A single file pair scores the (only) table of the metadata whatever the files are called.
    const r = single && tableNames.length === 1 ? [...real.values()][0] : real.get(name);
    const s = single && tableNames.length === 1 ? [...synth.values()][0] : synth.get(name);
    if (!r) throw new Error(`--real: no ${name}.csv for table "${name}" of the metadata`);
    if (!s) throw new Error(`--synth: no ${name}.csv for table "${name}" of the metadata`);
    data[name] = { real: r, synth: s };
  }
  const core = await loadCoreNode();
  const report = await evaluate(core, data, meta, {
    seed: (o.seed as number | undefined) ?? 0,
    correlationThreshold: o['all-pairs'] ? 0 : 0.5,
    associationThreshold: o['all-pairs'] ? 0 : 0.3,
    privacy: !o['no-privacy']
  });
  const out = o.full ? report : summary(report);
  if (!o.rules) { console.log(JSON.stringify(out)); return; }
  const rulesPath = o.rules as string;
  if (!existsSync(rulesPath)) throw new Error(`--rules: file not found: ${rulesPath}`);
  const rulesFile = parseRulesFile(readFileSync(rulesPath, 'utf8'), single ? tableNames[0] : undefined, rulesPath);
  console.log(JSON.stringify({ ...out, rules: rulesReportAll(data, rulesFile, meta) }));
}
