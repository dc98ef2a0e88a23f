/**
 * Samples the rows of ONE table of a multi-table model: from its copula, each row conditioned on its
 * own parent row's context values (per-row conditional Gaussian; a categorical parent value is a
 * random point inside its category's interval, as in the fit), or from the declared generators of a
 * schema-only table. Returns the text table (FK columns still null) and the model's raw child counts.
 */
import type { ColumnarTable } from '../../schema/model';
import type { Core } from '../wasm';
import { normalScoresOf, rowConditionalSampler } from '../copula/row-conditional';
import type { CopulaModel } from '../copula/types';
import { reverseTable, seededRng, transformTable, type TableTransformer } from '../transformers';
import { decodeUniformIndex } from '../transformers/uniform-encoder';
import { COUNT_PREFIX, HMA_PREFIX, PARENT_PREFIX, isHelperColumn } from './augment';
import { generateDeclared } from './schema-only';
import type { TableModel } from './types';

export interface SampledTable {
  table: ColumnarTable;
  /** Raw (unrounded) child counts per edge id, from the copula's count columns. */
  counts: Map<string, Float64Array>;
  /** HMA mode: raw per-parent parameter values of this table's children, by extension column name. */
  helpers?: Map<string, Float64Array>;
}

/** The transformer without the helper columns (context, counts): what the output table holds. */
function ownTransformer(tt: TableTransformer): TableTransformer {
  return {
    ...tt,
    names: tt.names.filter((n) => !isHelperColumn(n)),
    transformers: tt.transformers.filter((t) => !isHelperColumn(t.column)),
    modelColumns: tt.modelColumns.filter((c) => !isHelperColumn(c.source))
  };
}

/** Normal scores of the context columns for every row (orphans: all-null context, as in the fit). */
function contextScores(core: Core, tm: TableModel, copula: CopulaModel, parent: ColumnarTable, parentOf: Int32Array, condIdx: number[], seed: number): Float64Array[] {
  const n = parentOf.length;
  const rng = seededRng(seed, 7);
  const byColumn = new Map(copula.transformer.transformers.map((t) => [t.column, t]));
  const partial: ColumnarTable = { names: [], columns: [] };
  for (const c of tm.context) {
    const src = parent.columns[parent.names.indexOf(c.parentColumn)];
    const col: (string | null)[] = new Array(n);
    for (let r = 0; r < n; r++) col[r] = parentOf[r] >= 0 ? src[parentOf[r]] : null;
    const t = byColumn.get(c.name);
    if (t?.kind === 'categorical') {
      // A parent value the child's sample never saw under a parent: a category drawn by frequency.
      const known = new Set(t.encoder.categories);
      for (let r = 0; r < n; r++) if (!known.has(col[r])) col[r] = t.encoder.categories[decodeUniformIndex(t.encoder, rng.nextFloat())];
    }
    partial.names.push(c.name);
    partial.columns.push(col);
  }
  const m = transformTable(copula.transformer, partial, rng, { partial: true });
  const byName = new Map(m.columns.map((c) => [c.name, c.values]));
  return condIdx.map((j) => normalScoresOf(core, copula, j, byName.get(copula.columns[j].name)!));
}

export function sampleTableRows(core: Core, tm: TableModel, n: number, seed: number, locale: string, cond: { parent: ColumnarTable; parentOf: Int32Array } | null): SampledTable {
  const counts = new Map<string, Float64Array>();
  const out: ColumnarTable = { names: [...tm.names], columns: [] };
  const fk = new Set(tm.fkColumns);
  if (!tm.copula) {
    const cols = generateDeclared(tm.declared ?? [], n, seededRng(seed, 2), locale);
    out.columns = cols;
    return { table: out, counts };
  }
  const copula = tm.copula;
  const condIdx = cond && tm.context.length ? copula.columns.map((c, j) => (c.source.startsWith(PARENT_PREFIX) ? j : -1)).filter((j) => j >= 0) : [];
  const zCond = condIdx.length ? contextScores(core, tm, copula, cond!.parent, cond!.parentOf, condIdx, seed) : [];
  const rng = core.newRng(seed);
  let values: Float64Array[];
  try {
    values = rowConditionalSampler(core, copula, condIdx).sample(rng, n, zCond);
  } finally {
    core.free(rng);
  }
  return finishCopulaRows(tm, copula, values, n, seed);
}

/**
 * Model-space values of every copula column → the output table (own columns as text, FKs null), the
 * raw child counts (`__count.*`) and the raw HMA extension values (`__hma.*`, clipped to the range
 * seen in the fit, as SDV clips every parameter).
 */
export function finishCopulaRows(tm: TableModel, copula: CopulaModel, values: Float64Array[], n: number, seed: number): SampledTable {
  const counts = new Map<string, Float64Array>();
  const helpers = new Map<string, Float64Array>();
  const fk = new Set(tm.fkColumns);
  const index = new Map(copula.columns.map((c, j) => [c.name, j]));
  for (const t of copula.transformer.transformers) {
    if (t.column.startsWith(HMA_PREFIX)) {
      const v = t.kind === 'numerical' ? values[index.get(t.column)!].map((x) => Math.min(t.max, Math.max(t.min, x))) : new Float64Array(n).fill(t.kind === 'constant' ? Number(t.value ?? 0) : 0);
      helpers.set(t.column, v);
      continue;
    }
    if (!t.column.startsWith(COUNT_PREFIX)) continue;
    const edge = t.column.slice(COUNT_PREFIX.length);
    if (t.kind === 'numerical') counts.set(edge, values[index.get(t.column)!]);
    else if (t.kind === 'constant') counts.set(edge, new Float64Array(n).fill(Number(t.value ?? 0)));
  }
  const own = ownTransformer(copula.transformer);
  const matrix = { rows: n, columns: own.modelColumns.map((s) => ({ ...s, values: values[index.get(s.name)!] })) };
  const text = reverseTable(own, matrix, seededRng(seed, 2));
  const out: ColumnarTable = { names: [...tm.names], columns: tm.names.map((name) => (fk.has(name) ? new Array<string | null>(n).fill(null) : text.columns[text.names.indexOf(name)])) };
  return { table: out, counts, helpers };
}
