/**
 * The learned model (issue 5 §3): size of the saved JSON, validation (parseLearnedModel) and "Sample
 * again" (sampleFromModel, no refit) against a full generateData run, copula and CART, report off.
 */
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { generateData, sampleFromModel, type GenerationInput } from '../../src/lib/engine/generate';
import { parseLearnedModel } from '../../src/lib/engine/learned-model';
import { parseCsvText } from '../../src/lib/schema/csv';
import { inferTable } from '../../src/lib/schema/formats/infer';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Learned model — save size, validation, sample again vs fit + sample';

export async function run(): Promise<BenchRow[]> {
  const core = await loadCoreNode();
  const rows: BenchRow[] = [];
  for (const [name, file] of [['iris', 'tests/fixtures/single/iris.csv'], ['seattle-weather', 'tests/fixtures/single/seattle-weather.csv']] as const) {
    const data = parseCsvText(readFileSync(file, 'utf8'));
    const schema = { tables: [{ ...inferTable(name, data).table, name }], relationships: [] };
    const settings = { scale: 1, quality_threshold: 0, include_relationships: true, seed: 1 };
    for (const synthesizer of ['copula', 'cart'] as const) {
      const input: GenerationInput = { schema, samples: { [name]: data }, settings, synthesizer, report: false };
      const res = await generateData(core, input);
      const text = JSON.stringify(res.model);
      const variant = `${name} (${data.columns[0].length} rows) ${synthesizer}`;
      rows.push({ name: 'model JSON', variant, value: text.length / 1024, unit: 'KiB' });
      rows.push({ name: 'parse + validate', variant, value: await timeIt(() => parseLearnedModel(text)), unit: 'ms' });
      rows.push({ name: 'generateData (fit + sample)', variant, value: await timeIt(() => generateData(core, input)), unit: 'ms' });
      const model = JSON.parse(text);
      rows.push({ name: 'sampleFromModel', variant, value: await timeIt(() => sampleFromModel(core, model, settings)), unit: 'ms' });
    }
  }
  return rows;
}
