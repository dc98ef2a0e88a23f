import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { AppError, type ColumnarTable, type SdvTable } from '../../src/lib/schema/model';
import { detectTableMetadata, evaluate, evaluateTable, normalizeMetadata, summary } from '../../src/lib/engine/metrics/index';
import { boundaryAdherence, categoryAdherence, keyUniqueness } from '../../src/lib/engine/metrics/diagnostic';

const tab = (cols: Record<string, (string | null)[]>): ColumnarTable => ({ names: Object.keys(cols), columns: Object.values(cols) });

const META: SdvTable = {
  primary_key: 'id',
  columns: {
    id: { sdtype: 'id' },
    x: { sdtype: 'numerical' },
    k: { sdtype: 'numerical' },
    gone: { sdtype: 'numerical' },
    c: { sdtype: 'categorical' },
    d: { sdtype: 'datetime', datetime_format: '%Y-%m-%d' }
  }
};

describe('edge cases', () => {
  it('constant column, all-missing column: no NaN anywhere, null where SDMetrics gives NaN', async () => {
    const core = await loadCoreNode();
    const real = tab({
      id: ['1', '2', '3', '4'], x: ['1', '2', '3', '4'], k: ['5', '5', '5', '5'], gone: [null, null, null, null],
      c: ['a', 'b', 'a', null], d: ['2020-01-01', '2020-02-01', null, '2020-03-01']
    });
    const synth = tab({
      id: ['1', '2', '2', null], x: ['1', '2', '3', '9'], k: ['5', '5', '5', '5'], gone: [null, null, null, null],
      c: ['a', 'z', 'a', 'b'], d: ['2020-01-05', '2019-01-01', '2020-02-01', null]
    });
    const r = await evaluateTable(core, 't', real, synth, META);
    const text = JSON.stringify(r);
    expect(text).not.toMatch(/NaN|Infinity/);
    const shape = (c: string) => r.quality.column_shapes.find((s) => s.column === c)!.score;
    expect(shape('k')).toBe(1);
    expect(shape('gone')).toBeNull();
    expect(shape('x')).toBeCloseTo(0.75, 12);
    // constant column: correlation undefined → not counted, score null
    const pk = r.quality.column_pair_trends.find((p) => p.column_1 === 'x' && p.column_2 === 'k')!;
    expect(pk.real_correlation).toBeNull();
    expect(pk.score).toBeNull();
    // diagnostic: key uniqueness counts the duplicate and the missing key
    const v = (c: string) => r.diagnostic.data_validity.find((d) => d.column === c)!.score;
    expect(v('id')).toBe(0.5);
    expect(v('x')).toBe(0.75);
    expect(v('c')).toBe(0.75); // z is unseen; real has a missing value but synthetic has none
    expect(v('d')).toBeCloseTo(2 / 3, 12); // real has missing ⇒ synthetic missing dropped; 2019 out of bounds
    expect(v('gone')).toBeNull();
    const s = summary(r);
    expect(s.quality.score).not.toBeNull();
    expect(s.privacy.new_row_synthesis).not.toBeNull();
  });

  it('one row each', async () => {
    const core = await loadCoreNode();
    const real = tab({ id: ['1'], x: ['1'], k: ['5'], gone: [null], c: ['a'], d: ['2020-01-01'] });
    const r = await evaluateTable(core, 't', real, real, META);
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity/);
    expect(r.quality.properties.column_shapes).toBe(1);
    expect(r.quality.properties.column_pair_trends).toBeNull(); // nothing can be correlated with one row
    expect(r.privacy!.tables[0].new_row_synthesis.num_matched_rows).toBe(1);
    expect(r.privacy!.tables[0].dcr_baseline_protection.median_dcr_synthetic_to_real).toBe(0);
  });

  it('diagnostic helpers follow the SDMetrics missing-value rules', () => {
    expect(boundaryAdherence(Float64Array.of(0, 10), Float64Array.of(5, NaN, 11, 10))).toBe(0.5);
    expect(boundaryAdherence(Float64Array.of(0, 10, NaN), Float64Array.of(5, NaN, 11, 10))).toBeCloseTo(2 / 3, 12);
    expect(categoryAdherence(Float64Array.of(0, NaN), Float64Array.of(0, 1, NaN), 2)).toBeCloseTo(2 / 3, 12);
    expect(keyUniqueness(['a', 'b', 'a', null])).toBe(0.5);
  });

  it('referential integrity and cardinality boundaries', async () => {
    const core = await loadCoreNode();
    const meta = normalizeMetadata({
      METADATA_SPEC_VERSION: 'MULTI_TABLE_V1',
      tables: {
        p: { primary_key: 'id', columns: { id: { sdtype: 'id' }, v: { sdtype: 'numerical' } } },
        c: { primary_key: 'cid', columns: { cid: { sdtype: 'id' }, pid: { sdtype: 'id' }, w: { sdtype: 'categorical' } } }
      },
      relationships: [{ parent_table_name: 'p', parent_primary_key: 'id', child_table_name: 'c', child_foreign_key: 'pid' }]
    });
    const data = {
      p: { real: tab({ id: ['1', '2'], v: ['1', '2'] }), synth: tab({ id: ['1', '2', '3'], v: ['1', '2', '3'] }) },
      c: {
        real: tab({ cid: ['a', 'b', 'c'], pid: ['1', '1', '2'], w: ['x', 'y', 'x'] }),
        synth: tab({ cid: ['a', 'b', 'c', 'd'], pid: ['1', '9', null, '2'], w: ['x', 'y', 'x', 'y'] })
      }
    };
    const r = await evaluate(core, data, meta, { privacy: false });
    const rv = r.diagnostic.relationship_validity!;
    expect(rv[0].metric).toBe('ReferentialIntegrity');
    expect(rv[0].score).toBe(0.5); // real FK has no missing ⇒ the missing FK counts as invalid; 9 is unknown
    expect(rv[1].score).toBeCloseTo(2 / 3, 12); // parent 3 has 0 children, real range is [1, 2]
    expect(r.quality.cardinality![0].children_per_parent).toEqual([
      { children: 0, real: 0, synthetic: 1 }, { children: 1, real: 1, synthetic: 2 }, { children: 2, real: 1, synthetic: 0 }
    ]);
    expect(r.kind).toBe('multi');
    expect(summary(r).quality.cardinality).not.toBeUndefined();
  });
});

