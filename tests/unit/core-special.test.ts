import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import { distExports, type DistExports } from '../../src/lib/engine/core/dist-exports';
import { normalCdf, normalQuantile } from '../../src/lib/engine/core/special';
import type { Core } from '../../src/lib/engine/wasm';

// Reference values: tests/fixtures/reference/special/runner.py (SciPy), committed as data.json.
const ref = JSON.parse(readFileSync(new URL('../fixtures/reference/special/data.json', import.meta.url), 'utf8'));

/** Relative error, with an absolute floor `abs` for values near zero. */
function relErr(got: number, want: number, abs = 0): number {
  if (got === want) return 0;
  const d = Math.abs(got - want);
  return d <= abs ? 0 : d / Math.abs(want);
}

function maxRel(got: ArrayLike<number>, want: number[], abs = 0): number {
  let m = 0;
  for (let i = 0; i < want.length; i++) m = Math.max(m, relErr(got[i], want[i], abs));
  return m;
}

let core: Core;
let e: DistExports;
beforeAll(async () => {
  core = await loadCoreNode('simd');
  e = distExports(core);
});

describe('normal distribution special functions vs SciPy', () => {
  it('Φ and Φc: relative error ≤ 1e-14 from 1 down to 1e-300', () => {
    const { x, cdf, sf } = ref.ndtr;
    // tolerance 1e-14 relative (brief); values below 1e-300 are compared with absolute floor 1e-310
    expect(maxRel(normalCdf(core, x), cdf, 1e-310)).toBeLessThan(1e-14);
    expect(maxRel(x.map((v: number) => e.normSf(v)), sf, 1e-310)).toBeLessThan(1e-14);
  });

  it('log Φ matches log_ndtr to 1e-14 relative (also where Φ underflows)', () => {
    const { x, logcdf } = ref.ndtr;
    expect(maxRel(x.map((v: number) => e.normLogCdf(v)), logcdf, 1e-300)).toBeLessThan(1e-14);
    // beyond the underflow of Φ: log Φ(−40) = −804.608…, scipy log_ndtr(-40)
    expect(relErr(e.normLogCdf(-40), -804.6084420137538)).toBeLessThan(1e-14);
  });

  it('Φ⁻¹ (AS241): relative error ≤ 1e-15 (absolute 1e-15 near 0)', () => {
    const { p, x } = ref.ndtri;
    expect(maxRel(normalQuantile(core, p), x, 1e-15)).toBeLessThan(1e-15);
  });

  it('Φ⁻¹ from log p (ndtri_exp), far beyond double underflow: ≤ 1e-13 relative', () => {
    const { logp, x } = ref.ndtri_log;
    expect(maxRel(logp.map((v: number) => e.normQuantileFromLogCdf(v)), x)).toBeLessThan(1e-13);
  });

  it('edge inputs of Φ⁻¹: 0 → −∞, 1 → +∞, outside → NaN', () => {
    expect(e.normQuantile(0)).toBe(-Infinity);
    expect(e.normQuantile(1)).toBe(Infinity);
    expect(e.normQuantile(1.5)).toBeNaN();
    expect(e.normQuantile(NaN)).toBeNaN();
  });

  it('erf, erfc, erfcx (Cody): ≤ 2e-15 relative', () => {
    const { x, erf, erfc, erfcx } = ref.erf;
    expect(maxRel(x.map((v: number) => e.erf(v)), erf, 1e-300)).toBeLessThan(2e-15);
    expect(maxRel(x.map((v: number) => e.erfc(v)), erfc, 1e-300)).toBeLessThan(2e-15);
    expect(maxRel(x.map((v: number) => e.erfcx(v)), erfcx)).toBeLessThan(2e-15);
  });
});

