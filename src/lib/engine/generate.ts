/**
 * One generation run, as the app, the worker and the `/api/sdv` routes ask for it: schema + samples
 * + settings → synthetic tables + the quality/diagnostic/privacy report, with the Quality
 * Threshold enforced (a run below it is retried once with the fidelity-first setting; the better
 * model is kept and both scores are reported).
 */
import { AppError, rowCount, type ColumnHints, type ColumnarTable, type GenerationSettings, type Schema, type SdvMetadata } from '../schema/model';
import type { Core } from './wasm';
import { checkpoint, type RunControl } from './progress';
import { evaluate, summary as summarize, type MetricsReport, type ReportSummary } from './metrics';
import { fitCart, sampleCart } from './cart';
import { fitMulti, sampleMulti } from './multi';
import { prepareRules, reverseRules, rulesOf, ruleText, rulesReportAll, repairCrossTable, sampleWithRules, type RuleCheck, type RulePlan, type RulesFile } from './rules';
import { metadataForGeneration } from './generation-metadata';
import { LEARNED_MODEL_FORMAT, parseLearnedModel, type LearnedModel } from './learned-model';
import type { CartModel } from './cart';
import type { MultiModel } from './multi';
import { CopyFilter, newRowsOnlyTable, type CopyCheck, type DrawFinal } from './copy-filter';

export interface GenerationInput {
  schema: Schema;
  /** Sample data per table name (absent: generate from the declared schema). */
  samples: Record<string, ColumnarTable | undefined>;
  settings: GenerationSettings;
  /** 'copula' (Gaussian copula, default) or 'cart' (sequential decision trees, higher fidelity). */
  synthesizer?: 'copula' | 'cart' | 'hma';
  /** Privacy ↔ fidelity, 0..1; each synthesizer maps it to its own knobs (see docs). */
  privacy?: number;
  /** Compute the report (default true). */
  report?: boolean;
  /** Business rules per table and across relationships (docs/rules.md). */
  rules?: RulesFile;
}

export interface GenerationResult {
  tables: Record<string, ColumnarTable>;
  metadata: SdvMetadata;
  report: MetricsReport | null;
  summary: ReportSummary | null;
  threshold: { value: number; met: boolean | null; retried: boolean; scores: (number | null)[] };
  /** Share of real and synthetic rows obeying each business rule. */
  rules: RuleCheck[];
  /** Per table with a sample: synthetic rows that reproduced a real row and were replaced (copy-filter.ts). */
  copies: CopyCheck[];
  seconds: { fit: number; sample: number; report: number };
  /** The fitted model (of the kept run), plain JSON: save it, load it, `sampleFromModel` it. */
  model: LearnedModel;
}

function rowsFor(settings: GenerationSettings, sampleRows: number): number {
  if (settings.sample_size !== undefined) return settings.sample_size;
  return Math.max(0, Math.round(sampleRows * settings.scale));
}

/** Sequential CART per table (single tables; multi-table schemas use the copula model, see docs/cart.md). */
async function synthesizeCart(core: Core, input: GenerationInput, meta: SdvMetadata, privacy: number | undefined, ctl: RunControl | undefined, span: [number, number]) {
  const names = input.schema.tables.map((t) => t.name);
  const tables: Record<string, ColumnarTable> = {};
  let fit = 0, sample = 0;
  const models: Record<string, CartModel> = {};
  for (const [i, name] of names.entries()) {
    const data = input.samples[name];
    if (!data || rowCount(data) === 0) throw new AppError('generate/no-sample', `Table "${name}" has no sample data; the CART synthesizer learns from a sample (use the copula to generate from the schema alone)`, { path: name });
    const at = (f: number) => span[0] + (span[1] - span[0]) * ((i + f) / names.length);
    const fitCtl = sub(ctl, (f) => at(f * 0.5), `fitting table ${name}`);
    let t0 = performance.now();
    const model = await fitCart(core, data, meta.tables[name], { seed: input.settings.seed, privacy }, fitCtl);
    models[name] = model;
    fit += performance.now() - t0;
    t0 = performance.now();
    tables[name] = await sampleCart(core, model, rowsFor(input.settings, rowCount(data)), input.settings.seed + 1, {}, sub(ctl, (f) => at(0.5 + f * 0.5), `sampling table ${name}`));
    sample += performance.now() - t0;
  }
  return { tables, fit, sample, draw: drawCart(core, models, input.settings), fitted: { cart: models } as Fitted };
}

