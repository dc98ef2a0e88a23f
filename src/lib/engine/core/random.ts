/**
 * Seeded random streams of the WASM core (xoshiro256++, assembly/rng). A stream is a pointer to
 * RNG_STATE_BYTES of linear memory; create it with `core.newRng(seed)`, free it with `core.free`.
 * Same seed ⇒ same numbers in the SIMD and scalar builds.
 */
import type { Core } from '../wasm';
import { distExports } from './dist-exports';

/** `n` uniforms in [0, 1) with 53 random bits each. */
export function randomUniforms(core: Core, rng: number, n: number): Float64Array {
  return core.withBuffers([n], (out) => {
    distExports(core).rngFillUniform(rng, out, n);
    return core.f64(out, n).slice();
  });
}

/** `n` standard normal variates. */
export function randomNormals(core: Core, rng: number, n: number): Float64Array {
  return core.withBuffers([n], (out) => {
    distExports(core).rngFillNormal(rng, out, n);
    return core.f64(out, n).slice();
  });
}

/** Advances the stream by 2¹²⁸ draws (non-overlapping sub-streams). */
export function jumpRng(core: Core, rng: number): void {
  distExports(core).rngJump(rng);
}

/** Runs `fn` with a fresh seeded stream that is freed afterwards. */
export function withRng<T>(core: Core, seed: number, fn: (rng: number) => T): T {
  const rng = core.newRng(seed);
  try {
    return fn(rng);
  } finally {
    core.free(rng);
  }
}
