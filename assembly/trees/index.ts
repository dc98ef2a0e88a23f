// Exports of assembly/trees: CART decision trees for the sequential synthesizer (see docs/cart.md).
export { NODE_STRIDE as TREE_NODE_STRIDE, MAX_NUMERIC_BINS as TREE_MAX_NUMERIC_BINS } from './layout';
export { treeBin } from './binning';
export { treeFit } from './fit';
export { treePredictLeaf } from './predict';
