// Public surface of the numerical core. One folder per function family, each with its own index.ts.
export { alloc, free, memoryBytes } from './memory';
export * from './rng/index';
export * from './stats/index';
export * from './special/index';
export * from './dist/index';
export * from './linalg/index';
export * from './metrics/index';
export * from './trees/index';
