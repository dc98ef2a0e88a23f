/**
 * The command layer: every edit of a project's model is a Command value that knows its inverse.
 * `applyCommand` changes the in-memory document, `invertCommand` gives the undo, and
 * `touchedBy` tells the persistence layer (persist.ts) which rows to write — so undo/redo and
 * autosave live in one place. Pure: no IndexedDB, no DOM.
 */
import type { Column, Relationship, Schema, Table } from '../schema/model';
import type { ProjectRow, ProjectRules, SampleRow, StoredCrossRule } from './db';
import type { FileTableRule } from '../schema/formats/schema-file';
import { renameRuleColumn } from './rule-rename';

export interface ProjectDoc {
  project: ProjectRow;
  schema: Schema;
  /** One sample per table id. Kept outside deep reactivity: treated as immutable values. */
  samples: Map<string, SampleRow>;
}

export type ProjectPatch = Partial<Pick<ProjectRow, 'name' | 'description' | 'settings' | 'dismissed_suggestions'>>;
export type TablePatch = Partial<Pick<Table, 'name' | 'description'>>;
export type ColumnPatch = Partial<Omit<Column, 'id'>>;
export type RelationshipPatch = Partial<Pick<Relationship, 'relationship_type'>>;
export interface Point { x: number; y: number }

export type Command =
  | { kind: 'project.update'; before: ProjectPatch; after: ProjectPatch }
  | { kind: 'table.add' | 'table.remove'; table: Table; index: number; relationships: Relationship[]; sample?: SampleRow }
  | { kind: 'table.update'; tableId: string; before: TablePatch; after: TablePatch }
  | { kind: 'tables.move'; moves: { tableId: string; from?: Point; to?: Point }[] }
  | { kind: 'column.add' | 'column.remove'; tableId: string; column: Column; index: number; relationships: Relationship[] }
  | { kind: 'column.update'; tableId: string; columnId: string; before: ColumnPatch; after: ColumnPatch }
  | { kind: 'relationship.add' | 'relationship.remove'; relationship: Relationship }
  | { kind: 'relationship.update'; relationshipId: string; before: RelationshipPatch; after: RelationshipPatch }
  | { kind: 'sample.set'; tableId: string; before: SampleRow | null; after: SampleRow | null }
  | { kind: 'rule.add' | 'rule.remove'; tableId: string; rule: FileTableRule; index: number }
  | { kind: 'crossRule.add' | 'crossRule.remove'; rule: StoredCrossRule; index: number }
  | { kind: 'ruleSuggestion.dismiss' | 'ruleSuggestion.restore'; tableId: string; key: string }
  | { kind: 'batch'; label: string; commands: Command[] };

/** Deep copy that also reads through Svelte state proxies (structuredClone cannot). */
export function clone<T>(x: T): T {
  return x === undefined ? x : JSON.parse(JSON.stringify(x));
}

/** The "before" half of an update: the current value of every key `after` sets (undefined = absent). */
export function beforeOf<T extends object>(current: T, after: Partial<T>): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after)) out[k] = clone((current as Record<string, unknown>)[k]);
  return out as Partial<T>;
}

export function invertCommand(c: Command): Command {
  switch (c.kind) {
    case 'project.update': return { ...c, before: c.after, after: c.before };
    case 'table.add': return { ...c, kind: 'table.remove' };
    case 'table.remove': return { ...c, kind: 'table.add' };
    case 'table.update': return { ...c, before: c.after, after: c.before };
    case 'tables.move': return { kind: 'tables.move', moves: c.moves.map((m) => ({ tableId: m.tableId, from: m.to, to: m.from })) };
    case 'column.add': return { ...c, kind: 'column.remove' };
    case 'column.remove': return { ...c, kind: 'column.add' };
    case 'column.update': return { ...c, before: c.after, after: c.before };
    case 'relationship.add': return { ...c, kind: 'relationship.remove' };
    case 'relationship.remove': return { ...c, kind: 'relationship.add' };
    case 'relationship.update': return { ...c, before: c.after, after: c.before };
    case 'sample.set': return { ...c, before: c.after, after: c.before };
    case 'rule.add': return { ...c, kind: 'rule.remove' };
    case 'rule.remove': return { ...c, kind: 'rule.add' };
    case 'crossRule.add': return { ...c, kind: 'crossRule.remove' };
    case 'crossRule.remove': return { ...c, kind: 'crossRule.add' };
    case 'ruleSuggestion.dismiss': return { ...c, kind: 'ruleSuggestion.restore' };
    case 'ruleSuggestion.restore': return { ...c, kind: 'ruleSuggestion.dismiss' };
    case 'batch': return { kind: 'batch', label: c.label, commands: c.commands.map(invertCommand).reverse() };
  }
}

