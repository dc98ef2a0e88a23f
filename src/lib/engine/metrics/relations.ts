/**
 * Parent/child bookkeeping for multi-table metrics: children per parent (Cardinality,
 * CardinalityBoundaryAdherence), the child → parent row join (Intertable Trends) and foreign-key
 * validity (ReferentialIntegrity). Keys are compared as text, composite keys part by part.
 */
import type { SdvRelationship } from '../../schema/model';
import { rowKeys, type PreparedTable } from './prepare';

export const keyList = (k: string | string[]): string[] => (Array.isArray(k) ? k : [k]);
export const keyName = (k: string | string[]): string => keyList(k).join(', ');

export interface RelationSide {
  /** child count per parent row (0 included) */
  counts: Float64Array;
  /** parent row index of every child row, −1 when its key is missing or unknown */
  parentOf: Int32Array;
  /** child rows whose foreign key is missing */
  missingFk: number;
}

function side(parentKeys: (string | null)[], childKeys: (string | null)[]): RelationSide {
  const index = new Map<string, number>();
  parentKeys.forEach((k, i) => { if (k !== null && !index.has(k)) index.set(k, i); });
  const counts = new Float64Array(parentKeys.length);
  const parentOf = new Int32Array(childKeys.length);
  let missingFk = 0;
  childKeys.forEach((k, i) => {
    if (k === null) { missingFk++; parentOf[i] = -1; return; }
    const p = index.get(k);
    if (p === undefined) { parentOf[i] = -1; return; }
    parentOf[i] = p;
    counts[p]++;
  });
  return { counts, parentOf, missingFk };
}

export interface Relation {
  rel: SdvRelationship;
  parent: PreparedTable;
  child: PreparedTable;
  real: RelationSide;
  synth: RelationSide;
}

export function relate(rel: SdvRelationship, parent: PreparedTable, child: PreparedTable): Relation {
  const pk = keyList(rel.parent_primary_key), fk = keyList(rel.child_foreign_key);
  return {
    rel, parent, child,
    real: side(rowKeys(parent.real, pk, 'real', parent.name), rowKeys(child.real, fk, 'real', child.name)),
    synth: side(rowKeys(parent.synth, pk, 'synthetic', parent.name), rowKeys(child.synth, fk, 'synthetic', child.name))
  };
}

/** Values of `col` gathered through `parentOf` for the child rows that have a parent. */
export function gather(col: Float64Array, parentOf: Int32Array): Float64Array {
  let n = 0;
  for (const p of parentOf) if (p >= 0) n++;
  const out = new Float64Array(n);
  let w = 0;
  for (const p of parentOf) if (p >= 0) out[w++] = col[p];
  return out;
}

/** The child column restricted to rows that have a parent (the inner join). */
export function joinedChild(col: Float64Array, parentOf: Int32Array): Float64Array {
  let n = 0;
  for (const p of parentOf) if (p >= 0) n++;
  const out = new Float64Array(n);
  let w = 0;
  for (let i = 0; i < parentOf.length; i++) if (parentOf[i] >= 0) out[w++] = col[i];
  return out;
}
