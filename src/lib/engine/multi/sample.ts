/**
 * Samples every table of a multi-table model top-down (graph order):
 *  1. roots: Sample Size rows (or sample rows × Data Scale), unconditionally — their child-count
 *     columns come along;
 *  2. each child: its primary parent's counts are rounded, clipped to the sample's [min, max] and
 *     adjusted to the target total (child rows × parent growth), orphans are added at the sample's
 *     null-FK rate, and every child row is sampled conditioned on its parent row; FK = parent key;
 *  3. secondary parents and cycle-breaking FKs: capacity-limited assignment (assign.ts);
 *  4. self-references: a forest with the sample's root share and fan-out (self-ref.ts).
 * With include_relationships = false every table is sampled on its own and FKs point to random
 * parents (still valid). Referential integrity holds by construction.
 */
import { AppError, type ColumnarTable } from '../../schema/model';
import type { Core } from '../wasm';
import { checkpoint, type RunControl } from '../progress';
import { seededRng, type Rng } from '../transformers/rng';
import { countColumn } from './augment';
import { assignParents, pickRows } from './assign';
import { countRange, drawCounts, enforceTotal } from './counts';
import { tableSeed, transformerOf } from './fit';
import { similarityScores } from './similarity';
import { buildGraph, type FkEdge } from './graph';
import { columnOf, writeForeignKey } from './keys';
import { sampleTableRows } from './sample-table';
import { sampleCartRows } from './sample-table-cart';
import { sampleHmaRows } from './sample-table-hma';
import { buildForest } from './self-ref';
import { MULTI_MODEL_FORMAT, type EdgeModel, type MultiModel, type MultiSampleOptions } from './types';

interface Synth {
  table: ColumnarTable;
  /** Synthetic rows / base rows: how much this table grew (children follow it). */
  factor: number;
  rawCounts: Map<string, Float64Array>;
  /** Counts after rounding/adjustment, per edge id (set when the child is generated). */
  counts: Map<string, Int32Array>;
  /** HMA mode: sampled per-parent parameters of this table's children (extension columns). */
  helpers: Map<string, Float64Array>;
}

function checkOptions(o: MultiSampleOptions): Required<Omit<MultiSampleOptions, 'sample_size'>> & { sample_size?: number } {
  const scale = o.scale ?? 1;
  if (!(Number.isFinite(scale) && scale >= 0)) throw new AppError('multi/bad-scale', `Data Scale must be a number ≥ 0 (got ${o.scale})`);
  if (o.sample_size !== undefined && !(Number.isInteger(o.sample_size) && o.sample_size >= 0)) throw new AppError('multi/bad-sample-size', `Sample Size must be a whole number ≥ 0 (got ${o.sample_size})`);
  const seed = o.seed ?? 0;
  if (!Number.isFinite(seed)) throw new AppError('multi/bad-seed', `The seed must be a number (got ${o.seed})`);
  return { scale, seed, include_relationships: o.include_relationships ?? true, sample_size: o.sample_size };
}

/** Children per parent row for edge `em`, adjusted to `target` total. */
function finalCounts(em: EdgeModel, parent: Synth, target: number, rng: Rng): Int32Array {
  const n = parent.table.columns[0]?.length ?? 0;
  const src = em.count;
  const raw = src.kind === 'column' ? parent.rawCounts.get(em.id) ?? new Float64Array(n).fill(src.min) : drawCounts(src, n, rng);
  const [min, max] = countRange(src);
  return enforceTotal(raw, min, max, target, rng);
}

/** Target children of a relationship: the sample's linked children × the parent's growth. */
function targetOf(em: EdgeModel, parent: Synth, parentRows: number): number {
  if (em.count.kind === 'declared') return Math.round(parentRows * em.count.mean);
  return Math.round(em.childRows * (em.parentRows ? parentRows / em.parentRows : parent.factor));
}

function keyParts(s: Synth, cols: string[], name: string): (string | null)[][] {
  return cols.map((c) => columnOf(s.table, c, name));
}

function dropRows(t: ColumnarTable, keep: Uint8Array): void {
  t.columns = t.columns.map((col) => col.filter((_, i) => keep[i]));
}