/** Re-draws from per-table CART models (pass > 0: rules held by rejection, new-rows top-ups); seeds as the main draw's + pass. */
function drawCart(core: Core, models: Record<string, CartModel>, settings: GenerationSettings) {
  return async (opts: { sample_size?: number; pass?: number } = {}) => {
    const out: Record<string, ColumnarTable> = {};
    for (const [name, m] of Object.entries(models)) out[name] = await sampleCart(core, m, opts.sample_size ?? rowsFor(settings, m.rows), settings.seed + 1 + (opts.pass ?? 0));
    return out;
  };
}

/** Gaussian copula per table, linked through the relationship graph (single tables too). */
async function synthesizeCopula(core: Core, input: GenerationInput, meta: SdvMetadata, privacy: number | undefined, ctl: RunControl | undefined, span: [number, number]) {
  const hints: Record<string, Record<string, ColumnHints>> = {};
  const nullable: string[] = [];
  const fks = new Set(input.schema.relationships.map((r) => r.target_column_id));
  for (const t of input.schema.tables) {
    hints[t.name] = Object.fromEntries(t.columns.filter((c) => c.hints).map((c) => [c.name, c.hints!]));
    for (const c of t.columns) if (fks.has(c.id) && c.is_nullable) nullable.push(`${t.name}.${c.name}`);
  }
  const mid = span[0] + (span[1] - span[0]) / 2;
  let t0 = performance.now();
  // Schemas with relationships: the multi-table model with each table as a copula (default), as
  // sequential CART whose child trees split on the parent row's columns, or HMA-compatible.
  const synthesizer = input.synthesizer ?? 'copula';
  const model = await fitMulti(core, input.samples, meta, { seed: input.settings.seed, synthesizer, copula: { privacy }, ...(synthesizer === 'cart' && privacy !== undefined ? { cart: { privacy } } : {}), hints, nullable }, sub(ctl, (f) => span[0] + (mid - span[0]) * f));
  const fit = performance.now() - t0;
  t0 = performance.now();
  const draw = drawMulti(core, model, input.settings, sub(ctl, (f) => mid + (span[1] - mid) * f));
  const tables = await draw();
  return { tables, fit, sample: performance.now() - t0, draw, fitted: { multi: model } as Fitted };
}

type Fitted = { multi?: MultiModel; cart?: Record<string, CartModel> };

/** Draws from a multi-table model with the run's settings; pass > 0 re-draws (rules held by rejection). */
function drawMulti(core: Core, model: MultiModel, settings: GenerationSettings, ctl: RunControl | undefined) {
  const { scale, sample_size, seed, include_relationships } = settings;
  return (opts: { sample_size?: number; pass?: number } = {}) =>
    sampleMulti(core, model, { scale, sample_size: opts.sample_size ?? sample_size, seed: seed + 1 + (opts.pass ?? 0), include_relationships }, opts.pass ? undefined : ctl);
}

/** A RunControl that maps a sub-task's progress into the run's range. */
function sub(ctl: RunControl | undefined, map: (f: number) => number, prefix?: string): RunControl | undefined {
  return ctl && { signal: ctl.signal, onProgress: (p) => ctl.onProgress?.({ fraction: map(p.fraction), step: prefix ? `${prefix}: ${p.step}` : p.step }) };
}

function synthesize(core: Core, input: GenerationInput, meta: SdvMetadata, privacy: number | undefined, ctl: RunControl | undefined, span: [number, number]) {
  return input.synthesizer === 'cart' && !input.schema.relationships.length
    ? synthesizeCart(core, input, meta, privacy, ctl, span)
    : synthesizeCopula(core, input, meta, privacy, ctl, span);
}

