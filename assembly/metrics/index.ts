// Exports of assembly/metrics — filled by its module files.
export const __metrics_placeholder: i32 = 0;
