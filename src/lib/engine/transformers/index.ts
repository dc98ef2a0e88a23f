/** Public API of the reversible-transformer layer (text table ⇄ copula matrix). */
export { fitTransformers, transformTable, reverseTable } from './table-transformer';
export { quickDetect } from './quick-detect';
export { seededRng, streamFactory, toRng, type Rng } from './rng';
export type { ModelColumn, ModelColumnSpec, ModelMatrix, ModelRole, TableTransformer, TransformerOptions, ColumnOptions, ColumnTransformerState } from './types';
