// Exports of assembly/metrics: SDMetrics-compatible metric kernels over f64 buffers.
export { sortF64, coSortF64, dropNaN, partitionNaN } from './sort';
export { ksStatistic, ksSorted } from './ks';
export {
  tvComplement, contingencyDense, contingencySimilarityDense, cramersVDense,
  pairKeys, contingencySimilaritySorted, cramersVSorted
} from './categorical';
export { pearson } from './pearson';
export { minMax, binEqualWidth, histogramCounts } from './binning';
export { DCR_MISSING, dcrEncodeMissing, dcrBlockBoxes, dcrSearch, dcrSearchBestFirst } from './dcr';
export { newRowMatches, newRowMatchesGrouped, newRowCandidates } from './newrow';
