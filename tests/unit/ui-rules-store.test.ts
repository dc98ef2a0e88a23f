import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/lib/schema/csv';
import { applyCommand, invertCommand, type Command, type ProjectDoc } from '../../src/lib/db/commands';
import { tableFromCsv } from '../../src/lib/state/csv-table';
import { RulesStore, type RulesBackend } from '../../src/lib/state/rules.svelte';
import { checkCrossRule, checkTableRule, suggestTableRules } from '../../src/lib/engine/rules-for-schema';
import { buildRule, parseBound, type RuleDraft } from '../../src/lib/components/rules/rule-draft';
import { describeExpression } from '../../src/lib/components/rules/expression-check';
import { formatShare } from '../../src/lib/components/rules/share';

const fx = (p: string) => readFileSync(new URL(`../fixtures/${p}`, import.meta.url), 'utf8');

/** The engine itself, in process (the app runs the same functions in its worker). */
const backend: RulesBackend = { suggestRules: suggestTableRules, checkTableRule, checkCrossRule };

/** A project with tables made from CSV files as the "Create table from CSV" button does, and a host that records commands. */
function projectFrom(files: Record<string, string>) {
  const doc: ProjectDoc = { project: { id: 'p', name: 'p', settings: { scale: 1, quality_threshold: 0.5, include_relationships: true, seed: 1 }, created_at: '', updated_at: '' }, schema: { tables: [], relationships: [] }, samples: new Map() };
  for (const [name, path] of Object.entries(files)) {
    const { table, sample } = tableFromCsv('p', name, parseCsvText(fx(path), name), doc.schema.tables.map((t) => t.name));
    applyCommand(doc, { kind: 'table.add', table, index: doc.schema.tables.length, relationships: [], sample });
  }
  const log: Command[] = [];
  const host = { doc, dispatch: (c: Command) => { applyCommand(doc, c); log.push(c); } };
  return { doc, log, store: new RulesStore(host, backend) };
}

