/**
 * Memory layout shared by the tree kernels and the host (src/lib/engine/core/trees-layout.ts mirrors it).
 *
 * A fitted tree is a flat array of nodes, NODE_STRIDE doubles each:
 *   [0] feature index (−1 for a leaf)
 *   [1] numeric split: threshold (go left when x ≤ threshold); categorical split: byte offset into the
 *       category-direction buffer
 *   [2] numeric split: 1 when missing values (NaN) go left, else 0; categorical split: K (categories)
 *   [3] 1 for a categorical split, 0 for numeric
 *   [4] left child node index   [5] right child node index
 *   [6] leaf id (0, 1, … in creation order; −1 for internal nodes)
 *   [7] number of training rows in the node
 * A categorical split at offset `o` with K categories owns K + 2 bytes: byte o + c is 1 when category c goes
 * left, byte o + K is the direction of a missing value, byte o + K + 1 that of a category unseen in the node.
 */
export const NODE_STRIDE: i32 = 8;

/** Largest number of bins a numeric feature is cut into (u16 bin indices leave room for categories). */
export const MAX_NUMERIC_BINS: i32 = 256;

/** Largest category count of a categorical feature or target (bins are u16; the NaN bin is K). */
export const MAX_CATEGORIES: i32 = 65534;

/** Error codes returned (negated) by treeFit. */
export const ERR_NODE_CAPACITY: i32 = -1;
export const ERR_CAT_CAPACITY: i32 = -2;
export const ERR_BAD_INPUT: i32 = -3;
