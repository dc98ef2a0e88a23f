/**
 * The IndexedDB database (Dexie). Only this folder talks to IndexedDB.
 * Versioning: every schema change adds a `this.version(n + 1)` block with an upgrade function;
 * never edit a published version block.
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { FileCrossTableRule, FileTableRule } from '../schema/formats/schema-file';
import type { ResultChunkRow } from './results';

export type RelationshipType = 'one-to-one' | 'one-to-many' | 'many-to-many';

export interface ProjectRow {
  id: string;
  name: string;
  description?: string;
  /** Generation settings as the original product names them, plus a seed. */
  settings: {
    scale: number; sample_size?: number; quality_threshold: number; include_relationships: boolean; seed: number;
    /** Synthesizer (absent = Gaussian copula); CART applies to schemas without relationships. */
    synthesizer?: 'copula' | 'cart';
    /** Fidelity ↔ privacy 0..1 (absent = the synthesizer's default). */
    privacy?: number;
    /** Replace synthetic rows that reproduce a real row (absent = on). */
    new_rows_only?: boolean;
  };
  /** Ids of hint suggestions the user dismissed (`columnId:rule`), so they are not offered again. */
  dismissed_suggestions?: string[];
  /** Business rules (docs/rules.md). Unindexed, so no Dexie version bump. */
  rules?: ProjectRules;
  created_at: string;
  updated_at: string;
}

/**
 * A project's business rules, keyed by table id so a table rename keeps them (rules name columns;
 * a column rename rewrites them, see commands.ts). A cross-table rule follows a relationship by id:
 * parent = the relationship's source ("one" side), child = its target.
 */
export interface ProjectRules {
  tables: Record<string, FileTableRule[]>;
  cross_table?: StoredCrossRule[];
  /** Rule suggestions the user dismissed, per table id (keys from `ruleKey`), so they are not offered again. */
  dismissed?: Record<string, string[]>;
}

export type StoredCrossRule = Pick<FileCrossTableRule, 'child_column' | 'op' | 'parent_column'> & { relationship_id: string };

export interface TableRow {
  id: string;
  project_id: string;
  name: string;
  description?: string;
  /** Canvas position (Relationships tab). */
  position?: { x: number; y: number };
  order: number;
}

export interface ColumnRow {
  id: string;
  project_id: string;
  table_id: string;
  name: string;
  data_type: string;
  is_nullable: boolean;
  is_primary_key: boolean;
  is_unique: boolean;
  description?: string;
  /** Optional generation hints (min/max, categories, provider, …). */
  hints?: Record<string, unknown>;
  order: number;
}

/** Mirrors the original product's `relationships` table. source = the "one" side (referenced), target = the referencing side. */
export interface RelationshipRow {
  id: string;
  project_id: string;
  source_table_id: string;
  source_column_id: string;
  target_table_id: string;
  target_column_id: string;
  relationship_type: RelationshipType;
  created_at: string;
}

export interface SampleRow {
  id: string;
  project_id: string;
  table_id: string;
  file_name?: string;
  header: string[];
  /** Raw text cells, row-major; parsing/typing happens in the engine. */
  rows: string[][];
  created_at: string;
}

export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface RunRow {
  id: string;
  project_id?: string;
  status: RunStatus;
  progress: number;
  step?: string;
  request?: unknown;
  result?: unknown;
  error?: string;
  created_at: string;
  started_at?: string;
  finished_at?: string;
}

/** App-wide settings, one row per key. */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A saved learned model (see src/lib/engine/learned-model.ts); `model` is the plain JSON object. */
export interface ModelRow {
  id: string;
  name: string;
  /** The project it was fitted in (informative: the model holds its own schema and outlives the project). */
  project_id?: string;
  project_name?: string;
  synthesizer: 'copula' | 'cart' | 'hma';
  tables: string[];
  model: unknown;
  created_at: string;
}

export const API_ENABLED_KEY = 'api_enabled';

/** The local `/api/sdv` routes are on unless the user switched them off. */
export async function apiEnabled(d: StudioDB): Promise<boolean> {
  return (await d.settings.get(API_ENABLED_KEY))?.value !== false;
}

export async function setApiEnabled(d: StudioDB, on: boolean): Promise<void> {
  await d.settings.put({ key: API_ENABLED_KEY, value: on });
}

export class StudioDB extends Dexie {
  projects!: EntityTable<ProjectRow, 'id'>;
  // Not `tables`: Dexie reserves `db.tables` for its own list of stores.
  schemaTables!: EntityTable<TableRow, 'id'>;
  columns!: EntityTable<ColumnRow, 'id'>;
  relationships!: EntityTable<RelationshipRow, 'id'>;
  samples!: EntityTable<SampleRow, 'id'>;
  runs!: EntityTable<RunRow, 'id'>;
  settings!: EntityTable<SettingRow, 'key'>;
  models!: EntityTable<ModelRow, 'id'>;
  /** Column slices of each project's last generation run (results.ts); key [run_id, table, column, part]. */
  resultChunks!: Table<ResultChunkRow, [string, string, number, number]>;

  constructor(name = 'synthetic-data-studio') {
    super(name);
    this.version(1).stores({
      projects: 'id, name, updated_at',
      schemaTables: 'id, project_id, [project_id+name]',
      columns: 'id, project_id, table_id',
      relationships: 'id, project_id, source_table_id, target_table_id, source_column_id, target_column_id',
      samples: 'id, project_id, table_id',
      runs: 'id, project_id, status, created_at'
    });
    // v2: app-wide settings (e.g. whether the local /api/sdv routes answer).
    this.version(2).stores({ settings: 'key' });
    // v3: saved learned models ("Save model" in the Synthetic Data tab).
    this.version(3).stores({ models: 'id, project_id, created_at' });
    // v4: the synthetic tables of each project's last run, in packed column slices (results.ts);
    // the run's header (report, settings) is a `runs` row with the project's id.
    this.version(4).stores({ resultChunks: '[run_id+table+column+part], run_id, project_id' });
  }
}

let instance: StudioDB | undefined;

/** The app's database (one per origin). Tests may pass their own name for isolation. */
export function db(): StudioDB {
  instance ??= new StudioDB();
  return instance;
}

/** Asks the browser not to evict our data under storage pressure; returns whether it is persisted. */
export async function requestPersistentStorage(): Promise<boolean> {
  if (typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  return navigator.storage.persist();
}
