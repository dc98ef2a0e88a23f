/**
 * SDV metadata in its three JSON forms → the current `SdvMetadata` (V1):
 *   V1:               {"METADATA_SPEC_VERSION": "V1", "tables": {…}, "relationships": […]}
 *   MULTI_TABLE_V1:   same layout, older version tag
 *   SINGLE_TABLE_V1:  {"METADATA_SPEC_VERSION": "SINGLE_TABLE_V1", "columns": {…}, "primary_key": …}
 * A bare {"columns": {…}} is read as a single table too.
 */
import { AppError, type SdvMetadata, type SdvRelationship, type SdvTable } from '../../schema/model';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function table(raw: unknown, where: string): SdvTable {
  if (!isObj(raw) || !isObj(raw.columns)) throw new AppError('metadata/invalid', `${where} has no "columns" object`, { path: where });
  for (const [name, col] of Object.entries(raw.columns)) {
    if (!isObj(col) || typeof col.sdtype !== 'string') {
      throw new AppError('metadata/invalid', `${where}.columns.${name} needs an "sdtype" string`, { path: `${where}.columns.${name}` });
    }
  }
  return raw as unknown as SdvTable;
}

/** Normalises any accepted form; `singleName` names the table of a single-table form. */
export function normalizeMetadata(raw: unknown, singleName = 'table'): SdvMetadata {
  if (!isObj(raw)) throw new AppError('metadata/invalid', 'SDV metadata must be a JSON object');
  const version = raw.METADATA_SPEC_VERSION;
  if (isObj(raw.tables)) {
    if (version !== undefined && version !== 'V1' && version !== 'MULTI_TABLE_V1') {
      throw new AppError('metadata/version', `Unsupported METADATA_SPEC_VERSION "${String(version)}" for multi-table metadata`);
    }
    const tables: Record<string, SdvTable> = {};
    for (const [name, t] of Object.entries(raw.tables)) tables[name] = table(t, `tables.${name}`);
    const rels = raw.relationships ?? [];
    if (!Array.isArray(rels)) throw new AppError('metadata/invalid', '"relationships" must be an array', { path: 'relationships' });
    const relationships = rels.map((r, i) => {
      if (!isObj(r)) throw new AppError('metadata/invalid', `relationships[${i}] must be an object`, { path: `relationships[${i}]` });
      for (const k of ['parent_table_name', 'child_table_name', 'parent_primary_key', 'child_foreign_key']) {
        if (r[k] === undefined) throw new AppError('metadata/invalid', `relationships[${i}] lacks "${k}"`, { path: `relationships[${i}].${k}` });
      }
      for (const k of ['parent_table_name', 'child_table_name']) {
        if (!tables[r[k] as string]) throw new AppError('metadata/invalid', `relationships[${i}].${k} names an unknown table "${String(r[k])}"`, { path: `relationships[${i}].${k}` });
      }
      return r as unknown as SdvRelationship;
    });
    return { METADATA_SPEC_VERSION: 'V1', tables, relationships };
  }
  if (isObj(raw.columns)) {
    if (version !== undefined && version !== 'SINGLE_TABLE_V1' && version !== 'V1') {
      throw new AppError('metadata/version', `Unsupported METADATA_SPEC_VERSION "${String(version)}" for single-table metadata`);
    }
    const t = table(raw, 'metadata');
    const out: SdvTable = { columns: t.columns };
    if (t.primary_key !== undefined) out.primary_key = t.primary_key;
    if (t.alternate_keys !== undefined) out.alternate_keys = t.alternate_keys;
    return { METADATA_SPEC_VERSION: 'V1', tables: { [singleName]: out }, relationships: [] };
  }
  throw new AppError('metadata/invalid', 'SDV metadata needs a "tables" object (multi-table) or a "columns" object (single table)');
}
