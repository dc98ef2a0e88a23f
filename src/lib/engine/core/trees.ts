/**
 * CART decision trees on the WASM core (assembly/trees): pre-binning, fitting (regression by variance
 * reduction, classification by Gini), leaf routing. See docs/cart.md.
 */
export { NODE_STRIDE, MAX_NUMERIC_BINS, MAX_CATEGORIES } from './trees-exports';
export { binFeatures, freeBinned, type BinnedFeatures } from './trees-bin';
export { fitTree, type Tree, type TreeFit, type TreeOptions } from './trees-fit';
export { predictLeaves, predictLeavesAt, treeIn } from './trees-predict';
