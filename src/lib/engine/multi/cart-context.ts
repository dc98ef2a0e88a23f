/**
 * Context features of a child table's CART trees (synthesizer 'cart'): its primary parent's modelled
 * columns, read through the PARENT's CART transformer (so fit and sample see the same encoding), with
 * categories and missing indicators as category codes (split as category sets), plus the parent's
 * number of children in this relationship. Gathered per child row through the FK; an orphan row
 * (no parent) gets NaN everywhere, which the trees treat as missing.
 */
import type { ColumnarTable } from '../../schema/model';
import type { ModelColumnSpec } from '../transformers';
import type { CartModel } from '../cart';
import { encoderOf, toCodes } from '../cart/model-columns';
import { seededRng, transformTable, type ModelMatrix } from '../transformers';
import { isHelperColumn, PARENT_PREFIX } from './augment';

/** Which parent features a child's trees read (stored in the child's TableModel). */
export interface CartContextSpec {
  /** Model columns of the parent's CART transformer used as features (its own columns only). */
  columns: string[];
  /** Category count per feature (0 = numeric), the parent's count feature included (numeric, last). */
  classes: number[];
  /** The relationship whose per-parent child count is the last feature, or null. */
  countEdge: string | null;
}

export const cartContextName = (column: string) => PARENT_PREFIX + column;

/** The features a child of `parent` (through `edgeId`) may split on. */
export function cartContextSpec(parent: CartModel, edgeId: string | null): CartContextSpec {
  const tt = parent.transformer;
  const pools = poolsOf(parent);
  const own = tt.modelColumns.filter((s) => !isHelperColumn(s.source));
  // A column whose every category is pooled (keys, names: near-unique) is drawn independently of the
  // rest of a synthetic parent row; children split on it would follow it and lose the trends with the
  // parent's other columns. So it is a feature only when the parent has no other column (continents).
  const fullyPooled = (s: ModelColumnSpec) => {
    const enc = encoderOf(tt, s), pool = pools.get(s.name);
    return !!(enc && pool && pool.size >= enc.categories.length);
  };
  const informative = own.filter((s) => !fullyPooled(s));
  const specs = informative.length ? informative : own;
  // classes K + 1: pooled categories read as one code K; K: raw codes (the parent's only columns)
  const classes = specs.map((s) => (encoderOf(tt, s)?.categories.length ?? 0) + (informative.length && pools.has(s.name) ? 1 : 0));
  return { columns: specs.map((s) => s.name), classes: edgeId ? [...classes, 0] : classes, countEdge: edgeId };
}

/** Pooled rare categories per categorical model column of a CART model. */
function poolsOf(model: CartModel): Map<string, Set<number>> {
  return new Map(model.columns.filter((c) => c.rarePool.length).map((c) => [c.name, new Set(c.rarePool)]));
}

/** Parent feature columns, one value per PARENT row (codes for categories). */
export function parentFeatures(parent: CartModel, spec: CartContextSpec, parentText: ColumnarTable, counts: ArrayLike<number> | null, seed: number): Float64Array[] {
  const tt = parent.transformer;
  const own: ColumnarTable = { names: [], columns: [] };
  parentText.names.forEach((nm, i) => { if (!isHelperColumn(nm) && tt.names.includes(nm)) { own.names.push(nm); own.columns.push(parentText.columns[i]); } });
  const m = transformTable(tt, own, seededRng(seed, 0x63747820), { partial: true });
  const byName = new Map(m.columns.map((c) => [c.name, c]));
  const pools = poolsOf(parent);
  const out = spec.columns.map((name, i) => {
    const c = byName.get(name)!;
    const enc = encoderOf(tt, c);
    if (!enc) return c.values;
    const codes = toCodes(enc, c.values), pool = pools.get(name);
    // a pooled (rare) category is one value, K, in the fit and in sampling alike
    return pool && spec.classes[i] > enc.categories.length ? codes.map((k) => (pool.has(k) ? enc.categories.length : k)) : codes;
  });
  if (spec.countEdge) out.push(Float64Array.from(counts ?? new Float64Array(m.rows)));
  return out;
}

/** The child's context matrix: parent features gathered by each child row's parent (NaN for orphans). */
export function gatherContext(spec: CartContextSpec, features: Float64Array[], parentOf: Int32Array): ModelMatrix {
  const n = parentOf.length;
  const names = [...spec.columns.map(cartContextName), ...(spec.countEdge ? [cartContextName(`__count.${spec.countEdge}`)] : [])];
  return {
    rows: n,
    columns: features.map((f, i) => {
      const v = new Float64Array(n);
      for (let r = 0; r < n; r++) v[r] = parentOf[r] >= 0 ? f[parentOf[r]] : NaN;
      return { name: names[i], source: names[i], role: 'value' as const, values: v, marginalHint: 'auto' as const };
    })
  };
}
