/**
 * The open project: its in-memory document (runes state), every edit as an undoable command
 * (history.svelte.ts) and autosave to IndexedDB after each command (schema-repo.ts).
 * Components call these methods; they never touch Dexie or parse files themselves.
 */
import { SvelteMap } from 'svelte/reactivity';
import { db } from '$lib/db/db';
import { applyCommand, beforeOf, clone, invertCommand, relationshipsOf, type ColumnPatch, type Command, type Point, type ProjectDoc, type ProjectPatch } from '$lib/db/commands';
import { loadProjectDoc, persistCommand } from '$lib/db/schema-repo';
import { parseCsvText } from '$lib/schema/csv';
import { AppError, type Column, type Relationship, type RelationshipType, type Table } from '$lib/schema/model';
import { uniqueName } from '$lib/schema/names';
import { orientProposal, validateRelationship, type RelationshipProposal, type RuleResult } from '$lib/schema/relationship-rules';
import { applySuggestion, suggestHints, type HintSuggestion } from '$lib/schema/suggest-hints';
import { History } from './history.svelte';
import { headerMismatch, sampleFromCsv } from './csv-table';
import { junctionFor } from './junction';
import { autoLayout, openPosition, tableSize } from './layout';
import { selection } from './selection.svelte';

export type SaveState = 'saved' | 'saving' | 'error';

export class ProjectStore {
  doc = $state<ProjectDoc | null>(null);
  loading = $state(false);
  loadError = $state('');
  saveState = $state<SaveState>('saved');
  saveError = $state('');
  history = new History();
  #pending = 0;
  /** Serialises saves so they reach IndexedDB in command order. */
  #queue: Promise<void> = Promise.resolve();

  get schema() { return this.doc?.schema ?? { tables: [], relationships: [] }; }

  async open(id: string) {
    this.loading = true;
    this.loadError = '';
    this.history.clear();
    selection.clear();
    try {
      const doc = await loadProjectDoc(db(), id);
      if (!doc) { this.doc = null; this.loadError = 'This project does not exist on this device (it may have been deleted).'; return; }
      doc.samples = new SvelteMap(doc.samples);
      this.doc = doc;
    } catch (e) {
      this.loadError = e instanceof Error ? e.message : String(e);
    } finally {
      this.loading = false;
    }
  }

  close() { this.doc = null; this.history.clear(); selection.clear(); }

  // ---- the one path every edit takes -----------------------------------------------------------

  dispatch(c: Command) {
    if (!this.doc) return;
    applyCommand(this.doc, c);
    this.history.record(c);
    this.#save(c);
  }

  undo() {
    const c = this.history.takeUndo();
    if (!c || !this.doc) return;
    const inv = invertCommand(c);
    applyCommand(this.doc, inv);
    this.#save(inv);
  }

  redo() {
    const c = this.history.takeRedo();
    if (!c || !this.doc) return;
    applyCommand(this.doc, c);
    this.#save(c);
  }

