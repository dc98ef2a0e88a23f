/**
 * The SDV metadata a generation run models, from the designer schema and the samples: a column with
 * a sample takes the type inferred from its data (date formats, PII, ids) unless the user declared a
 * PII-like type or an explicit sdtype; keys and foreign keys are always `id`; a table without a
 * sample keeps its declared types (schema-only generation).
 */
import { inferTable } from '../schema/formats/infer';
import { schemaToSdvMetadata } from '../schema/formats/sdv-metadata';
import type { ColumnarTable, DataType, Schema, SdvMetadata } from '../schema/model';

const DECLARED_WINS: ReadonlySet<DataType> = new Set(['uuid', 'email', 'phone', 'name', 'address', 'url']);

export function metadataForGeneration(schema: Schema, samples: Record<string, ColumnarTable | undefined>): SdvMetadata {
  const meta = schemaToSdvMetadata(schema);
  const fkIds = new Set(schema.relationships.map((r) => r.target_column_id));
  for (const t of schema.tables) {
    const sample = samples[t.name];
    if (!sample || !sample.columns.length || !sample.columns[0].length) continue;
    const fks = t.columns.filter((c) => fkIds.has(c.id)).map((c) => c.name).filter((n) => sample.names.includes(n));
    const inferred = inferTable(t.name, sample, { foreignKeys: fks }).sdv;
    const out = meta.tables[t.name];
    for (const c of t.columns) {
      const inf = inferred.columns[c.name];
      if (!inf) continue;
      const isKey = c.is_primary_key || fkIds.has(c.id);
      if (isKey || c.hints?.sdtype || DECLARED_WINS.has(c.data_type)) continue;
      // An inferred id that the user did not mark as a key is modelled as a category (SDV's rule).
      out.columns[c.name] = inf.sdtype === 'id' ? { sdtype: 'categorical' } : inf;
    }
  }
  return meta;
}
