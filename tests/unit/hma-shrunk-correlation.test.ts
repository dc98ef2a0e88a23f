/**
 * The shrunk correlation of complete normal scores (core/linalg-shrunk-correlation.ts), used by the
 * HMA mode so that its wide, short parents (world continents: 7 rows × 947 columns) need no
 * nearest-correlation repair: PD by construction, off-diagonals exactly (1 − λ) × the sample's,
 * Schäfer–Strimmer's λ* against a direct O(n·k²) evaluation of its definition; and an HMA fit of an
 * n ≪ p parent that never calls the repair (while the 'repair' estimator does, with the same result).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ColumnarTable, SdvMetadata } from '../../src/lib/schema/model';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { cholesky, correlationMatrix, symmetricEigen } from '../../src/lib/engine/core/linalg';
import { shrunkCorrelation } from '../../src/lib/engine/core/linalg-shrunk-correlation';
import { fitMulti } from '../../src/lib/engine/multi';
import { seededRng } from '../../src/lib/engine/transformers/rng';

const repairCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/lib/engine/core/linalg', async (importOriginal) => {
  const mod = await importOriginal<typeof import('../../src/lib/engine/core/linalg')>();
  return { ...mod, nearestCorrelation: (...args: Parameters<typeof mod.nearestCorrelation>) => { repairCalls.n++; return mod.nearestCorrelation(...args); } };
});

let core: Core;
beforeAll(async () => {
  core = await loadCoreNode();
});

/** n×k standard normals (Box–Muller), column-major; `mix` adds a shared factor so columns correlate. */
function gaussianBlock(n: number, k: number, seed: number, mix = 0): Float64Array {
  const r = seededRng(seed);
  const g = () => Math.sqrt(-2 * Math.log(1 - r.nextFloat())) * Math.cos(2 * Math.PI * r.nextFloat());
  const f = Array.from({ length: n }, g);
  const out = new Float64Array(n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < n; i++) out[j * n + i] = mix * f[i] + g();
  return out;
}

function withBlock<T>(x: Float64Array, fn: (ptr: number) => T): T {
  return core.withBuffers([x.length], (ptr) => {
    core.f64(ptr, x.length).set(x);
    return fn(ptr);
  });
}

/** λ* = Σ_{i≠j} Var̂(r_ij) / Σ_{i≠j} r_ij² straight from Schäfer & Strimmer (2005), O(n·k²). */
function lambdaStarDirect(x: Float64Array, n: number, k: number): number {
  const s: Float64Array[] = [];
  for (let j = 0; j < k; j++) {
    const c = x.subarray(j * n, (j + 1) * n);
    const m = c.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(c.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
    s.push(c.map((v) => (v - m) / sd));
  }
  let num = 0, den = 0;
  for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
    if (i === j) continue;
    const w = Array.from({ length: n }, (_, t) => s[i][t] * s[j][t]);
    const wbar = w.reduce((a, b) => a + b, 0) / n;
    num += (n / (n - 1) ** 3) * w.reduce((a, b) => a + (b - wbar) ** 2, 0);
    den += ((n / (n - 1)) * wbar) ** 2;
  }
  return Math.min(1, Math.max(0, num / den));
}

