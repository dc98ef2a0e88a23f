/**
 * The held-out reference of the privacy report: DCRBaselineProtection that new real rows would get
 * (a seeded half of the real rows against the other half) — computed the documented way, stable,
 * absent for tiny tables, and below the score of rows far from the real ones.
 */
import { describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { evaluateTable, summary } from '../../src/lib/engine/metrics';
import { loadFixture } from '../fixtures/single/load';
import { holdoutText } from '../../src/lib/report/scores';
import type { ColumnarTable } from '../../src/lib/schema/model';

describe('held-out reference (what new real rows score)', () => {
  it('seattle-weather: a score in (0, 1), reproducible, half of the rows scored against the other half', async () => {
    const core = await loadCoreNode();
    const { table, metadata } = loadFixture('seattle-weather');
    const r1 = await evaluateTable(core, 'w', table, table, metadata, { seed: 4 });
    const r2 = await evaluateTable(core, 'w', table, table, metadata, { seed: 4 });
    const h = r1.privacy!.tables[0].holdout_reference!;
    expect(h.rows_scored).toBe(730);
    expect(h.reference_rows).toBe(731);
    expect(h.score).toBeGreaterThan(0.05);
    expect(h.score).toBeLessThan(0.3); // new real days sit close to the other days (measured 0.14)
    expect(r2.privacy!.tables[0].holdout_reference).toEqual(h);
    expect(r1.privacy!.holdout_reference).toBe(h.score);
    // The real table scored as its own synthetic copy: DCR 0, far below the reference.
    expect(summary(r1).privacy.dcr_baseline_protection).toBe(0);
    expect(holdoutText(0, h.score)).toMatch(/closer to the real ones than new real records would/);
    expect(holdoutText(0.9, h.score)).toMatch(/farther from the real ones/);
    expect(holdoutText(0.9, null)).toBeNull();
    // The summary (the CLI's last line) is unchanged by it.
    expect(Object.keys(summary(r1).privacy)).toEqual(['dcr_baseline_protection', 'new_row_synthesis']);
  });

  it('is null below 20 real rows', async () => {
    const core = await loadCoreNode();
    const t: ColumnarTable = { names: ['x'], columns: [Array.from({ length: 19 }, (_, i) => String(i))] };
    const r = await evaluateTable(core, 't', t, t, { columns: { x: { sdtype: 'numerical' } } });
    expect(r.privacy!.tables[0].holdout_reference).toBeNull();
    expect(r.privacy!.holdout_reference).toBeNull();
  });
});
