import { describe, expect, it } from 'vitest';
import { orientProposal, validateRelationship, typesCompatible, type RelationshipProposal } from '../../src/lib/schema/relationship-rules';
import type { RelationshipType, Schema } from '../../src/lib/schema/model';
import { col, colId, shop, tabId, table } from './ui-fixtures';

function prop(s: Schema, src: [string, string], tgt: [string, string], type: RelationshipType = 'one-to-many'): RelationshipProposal {
  return { source_table_id: tabId(s, src[0]), source_column_id: colId(s, src[0], src[1]), target_table_id: tabId(s, tgt[0]), target_column_id: colId(s, tgt[0], tgt[1]), relationship_type: type };
}
const errs = (r: ReturnType<typeof validateRelationship>) => r.errors.map((e) => e.code);
const warns = (r: ReturnType<typeof validateRelationship>) => r.warnings.map((e) => e.code);

describe('validateRelationship', () => {
  it('accepts a PK → FK link of the same type', () => {
    const s = shop();
    const r = validateRelationship(s, prop(s, ['customers', 'id'], ['orders', 'customer_id']));
    expect(r).toEqual({ ok: true, errors: [], warnings: [] });
  });

  it('refuses a column linked to itself', () => {
    const s = shop();
    const r = validateRelationship(s, prop(s, ['customers', 'id'], ['customers', 'id']));
    expect(errs(r)).toEqual(['rel/same-column']);
    expect(r.errors[0].message).toContain('customers.id');
  });

  it('refuses a duplicate, in either direction', () => {
    const s = shop();
    const p = prop(s, ['customers', 'id'], ['orders', 'customer_id']);
    s.relationships.push({ id: 'r1', ...p });
    expect(errs(validateRelationship(s, p))).toContain('rel/duplicate');
    const reversed = prop(s, ['orders', 'customer_id'], ['customers', 'id']);
    expect(errs(validateRelationship(s, reversed))).toContain('rel/duplicate');
    expect(validateRelationship(s, p, 'r1').ok).toBe(true);
  });

  it('refuses incompatible types, naming both', () => {
    const s = shop();
    const r = validateRelationship(s, prop(s, ['products', 'sku'], ['orders', 'customer_id']));
    expect(errs(r)).toEqual(['rel/incompatible-types']);
    expect(r.errors[0].message).toBe('Types do not match: products.sku is uuid but orders.customer_id is integer');
    expect(typesCompatible('uuid', 'string')).toBe(true);
    expect(typesCompatible('float', 'decimal')).toBe(true);
    expect(typesCompatible('integer', 'float')).toBe(false);
  });

  it('refuses a "one" side that is neither PK nor unique', () => {
    const s = shop();
    const r = validateRelationship(s, prop(s, ['orders', 'customer_id'], ['customers', 'id']));
    expect(errs(r)).toContain('rel/source-not-key');
    expect(validateRelationship(s, prop(s, ['products', 'code'], ['customers', 'email'])).errors.map((e) => e.code)).toEqual([]);
  });

  it('refuses a cycle of non-nullable FKs and accepts it when one FK is nullable', () => {
    const a = table('a', [col('id', 'integer', { is_primary_key: true }), col('b_id')]);
    const b = table('b', [col('id', 'integer', { is_primary_key: true }), col('a_id')]);
    const s: Schema = { tables: [a, b], relationships: [] };
    s.relationships.push({ id: 'r1', ...prop(s, ['a', 'id'], ['b', 'a_id']) });
    const closing = prop(s, ['b', 'id'], ['a', 'b_id']);
    const r = validateRelationship(s, closing);
    expect(errs(r)).toEqual(['rel/cycle']);
    expect(r.errors[0].message).toContain('a → b → a');
    a.columns[1].is_nullable = true;
    const ok = validateRelationship(s, closing);
    expect(ok.ok).toBe(true);
    expect(warns(ok)).toContain('rel/cycle-nullable');
  });

  it('handles self references: allowed only through a nullable FK', () => {
    const emp = table('employees', [col('id', 'integer', { is_primary_key: true }), col('manager_id')]);
    const s: Schema = { tables: [emp], relationships: [] };
    expect(errs(validateRelationship(s, prop(s, ['employees', 'id'], ['employees', 'manager_id'])))).toEqual(['rel/cycle']);
    emp.columns[1].is_nullable = true;
    expect(validateRelationship(s, prop(s, ['employees', 'id'], ['employees', 'manager_id'])).ok).toBe(true);
  });

  it('warns on nullable mismatch', () => {
    const s = shop();
    s.tables[1].columns[1].is_nullable = true;
    const r = validateRelationship(s, prop(s, ['customers', 'id'], ['orders', 'customer_id']));
    expect(r.ok).toBe(true);
    expect(warns(r)).toEqual(['rel/nullable-fk']);
  });

  it('one-to-one warns when the FK is not unique; many-to-many needs keys both sides', () => {
    const s = shop();
    expect(warns(validateRelationship(s, prop(s, ['customers', 'id'], ['orders', 'customer_id'], 'one-to-one')))).toContain('rel/target-not-unique');
    expect(errs(validateRelationship(s, prop(s, ['customers', 'id'], ['orders', 'customer_id'], 'many-to-many')))).toContain('rel/source-not-key');
    expect(validateRelationship(s, prop(s, ['customers', 'id'], ['orders', 'id'], 'many-to-many')).ok).toBe(true);
  });
});

describe('orientProposal', () => {
  it('puts the key on the "one" side whichever way the user dragged', () => {
    const s = shop();
    const p = orientProposal(s, { tableId: tabId(s, 'orders'), columnId: colId(s, 'orders', 'customer_id') }, { tableId: tabId(s, 'customers'), columnId: colId(s, 'customers', 'id') });
    expect(p.source_column_id).toBe(colId(s, 'customers', 'id'));
    expect(p.target_column_id).toBe(colId(s, 'orders', 'customer_id'));
    expect(p.relationship_type).toBe('one-to-many');
  });
});
