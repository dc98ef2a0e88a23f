/**
 * Linear-memory allocation for the host (JS). Columns live in buffers the host allocates here,
 * fills through a Float64Array view and passes to kernels by pointer. Kernels never allocate per value.
 */

/** Allocates `bytes` bytes (8-byte aligned) and returns the pointer; 0 is never returned. */
export function alloc(bytes: usize): usize {
  return heap.alloc(bytes);
}

/** Frees a pointer returned by `alloc`. */
export function free(ptr: usize): void {
  heap.free(ptr);
}

/** Current linear memory size in bytes (for leak checks and peak-memory reporting). */
export function memoryBytes(): usize {
  return (<usize>memory.size()) << 16;
}
