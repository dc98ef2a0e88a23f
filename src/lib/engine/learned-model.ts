/**
 * The learned model of a generation run as one plain JSON object (issue 5 §3): what `generateData`
 * fitted — the multi-table Gaussian-copula model or one sequential-CART model per table — plus what
 * sampling it again needs (the business-rule plans, the original metadata for cross-table rules, the
 * designer schema for exports). `sampleFromModel` (generate.ts) draws new rows from it without refitting.
 *
 * `parseLearnedModel` validates a model read from a file or from storage: a wrong file gets a specific
 * AppError naming the first problem and its JSON path, never a crash or NaN output later.
 */
import { AppError, type Schema, type SdvMetadata } from '../schema/model';
import { MULTI_MODEL_FORMAT, type MultiModel } from './multi/types';
import { CART_MODEL_FORMAT, type CartModel } from './cart/types';
import { COPULA_MODEL_FORMAT } from './copula/types';
import { MARGINAL_KINDS } from './core/dist-marginal';
import { RULE_PLAN_FORMAT, type RulePlan } from './rules/plan';
import type { RulesFile } from './rules/types';

export const LEARNED_MODEL_FORMAT = 'synthetic-data-studio/learned-model';

export type Synthesizer = 'copula' | 'cart' | 'hma';

export interface LearnedModel {
  format: typeof LEARNED_MODEL_FORMAT;
  version: 1;
  /** The synthesizer that ran. */
  synthesizer: Synthesizer;
  /** Privacy ↔ fidelity value the model was fitted with (null = the synthesizer's default). */
  privacy: number | null;
  /** The whole schema's multi-table model (copula; CART or HMA when the schema has relationships). */
  multi?: MultiModel;
  /** One CART model per table name (synthesizer 'cart' on a schema without relationships). */
  cart?: Record<string, CartModel>;
  /** Business-rule plans per table (the model was fitted on the reparametrised sample). */
  plans: Record<string, RulePlan>;
  rules?: RulesFile;
  /** SDV metadata of the original (not reparametrised) tables. */
  metadata: SdvMetadata;
  /** The designer schema the model was fitted for (exports and table order). */
  schema: Schema;
  /** Seed of the fit (sampling uses the seed given at sampling time). */
  fitSeed: number;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function bad(path: string, what: string): never {
  throw new AppError('model/invalid', `This is not a valid saved model: ${path} ${what}`, { path });
}

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) bad(path, 'must be an object');
  return v;
}

function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) bad(path, 'must be a list');
  return v;
}

function finite(v: unknown, path: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) bad(path, 'must be a finite number');
  return v;
}

function finiteList(v: unknown, path: string): number[] {
  const a = arr(v, path);
  for (let i = 0; i < a.length; i++) finite(a[i], `${path}[${i}]`);
  return a as number[];
}

function str(v: unknown, path: string): string {
  if (typeof v !== 'string') bad(path, 'must be text');
  return v;
}

/** A copula table model: marginals with finite parameters and a finite k×k correlation. */
function checkCopula(v: unknown, path: string) {
  const m = obj(v, path);
  if (m.format !== COPULA_MODEL_FORMAT) bad(`${path}.format`, `must be "${COPULA_MODEL_FORMAT}"`);
  obj(m.transformer, `${path}.transformer`);
  const cols = arr(m.columns, `${path}.columns`);
  cols.forEach((c, i) => {
    const p = `${path}.columns[${i}]`;
    const col = obj(c, p);
    str(col.name, `${p}.name`);
    const mg = obj(col.marginal, `${p}.marginal`);
    if (!(MARGINAL_KINDS as readonly unknown[]).includes(mg.kind)) bad(`${p}.marginal.kind`, `must be one of ${MARGINAL_KINDS.join(', ')}`);
    for (const [k, x] of Object.entries(obj(mg.params, `${p}.marginal.params`))) finite(x, `${p}.marginal.params.${k}`);
    if (mg.points !== undefined) finiteList(mg.points, `${p}.marginal.points`);
    if (mg.weights !== undefined) finiteList(mg.weights, `${p}.marginal.weights`);
  });
  const r = finiteList(m.correlation, `${path}.correlation`);
  if (r.length !== cols.length * cols.length) bad(`${path}.correlation`, `must hold ${cols.length}×${cols.length} numbers (has ${r.length})`);
  finite(m.rows, `${path}.rows`);
}

