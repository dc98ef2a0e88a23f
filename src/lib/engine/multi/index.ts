/** Public API of multi-table synthesis (docs/multi-table.md). */
export { fitMulti } from './fit';
export { sampleMulti } from './sample';
export { buildGraph, type FkEdge, type TableGraph } from './graph';
export { estimateHmaWidths, checkHmaWidths, hmaExtensionWidth, HMA_MAX_COLUMNS, HMA_WARN_COLUMNS } from './hma-width';
export type { MultiSynthesizer, HmaOptions, MultiWarning, MultiModel, MultiFitOptions, MultiSampleOptions, CardinalitySetting, EdgeModel, TableModel, SelfRefModel } from './types';
