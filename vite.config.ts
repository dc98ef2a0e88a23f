import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vite';
import { pwaManifest } from './scripts/pwa-manifest';

export default defineConfig({
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'service-worker.ts',
      registerType: 'autoUpdate',
      injectRegister: false,
      manifest: pwaManifest,
      injectManifest: {
        // Precache everything the app needs offline, the WASM engine included.
        globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,wasm,json}', 'prerendered/**/*.{html,json}'],
        // The bench-only worker (/bench route) is not part of the product.
        globIgnores: ['**/bench.worker-*.js'],
        // Largest file ~2.4 MB (the app page chunk); a bigger one means a dependency bloated the bundle.
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024
      },
      kit: { adapterFallback: '200.html', spa: true },
      devOptions: { enabled: false }
    })
  ],
  worker: { format: 'es' },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000
  }
});
