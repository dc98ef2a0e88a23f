/** Table node geometry on the canvas and auto-layout with ELK's layered algorithm (elkjs). */
import ELK from 'elkjs/lib/elk.bundled.js';
import type { Schema, Table } from '$lib/schema/model';

export const NODE = { width: 240, header: 34, row: 24, padding: 6 } as const;

/** Node size: wide enough for the longest title or "badge name type" row (approximate glyph widths). */
export function tableSize(t: Table): { width: number; height: number } {
  const title = t.name.length * 8.6 + 24;
  const rows = t.columns.reduce((w, c) => Math.max(w, 52 + c.name.length * 7.6 + (c.data_type.length + 1) * 6.6 + 12), 0);
  const width = Math.round(Math.min(480, Math.max(NODE.width, title, rows)));
  return { width, height: NODE.header + Math.max(1, t.columns.length) * NODE.row + NODE.padding };
}

/** Position for the n-th table placed without a layout: a simple grid. */
export function gridPosition(index: number): { x: number; y: number } {
  return { x: 40 + (index % 4) * (NODE.width + 80), y: 40 + Math.floor(index / 4) * 320 };
}

/**
 * Where a new table of size `size` goes: the first free slot of a 4-wide grid (row by row) whose
 * rectangle, with a 40 px margin, overlaps no placed table — so a wide table added next to others
 * does not land on top of them. `prefer` is taken when it is free. Tables without a position are ignored.
 */
export function openPosition(placed: readonly Table[], size: { width: number; height: number }, prefer?: { x: number; y: number }): { x: number; y: number } {
  const rects = placed.filter((t) => t.position).map((t) => ({ ...t.position!, ...tableSize(t) }));
  const free = (x: number, y: number) =>
    rects.every((r) => x + size.width + 40 <= r.x || r.x + r.width + 40 <= x || y + size.height + 40 <= r.y || r.y + r.height + 40 <= y);
  if (prefer && free(prefer.x, prefer.y)) return prefer;
  const stepX = (NODE.width + 80) / 2, stepY = 80;
  for (let row = 0; row < 1000; row++) {
    for (let col = 0; col < 8; col++) {
      const x = 40 + col * stepX, y = 40 + row * stepY;
      if (free(x, y)) return { x, y };
    }
  }
  return gridPosition(placed.length);
}

/**
 * Left-to-right layered layout (parents before children), ELK "layered" (Sugiyama-style).
 * Returns the new top-left corner of every table.
 */
export async function autoLayout(schema: Schema): Promise<Map<string, { x: number; y: number }>> {
  const elk = new ELK();
  const graph = await elk.layout({
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '40',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.separateConnectedComponents': 'true'
    },
    children: schema.tables.map((t) => ({ id: t.id, ...tableSize(t) })),
    edges: schema.relationships
      .filter((r) => r.source_table_id !== r.target_table_id)
      .map((r) => ({ id: r.id, sources: [r.source_table_id], targets: [r.target_table_id] }))
  });
  return new Map((graph.children ?? []).map((n) => [n.id, { x: Math.round((n.x ?? 0) + 40), y: Math.round((n.y ?? 0) + 40) }]));
}
