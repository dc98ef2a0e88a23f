/**
 * `synth multi --dir <folder of <table>.csv> --metadata <sdv multi-table metadata.json> --seed <S>
 *              --out <folder> [--scale 1.0] [--sample-size N] [--no-relationships] [--synthesizer copula|cart|hma]
 *              [--allow-copies]`
 * Fits the multi-table model (default 'copula': one copula per table, parent context + child counts;
 * 'cart': sequential CART per table with parent features; 'hma': SDV HMA-compatible) and writes one CSV
 * per table (same headers, same value formats). A table of the metadata without a CSV is generated
 * from the metadata alone. Rows reproducing a real row are replaced by new ones (keys kept) unless
 * --allow-copies is given; what was replaced goes to stderr. Last stdout line:
 * {"tables": {"name": rows, …}, "fit_s": …, "sample_s": …, "peak_mb": …}
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitMulti, sampleMulti, type MultiSynthesizer } from '../../src/lib/engine/multi';
import { keepNewRows } from '../../src/lib/engine/generate';

const SYNTHESIZERS: MultiSynthesizer[] = ['copula', 'cart', 'hma'];
import { AppError, type ColumnarTable } from '../../src/lib/schema/model';
import { parseArgs, peakMb, required } from './args';
import { CsvWriter, readCsv, readMetadata } from './io';

/** "file, line 3, column "x": message" for an AppError whose message does not say where already. */
function located(e: unknown): Error {
  if (!(e instanceof AppError)) return e instanceof Error ? e : new Error(String(e));
  const w = e.where;
  const parts = [w.file && !e.message.includes(w.file) ? w.file : '', w.line ? `line ${w.line}` : '', w.column && !e.message.includes(`"${w.column}"`) ? `column "${w.column}"` : ''].filter(Boolean);
  return new Error(parts.length ? `${parts.join(', ')}: ${e.message}` : e.message);
}

export async function run(args: string[]): Promise<void> {
  const a = parseArgs(args, { dir: 'string', metadata: 'string', scale: 'number', seed: 'number', out: 'string', 'sample-size': 'number', 'no-relationships': 'boolean', synthesizer: 'string', 'allow-copies': 'boolean' });
  const dir = required(a.dir as string | undefined, 'dir');
  const metaPath = required(a.metadata as string | undefined, 'metadata');
  const out = required(a.out as string | undefined, 'out');
  const seed = (a.seed as number | undefined) ?? 0;
  const scale = (a.scale as number | undefined) ?? 1;
  const sampleSize = a['sample-size'] as number | undefined;
  if (!Number.isInteger(seed)) throw new Error(`--seed must be a whole number, got ${seed}`);
  if (!(scale >= 0)) throw new Error(`--scale must be a number ≥ 0, got ${scale}`);
  if (sampleSize !== undefined && !(Number.isInteger(sampleSize) && sampleSize >= 0)) throw new Error(`--sample-size must be a whole number ≥ 0, got ${sampleSize}`);
  const synthesizer = (a.synthesizer as string | undefined) ?? 'copula';
  if (!SYNTHESIZERS.includes(synthesizer as MultiSynthesizer)) throw new Error(`--synthesizer must be one of ${SYNTHESIZERS.join(', ')}, got ${synthesizer}`);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`--dir: not a folder: ${dir}`);

  const meta = readMetadata(metaPath);
  const tables: Record<string, ColumnarTable | undefined> = {};
  const csvs = new Set(readdirSync(dir).filter((f) => f.toLowerCase().endsWith('.csv')));
  for (const t of Object.keys(meta.tables)) {
    const file = `${t}.csv`;
    if (csvs.has(file)) tables[t] = readCsv(join(dir, file));
    else console.error(`note: no ${file} in ${dir}; table "${t}" is generated from the metadata alone`);
  }
  for (const f of csvs) if (!(f.replace(/\.csv$/i, '') in meta.tables)) console.error(`note: ${f} is not a table of ${metaPath}; ignored`);

  const core = await loadCoreNode();
  try {
    const t0 = performance.now();
    const model = await fitMulti(core, tables, meta, { seed, synthesizer: synthesizer as MultiSynthesizer });
    for (const w of model.warnings ?? []) console.error(`warning (${w.code}): ${w.message}`);
    const fitS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const draw = (o: { sample_size?: number; pass?: number } = {}) => sampleMulti(core, model, { seed: seed + (o.pass ?? 0), scale, sample_size: o.sample_size ?? sampleSize, include_relationships: !a['no-relationships'] });
    const settings = { scale, quality_threshold: 0, include_relationships: !a['no-relationships'], seed, new_rows_only: !a['allow-copies'] };
    const { tables: synth, copies } = await keepNewRows(core, { samples: tables, settings }, new Map(), { tables: await draw(), draw }, meta);
    for (const c of copies) if (c.matched || !c.applied) console.error(c.applied ? `${c.table}: replaced ${c.replaced} row${c.replaced === 1 ? '' : 's'} that reproduced a real row` : `${c.table}: rows reproducing a real row were kept: ${c.reason}`);
    const sampleS = (performance.now() - t1) / 1000;
    mkdirSync(out, { recursive: true });
    const rows: Record<string, number> = {};
    for (const [name, table] of Object.entries(synth)) {
      const w = new CsvWriter(join(out, `${name}.csv`));
      await w.write(table);
      await w.close();
      rows[name] = table.columns[0]?.length ?? 0;
    }
    console.log(JSON.stringify({ tables: rows, fit_s: +fitS.toFixed(4), sample_s: +sampleS.toFixed(4), peak_mb: peakMb() }));
  } catch (e) {
    throw located(e);
  }
}
