/** Public API of multi-table synthesis (docs/multi-table.md). */
export { fitMulti } from './fit';
export { sampleMulti } from './sample';
export { buildGraph, type FkEdge, type TableGraph } from './graph';
export type { MultiModel, MultiFitOptions, MultiSampleOptions, CardinalitySetting, EdgeModel, TableModel, SelfRefModel } from './types';
