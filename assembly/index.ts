// Public surface of the numerical core. One folder per function family, each with its own index.ts.
export { alloc, free, memoryBytes } from './memory';
export { RNG_STATE_BYTES, rngSeed, rngJump, rngFillUniform } from './rng/xoshiro256pp';
export { rngFillNormal } from './rng/normal';
export { momentsReset, momentsAccumulate } from './stats/moments';
export * from './special/index';
export * from './dist/index';
export * from './linalg/index';
export * from './metrics/index';
export * from './trees/index';
