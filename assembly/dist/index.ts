// Exports of assembly/dist: one file per marginal distribution, plus the copula transforms.
export { distNormFit, distNormCdf, distNormQuantile, distNormLogPdf, distNormSample } from './norm';
export { distUniformFit, distUniformCdf, distUniformQuantile, distUniformLogPdf, distUniformSample } from './uniform';
export { distConstantCdf, distConstantQuantile, distConstantLogPdf, distConstantSample } from './constant';
export { distGammaFit, distGammaCdf, distGammaQuantile, distGammaLogPdf, distGammaSample } from './gamma';
export { distBetaFit, distBetaCdf, distBetaQuantile, distBetaLogPdf, distBetaSample } from './beta';
export { distTruncnormFit, distTruncnormCdf, distTruncnormQuantile, distTruncnormLogPdf, distTruncnormSample } from './truncnorm';
export {
  KDE_MAX_SUPPORT, KDE_MAX_GRID, distKdeSupport, distKdeBandwidth, distKdeGridSize, distKdeTable,
  distKdeCdf, distKdeQuantile, distKdeLogPdf, distKdeSample
} from './gaussian-kde';
export { EMPIRICAL_MAX_KNOTS, distEmpiricalKnots, distEmpiricalCdf, distEmpiricalQuantile, distEmpiricalLogPdf, distEmpiricalSample } from './empirical';
export { COPULA_EPS, copulaUniformToNormal, copulaNormalToUniform } from './copula';
