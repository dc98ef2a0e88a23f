// Public surface of the numerical core. One module per function family; see ARCHITECTURE.md.
export { alloc, free, memoryBytes } from './memory';
export { RNG_STATE_BYTES, rngSeed, rngJump, rngFillUniform } from './rng/xoshiro256pp';
export { rngFillNormal } from './rng/normal';
export { momentsReset, momentsAccumulate } from './stats/moments';
