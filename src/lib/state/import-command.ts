/**
 * Apply = one undoable command: an import plan (import-plan.ts) becomes a single `batch` of
 * table.add (each with its sample), relationship.add, column.update (missing tokens), sample.set
 * and project.update (settings), so autosave writes it and Undo removes it in one step. Also where
 * new tables go on the canvas. Pure.
 */
import type { Schema, Table } from '$lib/schema/model';
import type { ProjectRow, SampleRow } from '$lib/db/db';
import { clone, type Command, type Point } from '$lib/db/commands';
import { sampleFromCsv } from './csv-table';
import { gridPosition, tableSize } from './layout';
import type { ImportPlan } from './import-plan';

export interface ImportTarget {
  project: ProjectRow;
  schema: Schema;
  samples: ReadonlyMap<string, SampleRow>;
}

/**
 * Canvas positions of the new tables: their own (schema file) or `layout`'s (ELK on the imported
 * tables alone), else a grid; shifted below the tables the project already has.
 */
export function placeNewTables(plan: ImportPlan, existing: Schema, layout: ReadonlyMap<string, Point> = new Map()): Map<string, Point> {
  const raw = new Map<string, Point>();
  plan.tables.forEach((p, i) => raw.set(p.table.id, p.table.position ?? layout.get(p.table.id) ?? gridPosition(i)));
  if (!existing.tables.length || !raw.size) return raw;
  let bottom = -Infinity;
  existing.tables.forEach((t, i) => {
    const pos = t.position ?? gridPosition(i);
    bottom = Math.max(bottom, pos.y + tableSize(t).height);
  });
  const top = Math.min(...[...raw.values()].map((p) => p.y));
  const dy = Math.round(bottom + 80 - top);
  return new Map([...raw].map(([id, p]) => [id, { x: p.x, y: p.y + dy }]));
}

/** Tables of the plan that need a layout (no position of their own). */
export function tablesToLayout(plan: ImportPlan): Schema {
  const ids = new Set(plan.tables.filter((p) => !p.table.position).map((p) => p.table.id));
  return {
    tables: plan.tables.filter((p) => ids.has(p.table.id)).map((p) => p.table),
    relationships: plan.relationships.filter((r) => ids.has(r.source_table_id) && ids.has(r.target_table_id))
  };
}

export function importLabel(fileNames: readonly string[]): string {
  const list = fileNames.length > 2 ? `${fileNames.slice(0, 2).join(', ')} and ${fileNames.length - 2} more` : fileNames.join(', ');
  return `import ${list}`;
}

export function importCommand(plan: ImportPlan, target: ImportTarget, positions: ReadonlyMap<string, Point>, label: string): Command {
  const pid = target.project.id;
  const commands: Command[] = [];
  const base = target.schema.tables.length;
  plan.tables.forEach((p, i) => {
    const table: Table = clone(p.table);
    const pos = positions.get(table.id) ?? table.position ?? gridPosition(base + i);
    table.position = { x: Math.round(pos.x), y: Math.round(pos.y) };
    const sample = p.sample ? sampleFromCsv(pid, table.id, p.sampleFile ?? '', p.sample) : undefined;
    commands.push({ kind: 'table.add', table, index: base + i, relationships: [], ...(sample ? { sample } : {}) });
  });
  for (const r of plan.relationships) commands.push({ kind: 'relationship.add', relationship: { ...clone(r), created_at: r.created_at ?? new Date().toISOString() } });
  for (const s of plan.samples) {
    const table = target.schema.tables.find((t) => t.id === s.tableId);
    if (!table) continue;
    for (const h of s.hints) {
      const col = table.columns.find((c) => c.id === h.columnId);
      if (!col) continue;
      commands.push({ kind: 'column.update', tableId: table.id, columnId: col.id, before: { hints: clone(col.hints) }, after: { hints: { ...clone(col.hints), missing_tokens: [...h.missing_tokens] } } });
    }
    commands.push({ kind: 'sample.set', tableId: table.id, before: target.samples.get(table.id) ?? null, after: sampleFromCsv(pid, table.id, s.fileName, s.data) });
  }
  // Business rules after their tables and relationships, appended to the project's own.
  for (const [tableId, rules] of Object.entries(plan.rules?.tables ?? {})) {
    rules.forEach((rule, i) => commands.push({ kind: 'rule.add', tableId, rule: clone(rule), index: (target.project.rules?.tables[tableId]?.length ?? 0) + i }));
  }
  const crossBase = target.project.rules?.cross_table?.length ?? 0;
  (plan.rules?.cross_table ?? []).forEach((rule, i) => commands.push({ kind: 'crossRule.add', rule: clone(rule), index: crossBase + i }));
  if (plan.settings) {
    commands.push({ kind: 'project.update', before: { settings: clone(target.project.settings) }, after: { settings: { ...clone(target.project.settings), ...clone(plan.settings) } } });
  }
  return { kind: 'batch', label, commands };
}