async function score(core: Core, input: GenerationInput, tables: Record<string, ColumnarTable>, meta: SdvMetadata, ctl?: RunControl) {
  const pairs: Record<string, { real: ColumnarTable; synth: ColumnarTable }> = {};
  for (const [name, synth] of Object.entries(tables)) {
    const real = input.samples[name];
    if (real && rowCount(real) > 0) pairs[name] = { real, synth };
  }
  if (!Object.keys(pairs).length) return null;
  const scoredMeta: SdvMetadata = { ...meta, tables: Object.fromEntries(Object.keys(pairs).map((t) => [t, meta.tables[t]])), relationships: meta.relationships.filter((r) => pairs[r.parent_table_name] && pairs[r.child_table_name]) };
  const report = await evaluate(core, pairs, scoredMeta, { seed: input.settings.seed }, ctl);
  return { report, summary: summarize(report) };
}

/** The rule plans and what reversing them needs (the input's table count and rules). */
interface RulePrep { input: Pick<GenerationInput, 'schema' | 'rules'>; plans: Map<string, RulePlan> }

/** Reparametrises each table's sample for its rules (before any fitting; contradictions fail here). */
function prepareAllRules(input: GenerationInput, meta: SdvMetadata) {
  const plans = new Map<string, RulePlan>();
  if (!input.rules) return { input, meta, plans };
  const samples = { ...input.samples };
  const tables = { ...meta.tables };
  for (const name of Object.keys(input.rules.tables)) {
    const rules = rulesOf(input.rules, name);
    const data = samples[name];
    if (!rules.length) continue;
    if (!tables[name]) throw new AppError('rules/unknown-table', `The rules name a table "${name}" that the schema does not have`, { path: `rules.tables.${name}` });
    if (!data || rowCount(data) === 0) throw new AppError('rules/no-sample', `Rules for table "${name}" need its sample data (they are checked against it first)`, { path: `rules.tables.${name}` });
    // Single-table CART holds order rules by rejection (its draws respect them already; rules/validate.ts).
    const prepared = prepareRules(data, tables[name], rules, { rejectOrder: input.synthesizer === 'cart' && input.schema.tables.length === 1 });
    samples[name] = prepared.table;
    tables[name] = prepared.meta;
    plans.set(name, prepared.plan);
  }
  return { input: { ...input, samples }, meta: { ...meta, tables }, plans };
}

/** Reverses the rule reparametrisation; rules held only by rejection re-draw a single table. */
async function applyRules<R extends { tables: Record<string, ColumnarTable>; draw?: (opts?: { sample_size?: number; pass?: number }) => Promise<Record<string, ColumnarTable>> }>(core: Core, prep: RulePrep, res: R, original: SdvMetadata): Promise<R> {
  const tables = { ...res.tables };
  for (const [name, plan] of prep.plans) {
    if (plan.rejected.length) {
      if (!res.draw || prep.input.schema.tables.length > 1) {
        throw new AppError('rules/rejection-unsupported', `Rule ${plan.rejected.map((i) => `"${ruleText(plan.rules[i])}"`).join(', ')} of table "${name}" can only be held by re-drawing rows, which this run cannot do for related tables; use the copula on a single table or drop the rule`);
      }
      const draw = res.draw;
      tables[name] = await sampleWithRules(plan, rowCount(tables[name]), async (rows, pass) => (pass === 0 ? res.tables[name] : (await draw({ sample_size: rows, pass }))[name]));
    } else tables[name] = reverseRules(plan, tables[name]);
  }
  return { ...res, tables: repairCrossTables(prep, tables, original) };
}

