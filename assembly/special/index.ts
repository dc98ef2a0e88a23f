// Exports of assembly/special — filled by its module files.
export const __special_placeholder: i32 = 0;