describe('rules store on seattle-weather', () => {
  it('suggests temp_max > temp_min with its evidence; accepting adds it (undoably), dismissing hides the rest', async () => {
    const { doc, log, store } = projectFrom({ 'seattle-weather.csv': 'single/seattle-weather.csv' });
    const id = doc.schema.tables[0].id;
    await store.loadSuggestions(id);
    const list = store.visibleSuggestions(id);
    const s = list.find((x) => x.text === 'temp_max > temp_min')!;
    expect(s.evidence).toContain('holds in all 1461 rows');
    expect(store.rulesOf(id)).toEqual([]); // never applied on its own
    expect((await store.acceptSuggestion(id, s)).ok).toBe(true);
    expect(store.rulesOf(id)).toEqual([{ type: 'inequality', low: 'temp_min', high: 'temp_max', strict: true }]);
    expect(store.visibleSuggestions(id).map((x) => x.text)).not.toContain('temp_max > temp_min');
    const other = store.visibleSuggestions(id)[0];
    store.dismissSuggestion(id, other);
    expect(store.visibleSuggestions(id).map((x) => x.text)).not.toContain(other.text);
    // Undo both: the suggestion list is back as it was, and there are no rules.
    for (const c of [...log].reverse()) applyCommand(doc, invertCommand(c));
    expect(store.rulesOf(id)).toEqual([]);
    expect(store.visibleSuggestions(id).map((x) => x.text)).toEqual(list.map((x) => x.text));
  });

  it('refuses a rule the sample contradicts, naming the count and the first row', async () => {
    const { doc, log, store } = projectFrom({ 'seattle-weather.csv': 'single/seattle-weather.csv' });
    const id = doc.schema.tables[0].id;
    const v = await store.addRule(id, { type: 'inequality', low: 'temp_max', high: 'temp_min' });
    expect(v).toMatchObject({ ok: false, code: 'rules/contradicts-sample' });
    expect(v.ok ? '' : v.message).toContain('"temp_min >= temp_max" is broken by 1461 of 1461 sample rows (100.0%); first at row 1: temp_max=12.8, temp_min=5.0');
    expect(log).toEqual([]);
    expect(store.rulesOf(id)).toEqual([]);
  });

  it('refuses wrong column kinds, unknown columns, duplicates and incomplete rules, each with its reason', async () => {
    const { doc, store } = projectFrom({ 'seattle-weather.csv': 'single/seattle-weather.csv' });
    const id = doc.schema.tables[0].id;
    const msg = async (r: unknown) => { const v = await store.addRule(id, r); return v.ok ? 'ok' : v.message; };
    expect(await msg({ type: 'positive', column: 'weather' })).toMatch(/"weather" holds \w+ values, not numbers/);
    expect(await msg({ type: 'positive', column: 'snow' })).toMatch(/names column "snow", which the table does not have/);
    expect(await msg({ type: 'value_range', column: 'wind' })).toMatch(/needs "min", "max" or both/);
    expect(await msg({ type: 'derived', column: 'wind', expression: 'temp_max - ' })).toMatch(/expression|position/i);
    expect(await msg({ type: 'value_range', column: 'wind', min: 0, max: 100 })).toBe('ok');
    expect(await msg({ type: 'value_range', column: 'wind', max: 100, min: 0 })).toMatch(/already has the rule/);
    expect(await msg({ type: 'value_range', column: 'date', min: '2012-01-01', max: '2015-12-31' })).toBe('ok');
    expect(await msg({ type: 'value_range', column: 'wind', min: 1 })).toMatch(/broken by \d+ of 1461 sample rows/);
  });

  it('a table without a sample gets no suggestions and cannot take rules (they are checked on the sample)', async () => {
    const { doc, store } = projectFrom({ 'seattle-weather.csv': 'single/seattle-weather.csv' });
    const id = doc.schema.tables[0].id;
    doc.samples.delete(id);
    await store.loadSuggestions(id);
    expect(store.visibleSuggestions(id)).toEqual([]);
    const v = await store.addRule(id, { type: 'positive', column: 'wind' });
    expect(v).toMatchObject({ ok: false, code: 'rules/no-sample' });
  });

  it('a column rename keeps the rule and the stale check; removing the column flags it', async () => {
    const { doc, store } = projectFrom({ 'seattle-weather.csv': 'single/seattle-weather.csv' });
    const t = doc.schema.tables[0];
    expect((await store.addRule(t.id, { type: 'positive', column: 'wind' })).ok).toBe(true);
    const wind = t.columns.find((c) => c.name === 'wind')!;
    applyCommand(doc, { kind: 'column.update', tableId: t.id, columnId: wind.id, before: { name: 'wind' }, after: { name: 'wind_speed' } });
    expect(store.rulesOf(t.id)).toEqual([{ type: 'positive', column: 'wind_speed' }]);
    expect(store.staleReason(t.id, store.rulesOf(t.id)[0])).toBeNull();
    applyCommand(doc, { kind: 'column.remove', tableId: t.id, column: wind, index: t.columns.indexOf(wind), relationships: [] });
    expect(store.staleReason(t.id, store.rulesOf(t.id)[0])).toBe('names “wind_speed”, which the table no longer has');
  });
});

describe('cross-table rules on the shop fixture', () => {
  function shop() {
    const p = projectFrom({ 'customers.csv': 'rules/shop/customers.csv', 'invoices.csv': 'rules/shop/invoices.csv' });
    const [customers, invoices] = p.doc.schema.tables;
    const rel = { id: 'r1', source_table_id: customers.id, source_column_id: customers.columns.find((c) => c.name === 'id')!.id, target_table_id: invoices.id, target_column_id: invoices.columns.find((c) => c.name === 'customer_id')!.id, relationship_type: 'one-to-many' as const };
    applyCommand(p.doc, { kind: 'relationship.add', relationship: rel });
    return { ...p, invoices };
  }

  it('adds invoices.date >= customers.signup_date along the relationship, refuses the reverse with its reason', async () => {
    const { store, invoices, log } = shop();
    const ok = await store.addCrossRule({ relationship_id: 'r1', child_column: 'date', op: '>=', parent_column: 'signup_date' });
    expect(ok).toEqual({ ok: true });
    expect(store.crossRulesOf(invoices.id).map((c) => c.text)).toEqual(['invoices.date >= customers.signup_date']);
    const bad = await store.addCrossRule({ relationship_id: 'r1', child_column: 'date', op: '<', parent_column: 'signup_date' });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.message).toMatch(/invoices\.date < customers\.signup_date.*broken by \d+ of \d+/);
    expect(log.filter((c) => c.kind === 'crossRule.add')).toHaveLength(1);
    expect((await store.addCrossRule({ relationship_id: 'nope', child_column: 'date', op: '<', parent_column: 'signup_date' })).ok).toBe(false);
  });

  it('removing the relationship orphans the rule (listed), undo restores it', async () => {
    const { doc, store, invoices } = shop();
    await store.addCrossRule({ relationship_id: 'r1', child_column: 'date', op: '>=', parent_column: 'signup_date' });
    const rel = doc.schema.relationships[0];
    const rm: Command = { kind: 'relationship.remove', relationship: JSON.parse(JSON.stringify(rel)) };
    applyCommand(doc, rm);
    expect(store.crossRulesOf(invoices.id)).toEqual([]);
    expect(store.orphanedCrossRules()).toHaveLength(1);
    applyCommand(doc, invertCommand(rm));
    expect(store.orphanedCrossRules()).toEqual([]);
    store.removeCrossRule(0);
    expect(doc.project.rules).toBeUndefined();
  });
});

