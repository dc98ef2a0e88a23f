// Exports of assembly/rng. Other assembly folders import rngNextF64 / rngNextNormal from the files directly.
export { RNG_STATE_BYTES, rngSeed, rngJump, rngFillUniform } from './xoshiro256pp';
export { rngFillNormal } from './normal';
