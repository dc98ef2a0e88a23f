/** Schema → JointJS graph. Rebuilds cells when the structure changes, otherwise only moves nodes. */
import type { dia } from '@joint/core';
import type { Schema } from '$lib/schema/model';
import { gridPosition } from '$lib/state/layout';
import { relationLink, tableNode } from './shapes';

/** Everything that changes how cells look, positions excluded. */
export function structureKey(s: Schema): string {
  return JSON.stringify([s.tables.map((t) => [t.id, t.name, t.columns]), s.relationships.map((r) => [r.id, r.source_column_id, r.target_column_id, r.relationship_type])]);
}

export function positionOf(s: Schema, i: number) {
  return s.tables[i].position ?? gridPosition(i);
}

export function buildCells(s: Schema): dia.Cell[] {
  const fk = new Set(s.relationships.map((r) => r.target_column_id));
  const cells: dia.Cell[] = s.tables.map((t, i) => tableNode(t, positionOf(s, i), fk));
  for (const r of s.relationships) {
    cells.push(relationLink(r.id, r.relationship_type, { id: r.source_table_id, port: r.source_column_id }, { id: r.target_table_id, port: r.target_column_id }));
  }
  return cells;
}

/** Moves nodes whose saved position differs from the graph (undo/redo of a move, auto-layout). */
export function syncPositions(graph: dia.Graph, s: Schema) {
  s.tables.forEach((t, i) => {
    const el = graph.getCell(t.id) as dia.Element | undefined;
    if (!el) return;
    const p = positionOf(s, i);
    const cur = el.position();
    if (cur.x !== p.x || cur.y !== p.y) el.position(p.x, p.y);
  });
}