describe('bad input is a clear AppError', () => {
  const core = loadCoreNode();
  const ok = tab({ id: ['1'], x: ['1'], k: ['5'], gone: [null], c: ['a'], d: ['2020-01-01'] });
  it('missing column', async () => {
    const bad = tab({ id: ['1'], x: ['1'] });
    await expect(evaluateTable(await core, 't', ok, bad, META)).rejects.toMatchObject({ code: 'metrics/missing-column' });
  });
  it('text in a numerical column, unparseable date', async () => {
    await expect(evaluateTable(await core, 't', ok, { ...ok, columns: ok.columns.map((c, i) => (i === 1 ? ['abc'] : c)) }, META)).rejects.toMatchObject({ code: 'metrics/not-a-number' });
    await expect(evaluateTable(await core, 't', ok, { ...ok, columns: ok.columns.map((c, i) => (i === 5 ? ['01/02/2020'] : c)) }, META)).rejects.toBeInstanceOf(AppError);
  });
  it('missing table data', async () => {
    await expect(evaluate(await core, {}, { METADATA_SPEC_VERSION: 'V1', tables: { t: META }, relationships: [] })).rejects.toMatchObject({ code: 'metrics/missing-table' });
  });
});

describe('metadata forms and the simple detector', () => {
  it('accepts V1, MULTI_TABLE_V1 and SINGLE_TABLE_V1', () => {
    const single = normalizeMetadata({ METADATA_SPEC_VERSION: 'SINGLE_TABLE_V1', primary_key: 'id', columns: { id: { sdtype: 'id' } } }, 'users');
    expect(single.tables.users.primary_key).toBe('id');
    expect(normalizeMetadata({ METADATA_SPEC_VERSION: 'V1', tables: { a: { columns: {} } }, relationships: [] }).tables.a).toBeDefined();
    expect(() => normalizeMetadata({ METADATA_SPEC_VERSION: 'V9', tables: {} })).toThrow(/V9/);
    expect(() => normalizeMetadata({ tables: { a: { columns: { x: {} } } } })).toThrow(/sdtype/);
    expect(() => normalizeMetadata({ tables: { a: { columns: {} } }, relationships: [{ parent_table_name: 'b', child_table_name: 'a', parent_primary_key: 'id', child_foreign_key: 'x' }] })).toThrow(/unknown table/);
    expect(() => normalizeMetadata([])).toThrow(AppError);
  });
  it('detects numbers, dates and categories', () => {
    const m = detectTableMetadata(tab({ n: ['1', '2.5', null], d: ['2020-01-01', '2021-05-03', null], c: ['NA', 'x', 'y'] }));
    expect(m.columns.n.sdtype).toBe('numerical');
    expect(m.columns.d).toEqual({ sdtype: 'datetime', datetime_format: '%Y-%m-%d' });
    expect(m.columns.c.sdtype).toBe('categorical');
  });
});