  #save(c: Command) {
    const doc = this.doc!;
    this.#pending++;
    this.saveState = 'saving';
    this.#queue = this.#queue.then(() => persistCommand(db(), doc, c)).then(
      () => { if (--this.#pending === 0 && this.saveState !== 'error') this.saveState = 'saved'; },
      (e) => { this.#pending--; this.saveState = 'error'; this.saveError = e instanceof Error ? e.message : String(e); }
    );
  }

  /** Resolves when every queued save reached IndexedDB (tests, navigation). */
  flush(): Promise<void> { return this.#queue; }

  // ---- lookups ------------------------------------------------------------------------------------

  table(id: string): Table | undefined { return this.schema.tables.find((t) => t.id === id); }
  column(tableId: string, columnId: string): Column | undefined { return this.table(tableId)?.columns.find((c) => c.id === columnId); }

  // ---- project ------------------------------------------------------------------------------------

  updateProject(after: ProjectPatch) {
    if (!this.doc) return;
    this.dispatch({ kind: 'project.update', before: beforeOf(this.doc.project, after), after: clone(after) });
  }

  updateSettings(patch: Partial<ProjectDoc['project']['settings']>) {
    if (!this.doc) return;
    this.updateProject({ settings: { ...clone(this.doc.project.settings), ...patch } });
  }

  // ---- tables -------------------------------------------------------------------------------------

  addTable(): Table {
    const tables = this.schema.tables;
    const table: Table = {
      id: crypto.randomUUID(),
      name: uniqueName('table', tables.map((t) => t.name)),
      columns: [{ id: crypto.randomUUID(), name: 'id', data_type: 'integer', is_nullable: false, is_primary_key: true, is_unique: true }]
    };
    table.position = openPosition(tables, tableSize(table));
    this.dispatch({ kind: 'table.add', table, index: tables.length, relationships: [] });
    return table;
  }

  updateTable(id: string, after: { name?: string; description?: string }) {
    const t = this.table(id);
    if (t) this.dispatch({ kind: 'table.update', tableId: id, before: beforeOf(t, after), after });
  }

  removeTable(id: string) {
    const index = this.schema.tables.findIndex((t) => t.id === id);
    if (index < 0) return;
    const table = clone(this.schema.tables[index]);
    const sample = this.doc!.samples.get(id);
    this.dispatch({ kind: 'table.remove', table, index, relationships: clone(relationshipsOf(this.schema, { tableId: id })), sample });
    if (selection.is('table', id)) selection.clear();
  }

  moveTables(moves: { tableId: string; to: Point }[]) {
    const list = moves
      .map((m) => ({ tableId: m.tableId, from: clone(this.table(m.tableId)?.position), to: { x: Math.round(m.to.x), y: Math.round(m.to.y) } }))
      .filter((m) => !m.from || m.from.x !== m.to.x || m.from.y !== m.to.y);
    if (list.length) this.dispatch({ kind: 'tables.move', moves: list });
  }

  async autoLayout() {
    const positions = await autoLayout(this.schema);
    this.moveTables([...positions].map(([tableId, to]) => ({ tableId, to })));
  }

  // ---- columns ------------------------------------------------------------------------------------

  addColumn(tableId: string): Column | undefined {
    const t = this.table(tableId);
    if (!t) return;
    const column: Column = {
      id: crypto.randomUUID(), name: uniqueName('column', t.columns.map((c) => c.name)), data_type: 'string',
      is_nullable: true, is_primary_key: false, is_unique: false
    };
    this.dispatch({ kind: 'column.add', tableId, column, index: t.columns.length, relationships: [] });
    return column;
  }

  updateColumn(tableId: string, columnId: string, after: ColumnPatch) {
    const c = this.column(tableId, columnId);
    if (!c) return;
    // A primary key is unique and never null: keep the flags coherent in the same undo step.
    const patch: ColumnPatch = { ...after };
    if (patch.is_primary_key) { patch.is_nullable = false; patch.is_unique = true; }
    this.dispatch({ kind: 'column.update', tableId, columnId, before: beforeOf(c, patch), after: clone(patch) });
  }

  removeColumn(tableId: string, columnId: string) {
    const t = this.table(tableId);
    const index = t?.columns.findIndex((c) => c.id === columnId) ?? -1;
    if (!t || index < 0) return;
    this.dispatch({ kind: 'column.remove', tableId, column: clone(t.columns[index]), index, relationships: clone(relationshipsOf(this.schema, { columnId })) });
  }

  // ---- suggestions --------------------------------------------------------------------------------

  suggestionsFor(tableId: string, column: Column): HintSuggestion[] {
    const t = this.table(tableId);
    if (!t || !this.doc) return [];
    const sample = this.doc.samples.get(tableId);
    const idx = sample?.header.indexOf(column.name) ?? -1;
    const values = sample && idx >= 0 ? sample.rows.slice(0, 5000).map((r) => r[idx] ?? null) : [];
    const hasKey = t.columns.some((c) => c.is_primary_key && c.id !== column.id);
    const dismissed = new Set(this.doc.project.dismissed_suggestions ?? []);
    return suggestHints(column, values, hasKey).filter((s) => !dismissed.has(s.id));
  }

  acceptSuggestion(tableId: string, column: Column, s: HintSuggestion) {
    const next = applySuggestion(column, s);
    const { id: _id, ...patch } = next;
    this.updateColumn(tableId, column.id, patch);
  }

  dismissSuggestion(s: HintSuggestion) {
    if (!this.doc) return;
    this.updateProject({ dismissed_suggestions: [...(this.doc.project.dismissed_suggestions ?? []), s.id] });
  }

  // ---- relationships ------------------------------------------------------------------------------

  check(p: RelationshipProposal, ignoreId?: string): RuleResult {
    return validateRelationship(this.schema, p, ignoreId);
  }

  /** A drag from one column to another, oriented (key = "one" side) and validated. */
  propose(from: { tableId: string; columnId: string }, to: { tableId: string; columnId: string }, type: RelationshipType = 'one-to-many') {
    const proposal = orientProposal(this.schema, from, to, type);
    const result = this.check(proposal);
    return { proposal, result, reason: result.ok ? null : result.errors.map((e) => e.message).join('. ') };
  }

  describeEnd(tableId: string, columnId: string): string {
    return `${this.table(tableId)?.name ?? '?'}.${this.column(tableId, columnId)?.name ?? '?'}`;
  }

  /**
   * Creates a relationship after validation (throws AppError with the reason when refused).
   * Many-to-many with `junction` creates a junction table with two one-to-many foreign keys.
   */
  addRelationship(p: RelationshipProposal, opts: { junction?: boolean } = {}): void {
    const result = this.check(p);
    if (!result.ok) throw new AppError(result.errors[0].code, result.errors.map((e) => e.message).join('. '));
    if (p.relationship_type === 'many-to-many' && opts.junction) {
      const { table, relationships } = junctionFor(this.schema, { tableId: p.source_table_id, columnId: p.source_column_id }, { tableId: p.target_table_id, columnId: p.target_column_id });
      const a = this.table(p.source_table_id)?.position, b = this.table(p.target_table_id)?.position;
      table.position = openPosition(this.schema.tables, tableSize(table), a && b ? { x: Math.round((a.x + b.x) / 2), y: Math.round(Math.max(a.y, b.y) + 260) } : undefined);
      this.dispatch({ kind: 'table.add', table, index: this.schema.tables.length, relationships });
      return;
    }
    const rel: Relationship = { id: crypto.randomUUID(), ...p, created_at: new Date().toISOString() };
    const commands: Command[] = [{ kind: 'relationship.add', relationship: rel }];
    const fk = this.column(p.target_table_id, p.target_column_id);
    if (p.relationship_type === 'one-to-one' && fk && !fk.is_unique && !fk.is_primary_key) {
      commands.push({ kind: 'column.update', tableId: p.target_table_id, columnId: fk.id, before: { is_unique: false }, after: { is_unique: true } });
    }
    this.dispatch(commands.length === 1 ? commands[0] : { kind: 'batch', label: 'add relationship', commands });
  }

  setRelationshipType(id: string, type: RelationshipType): RuleResult {
    const r = this.schema.relationships.find((x) => x.id === id);
    if (!r) throw new AppError('rel/unknown', 'That relationship no longer exists');
    const result = this.check({ ...r, relationship_type: type }, id);
    if (result.ok) this.dispatch({ kind: 'relationship.update', relationshipId: id, before: { relationship_type: r.relationship_type }, after: { relationship_type: type } });
    return result;
  }

  removeRelationship(id: string) {
    const r = this.schema.relationships.find((x) => x.id === id);
    if (!r) return;
    this.dispatch({ kind: 'relationship.remove', relationship: clone(r) });
    if (selection.is('relationship', id)) selection.clear();
  }

  // ---- samples ------------------------------------------------------------------------------------

  /** Loads or replaces a table's sample. Returns a warning when the header differs from the columns. */
  async setSampleFromCsv(tableId: string, file: File): Promise<string | null> {
    const t = this.table(tableId);
    if (!this.doc || !t) throw new AppError('project/closed', 'Open a project first');
    const data = parseCsvText(await file.text(), file.name);
    const sample = sampleFromCsv(this.doc.project.id, tableId, file.name, data);
    this.dispatch({ kind: 'sample.set', tableId, before: this.doc.samples.get(tableId) ?? null, after: sample });
    const diff = headerMismatch(t, data.names);
    return diff ? `${file.name} does not match ${t.name}: ${diff}` : null;
  }

  removeSample(tableId: string) {
    const s = this.doc?.samples.get(tableId);
    if (s) this.dispatch({ kind: 'sample.set', tableId, before: s, after: null });
  }
}

export const project = new ProjectStore();
