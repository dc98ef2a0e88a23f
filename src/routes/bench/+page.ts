// Bench-only page: not prerendered (served through the SPA fallback), so no extra HTML is precached.
export const prerender = false;
