// Public surface of the metrics engine.
export { evaluate, evaluateTable, summary, type ReportOptions, type TablePair } from './report';
export { normalizeMetadata } from './metadata';
export { detectTableMetadata } from './detect';
export { prepareTable, storageType, type PreparedTable, type ScoredColumn } from './prepare';
export * as kernels from './kernels';
export { dcrToClosest, matchedRows, newRowSynthesis, randomBaseline, median } from './privacy';
export type * from './types';
