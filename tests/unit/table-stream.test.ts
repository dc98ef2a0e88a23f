import { describe, expect, it } from 'vitest';
import { sendTables, TableAssembler, SLICE_ROWS } from '../../src/lib/workers/table-stream';

describe('tables sent to the page in slices', () => {
  it('rebuild exactly, in order, with nulls, empty tables and several slices', async () => {
    const n = SLICE_ROWS * 2 + 7;
    const tables = {
      big: { names: ['a', 'b'], columns: [Array.from({ length: n }, (_, i) => String(i)), Array.from({ length: n }, (_, i) => (i % 3 ? `x${i}` : null))] },
      none: { names: ['k'], columns: [[] as (string | null)[]] }
    };
    const asm = new TableAssembler();
    let messages = 0;
    const shapes = await sendTables(tables, (t, c, v) => { messages++; expect(v.length).toBeLessThanOrEqual(SLICE_ROWS); return asm.add(t, c, v); });
    expect(messages).toBe(6);
    expect(asm.build(shapes)).toEqual(tables);
  });
});