describe('shrunk correlation of complete scores', () => {
  it('n ≪ k: the sample correlation is singular, the shrunk one PD with eigenvalues ≥ λ and off-diagonals (1 − λ)·r', () => {
    const n = 7, k = 120;
    const x = gaussianBlock(n, k, 11, 0.7);
    x.fill(0.25, 5 * n, 6 * n); // a constant column: r = 0 with everything, stays a unit row
    const { sample, shrunk } = withBlock(x, (ptr) => ({ sample: correlationMatrix(core, { ptr, n, k }), shrunk: shrunkCorrelation(core, { ptr, n, k }, 0.25)! }));
    expect(shrunk.lambda).toBe(0.25);
    const raw = symmetricEigen(core, sample, k).values;
    expect(raw[0]).toBeLessThan(1e-9); // singular: a Cholesky factor needs jitter or a repair
    expect(raw.filter((v) => v > 1e-9).length).toBeLessThanOrEqual(n - 1 + 1); // rank ≤ n − 1, + the constant column's unit block
    const ev = symmetricEigen(core, shrunk.R, k).values;
    expect(ev[0]).toBeGreaterThanOrEqual(0.25 - 1e-12);
    expect(cholesky(core, shrunk.R, k).jitter).toBe(0);
    for (let i = 0; i < k; i++) {
      expect(shrunk.R[i * k + i]).toBe(1);
      for (let j = 0; j < i; j++) {
        expect(shrunk.R[i * k + j]).toBe(shrunk.R[j * k + i]);
        expect(shrunk.R[i * k + j]).toBeCloseTo(0.75 * sample[i * k + j], 14);
      }
    }
    for (let j = 0; j < k; j++) if (j !== 5) expect(shrunk.R[5 * k + j]).toBe(0);
  });

  it('λ* (used when the privacy shrinkage is 0) matches its definition: large when n ≪ k, small for a long table', () => {
    for (const [n, k, mix] of [[7, 40, 0.7], [12, 6, 0.3], [400, 5, 1]] as const) {
      const x = gaussianBlock(n, k, n + k, mix);
      const s = withBlock(x, (ptr) => shrunkCorrelation(core, { ptr, n, k }, 0))!;
      expect(s.lambdaData).toBeCloseTo(lambdaStarDirect(x, n, k), 10);
      expect(s.lambda).toBe(s.lambdaData);
      expect(symmetricEigen(core, s.R, k).values[0]).toBeGreaterThanOrEqual(s.lambda - 1e-12);
    }
    const short = withBlock(gaussianBlock(7, 40, 47, 0.7), (ptr) => shrunkCorrelation(core, { ptr, n: 7, k: 40 }, 0))!;
    const long = withBlock(gaussianBlock(400, 5, 405, 1), (ptr) => shrunkCorrelation(core, { ptr, n: 400, k: 5 }, 0))!;
    expect(short.lambdaData).toBeGreaterThan(0.5);
    expect(long.lambdaData).toBeLessThan(0.05);
  });

  it('declines (→ the repair) when a score is missing; one row gives the identity', () => {
    const x = gaussianBlock(10, 4, 3);
    x[13] = NaN;
    expect(withBlock(x, (ptr) => shrunkCorrelation(core, { ptr, n: 10, k: 4 }, 0.25))).toBeNull();
    const one = withBlock(new Float64Array([1, 2, 3]), (ptr) => shrunkCorrelation(core, { ptr, n: 1, k: 3 }, 0.25))!;
    expect(Array.from(one.R)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });
});

/** parent: 8 rows × 2 numbers; child: 40 rows × 12 numbers → the parent models ~1 + 2·12 + 66 + 2 columns. */
function shortWide(): { meta: SdvMetadata; tables: Record<string, ColumnarTable> } {
  const r = seededRng(9);
  const num = { sdtype: 'numerical', computer_representation: 'Float' } as const;
  const cc = Array.from({ length: 12 }, (_, i) => `x${i}`);
  const meta: SdvMetadata = {
    METADATA_SPEC_VERSION: 'V1',
    tables: {
      parent: { primary_key: 'id', columns: { id: { sdtype: 'id' }, a: num, b: num } },
      child: { primary_key: 'id', columns: { id: { sdtype: 'id' }, pid: { sdtype: 'id' }, ...Object.fromEntries(cc.map((c) => [c, num])) } }
    },
    relationships: [{ parent_table_name: 'parent', parent_primary_key: 'id', child_table_name: 'child', child_foreign_key: 'pid' }]
  };
  const p = 8, n = 40;
  const pidOf = Array.from({ length: n }, (_, i) => (i * 7 + (i % 3)) % p); // uneven counts per parent
  const parent: ColumnarTable = { names: ['id', 'a', 'b'], columns: [Array.from({ length: p }, (_, i) => String(i)), ...[0, 1].map(() => Array.from({ length: p }, () => (r.nextFloat() * 100).toFixed(2)))] };
  const child: ColumnarTable = { names: ['id', 'pid', ...cc], columns: [Array.from({ length: n }, (_, i) => String(i)), pidOf.map(String), ...cc.map((_, j) => pidOf.map((q) => (q * (j + 1) + r.nextFloat() * 10).toFixed(3)))] };
  return { meta, tables: { parent, child } };
}

describe('HMA fit of a parent with far fewer rows than columns', () => {
  it('uses the shrunk correlation without the nearest-correlation repair; the repair estimator gives the same matrix', async () => {
    const { meta, tables } = shortWide();
    repairCalls.n = 0;
    const fast = await fitMulti(core, tables, meta, { synthesizer: 'hma', seed: 2, hma: { warnColumns: 1000 } });
    expect(repairCalls.n).toBe(0);
    const cop = fast.tables.parent.copula!;
    const k = cop.columns.length;
    expect(k).toBeGreaterThan(8 * 10); // n = 8 rows ≪ k columns
    expect(cholesky(core, cop.correlation, k).jitter).toBe(0);
    expect(symmetricEigen(core, cop.correlation, k).values[0]).toBeGreaterThanOrEqual(0.25 - 1e-12);

    const slow = await fitMulti(core, tables, meta, { synthesizer: 'hma', seed: 2, hma: { warnColumns: 1000 }, copula: { correlation_estimator: 'repair' } });
    expect(repairCalls.n).toBeGreaterThanOrEqual(2); // one per table
    // on a PD input the repair is the identity map, up to the rounding of its eigendecompositions
    const a = cop.correlation, b = slow.tables.parent.copula!.correlation;
    let worst = 0;
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
    expect(worst).toBeLessThan(1e-9);
  }, 60_000);
});
