/** Web app manifest (installable PWA). Kept in its own file so tests can read it. */
import type { ManifestOptions } from 'vite-plugin-pwa';

export const pwaManifest: Partial<ManifestOptions> = {
  name: 'Synthetic Data Studio',
  short_name: 'SynthStudio',
  description: 'Design a relational schema and generate statistically faithful synthetic data — offline, on your device.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  background_color: '#0f172a',
  theme_color: '#4f46e5',
  // Installed app: "Open with Synthetic Data Studio" for these files; src/lib/state/launch-queue.ts
  // reads them from `window.launchQueue` and opens the import preview on the start screen.
  file_handlers: [
    {
      action: '/',
      accept: {
        'application/json': ['.json'],
        'text/csv': ['.csv'],
        'application/sql': ['.sql'],
        'text/x-dbml': ['.dbml']
      }
    }
  ],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
  ]
};
