/**
 * SDMetrics DiagnosticReport: Data Validity (BoundaryAdherence, CategoryAdherence, KeyUniqueness),
 * Data Structure (TableStructure) and, for several tables, Relationship Validity
 * (ReferentialIntegrity, CardinalityBoundaryAdherence). Properties are means over their detail rows
 * (pooled over tables), the score the mean of the properties.
 */
import { keyColumns, rowKeys, storageType, type PreparedTable, type ScoredColumn } from './prepare';
import { keyName, type Relation } from './relations';
import { nanMean, num } from './quality';
import type { RelationshipValidityDetail, StructureDetail, ValidityDetail } from './types';

/** Share of synthetic values within the real [min, max] (missing handling as SDMetrics). */
export function boundaryAdherence(real: Float64Array, synth: Float64Array): number {
  let lo = Infinity, hi = -Infinity, realMissing = false;
  for (const v of real) {
    if (Number.isNaN(v)) { realMissing = true; continue; }
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo > hi) return NaN;
  let inside = 0, total = 0;
  for (const v of synth) {
    if (Number.isNaN(v)) { if (!realMissing) total++; continue; }
    total++;
    if (v >= lo && v <= hi) inside++;
  }
  return total ? inside / total : NaN;
}

/** Share of synthetic values (missing included) that occur among the real values (missing is a value). */
export function categoryAdherence(real: Float64Array, synth: Float64Array, k: number): number {
  const seen = new Uint8Array(k + 1);
  for (const v of real) seen[Number.isNaN(v) ? k : v] = 1;
  if (!synth.length) return NaN;
  let ok = 0;
  for (const v of synth) if (seen[Number.isNaN(v) ? k : v]) ok++;
  return ok / synth.length;
}

/** 1 − share of synthetic rows whose key is missing or repeats an earlier row. */
export function keyUniqueness(keys: (string | null)[]): number {
  if (!keys.length) return NaN;
  const seen = new Set<string>();
  let bad = 0;
  for (const k of keys) {
    if (k === null || seen.has(k)) { bad++; continue; }
    seen.add(k);
  }
  return 1 - bad / keys.length;
}

export function dataValidity(t: PreparedTable): ValidityDetail[] {
  const out: ValidityDetail[] = [];
  const keys = keyColumns(t.meta);
  const keyed = new Map<string, string[]>();
  for (const k of keys) keyed.set(k[0], k);
  const scored = new Map<string, ScoredColumn>(t.columns.map((c) => [c.name, c]));
  for (const name of Object.keys(t.meta.columns)) {
    const key = keyed.get(name);
    if (key) {
      out.push({ table: t.name, column: key.join(', '), metric: 'KeyUniqueness', score: num(keyUniqueness(rowKeys(t.synth, key, 'synthetic', t.name))) });
      continue;
    }
    const c = scored.get(name);
    if (!c) continue;
    if (c.shape === 'continuous') out.push({ table: t.name, column: name, metric: 'BoundaryAdherence', score: num(boundaryAdherence(c.real, c.synth)) });
    else out.push({ table: t.name, column: name, metric: 'CategoryAdherence', score: num(categoryAdherence(c.real, c.synth, c.categories.length)) });
  }
  return out;
}

/**
 * Storage type for TableStructure: text-like sdtypes (categorical, boolean, id, PII) are compared as
 * text, as the world fixture reads them (a categorical code column with a missing value would
 * otherwise flip between int64 and float64); numbers and datetimes as pandas would parse them.
 */
function structureType(values: (string | null)[], sdtype: string | undefined): string {
  if (sdtype !== undefined && sdtype !== 'numerical' && sdtype !== 'datetime') return 'object';
  return storageType(values, sdtype);
}

/** |A ∩ B| / |A ∪ B| over the (column name, storage type) sets of the two files. */
export function tableStructure(t: PreparedTable): StructureDetail {
  const sig = (tab: typeof t.real) => new Set(tab.names.map((n, i) => `${n}\u0000${structureType(tab.columns[i], t.meta.columns[n]?.sdtype)}`));
  const a = sig(t.real), b = sig(t.synth);
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  const union = a.size + b.size - inter;
  return { table: t.name, metric: 'TableStructure', score: union ? inter / union : 1 };
}

export function relationshipValidity(r: Relation): RelationshipValidityDetail[] {
  const base = {
    parent_table: r.rel.parent_table_name, child_table: r.rel.child_table_name,
    parent_primary_key: keyName(r.rel.parent_primary_key), child_foreign_key: keyName(r.rel.child_foreign_key)
  };
  // ReferentialIntegrity: missing FKs are ignored only if the real FK has missing values.
  const n = r.synth.parentOf.length;
  let valid = 0;
  for (const p of r.synth.parentOf) if (p >= 0) valid++;
  const denom = r.real.missingFk > 0 ? n - r.synth.missingFk : n;
  const ri = denom > 0 ? valid / denom : NaN;
  // CardinalityBoundaryAdherence: synthetic parents whose child count lies within the real [min, max].
  let lo = Infinity, hi = -Infinity;
  for (const c of r.real.counts) { if (c < lo) lo = c; if (c > hi) hi = c; }
  let inside = 0;
  for (const c of r.synth.counts) if (c >= lo && c <= hi) inside++;
  const cba = r.synth.counts.length ? inside / r.synth.counts.length : NaN;
  return [
    { ...base, metric: 'ReferentialIntegrity', score: num(ri) },
    { ...base, metric: 'CardinalityBoundaryAdherence', score: num(cba) }
  ];
}

export function diagnosticProperties(validity: ValidityDetail[], structure: StructureDetail[], relationships?: RelationshipValidityDetail[]) {
  const properties: { data_validity: number | null; data_structure: number | null; relationship_validity?: number | null } = {
    data_validity: nanMean(validity.map((d) => d.score)),
    data_structure: nanMean(structure.map((d) => d.score))
  };
  if (relationships) properties.relationship_validity = nanMean(relationships.map((d) => d.score));
  return { score: nanMean(Object.values(properties)), properties };
}