/** Cross-table rules repaired child row by child row (after the draw, and again after New rows only replaced rows). */
function repairCrossTables(prep: Pick<RulePrep, 'input'>, tables: Record<string, ColumnarTable>, original: SdvMetadata): Record<string, ColumnarTable> {
  const out = { ...tables };
  for (const rule of prep.input.rules?.cross_table ?? []) {
    const rel = original.relationships.find((r) => r.parent_table_name === rule.parent_table && r.child_table_name === rule.child_table);
    if (!rel) throw new AppError('rules/no-relationship', `Cross-table rule "${ruleText(rule)}" needs a relationship ${rule.parent_table} → ${rule.child_table}`);
    const fk = { parent_primary_key: String(rel.parent_primary_key), child_foreign_key: String(rel.child_foreign_key) };
    out[rule.child_table] = repairCrossTable(rule, out[rule.child_table], out[rule.parent_table], fk, { child: original.tables[rule.child_table], parent: original.tables[rule.parent_table] });
  }
  return out;
}

/** New rows only, then the cross-table rules again (a replaced row brings values drawn under another parent). */
async function keepNewRowsWithRules<R extends { tables: Record<string, ColumnarTable>; draw?: (opts?: { sample_size?: number; pass?: number }) => Promise<Record<string, ColumnarTable>> }>(
  core: Core, input: Pick<GenerationInput, 'samples' | 'settings'>, prep: RulePrep, res: R, meta: SdvMetadata, ctl: RunControl | undefined, at: number
) {
  const kept = await keepNewRows(core, input, prep.plans, res, meta, ctl, at);
  return kept.copies.some((c) => c.replaced > 0) ? { ...kept, tables: repairCrossTables(prep, kept.tables, meta) } : kept;
}

/** Pass numbers of new-rows top-ups are multiples of this, so their rule re-draws (pass + 1, + 2, …) never reuse a seed. */
const TOPUP_STRIDE = 1000;

/**
 * "New rows only" (settings.new_rows_only, default on): in each table with a sample, rows reproducing a
 * real row are replaced by the most similar rows of further draws (rules applied as in the main draw),
 * keeping their own keys — so key values stay unique and a child row keeps its parent.
 */
export async function keepNewRows<R extends { tables: Record<string, ColumnarTable>; draw?: (opts?: { sample_size?: number; pass?: number }) => Promise<Record<string, ColumnarTable>> }>(
  core: Core, input: Pick<GenerationInput, 'samples' | 'settings'>, plans: ReadonlyMap<string, RulePlan>, res: R, meta: SdvMetadata, ctl?: RunControl, at = 0
): Promise<R & { copies: CopyCheck[] }> {
  const copies: CopyCheck[] = [];
  const draw = res.draw;
  if (input.settings.new_rows_only === false || !draw) return { ...res, copies };
  const linked = new Set(meta.relationships.flatMap((r) => [r.parent_table_name, r.child_table_name]));
  const tables = { ...res.tables };
  // Whole re-draws of a related schema, shared by its tables (same pass, same seed, same rows).
  const whole = new Map<number, Promise<Record<string, ColumnarTable>>>();
  const drawWhole = (pass: number) => {
    let d = whole.get(pass);
    if (!d) whole.set(pass, (d = draw({ pass })));
    return d;
  };
  for (const name of Object.keys(tables)) {
    const real = input.samples[name];
    if (!real || !rowCount(real) || !meta.tables[name]) continue;
    await checkpoint(ctl, at, `table ${name}: replacing rows that reproduce a real row`);
    const plan = plans.get(name);
    // A related table is re-drawn whole with the run's sizes (its row count follows its parents).
    const related = linked.has(name);
    const finalDraw: DrawFinal = async (rows, pass) => {
      if (pass === 0) return tables[name];
      const base = TOPUP_STRIDE * pass;
      const raw = (await (related ? drawWhole(base) : draw({ sample_size: rows, pass: base })))[name];
      if (!plan) return raw;
      if (!plan.rejected.length) return reverseRules(plan, raw);
      return sampleWithRules(plan, rows, async (m, p) => (p === 0 ? raw : (await draw({ sample_size: m, pass: base + p }))[name]));
    };
    const fks = meta.relationships.filter((r) => r.child_table_name === name).flatMap((r) => [r.child_foreign_key].flat());
    const filter = new CopyFilter(core, name, real, meta.tables[name], fks);
    const { table, check } = await newRowsOnlyTable(filter, rowCount(tables[name]), finalDraw, related ? RELATED_POOL_PASSES : undefined, ctl, at);
    tables[name] = table;
    copies.push(check);
  }
  return { ...res, tables, copies };
}

