import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** Client-only single-page app: every route is rendered in the browser (ssr = false in +layout.ts),
 *  the root shell is prerendered and `index.html` doubles as the SPA fallback. */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
    // vite-plugin-pwa owns the service worker (src/sw.ts); SvelteKit must not register its own.
    serviceWorker: { register: false },
    // Privacy by construction: only our own origin for scripts, workers, WASM and fetch.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self', 'wasm-unsafe-eval'],
        'worker-src': ['self', 'blob:'],
        'connect-src': ['self'],
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'manifest-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    }
  }
};

export default config;
