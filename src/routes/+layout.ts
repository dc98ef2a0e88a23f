// Client-only app: no server rendering; the shell is prerendered so it can be precached.
export const ssr = false;
export const prerender = true;