/** Whole re-draws of the schema a related table's candidate pool may take. */
const RELATED_POOL_PASSES = 3;

/** Every column of a table must be in its sample (extra sample columns are ignored). */
function alignSamples(input: GenerationInput): GenerationInput {
  const samples: Record<string, ColumnarTable | undefined> = {};
  for (const t of input.schema.tables) {
    const s = input.samples[t.name];
    // A header-only sample teaches nothing: the table is generated from its declared types.
    if (!s || !s.columns.length || s.columns[0].length === 0) continue;
    const want = t.columns.map((c) => c.name);
    const missing = want.filter((c) => !s.names.includes(c));
    if (missing.length) {
      const extra = s.names.filter((c) => !want.includes(c));
      throw new AppError('generate/sample-mismatch', `The sample of table "${t.name}" lacks column${missing.length > 1 ? 's' : ''} ${missing.map((c) => `"${c}"`).join(', ')}${extra.length ? ` (it has ${extra.map((c) => `"${c}"`).join(', ')} instead)` : ''}: load a matching sample or edit the table's columns`, { path: t.name });
    }
    samples[t.name] = want.length === s.names.length ? s : { names: want, columns: want.map((c) => s.columns[s.names.indexOf(c)]) };
  }
  return { ...input, samples };
}

export async function generateData(core: Core, inputRaw: GenerationInput, ctl?: RunControl): Promise<GenerationResult> {
  if (!inputRaw.schema.tables.length) throw new AppError('generate/empty-schema', 'The schema has no tables yet');
  const input = alignSamples(inputRaw);
  const meta = metadataForGeneration(input.schema, input.samples);
  const prep = prepareAllRules(input, meta);
  const run = async (privacy: number | undefined, span: [number, number]) => keepNewRowsWithRules(core, input, prep, await applyRules(core, prep, await synthesize(core, prep.input, prep.meta, privacy, ctl, span), meta), meta, ctl, span[1]);
  const first = await run(input.privacy, [0, 0.6]);
  const wantReport = input.report !== false;
  let t0 = performance.now();
  await checkpoint(ctl, 0.6, 'scoring');
  let scored = wantReport ? await score(core, input, first.tables, meta) : null;
  let reportS = performance.now() - t0;
  const threshold = input.settings.quality_threshold;
  const scores: (number | null)[] = [scored?.summary.quality.score ?? null];
  let result = { tables: first.tables, fit: first.fit, sample: first.sample, fitted: first.fitted, privacy: input.privacy, copies: first.copies };
  let retried = false;
  if (scored && scored.summary.quality.score !== null && scored.summary.quality.score < threshold && (input.privacy ?? 0.5) > 0) {
    // Below the threshold: retry with the fidelity-first setting (no correlation shrinkage), keep the better.
    retried = true;
    const second = await run(0, [0.7, 0.9]);
    t0 = performance.now();
    const scored2 = await score(core, input, second.tables, meta);
    reportS += performance.now() - t0;
    scores.push(scored2?.summary.quality.score ?? null);
    if ((scored2?.summary.quality.score ?? -1) > (scored.summary.quality.score ?? -1)) {
      scored = scored2;
      result = { tables: second.tables, fit: first.fit + second.fit, sample: first.sample + second.sample, fitted: second.fitted, privacy: 0, copies: second.copies };
    }
  }
  const pairs = Object.fromEntries(Object.keys(result.tables).filter((t) => input.samples[t]).map((t) => [t, { real: input.samples[t]!, synth: result.tables[t] }]));
  const rules = input.rules ? rulesReportAll(pairs, input.rules, meta) : [];
  await checkpoint(ctl, 1, 'done');
  const best = scored?.summary.quality.score ?? null;
  return {
    tables: result.tables,
    metadata: meta,
    report: scored?.report ?? null,
    summary: scored?.summary ?? null,
    threshold: { value: threshold, met: best === null ? null : best >= threshold, retried, scores },
    rules,
    copies: result.copies,
    seconds: { fit: result.fit / 1000, sample: result.sample / 1000, report: reportS / 1000 },
    model: {
      format: LEARNED_MODEL_FORMAT, version: 1,
      synthesizer: result.fitted.cart ? 'cart' : (result.fitted.multi?.synthesizer ?? 'copula'),
      privacy: result.privacy ?? null,
      ...result.fitted,
      plans: Object.fromEntries(prep.plans),
      ...(input.rules ? { rules: input.rules } : {}),
      metadata: meta,
      schema: input.schema,
      fitSeed: input.settings.seed
    }
  };
}

