// Exports of assembly/dist — filled by its module files.
export const __dist_placeholder: i32 = 0;
