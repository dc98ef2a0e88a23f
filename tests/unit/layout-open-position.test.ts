import { describe, expect, it } from 'vitest';
import { openPosition, tableSize } from '../../src/lib/state/layout';
import type { Table } from '../../src/lib/schema/model';

const table = (name: string, colName: string, position?: { x: number; y: number }): Table => ({
  id: name, name, position,
  columns: [{ id: `${name}.c`, name: colName, data_type: 'string', is_nullable: true, is_primary_key: false, is_unique: false }]
});

const overlaps = (a: Table, b: Table) => {
  const sa = tableSize(a), sb = tableSize(b);
  return !(a.position!.x + sa.width <= b.position!.x || b.position!.x + sb.width <= a.position!.x || a.position!.y + sa.height <= b.position!.y || b.position!.y + sb.height <= a.position!.y);
};

describe('openPosition (where a new table goes on the canvas)', () => {
  it('the first table goes to the top-left corner', () => {
    expect(openPosition([], { width: 240, height: 60 })).toEqual({ x: 40, y: 40 });
  });

  it('never overlaps placed tables, wide ones included', () => {
    const placed: Table[] = [];
    for (let i = 0; i < 12; i++) {
      const t = table(`t${i}`, i % 3 === 0 ? 'a_really_long_column_name_that_makes_the_node_wide' : 'id');
      t.position = openPosition(placed, tableSize(t));
      for (const p of placed) expect(overlaps(t, p), `${t.name} vs ${p.name}`).toBe(false);
      placed.push(t);
    }
  });

  it('takes the preferred spot when free and moves away from it when taken', () => {
    const a = table('a', 'id', { x: 40, y: 40 });
    expect(openPosition([a], { width: 240, height: 60 }, { x: 600, y: 400 })).toEqual({ x: 600, y: 400 });
    const elsewhere = openPosition([a], { width: 240, height: 60 }, { x: 60, y: 50 });
    expect(elsewhere).not.toEqual({ x: 60, y: 50 });
    expect(overlaps({ ...table('n', 'id'), position: elsewhere }, a)).toBe(false);
  });
});
