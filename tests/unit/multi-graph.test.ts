import { describe, expect, it } from 'vitest';
import { buildGraph } from '../../src/lib/engine/multi/graph';
import type { SdvMetadata } from '../../src/lib/schema/model';
import { AppError } from '../../src/lib/schema/model';

const t = (...cols: string[]) => ({ primary_key: cols[0], columns: Object.fromEntries(cols.map((c) => [c, { sdtype: 'id' }])) });
const rel = (parent: string, child: string, fk: string, pk = 'id') => ({ parent_table_name: parent, parent_primary_key: pk, child_table_name: child, child_foreign_key: fk });

describe('relationship graph', () => {
  it('orders the world schema parents first, with a junction table under two parents', () => {
    const meta: SdvMetadata = {
      METADATA_SPEC_VERSION: 'V1',
      tables: { states: t('id', 'country_cca2'), country_languages: t('id', 'country_cca2', 'language_code'), languages: t('code'), countries: t('cca2', 'continent_code'), continents: t('code') },
      relationships: [
        rel('continents', 'countries', 'continent_code', 'code'),
        rel('countries', 'states', 'country_cca2', 'cca2'),
        rel('countries', 'country_languages', 'country_cca2', 'cca2'),
        rel('languages', 'country_languages', 'language_code', 'code')
      ]
    };
    const g = buildGraph(meta);
    const pos = (x: string) => g.order.indexOf(x);
    expect(g.order).toHaveLength(5);
    expect(pos('continents')).toBeLessThan(pos('countries'));
    expect(pos('countries')).toBeLessThan(pos('states'));
    expect(pos('languages')).toBeLessThan(pos('country_languages'));
    expect(g.primary.get('country_languages')?.parent).toBe('countries');
    expect(g.secondary.get('country_languages')?.map((e) => e.parent)).toEqual(['languages']);
    expect(g.depth.get('states')).toBe(2);
    expect(g.deferred).toEqual([]);
  });

  it('keeps self-references aside and allows two FKs to one parent', () => {
    const meta: SdvMetadata = {
      METADATA_SPEC_VERSION: 'V1',
      tables: { employee: t('id', 'reports_to'), flight: t('id', 'from_airport', 'to_airport'), airport: t('id') },
      relationships: [rel('employee', 'employee', 'reports_to'), rel('airport', 'flight', 'from_airport'), rel('airport', 'flight', 'to_airport')]
    };
    const g = buildGraph(meta);
    expect(g.selfRefs.get('employee')?.[0].childKey).toEqual(['reports_to']);
    expect(g.primary.get('flight')?.childKey).toEqual(['from_airport']);
    expect(g.secondary.get('flight')?.[0].childKey).toEqual(['to_airport']);
  });

  it('breaks a cycle at a nullable FK and rejects one without, naming the tables', () => {
    const meta: SdvMetadata = {
      METADATA_SPEC_VERSION: 'V1',
      tables: { a: t('id', 'c_id'), b: t('id', 'a_id'), c: t('id', 'b_id') },
      relationships: [rel('a', 'b', 'a_id'), rel('b', 'c', 'b_id'), rel('c', 'a', 'c_id')]
    };
    const g = buildGraph(meta, (child) => child === 'a');
    expect(g.deferred.map((e) => e.id)).toEqual(['a.c_id->c']);
    expect(g.order).toEqual(['a', 'b', 'c']);
    let err: unknown;
    try { buildGraph(meta); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('schema/cycle');
    expect((err as AppError).message).toMatch(/a → b → c → a|b → c → a → b|c → a → b → c/);
  });

  it('rejects a relationship to a missing column with its path', () => {
    const meta: SdvMetadata = { METADATA_SPEC_VERSION: 'V1', tables: { a: t('id'), b: t('id', 'a_id') }, relationships: [rel('a', 'b', 'nope')] };
    expect(() => buildGraph(meta)).toThrow(/b\.nope/);
  });

  it('supports composite keys', () => {
    const meta: SdvMetadata = {
      METADATA_SPEC_VERSION: 'V1',
      tables: { orders: { primary_key: ['shop', 'no'], columns: { shop: { sdtype: 'id' }, no: { sdtype: 'id' } } }, lines: t('id', 'shop', 'order_no') },
      relationships: [{ parent_table_name: 'orders', parent_primary_key: ['shop', 'no'], child_table_name: 'lines', child_foreign_key: ['shop', 'order_no'] }]
    };
    expect(buildGraph(meta).primary.get('lines')?.childKey).toEqual(['shop', 'order_no']);
  });
});