function table(doc: ProjectDoc, id: string): Table {
  const t = doc.schema.tables.find((x) => x.id === id);
  if (!t) throw new Error(`No table ${id} in the project`);
  return t;
}

/** Sets or deletes (undefined) each key of `patch` on `target`. */
function assign(target: object, patch: object) {
  const t = target as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete t[k];
    else t[k] = clone(v);
  }
}

function removeRelationships(doc: ProjectDoc, rels: Relationship[]) {
  const ids = new Set(rels.map((r) => r.id));
  const keep = doc.schema.relationships.filter((r) => !ids.has(r.id));
  doc.schema.relationships.splice(0, doc.schema.relationships.length, ...keep);
}

/** The project's rules object, created on first use. */
function rulesOf(doc: ProjectDoc): ProjectRules {
  doc.project.rules ??= { tables: {} };
  return doc.project.rules;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Removes the entry equal to `item`, preferring position `index` (equal duplicates are interchangeable). */
function removeAt<T>(list: T[], item: T, index: number) {
  const i = sameJson(list[index], item) ? index : list.findIndex((x) => sameJson(x, item));
  if (i >= 0) list.splice(i, 1);
}

/** Drops empty containers so an add followed by its undo leaves the project row as it was. */
function tidyRules(doc: ProjectDoc) {
  const r = doc.project.rules;
  if (!r) return;
  for (const [k, v] of Object.entries(r.tables)) if (!v.length) delete r.tables[k];
  if (r.cross_table && !r.cross_table.length) delete r.cross_table;
  if (r.dismissed) {
    for (const [k, v] of Object.entries(r.dismissed)) if (!v.length) delete r.dismissed[k];
    if (!Object.keys(r.dismissed).length) delete r.dismissed;
  }
  if (!Object.keys(r.tables).length && !r.cross_table && !r.dismissed) delete doc.project.rules;
}

/** A column rename also renames it in the rules of its table and in cross-table rules along its relationships. */
function renameInRules(doc: ProjectDoc, tableId: string, from: string, to: string) {
  const r = doc.project.rules;
  if (!r || from === to) return;
  const list = r.tables[tableId];
  if (list) list.splice(0, list.length, ...list.map((x) => renameRuleColumn(x, from, to)));
  for (const x of r.cross_table ?? []) {
    const rel = doc.schema.relationships.find((y) => y.id === x.relationship_id);
    if (rel?.target_table_id === tableId && x.child_column === from) x.child_column = to;
    if (rel?.source_table_id === tableId && x.parent_column === from) x.parent_column = to;
  }
}

/** Applies `c` to `doc` in place (works on plain objects and Svelte `$state` proxies). */
export function applyCommand(doc: ProjectDoc, c: Command): void {
  switch (c.kind) {
    case 'project.update':
      assign(doc.project, c.after);
      return;
    case 'table.add':
      doc.schema.tables.splice(Math.min(c.index, doc.schema.tables.length), 0, clone(c.table));
      doc.schema.relationships.push(...clone(c.relationships));
      if (c.sample) doc.samples.set(c.table.id, c.sample);
      return;
    case 'table.remove': {
      const i = doc.schema.tables.findIndex((t) => t.id === c.table.id);
      if (i >= 0) doc.schema.tables.splice(i, 1);
      removeRelationships(doc, c.relationships);
      doc.samples.delete(c.table.id);
      return;
    }
    case 'table.update':
      assign(table(doc, c.tableId), c.after);
      return;
    case 'tables.move':
      for (const m of c.moves) {
        const t = table(doc, m.tableId);
        if (m.to) t.position = { x: m.to.x, y: m.to.y };
        else delete t.position;
      }
      return;
    case 'column.add': {
      const t = table(doc, c.tableId);
      t.columns.splice(Math.min(c.index, t.columns.length), 0, clone(c.column));
      doc.schema.relationships.push(...clone(c.relationships));
      return;
    }
    case 'column.remove': {
      const t = table(doc, c.tableId);
      const i = t.columns.findIndex((x) => x.id === c.column.id);
      if (i >= 0) t.columns.splice(i, 1);
      removeRelationships(doc, c.relationships);
      return;
    }
    case 'column.update': {
      const col = table(doc, c.tableId).columns.find((x) => x.id === c.columnId);
      if (!col) throw new Error(`No column ${c.columnId}`);
      const from = col.name;
      assign(col, c.after);
      if (c.after.name !== undefined) renameInRules(doc, c.tableId, from, c.after.name);
      return;
    }
    case 'relationship.add':
      doc.schema.relationships.push(clone(c.relationship));
      return;
    case 'relationship.remove':
      removeRelationships(doc, [c.relationship]);
      return;
    case 'relationship.update': {
      const r = doc.schema.relationships.find((x) => x.id === c.relationshipId);
      if (!r) throw new Error(`No relationship ${c.relationshipId}`);
      assign(r, c.after);
      return;
    }
    case 'sample.set':
      if (c.after) doc.samples.set(c.tableId, c.after);
      else doc.samples.delete(c.tableId);
      return;
    case 'rule.add': {
      const r = rulesOf(doc);
      r.tables[c.tableId] ??= [];
      // Re-read: on a Svelte state proxy, `x ??= []` evaluates to the raw array, whose changes go unseen.
      const list = r.tables[c.tableId];
      list.splice(Math.min(c.index, list.length), 0, clone(c.rule));
      return;
    }
    case 'rule.remove':
      removeAt(doc.project.rules?.tables[c.tableId] ?? [], c.rule, c.index);
      tidyRules(doc);
      return;
    case 'crossRule.add': {
      const r = rulesOf(doc);
      r.cross_table ??= [];
      const list = r.cross_table;
      list.splice(Math.min(c.index, list.length), 0, clone(c.rule));
      return;
    }
    case 'crossRule.remove':
      removeAt(doc.project.rules?.cross_table ?? [], c.rule, c.index);
      tidyRules(doc);
      return;
    case 'ruleSuggestion.dismiss': {
      const r = rulesOf(doc);
      r.dismissed ??= {};
      const d = r.dismissed;
      d[c.tableId] ??= [];
      const list = d[c.tableId];
      if (!list.includes(c.key)) list.push(c.key);
      return;
    }
    case 'ruleSuggestion.restore': {
      const list = doc.project.rules?.dismissed?.[c.tableId];
      if (list) removeAt(list, c.key, list.indexOf(c.key));
      tidyRules(doc);
      return;
    }
    case 'batch':
      for (const x of c.commands) applyCommand(doc, x);
      return;
  }
}

/** What a command changed, so persistence writes exactly those rows. */
export interface Touched {
  project: boolean;
  /** Table rows to write (or delete when gone). `allTableOrder` re-writes every table's order. */
  tables: Set<string>;
  allTableOrder: boolean;
  /** Tables whose column rows (and order) must be re-written. */
  columnsOf: Set<string>;
  /** Column ids that may have been removed. */
  columns: Set<string>;
  relationships: Set<string>;
  samples: Set<string>;
}

export function touchedBy(c: Command, acc: Touched = { project: false, tables: new Set(), allTableOrder: false, columnsOf: new Set(), columns: new Set(), relationships: new Set(), samples: new Set() }): Touched {
  switch (c.kind) {
    case 'project.update': acc.project = true; break;
    case 'table.add': case 'table.remove':
      acc.tables.add(c.table.id); acc.allTableOrder = true; acc.columnsOf.add(c.table.id);
      for (const col of c.table.columns) acc.columns.add(col.id);
      for (const r of c.relationships) acc.relationships.add(r.id);
      acc.samples.add(c.table.id);
      break;
    case 'table.update': acc.tables.add(c.tableId); break;
    case 'tables.move': for (const m of c.moves) acc.tables.add(m.tableId); break;
    case 'column.add': case 'column.remove':
      acc.columnsOf.add(c.tableId); acc.columns.add(c.column.id);
      for (const r of c.relationships) acc.relationships.add(r.id);
      break;
    case 'column.update': acc.columnsOf.add(c.tableId); if (c.after.name !== undefined) acc.project = true; break;
    case 'relationship.add': case 'relationship.remove': acc.relationships.add(c.relationship.id); break;
    case 'relationship.update': acc.relationships.add(c.relationshipId); break;
    case 'sample.set': acc.samples.add(c.tableId); break;
    case 'rule.add': case 'rule.remove': case 'crossRule.add': case 'crossRule.remove':
    case 'ruleSuggestion.dismiss': case 'ruleSuggestion.restore':
      acc.project = true; break;
    case 'batch': for (const x of c.commands) touchedBy(x, acc); break;
  }
  return acc;
}

/** Relationships that involve a table or column (removed with it, restored by undo). */
export function relationshipsOf(schema: Schema, ids: { tableId?: string; columnId?: string }): Relationship[] {
  return schema.relationships.filter((r) =>
    ids.tableId ? r.source_table_id === ids.tableId || r.target_table_id === ids.tableId
      : r.source_column_id === ids.columnId || r.target_column_id === ids.columnId);
}

/** Human label for the undo/redo buttons ("Undo add table"). */
export function describeCommand(c: Command): string {
  if (c.kind === 'batch') return c.label;
  const rules: Partial<Record<Command['kind'], string>> = {
    'rule.add': 'add rule', 'rule.remove': 'delete rule', 'crossRule.add': 'add cross-table rule', 'crossRule.remove': 'delete cross-table rule',
    'ruleSuggestion.dismiss': 'dismiss rule suggestion', 'ruleSuggestion.restore': 'restore rule suggestion'
  };
  return rules[c.kind] ?? c.kind.replace('.', ' ').replace('tables move', 'move');
}
