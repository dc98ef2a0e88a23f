/**
 * Plain TypeScript versions of the linalg kernels — for benchmark comparison only (bench/suites/core-linalg.ts).
 * Same algorithms as assembly/linalg; the random stream differs (xoshiro128++ on 32-bit integers, which
 * JavaScript runs fast, instead of the core's xoshiro256++), so numbers are comparable in cost, not in value.
 */

/** Cholesky–Banachiewicz with the same jitter ladder as assembly/linalg/cholesky.ts. k×k row-major. */
export function choleskyTs(A: Float64Array, k: number): { L: Float64Array; jitter: number } {
  let scale = 0;
  for (let i = 0; i < k; i++) scale = Math.max(scale, Math.abs(A[i * k + i]));
  const tiny = k * 2.220446049250313e-16 * scale;
  const L = new Float64Array(k * k);
  const attempt = (eps: number): boolean => {
    L.fill(0);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j <= i; j++) {
        let s = A[i * k + j];
        for (let p = 0; p < j; p++) s -= L[i * k + p] * L[j * k + p];
        if (i === j) {
          if (!(s + eps > tiny)) return false;
          L[i * k + i] = Math.sqrt(s + eps);
        } else L[i * k + j] = s / L[j * k + j];
      }
    }
    return true;
  };
  if (attempt(0)) return { L, jitter: 0 };
  for (let eps = 1e-10; eps <= 1.0001e-2; eps *= 10) if (attempt(eps)) return { L, jitter: eps };
  throw new Error('not positive definite');
}

/** xoshiro128++ (Blackman & Vigna) with Marsaglia polar normals. */
export class NormalStreamTs {
  private s = new Uint32Array(4);
  private cached = 0;
  private hasCached = false;
  constructor(seed: number) {
    let z = seed >>> 0 || 1;
    for (let i = 0; i < 4; i++) {
      z = (z + 0x9e3779b9) >>> 0; // splitmix32
      let t = z;
      t = Math.imul(t ^ (t >>> 16), 0x85ebca6b);
      t = Math.imul(t ^ (t >>> 13), 0xc2b2ae35);
      this.s[i] = (t ^ (t >>> 16)) >>> 0;
    }
  }
  private nextU32(): number {
    const s = this.s;
    const r = (((s[0] + s[3]) << 7) | ((s[0] + s[3]) >>> 25)) + s[0];
    const t = s[1] << 9;
    s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 11) | (s[3] >>> 21);
    return r >>> 0;
  }
  /** Uniform in [0, 1) with 53 random bits. */
  nextF64(): number {
    return ((this.nextU32() >>> 5) * 67108864 + (this.nextU32() >>> 6)) / 9007199254740992;
  }
  nextNormal(): number {
    if (this.hasCached) { this.hasCached = false; return this.cached; }
    let u: number, v: number, s: number;
    do {
      u = 2 * this.nextF64() - 1;
      v = 2 * this.nextF64() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const m = Math.sqrt((-2 * Math.log(s)) / s);
    this.cached = v * m;
    this.hasCached = true;
    return u * m;
  }
}

/** n rows of z = L·e as k columns, row by row (the straightforward loop). */
export function sampleMvnTs(L: Float64Array, k: number, n: number, rng: NormalStreamTs): Float64Array[] {
  const cols = Array.from({ length: k }, () => new Float64Array(n));
  const e = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) e[p] = rng.nextNormal();
    for (let j = 0; j < k; j++) {
      let z = 0;
      for (let p = 0; p <= j; p++) z += L[j * k + p] * e[p];
      cols[j][i] = z;
    }
  }
  return cols;
}