export interface SampleFromModelOptions {
  /** Real samples per table name: when given, the new rows are scored against them (tables whose columns match). */
  samples?: Record<string, ColumnarTable | undefined>;
}

/**
 * New rows from a learned model, without refitting: the same draws as `generateData` (seed + 1, the
 * same chunking and rule handling), so a saved model sampled with the run's settings reproduces the
 * run's output exactly. Row counts follow `settings` (Data Scale × the fitted sample's rows, or Sample Size).
 */
export async function sampleFromModel(core: Core, modelRaw: unknown, settings: GenerationSettings, opts: SampleFromModelOptions = {}, ctl?: RunControl): Promise<GenerationResult> {
  const model = parseLearnedModel(modelRaw);
  const prep: RulePrep = { input: { schema: model.schema, rules: model.rules }, plans: new Map(Object.entries(model.plans)) };
  await checkpoint(ctl, 0, 'sampling');
  let t0 = performance.now();
  let res: { tables: Record<string, ColumnarTable>; draw?: ReturnType<typeof drawMulti> };
  if (model.cart) {
    const names = Object.keys(model.cart);
    const tables: Record<string, ColumnarTable> = {};
    for (const [i, name] of names.entries()) {
      const cm = model.cart![name];
      tables[name] = await sampleCart(core, cm, rowsFor(settings, cm.rows), settings.seed + 1, {}, sub(ctl, (f) => (0.8 * (i + f)) / names.length, `sampling table ${name}`));
    }
    res = { tables, draw: drawCart(core, model.cart, settings) };
  } else {
    const draw = drawMulti(core, model.multi!, settings, sub(ctl, (f) => 0.8 * f));
    res = { tables: await draw(), draw };
  }
  // Score (and keep new rows) only against real tables with the model's columns (a model may come from another project).
  const real: Record<string, ColumnarTable | undefined> = {};
  for (const [name, s] of Object.entries(opts.samples ?? {})) {
    const cols = Object.keys(model.metadata.tables[name]?.columns ?? {});
    if (s && cols.length && cols.every((c) => s.names.includes(c))) real[name] = { names: cols, columns: cols.map((c) => s.columns[s.names.indexOf(c)]) };
  }
  const { tables, copies } = await keepNewRowsWithRules(core, { samples: real, settings }, prep, await applyRules(core, prep, res, model.metadata), model.metadata, ctl, 0.8);
  const sample = performance.now() - t0;
  t0 = performance.now();
  await checkpoint(ctl, 0.8, 'scoring');
  const scored = Object.keys(real).length ? await score(core, { schema: model.schema, samples: real, settings }, tables, model.metadata) : null;
  const reportS = performance.now() - t0;
  const pairs = Object.fromEntries(Object.keys(tables).filter((t) => real[t]).map((t) => [t, { real: real[t]!, synth: tables[t] }]));
  const rules = model.rules && Object.keys(pairs).length ? rulesReportAll(pairs, model.rules, model.metadata) : [];
  await checkpoint(ctl, 1, 'done');
  const q = scored?.summary.quality.score ?? null;
  return {
    tables,
    metadata: model.metadata,
    report: scored?.report ?? null,
    summary: scored?.summary ?? null,
    threshold: { value: settings.quality_threshold, met: q === null ? null : q >= settings.quality_threshold, retried: false, scores: [q] },
    rules,
    copies,
    seconds: { fit: 0, sample: sample / 1000, report: reportS / 1000 },
    model
  };
}
