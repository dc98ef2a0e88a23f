/** The plan: JSON round trip, step order, merged combinations, rounding nudges, empty samples. */
import { describe, expect, it } from 'vitest';
import type { ColumnarTable, SdvTable } from '../../src/lib/schema/model';
import { checkRules, prepareRules, reverseRules, sampleWithRules, type TableRule } from '../../src/lib/engine/rules';

const meta = (cols: Record<string, string>, extra: Record<string, object> = {}): SdvTable => ({
  columns: Object.fromEntries(Object.entries(cols).map(([c, sd]) => [c, { sdtype: sd, ...(extra[c] ?? {}) }]))
});

describe('rule plan', () => {
  const table: ColumnarTable = {
    names: ['lo', 'hi', 'city', 'state', 'country'],
    columns: [
      ['5.05', '1.20', '3.33', '7.00'],
      ['5.1', '1.3', '4.0', '7.5'],
      ['Paris', 'Austin', 'Lyon', 'Dallas'],
      ['IDF', 'TX', 'ARA', 'TX'],
      ['FR', 'US', 'FR', 'US']
    ]
  };
  const m = meta({ lo: 'numerical', hi: 'numerical', city: 'categorical', state: 'categorical', country: 'categorical' });
  const rules: TableRule[] = [
    { type: 'inequality', low: 'lo', high: 'hi', strict: true },
    { type: 'fixed_combinations', columns: ['city', 'state'] },
    { type: 'fixed_combinations', columns: ['state', 'country'] }
  ];

  it('merges overlapping fixed combinations into one joint column', () => {
    const p = prepareRules(table, m, rules);
    expect(p.table.names).toEqual(['lo', 'hi#minus#lo', 'city#state#country']);
    expect(p.meta.columns['city#state#country']).toEqual({ sdtype: 'categorical' });
    expect(p.meta.columns['hi#minus#lo']).toEqual({ sdtype: 'numerical', computer_representation: 'Float' });
    expect(p.plan.enforced).toEqual([0, 1, 2]);
    expect(reverseRules(p.plan, p.table)).toEqual(table); // exact round trip of the sample itself
  });

  it('nudges a rebuilt value one grid step when rounding alone would break a strict rule', () => {
    const p = prepareRules(table, m, rules);
    // t = 0 means high = low exactly: 5.05 → hi has one decimal → 5.1 (> 5.05); 7.00 → 7.1 (not 7.0).
    const sampled: ColumnarTable = { names: p.table.names, columns: [['5.05', '7.00', '1.20'], ['0', '0', '-3'], [p.table.columns[2][0], p.table.columns[2][1], p.table.columns[2][3]]] };
    const out = reverseRules(p.plan, sampled);
    expect(out.columns[1]).toEqual(['5.1', '7.1', '1.3']);
    expect(checkRules(out, rules, { reference: table }).map((r) => r.share)).toEqual([1, 1, 1]);
  });

  it('survives a JSON round trip and samples 0 rows as an empty table with the sample header', async () => {
    const p = prepareRules(table, m, rules);
    const plan = JSON.parse(JSON.stringify(p.plan));
    const draw = async (rows: number) => ({ names: p.table.names, columns: p.table.columns.map((c) => Array.from({ length: rows }, (_, i) => c[i % c.length])) });
    expect(await sampleWithRules(plan, 7, draw)).toEqual(await sampleWithRules(p.plan, 7, draw));
    expect(await sampleWithRules(plan, 0, draw)).toEqual({ names: table.names, columns: table.names.map(() => []) });
  });

  it('orders steps so a derived column is computed after the columns it reads are rebuilt', async () => {
    const t: ColumnarTable = { names: ['a', 'b', 'c'], columns: [['1', '2', '3'], ['2', '4', '3'], ['3', '6', '6']] };
    const r: TableRule[] = [{ type: 'derived', column: 'c', expression: 'a + b' }, { type: 'inequality', low: 'a', high: 'b' }];
    const p = prepareRules(t, meta({ a: 'numerical', b: 'numerical', c: 'numerical' }), r);
    expect(p.plan.steps.map((s) => s.kind)).toEqual(['derived', 'log-diff']);
    const out = reverseRules(p.plan, { names: p.table.names, columns: [['1', '10'], [String(Math.log(3)), '0']] });
    expect(out).toEqual({ names: ['a', 'b', 'c'], columns: [['1', '10'], ['3', '10'], ['4', '20']] });
  });
});