describe('add-rule form helpers', () => {
  const draft = (p: Partial<RuleDraft>): RuleDraft => ({ type: 'inequality', high: '', low: '', column: '', op: '>=', min: '', max: '', strict: false, columns: [], expression: '', ...p });

  it('builds each rule type from the form fields and says what is missing', () => {
    expect(buildRule(draft({ high: 'a', low: 'b', op: '>' }))).toEqual({ ok: true, rule: { type: 'inequality', low: 'b', high: 'a', strict: true } });
    expect(buildRule(draft({ high: 'a', low: 'a' }))).toEqual({ ok: false, message: 'Pick two different columns' });
    expect(buildRule(draft({ type: 'value_range', column: 'x', min: ' 0 ', max: '2020-01-01' }))).toEqual({ ok: true, rule: { type: 'value_range', column: 'x', min: 0, max: '2020-01-01' } });
    expect(buildRule(draft({ type: 'value_range', column: 'x', min: '5', max: '1' }))).toMatchObject({ ok: false, message: 'The minimum (5) is above the maximum (1)' });
    expect(buildRule(draft({ type: 'fixed_combinations', columns: ['a'] }))).toEqual({ ok: false, message: 'Pick at least 2 columns' });
    expect(buildRule(draft({ type: 'unique', columns: ['a'] }))).toEqual({ ok: true, rule: { type: 'unique', columns: ['a'] } });
    expect(buildRule(draft({ type: 'derived', column: 'c', expression: ' a + b ' }))).toEqual({ ok: true, rule: { type: 'derived', column: 'c', expression: 'a + b' } });
    expect(buildRule(draft({ type: 'negative', column: '' }))).toEqual({ ok: false, message: 'Pick a column' });
    expect(parseBound('-1.5e2')).toBe(-150);
    expect(parseBound('1,000')).toBe('1,000');
  });

  it('the expression field shows the parser error, unknown columns and self-reference; nothing is evaluated', () => {
    const cols = ['price', 'qty', 'total', 'unit price'];
    expect(describeExpression('round(price * qty, 2)', cols, 'total')).toEqual({ ok: true, message: 'Reads price, qty' });
    expect(describeExpression('`unit price` * qty', cols, 'total').ok).toBe(true);
    const syntax = describeExpression('price * ', cols, 'total');
    expect(syntax.ok).toBe(false);
    expect(syntax.message).toMatch(/position \d+/);
    expect(describeExpression('alert("x")', cols, 'total')).toMatchObject({ ok: false, message: expect.stringMatching(/Unexpected character|Unknown function/) });
    expect(describeExpression('constructor + 1', cols, 'total').ok).toBe(false);
    expect(describeExpression('price * tax', cols, 'total')).toEqual({ ok: false, message: 'Unknown column: tax' });
    expect(describeExpression('total + 1', cols, 'total')).toEqual({ ok: false, message: 'The expression uses total, the column it defines' });
  });

  it('report shares: only an exact 1 reads 100%', () => {
    expect(formatShare(1)).toBe('100%');
    expect(formatShare(0.99999)).toBe('99.9%');
    expect(formatShare(0.936)).toBe('93.6%');
    expect(formatShare(0.00001)).toBe('0.1%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(Number.NaN)).toBe('—');
  });
});
