/**
 * Business rules of the open project (Schema tab): the list per table, suggestions from the
 * sample (accepted or dismissed by the user, never applied silently), and the check every new rule
 * passes before it is added — its columns, keys and the sample itself (docs/rules.md). The sample
 * work runs in the engine worker; every change is an undoable command (commands.ts).
 */
import type { ColumnarTable, Schema } from '$lib/schema/model';
import type { Command, ProjectDoc } from '$lib/db/commands';
import type { StoredCrossRule } from '$lib/db/db';
import { crossTableRuleSchema, tableRuleSchema, type FileTableRule } from '$lib/schema/formats/schema-file';
import type { CrossRuleCheck, RuleVerdict, TableRuleCheck } from '$lib/engine/rules-for-schema';
import type { RuleSuggestion } from '$lib/engine/rules/types';
import { ruleText } from '$lib/engine/rules/rule-text';
import { engine } from '$lib/workers/engine-client';
import { project as openProject } from './project.svelte';
import { sampleColumnar } from './run.svelte';
import { namedColumns, resolveCrossRule, ruleKey } from './rules-convert';

/** Where the sample work runs (the engine worker in the app; the engine itself in unit tests). */
export interface RulesBackend {
  suggestRules(schema: Schema, samples: Record<string, ColumnarTable>, table: string): Promise<RuleSuggestion[]> | RuleSuggestion[];
  checkTableRule(input: TableRuleCheck): Promise<RuleVerdict> | RuleVerdict;
  checkCrossRule(input: CrossRuleCheck): Promise<RuleVerdict> | RuleVerdict;
}

export const workerRulesBackend: RulesBackend = {
  suggestRules: (schema, samples, table) => engine().suggestRules(schema, samples, table),
  checkTableRule: (input) => engine().checkTableRule(input),
  checkCrossRule: (input) => engine().checkCrossRule(input)
};

/** The part of the project store the rules need. */
export interface RulesHost {
  readonly doc: ProjectDoc | null;
  dispatch(c: Command): void;
}

export interface SuggestionState {
  /** The sample the list was computed from (recomputed when the sample changes). */
  sampleId: string;
  loading: boolean;
  list: RuleSuggestion[];
  error: string;
}

const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

export class RulesStore {
  /** Suggestions per table id. */
  suggestions = $state<Record<string, SuggestionState>>({});
  #host: RulesHost;
  #backend: RulesBackend;

  constructor(host: RulesHost, backend: RulesBackend) {
    this.#host = host;
    this.#backend = backend;
  }

  #table(tableId: string) { return this.#host.doc?.schema.tables.find((t) => t.id === tableId); }

  /** The table's rules, in order. */
  rulesOf(tableId: string): FileTableRule[] { return this.#host.doc?.project.rules?.tables[tableId] ?? []; }

  /** Cross-table rules along relationships where this table is the child. */
  crossRulesOf(tableId: string): { rule: StoredCrossRule; index: number; text: string | null }[] {
    const doc = this.#host.doc;
    if (!doc) return [];
    return (doc.project.rules?.cross_table ?? []).flatMap((rule, index) => {
      const rel = doc.schema.relationships.find((r) => r.id === rule.relationship_id);
      const resolved = resolveCrossRule(doc.schema, rule);
      // A rule whose relationship is gone is listed under no table but still reported (see `orphanedCrossRules`).
      if (!rel || rel.target_table_id !== tableId) return [];
      return [{ rule, index, text: resolved ? ruleText(resolved) : null }];
    });
  }

  /** Cross-table rules whose relationship was removed (generation refuses them until deleted). */
  orphanedCrossRules(): { rule: StoredCrossRule; index: number }[] {
    const doc = this.#host.doc;
    if (!doc) return [];
    return (doc.project.rules?.cross_table ?? []).map((rule, index) => ({ rule, index })).filter(({ rule }) => !resolveCrossRule(doc.schema, rule));
  }

  /** Why a stored rule no longer fits its table (a column was removed), or null. */
  staleReason(tableId: string, rule: FileTableRule): string | null {
    const t = this.#table(tableId);
    if (!t) return null;
    const missing = namedColumns(rule).filter((c) => !t.columns.some((x) => x.name === c));
    return missing.length ? `names ${missing.map((c) => `“${c}”`).join(', ')}, which the table no longer has` : null;
  }

  #samples(tableIds: string[]): Record<string, ColumnarTable> {
    const doc = this.#host.doc!;
    const out: Record<string, ColumnarTable> = {};
    for (const id of tableIds) {
      const t = this.#table(id), s = doc.samples.get(id);
      if (t && s) out[t.name] = sampleColumnar(s);
    }
    return out;
  }

  #dismissed(tableId: string): Set<string> {
    return new Set(this.#host.doc?.project.rules?.dismissed?.[tableId] ?? []);
  }

  /** Suggestions still worth showing: not already a rule and not dismissed. */
  visibleSuggestions(tableId: string): RuleSuggestion[] {
    const s = this.suggestions[tableId];
    if (!s) return [];
    const taken = new Set(this.rulesOf(tableId).map(ruleKey));
    const dismissed = this.#dismissed(tableId);
    return s.list.filter((x) => !taken.has(ruleKey(x.rule)) && !dismissed.has(ruleKey(x.rule)));
  }

