/**
 * Fits the multi-table model (docs/multi-table.md): one Gaussian copula per table over its own
 * columns + its child counts + its primary parent's columns; children-per-parent, orphan rates and
 * junction-pair rules per relationship; fan-out of self-references; column generators for tables
 * without a sample. Tables are fitted parents first (graph order), so a child can read its parent's
 * fitted columns. A cycle without a nullable FK is rejected before any work.
 */
import { AppError, rowCount, type ColumnarTable, type SdvMetadata } from '../../schema/model';
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { fitCopula } from '../copula/fit';
import { fnv1a } from '../transformers/rng';
import { addContext, addCounts, contextColumns, countColumn, ownPart } from './augment';
import { DEFAULT_CARDINALITY, histogram } from './counts';
import { buildGraph, type FkEdge } from './graph';
import { childCounts, keyIndex, keyTuples, parentRows } from './keys';
import { declareColumns } from './schema-only';
import { fitCartTable } from './cart-fit';
import { fitHmaTables } from './hma-fit';
import { fitSimilarityLink } from './similarity';
import { checkHmaWidths, estimateHmaWidths } from './hma-width';
import { learnSelfRef } from './self-ref';
import { MULTI_MODEL_FORMAT, type CountSource, type EdgeModel, type MultiFitOptions, type MultiModel, type MultiWarning, type SelfRefModel, type TableModel } from './types';

/** Per-table seed: the run seed mixed with the table's name (stable under table reordering). */
export const tableSeed = (seed: number, table: string) => (seed ^ fnv1a(table)) >>> 0;

const DEFAULT_ROWS = 100;
const DEFAULT_SELF_REF: Omit<SelfRefModel, 'id'> = { rootRate: 0.1, fanOut: [[0, 55], [1, 15], [2, 15], [3, 15]], maxDepth: 0 };

function checkColumns(name: string, table: ColumnarTable, meta: SdvMetadata): void {
  const cols = meta.tables[name].columns;
  for (const c of Object.keys(cols)) if (!table.names.includes(c)) throw new AppError('multi/missing-column', `${name}.csv has no column "${c}", which the metadata describes`, { file: `${name}.csv`, column: c });
  for (const c of table.names) if (!cols[c]) throw new AppError('multi/unknown-column', `${name}.csv: column "${c}" is not in the metadata of table "${name}"`, { file: `${name}.csv`, line: 1, column: c });
  const n = rowCount(table);
  table.columns.forEach((col, i) => { if (col.length !== n) throw new AppError('multi/ragged-table', `${name}.csv: column "${table.names[i]}" has ${col.length} values, expected ${n}`, { file: `${name}.csv`, column: table.names[i] }); });
}

function cardinalityOf(opts: MultiFitOptions, e: FkEdge): Extract<CountSource, { kind: 'declared' }> {
  const s = opts.cardinality?.[e.id] ?? opts.cardinality?.[`${e.parent}->${e.child}`] ?? {};
  const min = s.min ?? DEFAULT_CARDINALITY.min;
  const max = s.max ?? Math.max(DEFAULT_CARDINALITY.max, min, s.mean !== undefined ? Math.ceil(s.mean * 3) : 0);
  const mean = s.mean ?? Math.min(max, Math.max(min, DEFAULT_CARDINALITY.mean));
  if (!(min >= 0 && min <= mean && mean <= max) || !Number.isInteger(min) || !Number.isInteger(max)) {
    throw new AppError('multi/bad-cardinality', `Relationship ${e.parent} → ${e.child}: children per parent need whole numbers 0 ≤ min ≤ mean ≤ max (got min ${min}, mean ${mean}, max ${max})`);
  }
  return { kind: 'declared', min, max, mean };
}

/** The reversible transformer of a fitted table model (copula or CART), if any. */
export const transformerOf = (tm: TableModel | undefined) => tm?.copula?.transformer ?? tm?.cart?.transformer;

/** Remaps a sub-task's progress into [from, to] of the whole run. */
export function subControl(ctl: RunControl | undefined, from: number, to: number, label: string): RunControl | undefined {
  if (!ctl) return undefined;
  return { signal: ctl.signal, onProgress: ctl.onProgress ? (p) => ctl.onProgress!({ fraction: from + (to - from) * p.fraction, step: `${label}: ${p.step}` }) : undefined };
}

