// Exports of assembly/special: one file per function family.
export { erf, erfc, erfcx } from './erf';
export { normCdf, normSf, normLogCdf, normLogSf } from './normal';
export { normQuantile, normQuantileFromLogCdf, normQuantileColumn } from './normal-quantile';
export { lgamma, digamma, trigamma, lbeta } from './gamma';
export { gammaP, gammaQ, gammaPInv } from './incomplete-gamma';
export { betaInc, betaIncComplement, betaIncInv } from './incomplete-beta';
export { truncnormLogMass, truncnormStdCdf, truncnormStdQuantile, truncnormStdLogPdf, truncnormStdMoments } from './truncated-normal';
export { normCdfColumn } from './normal-column';