export async function sampleMulti(core: Core, model: MultiModel, options: MultiSampleOptions = {}, ctl?: RunControl): Promise<Record<string, ColumnarTable>> {
  if (model?.format !== MULTI_MODEL_FORMAT) throw new AppError('multi/bad-model', 'This is not a multi-table model (wrong or missing format tag)');
  const o = checkOptions(options);
  const nullableOf = (child: string, fk: string[]) => Object.entries(model.nullable).some(([id, v]) => v && id.startsWith(`${child}.${fk.join('+')}->`));
  const graph = buildGraph(model.metadata, nullableOf);
  const synth = new Map<string, Synth>();
  const rels = o.include_relationships;

  for (let ti = 0; ti < graph.order.length; ti++) {
    const t = graph.order[ti];
    await checkpoint(ctl, ti / (graph.order.length + 1), `sampling table ${t}`);
    const tm = model.tables[t];
    const seed = tableSeed(o.seed, t);
    const rng = seededRng(seed, 11);
    const prim = graph.primary.get(t);
    const parent = prim ? synth.get(prim.parent)! : null;
    let n: number, factor: number;
    let parentOf: Int32Array | null = null;
    if (!prim) {
      n = o.sample_size ?? Math.round(tm.rows * o.scale);
      factor = tm.rows ? n / tm.rows : o.scale;
    } else {
      const em = model.edges[prim.id];
      const pn = parent!.table.columns[0]?.length ?? 0;
      const max = countRange(em.count)[1];
      if (rels) {
        const counts = finalCounts(em, parent!, targetOf(em, parent!, pn), rng);
        parent!.counts.set(prim.id, counts);
        let linked = 0;
        for (const c of counts) linked += c;
        const orphans = em.orphanRate >= 1 ? Math.round(tm.rows * parent!.factor) : Math.round((linked * em.orphanRate) / (1 - em.orphanRate));
        n = linked + orphans;
        parentOf = new Int32Array(n).fill(-1);
        let w = 0;
        for (let p = 0; p < counts.length; p++) for (let c = 0; c < counts[p]; c++) parentOf[w++] = p;
      } else {
        n = Math.round((tm.rows || targetOf(em, parent!, pn)) * (tm.rows ? parent!.factor : 1));
        parentOf = new Int32Array(n).fill(-1);
        const linked = pickRows(n, prim.nullable ? Math.round(n * (1 - em.orphanRate)) : n, rng);
        const cap = max <= 1 ? new Int32Array(pn).fill(1) : null;
        const got = assignParents({ rows: linked, childRows: n, parents: pn, capacity: cap }, rng);
        parentOf.set(got);
      }
      factor = tm.rows ? n / tm.rows : parent!.factor;
    }
    let sampled;
    if (tm.cart) {
      const pm = prim ? model.tables[prim.parent].cart : undefined;
      // Without relationships the trees still need parent features: a random parent row per child
      // (independent of the FK written below), so the marginals mix over parents and no trend is kept.
      const ctxOf = rels ? parentOf : prim ? randomParents(n, parent!.table.columns[0]?.length ?? 0, rng) : null;
      const cond = prim && parent && pm ? { parentModel: pm, parent: parent.table, counts: parent.counts.get(prim.id) ?? parent.rawCounts.get(prim.id) ?? null, parentOf: ctxOf! } : null;
      sampled = await sampleCartRows(core, tm, n, seed, cond);
    } else if (tm.hma && prim && parent) {
      sampled = sampleHmaRows(core, tm, n, seed, rels ? { helpers: parent.helpers, parentOf: parentOf! } : null);
    } else {
      const cond = rels && prim && parent && tm.context.length ? { parent: contextTable(parent, prim), parentOf: parentOf! } : null;
      sampled = sampleTableRows(core, tm, n, seed, model.locale, cond);
    }
    const s: Synth = { table: sampled.table, factor, rawCounts: sampled.counts, counts: new Map(), helpers: sampled.helpers ?? new Map() };
    if (prim) writeForeignKey(s.table, prim.childKey, keyParts(parent!, prim.parentKey, prim.parent), parentOf!, t);

    // Secondary parents: capacity-limited, junction pairs kept distinct.
    const keep = new Uint8Array(n).fill(1);
    let dropped = 0;
    for (const e of graph.secondary.get(t) ?? []) {
      const res = linkLater(model, e, s, synth.get(e.parent)!, rels, prim ? parentOf : null, rng, o.seed);
      if (!e.nullable) for (let i = 0; i < n; i++) if (res[i] < 0 && keep[i]) { keep[i] = 0; dropped++; }
    }
    if (dropped) dropRows(s.table, keep);
    for (const e of graph.selfRefs.get(t) ?? []) {
      const rows = s.table.columns[0]?.length ?? 0;
      const forest = buildForest(rows, model.selfRefs[e.id], e.nullable, seededRng(seed, 13));
      writeForeignKey(s.table, e.childKey, keyParts(s, e.parentKey, t), forest, t);
    }
    synth.set(t, s);
  }
  for (const e of graph.deferred) {
    const child = synth.get(e.child)!;
    const prim = graph.primary.get(e.child);
    linkLater(model, e, child, synth.get(e.parent)!, rels, null, seededRng(tableSeed(o.seed, e.id), 17), o.seed, prim);
  }
  await checkpoint(ctl, 1, 'sampled');
  return Object.fromEntries(Object.keys(model.metadata.tables).map((t) => [t, synth.get(t)!.table]));
}

