/** Rules layer: preparation, the cost of sampling through the wrapper, checks, suggestions, expressions. */
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula, sampleCopulaChunks } from '../../src/lib/engine/copula/sample';
import { checkRules, evaluateExpression, parseExpression, prepareRules, sampleWithRules, suggestRules, type TableRule } from '../../src/lib/engine/rules';
import { loadFixture } from '../../tests/fixtures/single/load';
import { timeIt, type BenchRow } from '../lib';

export const title = 'Rules: prepare, sample through the wrapper, check, suggest (Node, seattle-weather / us-employment)';

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const core = await loadCoreNode();
  const { table, metadata } = loadFixture('seattle-weather');
  const rules: TableRule[] = [
    { type: 'inequality', low: 'temp_min', high: 'temp_max' },
    { type: 'positive', column: 'precipitation' },
    { type: 'value_range', column: 'wind', min: 0, max: 10 }
  ];
  rows.push({ name: 'prepareRules (validate + reparametrise), 1461 rows', variant: '3 rules', value: await timeIt(() => prepareRules(table, metadata, rules)), unit: 'ms' });
  const prep = prepareRules(table, metadata, rules);
  const model = await fitCopula(core, 'sw', prep.table, prep.meta, { seed: 1 });
  const plainModel = await fitCopula(core, 'sw', table, metadata, { seed: 1 });
  const N = 200_000;
  const plain = await timeIt(() => sampleCopula(core, plainModel, N, { seed: 1 }), 0, 2);
  const wrapped = await timeIt(() => sampleWithRules(prep.plan, N, (m, p) => sampleCopulaChunks(core, model, m, { seed: 1 + p })), 0, 2);
  rows.push({ name: `sample ${N / 1000}k rows`, variant: 'copula, no rules', value: plain, unit: 'ms' });
  rows.push({ name: `sample ${N / 1000}k rows`, variant: 'copula + 3 rules', value: wrapped, unit: 'ms', note: `overhead ×${(wrapped / plain).toFixed(2)}` });
  const synth = await sampleWithRules(prep.plan, N, (m, p) => sampleCopulaChunks(core, model, m, { seed: 1 + p }));
  rows.push({ name: `checkRules, ${N / 1000}k rows`, variant: '3 rules', value: await timeIt(() => checkRules(synth, rules, { reference: table }), 0, 3), unit: 'ms' });
  const uniq = prepareRules(table, metadata, [{ type: 'unique', columns: ['date'] }]);
  const um = await fitCopula(core, 'sw', uniq.table, uniq.meta, { seed: 1 });
  rows.push({ name: 'sample 1000 rows, unique(date) by rejection', variant: 'pilot + main draw', value: await timeIt(() => sampleWithRules(uniq.plan, 1000, (m, p) => sampleCopulaChunks(core, um, m, { seed: 1 + p })), 0, 3), unit: 'ms' });
  const us = loadFixture('us-employment');
  rows.push({ name: 'suggestRules us-employment (120 × 24)', variant: 'orderings, sums, products, signs', value: await timeIt(() => suggestRules(us.table, us.metadata), 0, 3), unit: 'ms' });
  const ast = parseExpression('if(a > b, round(a * 1.2 + b / 3, 2), max(a, b) - abs(a - b))');
  const M = 1_000_000;
  const cols = new Map([['a', Float64Array.from({ length: M }, (_, i) => (i * 7) % 101)], ['b', Float64Array.from({ length: M }, (_, i) => (i * 13) % 97)]]);
  rows.push({ name: 'expression over 1M rows', variant: 'closure-compiled AST', value: await timeIt(() => evaluateExpression(ast, cols, M), 0, 3), unit: 'ms' });
  return rows;
}
