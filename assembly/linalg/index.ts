// Exports of assembly/linalg: the copula algebra (see docs/core-linalg.md).
export { corrPairwise } from './correlation';
export { symEigen } from './symmetric-eigen';
export { nearestCorrelation } from './nearest-correlation';
export { choleskyJitter } from './cholesky';
export { solveLower, solveUpper, solveLowerTransposed } from './triangular-solve';
export { mvnSample } from './mvn-sample';
export { condGaussianFit, condGaussianSample } from './conditional-gaussian';
