/**
 * Fit of the HMA-compatible mode (synthesizer 'hma', sdv-algorithms.md §B2): tables are fitted
 * children first. A child's copula models its own columns, its child counts and its own extension
 * columns (no parent context); then its rows' normal scores, grouped by the primary FK, give every
 * parent row the child's shrunk per-parent mean / sd / correlation (hma-params.ts), which are added
 * to the parent's table as extension columns before the parent's copula is fitted. The child count
 * of the relationship is the parent's `__count.<edge>` column (HMA's num_rows).
 * Every copula uses the 'shrinkage' correlation estimator (core/linalg-shrunk-correlation.ts): a parent
 * with far more extension columns than rows (world continents: 7 × 947) gets a correlation that is
 * positive definite by construction, without the nearest-correlation repair that cost seconds.
 */
import type { ColumnarTable, SdvMetadata, SdvTable } from '../../schema/model';
import type { Core } from '../wasm';
import type { RunControl } from '../progress';
import { fitCopula } from '../copula/fit';
import { addCounts, ownPart } from './augment';
import type { TableGraph } from './graph';
import { DEFAULT_HMA_SHRINKAGE, hmaEdgeLayout, hmaExtensionColumns, trainingScores } from './hma-params';
import type { MultiFitOptions, TableModel } from './types';

/** Normal marginals (closed form, fast to fit and to invert); values are clipped to the fit's range when sampled. */
export const DEFAULT_EXTENSION_DISTRIBUTION = 'norm';

export interface HmaLinks {
  parentOf: Int32Array;
  counts: Int32Array | null;
}

/** Fits every sampled table; returns the copula and, for a child, its HMA layout. */
export async function fitHmaTables(
  core: Core, graph: TableGraph, meta: SdvMetadata, data: (t: string) => ColumnarTable | undefined, fkCols: Map<string, Set<string>>,
  links: Map<string, HmaLinks>, opts: MultiFitOptions, seedOf: (t: string) => number,
  sub: (i: number, t: string) => RunControl | undefined
): Promise<Map<string, Pick<TableModel, 'copula' | 'hma'>>> {
  const kappa = opts.hma?.shrinkage ?? DEFAULT_HMA_SHRINKAGE;
  const out = new Map<string, Pick<TableModel, 'copula' | 'hma'>>();
  // Extension columns waiting for their parent: parent → [{names, columns}].
  const pending = new Map<string, { names: string[]; columns: string[][] }[]>();
  const order = [...graph.order].reverse();
  for (let i = 0; i < order.length; i++) {
    const t = order[i];
    const d = data(t);
    if (!d) continue;
    const own = ownPart(d, meta.tables[t], fkCols.get(t) ?? new Set());
    const aug: { table: ColumnarTable; meta: SdvTable } = { table: { names: [...own.table.names], columns: [...own.table.columns] }, meta: { ...own.meta, columns: { ...own.meta.columns } } };
    const countCols = graph.edges.filter((e) => e.parent === t && e.child !== t && links.get(e.id)?.counts).map((e) => ({ edgeId: e.id, values: links.get(e.id)!.counts! }));
    addCounts(aug.table, aug.meta, countCols);
    for (const ext of pending.get(t) ?? []) {
      ext.names.forEach((name, c) => {
        aug.table.names.push(name);
        aug.table.columns.push(ext.columns[c]);
        aug.meta.columns[name] = { sdtype: 'numerical', computer_representation: 'Float' };
      });
    }
    const seed = seedOf(t);
    // Extension columns get one fixed marginal (SDV: truncnorm), not the automatic choice per column.
    const extDist = Object.fromEntries((pending.get(t) ?? []).flatMap((ext) => ext.names.map((nm) => [nm, opts.hma?.extensionDistribution ?? DEFAULT_EXTENSION_DISTRIBUTION])));
    const copula = await fitCopula(core, t, aug.table, aug.meta, { correlation_estimator: 'shrinkage', ...opts.copula, seed, numerical_distributions: { ...opts.copula?.numerical_distributions, ...extDist } }, sub(i, t));
    const entry: Pick<TableModel, 'copula' | 'hma'> = { copula };
    const prim = graph.primary.get(t);
    const link = prim ? links.get(prim.id) : undefined;
    if (prim && link?.counts && data(prim.parent)) {
      const layout = hmaEdgeLayout(prim.id, copula.columns.map((c) => c.name));
      const z = trainingScores(core, copula, aug.table, seed);
      const ext = hmaExtensionColumns(layout, z, link.parentOf, link.counts.length, kappa);
      (pending.get(prim.parent) ?? pending.set(prim.parent, []).get(prim.parent)!).push(ext);
      entry.hma = layout;
    }
    out.set(t, entry);
  }
  return out;
}
