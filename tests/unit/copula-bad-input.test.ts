import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula } from '../../src/lib/engine/copula/sample';
import { inferTable } from '../../src/lib/schema/formats/infer';
import type { ColumnarTable } from '../../src/lib/schema/model';

async function roundTrip(table: ColumnarTable, n = 200) {
  const core = await loadCoreNode();
  const meta = inferTable('t', table).sdv;
  const model = await fitCopula(core, 't', table, meta, { seed: 1 });
  const out = await sampleCopula(core, model, n, { seed: 2 });
  for (const col of out.columns) for (const v of col) expect(v === null || !/^(NaN|-?Infinity|undefined|null)$/.test(v)).toBe(true);
  return out;
}
const col = (t: ColumnarTable, n: string) => t.columns[t.names.indexOf(n)];

describe('copula on bad input: a sensible model, never a crash or NaN', () => {
  it('one row', async () => {
    const out = await roundTrip({ names: ['a', 'b'], columns: [['1.5'], ['x']] });
    expect(new Set(col(out, 'b'))).toEqual(new Set(['x']));
  });
  it('an all-null column and a constant column', async () => {
    const n = 50;
    const out = await roundTrip({ names: ['v', 'none', 'const'], columns: [Array.from({ length: n }, (_, i) => String(i)), Array(n).fill(null), Array(n).fill('same')] });
    expect(new Set(col(out, 'none'))).toEqual(new Set([null]));
    expect(new Set(col(out, 'const'))).toEqual(new Set(['same']));
  });
  it('NaN / Infinity text in a numeric column is read as missing', async () => {
    const vals = Array.from({ length: 100 }, (_, i) => (i % 10 === 0 ? 'NaN' : i % 10 === 1 ? 'Infinity' : String(i)));
    const out = await roundTrip({ names: ['x'], columns: [vals] }, 2000);
    const nums = col(out, 'x').filter((v) => v !== null).map(Number);
    expect(nums.every((x) => Number.isFinite(x) && x >= 2 && x <= 99)).toBe(true);
    const missing = col(out, 'x').filter((v) => v === null).length / 2000;
    expect(missing).toBeGreaterThan(0.1); // 20 % in the sample
    expect(missing).toBeLessThan(0.3);
  });
  it('a mixed-type column becomes categorical', async () => {
    const vals = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'abc' : String(i % 7)));
    const out = await roundTrip({ names: ['m'], columns: [vals] });
    expect(col(out, 'm').every((v) => vals.includes(v!))).toBe(true);
  });
  it('a column of 50k distinct strings', async () => {
    const n = 50_000;
    const ids = Array.from({ length: n }, (_, i) => `name-${(i * 7919) % 1_000_003}`);
    const num = Array.from({ length: n }, (_, i) => String(i % 100));
    const out = await roundTrip({ names: ['label', 'x'], columns: [ids, num] }, 1000);
    const known = new Set(ids);
    expect(col(out, 'label').every((v) => v === null || known.has(v) || /\S/.test(v))).toBe(true);
  });
});
