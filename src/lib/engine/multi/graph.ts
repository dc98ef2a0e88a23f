/**
 * The relationship graph of a multi-table schema: which table is generated before which, which
 * foreign key carries a child's rows (its primary parent), which are filled afterwards (secondary
 * parents, self-references, cycle-breaking nullable FKs). Pure; works on SDV-style metadata.
 */
import { AppError, type SdvMetadata } from '../../schema/model';

export interface FkEdge {
  /** Stable id: `child.fk1+fk2->parent`. */
  id: string;
  parent: string;
  child: string;
  parentKey: string[];
  childKey: string[];
  /** Whether the FK may be null (from the schema or seen in the sample). */
  nullable: boolean;
}

export interface TableGraph {
  /** Tables in generation order: every table after the parents it is generated under. */
  order: string[];
  edges: FkEdge[];
  /** The FK whose parent rows a child's rows are sampled under (none for roots). */
  primary: Map<string, FkEdge>;
  /** Other FKs to other tables (second parents, junction tables, two FKs to one parent). */
  secondary: Map<string, FkEdge[]>;
  /** FKs from a table to itself (trees / forests). */
  selfRefs: Map<string, FkEdge[]>;
  /** Nullable FKs removed to break a cycle through several tables; filled after generation. */
  deferred: FkEdge[];
  /** Longest chain of primary parents above each table (roots: 0). */
  depth: Map<string, number>;
}

const asList = (k: string | string[]) => (Array.isArray(k) ? k : [k]);

export function edgesOf(meta: SdvMetadata, isNullable: (child: string, childKey: string[]) => boolean): FkEdge[] {
  return (meta.relationships ?? []).map((r, i) => {
    const childKey = asList(r.child_foreign_key);
    const parentKey = asList(r.parent_primary_key);
    for (const [t, cols, what] of [[r.parent_table_name, parentKey, 'parent key'], [r.child_table_name, childKey, 'foreign key']] as const) {
      const table = meta.tables[t];
      if (!table) throw new AppError('schema/unknown-table', `Relationship ${i + 1} refers to a table "${t}" that does not exist`, { path: `relationships[${i}]` });
      for (const c of cols) if (!table.columns[c]) throw new AppError('schema/unknown-column', `Relationship ${i + 1}: ${what} column "${t}.${c}" does not exist`, { path: `relationships[${i}]` });
    }
    if (childKey.length !== parentKey.length) throw new AppError('schema/key-arity', `Relationship ${i + 1}: ${childKey.length} foreign-key column(s) for a ${parentKey.length}-column parent key`, { path: `relationships[${i}]` });
    return {
      id: `${r.child_table_name}.${childKey.join('+')}->${r.parent_table_name}`,
      parent: r.parent_table_name,
      child: r.child_table_name,
      parentKey,
      childKey,
      nullable: isNullable(r.child_table_name, childKey)
    };
  });
}

/** Finds one directed cycle among `edges` restricted to `nodes`, as a list of edges, or null. */
function findCycle(nodes: Set<string>, edges: FkEdge[]): FkEdge[] | null {
  const out = new Map<string, FkEdge[]>();
  for (const e of edges) if (nodes.has(e.parent) && nodes.has(e.child)) (out.get(e.parent) ?? out.set(e.parent, []).get(e.parent)!).push(e);
  const state = new Map<string, 1 | 2>();
  const stack: FkEdge[] = [];
  const visit = (n: string): FkEdge[] | null => {
    state.set(n, 1);
    for (const e of out.get(n) ?? []) {
      const s = state.get(e.child);
      if (s === 1) {
        const start = stack.findIndex((x) => x.parent === e.child);
        return [...stack.slice(start === -1 ? stack.length : start), e];
      }
      if (!s) {
        stack.push(e);
        const c = visit(e.child);
        if (c) return c;
        stack.pop();
      }
    }
    state.set(n, 2);
    return null;
  };
  for (const n of nodes) if (!state.has(n)) { const c = visit(n); if (c) return c; }
  return null;
}

/**
 * Builds the generation order. A cycle through several tables is broken at a nullable FK (filled
 * afterwards); a cycle with no nullable FK is rejected before any work, naming its tables.
 */
export function buildGraph(meta: SdvMetadata, isNullable: (child: string, childKey: string[]) => boolean = () => false): TableGraph {
  const tables = Object.keys(meta.tables);
  const edges = edgesOf(meta, isNullable);
  const selfRefs = new Map<string, FkEdge[]>();
  let live = edges.filter((e) => {
    if (e.parent !== e.child) return true;
    (selfRefs.get(e.child) ?? selfRefs.set(e.child, []).get(e.child)!).push(e);
    return false;
  });
  const deferred: FkEdge[] = [];
  const all = new Set(tables);
  for (let cycle = findCycle(all, live); cycle; cycle = findCycle(all, live)) {
    const breakable = cycle.find((e) => e.nullable);
    if (!breakable) {
      const names = [...cycle.map((e) => e.parent), cycle[cycle.length - 1].child];
      throw new AppError('schema/cycle', `The relationships form a cycle with no nullable foreign key: ${names.join(' → ')}. Make one of these foreign keys nullable so the tables can be generated in order.`, {}, { tables: names });
    }
    deferred.push(breakable);
    live = live.filter((e) => e !== breakable);
  }
  // Kahn's algorithm, stable in metadata order.
  const indeg = new Map(tables.map((t) => [t, 0]));
  for (const e of live) indeg.set(e.child, indeg.get(e.child)! + 1);
  const order: string[] = [];
  const ready = tables.filter((t) => indeg.get(t) === 0);
  while (ready.length) {
    const t = ready.shift()!;
    order.push(t);
    for (const e of live) if (e.parent === t) {
      indeg.set(e.child, indeg.get(e.child)! - 1);
      if (indeg.get(e.child) === 0) ready.push(e.child);
    }
  }
  const primary = new Map<string, FkEdge>();
  const secondary = new Map<string, FkEdge[]>();
  for (const t of tables) {
    const incoming = live.filter((e) => e.child === t);
    if (!incoming.length) continue;
    // Prefer a non-nullable FK as the one whose parent rows carry the child's rows.
    const first = incoming.find((e) => !e.nullable) ?? incoming[0];
    primary.set(t, first);
    const rest = incoming.filter((e) => e !== first);
    if (rest.length) secondary.set(t, rest);
  }
  const depth = new Map<string, number>();
  for (const t of order) {
    const p = primary.get(t);
    depth.set(t, p ? depth.get(p.parent)! + 1 : 0);
  }
  return { order, edges, primary, secondary, selfRefs, deferred, depth };
}
