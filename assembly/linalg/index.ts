// Exports of assembly/linalg — filled by its module files.
export const __linalg_placeholder: i32 = 0;