export async function fitMulti(core: Core, tables: Record<string, ColumnarTable | undefined>, meta: SdvMetadata, opts: MultiFitOptions = {}, ctl?: RunControl): Promise<MultiModel> {
  const seed = opts.seed ?? opts.copula?.seed ?? 0;
  const synthesizer = opts.synthesizer ?? 'copula';
  if (!['copula', 'cart', 'hma'].includes(synthesizer)) throw new AppError('multi/bad-synthesizer', `Unknown synthesizer "${synthesizer}" (use copula, cart or hma)`);
  for (const name of Object.keys(tables)) {
    if (!meta.tables[name]) throw new AppError('multi/unknown-table', `Data was given for table "${name}", which the metadata does not describe`, { file: `${name}.csv` });
  }
  const data = (t: string): ColumnarTable | undefined => {
    const d = tables[t];
    return d && rowCount(d) > 0 ? d : undefined;
  };
  for (const t of Object.keys(meta.tables)) { const d = data(t); if (d) checkColumns(t, d, meta); }

  const declaredNullable = new Set(opts.nullable ?? []);
  const isNullable = (child: string, fk: string[]) => fk.some((c) => declaredNullable.has(`${child}.${c}`)) || (!!data(child) && keyTuples(data(child)!, fk, child).some((k) => k === null));
  const graph = buildGraph(meta, isNullable);
  const fkCols = new Map<string, Set<string>>();
  for (const e of graph.edges) for (const c of e.childKey) (fkCols.get(e.child) ?? fkCols.set(e.child, new Set()).get(e.child)!).add(c);

  // Relationship statistics from the samples.
  const links = new Map<string, { parentOf: Int32Array; counts: Int32Array | null; childKeys: (string | null)[] }>();
  for (const e of graph.edges) {
    const c = data(e.child);
    if (!c) continue;
    const childKeys = keyTuples(c, e.childKey, e.child);
    const p = data(e.parent);
    if (p) {
      const parentOf = parentRows(childKeys, keyIndex(keyTuples(p, e.parentKey, e.parent)));
      links.set(e.id, { parentOf, counts: childCounts(parentOf, rowCount(p)), childKeys });
    } else links.set(e.id, { parentOf: new Int32Array(childKeys.length).fill(-2), counts: null, childKeys });
  }

  const edges: Record<string, EdgeModel> = {};
  const selfRefs: Record<string, SelfRefModel> = {};
  for (const e of graph.edges) {
    const l = links.get(e.id);
    if (e.parent === e.child) {
      selfRefs[e.id] = l?.counts ? learnSelfRef(e.id, l.parentOf) : { id: e.id, ...DEFAULT_SELF_REF };
      continue;
    }
    let count: CountSource, childRows = 0, parentRowsN = 0, orphanRate = 0;
    if (l) {
      const nulls = l.childKeys.filter((k) => k === null).length;
      orphanRate = l.childKeys.length ? nulls / l.childKeys.length : 0;
    }
    if (l?.counts) {
      let min = Infinity, max = 0;
      for (const v of l.counts) { if (v < min) min = v; if (v > max) max = v; }
      count = { kind: 'column', column: countColumn(e.id), min: min === Infinity ? 0 : min, max };
      childRows = l.parentOf.filter((p) => p >= 0).length;
      parentRowsN = l.counts.length;
    } else if (l) {
      // Child sample without a parent sample: children per referenced key (parents with none unseen).
      const per = new Map<string, number>();
      for (const k of l.childKeys) if (k !== null) per.set(k, (per.get(k) ?? 0) + 1);
      count = { kind: 'empirical', values: histogram([...per.values()]) };
      childRows = l.childKeys.length - l.childKeys.filter((k) => k === null).length;
      parentRowsN = per.size;
    } else count = cardinalityOf(opts, e);
    edges[e.id] = { id: e.id, orphanRate, childRows, parentRows: parentRowsN, count, uniquePairs: false };
  }
  // Junction rule: a non-primary FK keeps (primary parent, this parent) pairs distinct if the sample did
  // (or, without a sample, if the primary key is made of the foreign keys).
  for (const [t, list] of [...graph.secondary, ...graph.deferred.map((e) => [e.child, [e]] as const)]) {
    const prim = graph.primary.get(t);
    if (!prim) continue;
    for (const s of list) {
      const d = data(t);
      if (d) {
        const a = links.get(prim.id)!.childKeys, b = links.get(s.id)!.childKeys;
        const seen = new Set<string>();
        let distinct = true, pairs = 0;
        for (let r = 0; r < a.length && distinct; r++) {
          if (a[r] === null || b[r] === null) continue;
          const k = a[r] + '\u0002' + b[r];
          if (seen.has(k)) distinct = false;
          seen.add(k);
          pairs++;
        }
        edges[s.id].uniquePairs = distinct && pairs > 1;
      } else {
        const pk = meta.tables[t].primary_key;
        const pkCols = pk === undefined ? [] : Array.isArray(pk) ? pk : [pk];
        edges[s.id].uniquePairs = [...prim.childKey, ...s.childKey].every((c) => pkCols.includes(c));
      }
    }
  }

  // HMA: width check before any work, then every sampled table children first.
  let warnings: MultiWarning[] = [];
  let hmaFits: Awaited<ReturnType<typeof fitHmaTables>> | null = null;
  if (synthesizer === 'hma') {
    warnings = checkHmaWidths(estimateHmaWidths(graph, meta, data, fkCols), opts.hma);
    const shrink = opts.hma?.shrinkage;
    if (shrink !== undefined && !(Number.isFinite(shrink) && shrink >= 0)) throw new AppError('multi/bad-option', `hma.shrinkage must be a number ≥ 0 (got ${shrink})`);
    const n = graph.order.length;
    hmaFits = await fitHmaTables(core, graph, meta, data, fkCols, links, opts, (t) => tableSeed(seed, t), (i, t) => subControl(ctl, i / n, (i + 1) / n, `fitting table ${t}`));
  }

  // Per-table models, parents first.
  const tablesOut: Record<string, TableModel> = {};
  const augmented = new Map<string, { table: ColumnarTable; meta: SdvMetadata['tables'][string] }>();
  const order = graph.order;
  for (let i = 0; i < order.length; i++) {
    const t = order[i];
    await checkpoint(ctl, i / order.length, `fitting table ${t}`);
    const d = data(t);
    const tmeta = meta.tables[t];
    const fks = fkCols.get(t) ?? new Set<string>();
    if (!d) {
      // Rows at scale 1: the setting, else the distinct keys a child sample references, else 100.
      const referenced = graph.edges.filter((e) => e.parent === t && edges[e.id]?.count.kind === 'empirical').map((e) => edges[e.id].parentRows);
      const rows = opts.rows?.[t] ?? (referenced.length ? Math.max(...referenced) : DEFAULT_ROWS);
      if (!Number.isInteger(rows) || rows < 0) throw new AppError('multi/bad-rows', `Rows of table "${t}" must be a whole number ≥ 0 (got ${rows})`);
      tablesOut[t] = { name: t, rows, names: Object.keys(tmeta.columns), fkColumns: [...fks], context: [], declared: declareColumns(t, tmeta, opts.hints?.[t], fks) };
      continue;
    }
    if (hmaFits) {
      const h = hmaFits.get(t)!;
      tablesOut[t] = { name: t, rows: rowCount(d), names: [...d.names], fkColumns: [...fks], copula: h.copula, context: [], ...(h.hma ? { hma: h.hma } : {}) };
      continue;
    }
    const own = ownPart(d, tmeta, fks);
    const aug = { table: { names: [...own.table.names], columns: [...own.table.columns] }, meta: { ...own.meta, columns: { ...own.meta.columns } } };
    const countCols = graph.edges.filter((e) => e.parent === t && e.child !== t && links.get(e.id)?.counts).map((e) => ({ edgeId: e.id, values: links.get(e.id)!.counts! }));
    addCounts(aug.table, aug.meta, countCols);
    augmented.set(t, { table: { names: [...aug.table.names], columns: [...aug.table.columns] }, meta: aug.meta });
    const prim = graph.primary.get(t);
    const sub = subControl(ctl, i / order.length, (i + 1) / order.length, `table ${t}`);
    if (synthesizer === 'cart') {
      const pm = prim ? tablesOut[prim.parent]?.cart : undefined;
      const link = prim && pm ? { model: pm, text: augmented.get(prim.parent)!.table, edgeId: prim.id, counts: links.get(prim.id)!.counts!, parentOf: links.get(prim.id)!.parentOf } : null;
      const { cart, cartContext } = await fitCartTable(core, t, aug, link, opts, tableSeed(seed, t), sub);
      tablesOut[t] = { name: t, rows: rowCount(d), names: [...d.names], fkColumns: [...fks], context: [], cart, cartContext };
      continue;
    }
    const parentModel = prim ? tablesOut[prim.parent]?.copula : undefined;
    const context = prim && parentModel ? contextColumns(parentModel, prim.id) : [];
    if (prim && context.length) {
      const pa = augmented.get(prim.parent)!;
      addContext(aug.table, aug.meta, context, pa.table, pa.meta, links.get(prim.id)!.parentOf);
    }
    const copula = await fitCopula(core, t, aug.table, aug.meta, { ...opts.copula, seed: tableSeed(seed, t) }, sub);
    tablesOut[t] = { name: t, rows: rowCount(d), names: [...d.names], fkColumns: [...fks], copula, context };
  }
  // Secondary parents by similarity: which parent column the child's own columns predict.
  if (opts.similarity_linking !== false) {
    for (const e of [...[...graph.secondary.values()].flat(), ...graph.deferred]) {
      const c = data(e.child), p = data(e.parent), l = links.get(e.id);
      const ct = transformerOf(tablesOut[e.child]), pt = transformerOf(tablesOut[e.parent]);
      if (!c || !p || !l?.counts || !ct || !pt) continue;
      const link = fitSimilarityLink(ct, c, pt, p, l.parentOf, tableSeed(seed, e.id));
      if (link) edges[e.id].link = link;
    }
  }
  await checkpoint(ctl, 1, 'model fitted');
  const nullable: Record<string, boolean> = {};
  for (const e of graph.edges) nullable[e.id] = e.nullable;
  return { format: MULTI_MODEL_FORMAT, version: 1, metadata: meta, nullable, tables: tablesOut, edges, selfRefs, seed, locale: opts.copula?.locale ?? 'en', ...(synthesizer !== 'copula' ? { synthesizer } : {}), ...(warnings.length ? { warnings } : {}) };
}