function checkMulti(v: unknown, path: string) {
  const m = obj(v, path);
  if (m.format !== MULTI_MODEL_FORMAT) bad(`${path}.format`, `must be "${MULTI_MODEL_FORMAT}"`);
  if (m.version !== 1) bad(`${path}.version`, 'must be 1');
  obj(m.metadata, `${path}.metadata`);
  obj(m.edges, `${path}.edges`);
  obj(m.selfRefs, `${path}.selfRefs`);
  for (const [name, t] of Object.entries(obj(m.tables, `${path}.tables`))) {
    const p = `${path}.tables.${name}`;
    const tm = obj(t, p);
    finite(tm.rows, `${p}.rows`);
    arr(tm.names, `${p}.names`);
    if (tm.copula !== undefined) checkCopula(tm.copula, `${p}.copula`);
  }
}

function checkCart(v: unknown, path: string) {
  const m = obj(v, path);
  if (m.format !== CART_MODEL_FORMAT) bad(`${path}.format`, `must be "${CART_MODEL_FORMAT}"`);
  if (m.version !== 1) bad(`${path}.version`, 'must be 1');
  finite(m.rows, `${path}.rows`);
  obj(m.transformer, `${path}.transformer`);
  obj(m.settings, `${path}.settings`);
  arr(m.columns, `${path}.columns`).forEach((c, i) => {
    const p = `${path}.columns[${i}]`;
    const col = obj(c, p);
    str(col.name, `${p}.name`);
    finite(col.classes, `${p}.classes`);
    finiteList(col.leafValues, `${p}.leafValues`);
    finiteList(col.leafStart, `${p}.leafStart`);
    if (col.tree !== null) {
      const t = obj(col.tree, `${p}.tree`);
      finiteList(t.nodes, `${p}.tree.nodes`);
      finite(t.leafCount, `${p}.tree.leafCount`);
    }
  });
}

/** Validates a learned model (a parsed object, or JSON text); returns it typed or throws AppError('model/…'). */
export function parseLearnedModel(input: unknown): LearnedModel {
  let v = input;
  if (typeof input === 'string') {
    try {
      v = JSON.parse(input);
    } catch (e) {
      throw new AppError('model/not-json', `This file is not JSON (${e instanceof Error ? e.message : String(e)}); choose a model downloaded with "Download model"`);
    }
  }
  const m = obj(v, 'the file');
  if (m.format !== LEARNED_MODEL_FORMAT) {
    throw new AppError('model/wrong-format', `This file is not a saved model of this app (its "format" is ${m.format === undefined ? 'missing' : JSON.stringify(String(m.format)).slice(0, 80)}, expected "${LEARNED_MODEL_FORMAT}")`);
  }
  if (m.version !== 1) throw new AppError('model/unsupported-version', `This model has version ${JSON.stringify(m.version)}; this app reads version 1`);
  if (m.synthesizer !== 'copula' && m.synthesizer !== 'cart' && m.synthesizer !== 'hma') bad('synthesizer', 'must be "copula", "cart" or "hma"');
  if (m.privacy !== null) finite(m.privacy, 'privacy');
  finite(m.fitSeed, 'fitSeed');
  const meta = obj(m.metadata, 'metadata');
  obj(meta.tables, 'metadata.tables');
  const schema = obj(m.schema, 'schema');
  const tables = arr(schema.tables, 'schema.tables');
  arr(schema.relationships, 'schema.relationships');
  if (!tables.length) bad('schema.tables', 'must name at least one table');
  // Per-table CART models (single tables), or one multi-table model (copula, CART with parent context, HMA).
  if (m.cart === undefined) checkMulti(m.multi, 'multi');
  else {
    const cart = obj(m.cart, 'cart');
    if (!Object.keys(cart).length) bad('cart', 'must hold at least one table model');
    for (const [name, cm] of Object.entries(cart)) checkCart(cm, `cart.${name}`);
  }
  for (const [name, p] of Object.entries(obj(m.plans, 'plans'))) {
    if (obj(p, `plans.${name}`).format !== RULE_PLAN_FORMAT) bad(`plans.${name}.format`, `must be "${RULE_PLAN_FORMAT}"`);
  }
  if (m.rules !== undefined) obj(m.rules, 'rules');
  return v as LearnedModel;
}

/** Table names of a model, in the schema's order. */
export function modelTables(m: LearnedModel): string[] {
  return m.schema.tables.map((t) => t.name);
}
