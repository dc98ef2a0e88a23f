/**
 * The copula algebra on the WASM core: correlation, eigen, nearest correlation, Cholesky with jitter,
 * triangular solves, multivariate-normal and conditional-Gaussian sampling. See docs/core-linalg.md.
 */
export { correlationMatrix, identityMatrix, type DataBlock } from './linalg-correlation';
export { shrunkCorrelation, type ShrunkCorrelation } from './linalg-shrunk-correlation';
export { symmetricEigen, type SymmetricEigen } from './linalg-eigen';
export { nearestCorrelation, type NearestCorrelationOptions, type NearestCorrelationResult } from './linalg-nearest';
export { cholesky, solveLower, solveUpper, solveLowerTransposed, solveCholesky, type CholeskyResult } from './linalg-cholesky';
export { sampleMvn, sampleMvnInto } from './linalg-mvn';
export { conditionalGaussian, sampleConditional, sampleConditionalInto, type CondModel } from './linalg-conditional';