describe('gamma family vs SciPy', () => {
  it('log Γ (Lanczos): absolute error ≤ 2e-15·max(1, |log Γ|)', () => {
    const { x, y } = ref.gammaln;
    for (let i = 0; i < x.length; i++) expect(Math.abs(e.lgamma(x[i]) - y[i])).toBeLessThanOrEqual(2e-15 * Math.max(1, Math.abs(y[i])));
  });

  it('digamma and trigamma: ≤ 1e-13 relative (absolute near the root of ψ)', () => {
    const { x, digamma, trigamma } = ref.psi;
    expect(maxRel(x.map((v: number) => e.digamma(v)), digamma, 1e-14)).toBeLessThan(1e-13);
    expect(maxRel(x.map((v: number) => e.trigamma(v)), trigamma)).toBeLessThan(1e-13);
  });

  it('regularised incomplete gamma P and Q: ≤ 1e-12 relative (a up to 1000)', () => {
    const { a, x, p, q } = ref.gammainc;
    for (let i = 0; i < a.length; i++) {
      expect(relErr(e.gammaP(a[i], x[i]), p[i], 1e-300), `P(${a[i]}, ${x[i]})`).toBeLessThan(1e-12);
      expect(relErr(e.gammaQ(a[i], x[i]), q[i], 1e-300), `Q(${a[i]}, ${x[i]})`).toBeLessThan(1e-12);
    }
  });

  it('inverse of P: ≤ 1e-12 relative, both tails', () => {
    const { a, p, x } = ref.gammaincinv;
    for (let i = 0; i < a.length; i++) expect(relErr(e.gammaPInv(a[i], p[i]), x[i]), `P⁻¹(${a[i]}, ${p[i]})`).toBeLessThan(1e-12);
  });
});

describe('incomplete beta vs SciPy', () => {
  it('I_x(a, b) and its complement: ≤ 1e-12 relative', () => {
    const { a, b, x, i: iv, ic } = ref.betainc;
    for (let k = 0; k < a.length; k++) {
      expect(relErr(e.betaInc(a[k], b[k], x[k]), iv[k], 1e-300), `I(${a[k]}, ${b[k]}, ${x[k]})`).toBeLessThan(1e-12);
      expect(relErr(e.betaIncComplement(a[k], b[k], x[k]), ic[k], 1e-300), `Ic(${a[k]}, ${b[k]}, ${x[k]})`).toBeLessThan(1e-12);
    }
  });

  it('inverse: ≤ 1e-12 relative', () => {
    const { a, b, p, x } = ref.betaincinv;
    for (let k = 0; k < a.length; k++) expect(relErr(e.betaIncInv(a[k], b[k], p[k]), x[k], 1e-300), `I⁻¹(${a[k]}, ${b[k]}, ${p[k]})`).toBeLessThan(1e-12);
  });
});

describe('truncated normal far in the tails vs SciPy', () => {
  it('CDF (≤ 1e-12 relative), log-pdf (≤ 1e-12) and quantile (≤ 1e-12, absolute 1e-14 at 0) on [8, 9], [−9, −8], [40, 41], …', () => {
    for (const c of ref.truncnorm) {
      const a = c.a ?? -Infinity, b = c.b ?? Infinity;
      const lz = e.truncnormLogMass(a, b);
      for (let i = 0; i < c.x.length; i++) {
        expect(relErr(e.truncnormStdCdf(c.x[i], a, b, lz), c.cdf[i], 1e-300), `cdf [${a}, ${b}] at ${c.x[i]}`).toBeLessThan(1e-12);
        expect(relErr(e.truncnormStdLogPdf(c.x[i], a, b, lz), c.logpdf[i]), `logpdf [${a}, ${b}] at ${c.x[i]}`).toBeLessThan(1e-12);
      }
      for (let i = 0; i < c.u.length; i++) {
        expect(relErr(e.truncnormStdQuantile(c.u[i], a, b, lz), c.ppf[i], 1e-14), `ppf [${a}, ${b}] at ${c.u[i]}`).toBeLessThan(1e-12);
      }
    }
  });
});
