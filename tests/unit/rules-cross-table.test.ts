/** Cross-table rules along a relationship: check, validate on the sample, repair after sampling. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { fitCopula } from '../../src/lib/engine/copula/fit';
import { sampleCopula } from '../../src/lib/engine/copula/sample';
import { parseCsvText } from '../../src/lib/schema/csv';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import { checkCrossTableRule, repairCrossTable, validateCrossTableRule, type CrossTableRule } from '../../src/lib/engine/rules';
import { column } from '../fixtures/single/load';

const dir = new URL('../fixtures/rules/shop/', import.meta.url);
const read = (f: string): ColumnarTable => parseCsvText(readFileSync(new URL(f, dir), 'utf8'), f);
const customers = read('customers.csv'), invoices = read('invoices.csv');
const meta = JSON.parse(readFileSync(new URL('metadata.json', dir), 'utf8')) as SdvMetadata;
const fk = { parent_primary_key: 'id', child_foreign_key: 'customer_id' };
const m = { child: meta.tables.invoices, parent: meta.tables.customers };
const rule: CrossTableRule = { type: 'cross_table', child_table: 'invoices', child_column: 'date', op: '>=', parent_table: 'customers', parent_column: 'signup_date' };

describe('cross-table rule invoices.date >= customers.signup_date', () => {
  it('holds on the sample; the reverse direction is an error naming the first row', () => {
    expect(validateCrossTableRule(rule, invoices, customers, fk, m)).toMatchObject({ share: 1, violations: 0, rows: 275 });
    const wrong: CrossTableRule = { ...rule, op: '<' };
    expect(() => validateCrossTableRule(wrong, invoices, customers, fk, m)).toThrow(/^Rule "invoices.date < customers.signup_date" is broken by \d+ of 275 sample rows of invoices; first at row 1: date=2022-12-28, customers.signup_date=2022-08-10\./);
  });

  it('repairs synthetic invoices drawn without knowledge of the parent', async () => {
    const core = await loadCoreNode();
    const model = await fitCopula(core, 'invoices', invoices, meta.tables.invoices, { seed: 1 });
    const synth = await sampleCopula(core, model, 600, { seed: 4 });
    // Attach each synthetic invoice to a real customer, ignoring dates (what a naive sampler does).
    const ids = column(customers, 'id');
    const fkCol = synth.names.indexOf('customer_id');
    synth.columns[fkCol] = synth.columns[fkCol].map((_, i) => ids[(i * 7919) % ids.length]);
    const before = checkCrossTableRule(rule, synth, customers, fk, m, { reference: { child: invoices, parent: customers } });
    expect(before.share).toBeLessThan(0.9);
    const fixed = repairCrossTable(rule, synth, customers, fk, m, { reference: { child: invoices, parent: customers } });
    expect(checkCrossTableRule(rule, fixed, customers, fk, m).share).toBe(1);
    // Only the breaking dates changed; every value keeps the column's format and the sample's range.
    const d0 = column(synth, 'date'), d1 = column(fixed, 'date');
    let changed = 0;
    for (let i = 0; i < d0.length; i++) if (d0[i] !== d1[i]) changed++;
    expect(changed).toBe(before.violations);
    for (const v of d1) expect(v).toMatch(/^\d{4}-\d\d-\d\d$/);
    const maxReal = column(invoices, 'date').reduce((a, b) => (a! > b! ? a : b))!;
    for (const v of d1) expect(v! <= maxReal).toBe(true); // ISO text compares like the dates
    expect(fixed.columns.filter((_, i) => fixed.names[i] !== 'date')).toEqual(synth.columns.filter((_, i) => synth.names[i] !== 'date'));
  });

  it('repairs numbers downward for <, stepping past the bound when strict', () => {
    const parent: ColumnarTable = { names: ['id', 'limit'], columns: [['1', '2'], ['100', '50.5']] };
    const child: ColumnarTable = { names: ['pid', 'spend'], columns: [['1', '1', '2', '2', '9', null], ['120', '99', '50.5', '90', '7', '3']] };
    const lt: CrossTableRule = { type: 'cross_table', child_table: 'c', child_column: 'spend', op: '<', parent_table: 'p', parent_column: 'limit' };
    const k = { parent_primary_key: 'id', child_foreign_key: 'pid' };
    const ref = { child: { names: ['pid', 'spend'], columns: [['1', '2'], ['10', '45']] }, parent };
    const before = checkCrossTableRule(lt, child, parent, k);
    expect(before).toMatchObject({ violations: 3, rows: 6, first: { row: 0, child: '120', parent: '100' } });
    const fixed = repairCrossTable(lt, child, parent, k, {}, { reference: ref });
    // 120 → 2·100 − 120 = 80; 50.5 → 50.5 is not < 50.5, so one grid step down (whole numbers): 50;
    // 90 → 11; orphans (pid 9) and missing keys are left alone.
    expect(fixed.columns[1]).toEqual(['80', '99', '50', '11', '7', '3']);
    expect(checkCrossTableRule(lt, fixed, parent, k).share).toBe(1);
  });
});