/** A uniformly random parent row per child row (−1 when there are no parents). */
function randomParents(n: number, parents: number, rng: Rng): Int32Array {
  const out = new Int32Array(n).fill(-1);
  if (parents > 0) for (let i = 0; i < n; i++) out[i] = Math.floor(rng.nextFloat() * parents);
  return out;
}

/** The parent's output plus its final count column for this relationship (context of its children). */
function contextTable(parent: Synth, e: FkEdge): ColumnarTable {
  const counts = parent.counts.get(e.id);
  if (!counts) return parent.table;
  return { names: [...parent.table.names, countColumn(e.id)], columns: [...parent.table.columns, Array.from(counts, String)] };
}

/**
 * Fills a non-primary FK of an existing child table: rows linked at the sample's non-null rate,
 * parents chosen within their capacities (their own count for this relationship).
 * `group`: the child's primary parent per row (junction pairs stay distinct).
 */
function linkLater(model: MultiModel, e: FkEdge, child: Synth, parent: Synth, rels: boolean, group: Int32Array | null, rng: Rng, seed: number, primEdge?: FkEdge): Int32Array {
  const em = model.edges[e.id];
  const n = child.table.columns[0]?.length ?? 0;
  const pn = parent.table.columns[0]?.length ?? 0;
  const k = e.nullable ? Math.round(n * (1 - em.orphanRate)) : n;
  const rows = pickRows(n, k, rng);
  const [, max] = countRange(em.count);
  let capacity: Int32Array | null = null;
  if (rels) capacity = finalCounts(em, parent, k, rng);
  else if (max <= 1) capacity = new Int32Array(pn).fill(1);
  if (capacity) parent.counts.set(e.id, capacity);
  if (em.uniquePairs && !group && primEdge) {
    // Deferred FK of a junction: rebuild the primary grouping from the written key text.
    const keys = primEdge.childKey.map((c) => columnOf(child.table, c, e.child));
    const ids = new Map<string, number>();
    group = new Int32Array(n);
    for (let r = 0; r < n; r++) {
      const key = keys.map((col) => col[r]).join('\u0001');
      group[r] = keys.some((col) => col[r] === null) ? -1 : ids.get(key) ?? ids.set(key, ids.size).get(key)!;
    }
  }
  let scores = {};
  const ct = transformerOf(model.tables[e.child]), pt = transformerOf(model.tables[e.parent]);
  if (rels && capacity && em.link && ct && pt) scores = similarityScores(em.link, ct, child.table, pt, parent.table, tableSeed(seed, e.id), rng);
  const parentOf = assignParents({ rows, childRows: n, parents: pn, capacity, group: em.uniquePairs ? group : null, ...scores }, rng);
  writeForeignKey(child.table, e.childKey, keyParts(parent, e.parentKey, e.parent), parentOf, e.child);
  return parentOf;
}
