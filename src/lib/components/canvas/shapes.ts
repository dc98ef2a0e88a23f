/**
 * JointJS shapes for the schema canvas: a table node with one port per column, and a relationship
 * link with crow's-foot markers plus "1"/"N" labels. User text only ever goes through the `text`
 * attribute (JointJS writes it as text nodes), never through markup.
 */
import { dia, shapes } from '@joint/core';
import type { Column, RelationshipType, Table } from '$lib/schema/model';
import { NODE, tableSize } from '$lib/state/layout';

export const TableNode = dia.Element.define('studio.Table', {
  attrs: {
    body: { width: 'calc(w)', height: 'calc(h)', rx: 6, ry: 6, class: 'node-body' },
    header: { width: 'calc(w)', height: NODE.header, rx: 6, ry: 6, class: 'node-header' },
    title: { x: 10, y: NODE.header / 2, textVerticalAnchor: 'middle', fontSize: 14, fontWeight: 'bold', class: 'node-title', text: '', pointerEvents: 'none' }
  },
  ports: {
    groups: {
      col: {
        position: { name: 'absolute' },
        markup: [
          { tagName: 'rect', selector: 'portBody' },
          { tagName: 'text', selector: 'portBadge' },
          { tagName: 'text', selector: 'portLabel' },
          { tagName: 'text', selector: 'portType' }
        ],
        attrs: {
          portBody: { x: 1, y: 0, height: NODE.row, magnet: true, class: 'port-body', cursor: 'crosshair' },
          portBadge: { x: 8, y: NODE.row / 2, textVerticalAnchor: 'middle', fontSize: 10, fontWeight: 'bold', class: 'port-badge', pointerEvents: 'none' },
          portLabel: { x: 44, y: NODE.row / 2, textVerticalAnchor: 'middle', fontSize: 13, class: 'port-label', pointerEvents: 'none' },
          portType: { y: NODE.row / 2, textVerticalAnchor: 'middle', textAnchor: 'end', fontSize: 11, class: 'port-type', pointerEvents: 'none' }
        }
      }
    }
  }
}, {
  markup: [
    { tagName: 'rect', selector: 'body' },
    { tagName: 'rect', selector: 'header' },
    { tagName: 'text', selector: 'title' }
  ]
});

/** PK / FK / UQ badges of a column. */
export function badges(c: Column, isFk: boolean): string {
  return [c.is_primary_key ? 'PK' : '', isFk ? 'FK' : '', c.is_unique && !c.is_primary_key ? 'UQ' : ''].filter(Boolean).join(' ');
}

/**
 * `text` cut to `room` pixels with an ellipsis, from the same approximate glyph widths as
 * `tableSize` (no text measuring: that would force a layout per node). Null when it fits.
 */
export function clip(text: string, room: number, glyph: number): string | null {
  const max = Math.floor(room / glyph);
  return text.length <= max ? null : `${text.slice(0, Math.max(1, max - 1))}…`;
}

export function tableNode(t: Table, position: { x: number; y: number }, fkColumns: Set<string>): dia.Element {
  const size = tableSize(t);
  // Nodes stop growing at a maximum width: longer names are cut and the full text is a tooltip.
  const title = clip(t.name, size.width - 20, 8.6);
  return new TableNode({
    id: t.id,
    position,
    size,
    attrs: { title: { text: title ?? t.name }, header: title ? { title: t.name } : {}, body: { 'data-table': t.name } },
    ports: {
      items: t.columns.map((c, i) => {
        const type = c.data_type + (c.is_nullable ? '?' : '');
        const label = clip(c.name, size.width - 44 - 8 - type.length * 6.6 - 8, 7.6);
        return {
          id: c.id,
          group: 'col',
          args: { x: 0, y: NODE.header + i * NODE.row },
          attrs: {
            portBody: { width: size.width - 2, 'data-port': `${t.name}.${c.name}`, 'data-table-id': t.id, 'data-column-id': c.id, ...(label ? { title: `${c.name}: ${type}` } : {}) },
            portBadge: { text: badges(c, fkColumns.has(c.id)) },
            portLabel: { text: label ?? c.name },
            portType: { x: size.width - 8, text: type }
          }
        };
      })
    }
  });
}

const ONE = 'M 10 -7 L 10 7 M 16 -7 L 16 7';
const MANY = 'M 0 -8 L 14 0 L 0 8 M 0 0 L 14 0 M 18 -7 L 18 7';
// The class gives the crow's feet the theme's line colour (JointJS would copy the link's default #333 stroke).
const marker = (d: string) => ({ type: 'path', d, fill: 'none', 'stroke-width': 2, class: 'rel-marker' });

export function endsFor(type: RelationshipType): { source: string; target: string } {
  return type === 'one-to-one' ? { source: '1', target: '1' } : type === 'many-to-many' ? { source: 'N', target: 'N' } : { source: '1', target: 'N' };
}

export function relationLink(id: string, type: RelationshipType, source: dia.Link.EndJSON, target: dia.Link.EndJSON): dia.Link {
  const ends = endsFor(type);
  return new shapes.standard.Link({
    id,
    source,
    target,
    attrs: {
      line: {
        class: 'rel-line',
        strokeWidth: 2,
        sourceMarker: marker(ends.source === '1' ? ONE : MANY),
        targetMarker: marker(ends.target === '1' ? ONE : MANY)
      },
      wrapper: { 'data-relationship': id, cursor: 'pointer' }
    },
    labels: [endLabel(ends.source, 30), endLabel(ends.target, -30)]
  });
}

/**
 * A "1"/"N" label with a fixed backdrop. JointJS's built-in label sizes its rect to the text
 * (`ref: 'text'`), which measures the text — a forced layout — every time a link is redrawn.
 */
function endLabel(text: string, distance: number): dia.Link.Label {
  return {
    markup: [{ tagName: 'rect', selector: 'rect' }, { tagName: 'text', selector: 'text' }],
    position: { distance },
    attrs: {
      rect: { x: -7, y: -8, width: 14, height: 16, rx: 3, ry: 3, class: 'rel-end-bg', pointerEvents: 'none' },
      text: { text, textAnchor: 'middle', textVerticalAnchor: 'middle', class: 'rel-end', pointerEvents: 'none' }
    }
  };
}

/** The temporary link drawn while the user drags from a column. */
export function draftLink(): dia.Link {
  return new shapes.standard.Link({ draft: true, attrs: { line: { class: 'rel-line rel-draft', strokeWidth: 2, strokeDasharray: '5 3', targetMarker: { type: 'circle', r: 4 } } } });
}