  /** Computes the table's suggestions from its sample (once per sample). */
  async loadSuggestions(tableId: string): Promise<void> {
    const doc = this.#host.doc;
    const t = this.#table(tableId), sample = doc?.samples.get(tableId);
    if (!doc || !t || !sample) { delete this.suggestions[tableId]; return; }
    if (this.suggestions[tableId]?.sampleId === sample.id) return;
    this.suggestions[tableId] = { sampleId: sample.id, loading: true, list: [], error: '' };
    try {
      const list = await this.#backend.suggestRules(plain(doc.schema), this.#samples([tableId]), t.name);
      if (this.suggestions[tableId]?.sampleId === sample.id) this.suggestions[tableId] = { sampleId: sample.id, loading: false, list, error: '' };
    } catch (e) {
      if (this.suggestions[tableId]?.sampleId === sample.id) this.suggestions[tableId] = { sampleId: sample.id, loading: false, list: [], error: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * Adds a rule after checking it: the shape (zod), no duplicate, then the engine's check against
   * the sample. Returns the verdict; a refused rule is not added and the message says why.
   */
  async addRule(tableId: string, candidate: unknown): Promise<RuleVerdict> {
    const doc = this.#host.doc, t = this.#table(tableId);
    if (!doc || !t) return { ok: false, code: 'rules/no-table', message: 'That table no longer exists' };
    const parsed = tableRuleSchema.safeParse(candidate);
    if (!parsed.success) return { ok: false, code: 'rules/invalid', message: `The rule is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'rule'} ${i.message}`).join('; ')}` };
    const rule = parsed.data;
    const existing = this.rulesOf(tableId);
    if (existing.some((r) => ruleKey(r) === ruleKey(rule))) return { ok: false, code: 'rules/duplicate', message: `The table already has the rule “${ruleText(rule)}”` };
    if (!doc.samples.get(tableId)) return { ok: false, code: 'rules/no-sample', message: `Rules are checked against the sample data of “${t.name}”; load a sample first` };
    const verdict = await this.#backend.checkTableRule({ schema: plain(doc.schema), samples: this.#samples([tableId]), table: t.name, rule, existing: plain(existing) });
    // The project may have changed while the worker checked: re-read before adding.
    if (verdict.ok && this.#host.doc === doc && this.#table(tableId)) {
      this.#host.dispatch({ kind: 'rule.add', tableId, rule, index: this.rulesOf(tableId).length });
    }
    return verdict;
  }

  /** Accepting a suggestion adds it as a rule (same checks, undoable). */
  acceptSuggestion(tableId: string, s: RuleSuggestion): Promise<RuleVerdict> {
    return this.addRule(tableId, s.rule);
  }

  dismissSuggestion(tableId: string, s: RuleSuggestion) {
    this.#host.dispatch({ kind: 'ruleSuggestion.dismiss', tableId, key: ruleKey(s.rule as FileTableRule) });
  }

  removeRule(tableId: string, index: number) {
    const rule = this.rulesOf(tableId)[index];
    if (rule) this.#host.dispatch({ kind: 'rule.remove', tableId, rule: plain(rule), index });
  }

  /** Adds `child.child_column op parent.parent_column` along a relationship, after checking both samples. */
  async addCrossRule(candidate: StoredCrossRule): Promise<RuleVerdict> {
    const doc = this.#host.doc;
    if (!doc) return { ok: false, code: 'rules/no-project', message: 'Open a project first' };
    const resolved = resolveCrossRule(doc.schema, candidate);
    if (!resolved) return { ok: false, code: 'rules/no-relationship', message: 'Pick a relationship to follow' };
    const parsed = crossTableRuleSchema.safeParse(resolved);
    if (!parsed.success) return { ok: false, code: 'rules/invalid', message: `The rule is incomplete: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}` };
    const list = doc.project.rules?.cross_table ?? [];
    if (list.some((r) => ruleKey(r) === ruleKey(candidate))) return { ok: false, code: 'rules/duplicate', message: `The project already has the rule “${ruleText(resolved)}”` };
    const rel = doc.schema.relationships.find((r) => r.id === candidate.relationship_id)!;
    const verdict = await this.#backend.checkCrossRule({ schema: plain(doc.schema), samples: this.#samples([rel.source_table_id, rel.target_table_id]), rule: resolved });
    if (verdict.ok && this.#host.doc === doc) {
      this.#host.dispatch({ kind: 'crossRule.add', rule: plain(candidate), index: doc.project.rules?.cross_table?.length ?? 0 });
    }
    return verdict;
  }

  removeCrossRule(index: number) {
    const rule = this.#host.doc?.project.rules?.cross_table?.[index];
    if (rule) this.#host.dispatch({ kind: 'crossRule.remove', rule: plain(rule), index });
  }
}

/** The app's rules store, on the open project, checking in the engine worker. */
export const rules = new RulesStore(openProject, workerRulesBackend);
