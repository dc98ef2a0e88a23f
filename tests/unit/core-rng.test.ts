import { beforeAll, describe, expect, it } from 'vitest';
import { loadCoreNode } from '../../src/lib/engine/wasm-node';
import type { Core } from '../../src/lib/engine/wasm';
import { randomNormals, randomUniforms, jumpRng, withRng } from '../../src/lib/engine/core/random';
import { ksStatistic } from '../../src/lib/engine/core/distributions';

/** Independent BigInt model of the seeding (SplitMix64 over seed + k·golden) and xoshiro256++ (Blackman & Vigna). */
function referenceUniforms(seed: number, n: number): number[] {
  const M = (1n << 64n) - 1n;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M;
  const splitmix = (z: bigint) => {
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M;
    return z ^ (z >> 31n);
  };
  let s = BigInt(seed);
  const st: bigint[] = [];
  for (let i = 0; i < 4; i++) { s = (s + 0x9e3779b97f4a7c15n) & M; st.push(splitmix(s)); }
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const result = (rotl((st[0] + st[3]) & M, 23n) + st[0]) & M;
    const t = (st[1] << 17n) & M;
    st[2] ^= st[0]; st[3] ^= st[1]; st[1] ^= st[2]; st[0] ^= st[3];
    st[2] ^= t; st[3] = rotl(st[3], 45n);
    out.push(Number(result >> 11n) * 2 ** -53);
  }
  return out;
}

let simd: Core, scalar: Core;
beforeAll(async () => {
  simd = await loadCoreNode('simd');
  scalar = await loadCoreNode('scalar');
});

describe('xoshiro256++ streams', () => {
  it('match an independent BigInt implementation of the reference algorithm', () => {
    const got = withRng(simd, 42, (r) => randomUniforms(simd, r, 20));
    expect(Array.from(got)).toEqual(referenceUniforms(42, 20));
  });

  it('uniforms carry 53 random bits: every value is k·2⁻⁵³ and the lowest bit varies', () => {
    const u = withRng(simd, 7, (r) => randomUniforms(simd, r, 10_000));
    let odd = 0;
    for (const v of u) {
      const k = v * 2 ** 53;
      expect(Number.isInteger(k) && k >= 0 && k < 2 ** 53).toBe(true);
      if (k % 2 === 1) odd++;
    }
    // Binomial(10000, ½): 5σ band
    expect(Math.abs(odd - 5000)).toBeLessThan(250);
  });

  it('same seed ⇒ identical uniforms and normals in the SIMD and scalar builds; other seed ⇒ other numbers', () => {
    for (const seed of [0, 1, 123456789, 2 ** 53 - 1]) {
      const a = withRng(simd, seed, (r) => [randomUniforms(simd, r, 1000), randomNormals(simd, r, 1001)]);
      const b = withRng(scalar, seed, (r) => [randomUniforms(scalar, r, 1000), randomNormals(scalar, r, 1001)]);
      expect(Array.from(b[0])).toEqual(Array.from(a[0]));
      expect(Array.from(b[1])).toEqual(Array.from(a[1]));
    }
    const c = withRng(simd, 2, (r) => randomUniforms(simd, r, 10));
    const d = withRng(simd, 3, (r) => randomUniforms(simd, r, 10));
    expect(Array.from(c)).not.toEqual(Array.from(d));
  });

  it('jump gives a deterministic, different sub-stream', () => {
    const base = withRng(simd, 5, (r) => randomUniforms(simd, r, 100));
    const j1 = withRng(simd, 5, (r) => { jumpRng(simd, r); return randomUniforms(simd, r, 100); });
    const j2 = withRng(scalar, 5, (r) => { jumpRng(scalar, r); return randomUniforms(scalar, r, 100); });
    expect(Array.from(j1)).toEqual(Array.from(j2));
    expect(Array.from(j1)).not.toEqual(Array.from(base));
  });

  it('uniforms ~ U(0,1) and normals ~ N(0,1) by the one-sample KS test (α = 0.001, fixed seed)', () => {
    const n = 100_000;
    const crit = 1.95 / Math.sqrt(n); // asymptotic KS critical value at α = 0.001
    const u = withRng(simd, 11, (r) => randomUniforms(simd, r, n));
    const z = withRng(simd, 12, (r) => randomNormals(simd, r, n));
    expect(ksStatistic(simd, { kind: 'uniform', params: { loc: 0, scale: 1 } }, u)).toBeLessThan(crit);
    expect(ksStatistic(simd, { kind: 'norm', params: { loc: 0, scale: 1 } }, z)).toBeLessThan(crit);
    // moments: sd(mean) = 1/√n, sd(var) ≈ √(2/n); 5σ bounds
    const mean = z.reduce((s, v) => s + v, 0) / n;
    const vr = z.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(vr - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});
