/// <reference lib="webworker" />
/**
 * The service worker: precaches every build asset (the WASM engine included) so the app loads and
 * works offline after the first visit, serves the SPA shell for every navigation, and answers the
 * original product's `/api/sdv/*` routes on the device (see ARCHITECTURE.md, "The local API").
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';
import { handleApi, isApiPath, type ApiDeps } from '$lib/api/routes';
import { JobRunner } from '$lib/api/job-runner';
import { dexieJobStore, failInterruptedJobs } from '$lib/api/job-store';
import { validateRequest } from '$lib/api/validate-request';
import { runGenerateRequest } from '$lib/api/generate-request';
import { apiEnabled, db } from '$lib/db/db';
import { instantiateCore, simdSupported, type Core } from '$lib/engine/wasm';
import pkg from '../package.json';

declare let self: ServiceWorkerGlobalScope;

const manifest = self.__WB_MANIFEST;

// The API listener goes first: workbox only handles precached files and navigations.
const store = dexieJobStore(db());
let core: Promise<Core> | undefined;

function loadCore(): Promise<Core> {
  core ??= (async () => {
    const flavour = simdSupported() ? 'simd' : 'scalar';
    const entry = manifest.find((e) => (typeof e === 'string' ? e : e.url).includes(`core.${flavour}`) && (typeof e === 'string' ? e : e.url).endsWith('.wasm'))
      ?? manifest.find((e) => (typeof e === 'string' ? e : e.url).endsWith('.wasm'));
    if (!entry) throw new Error('The WASM engine is missing from the precache');
    const url = typeof entry === 'string' ? entry : entry.url;
    const resp = (await matchPrecache(url)) ?? (await fetch(url));
    return instantiateCore(resp, flavour);
  })();
  core.catch(() => (core = undefined));
  return core;
}

const runner = new JobRunner(store, async (req, ctl) => {
  const d = db();
  return runGenerateRequest(await loadCore(), req, async (tableId) => {
    const s = await d.samples.where('table_id').equals(tableId).first();
    return s ? { names: [...s.header], columns: s.header.map((_, c) => s.rows.map((r) => (r[c] === '' || r[c] === undefined ? null : r[c]))) } : undefined;
  }, ctl);
});

// Jobs left queued/running by a previous instance of this worker were cut off.
const startup = failInterruptedJobs(db(), runner.running).catch(() => 0);

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !isApiPath(url.pathname)) return;
  const deps: ApiDeps = {
    version: pkg.version,
    store,
    startJob: (id, req) => event.waitUntil(runner.start(id, req)),
    cancelJob: (id) => runner.cancel(id),
    validate: async (body) => validateRequest(await loadCore(), body),
    enabled: () => apiEnabled(db())
  };
  event.respondWith(startup.then(() => handleApi(event.request, deps)));
});

precacheAndRoute(manifest);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/'), { denylist: [/^\/api\/sdv\//] }));

self.skipWaiting();
clientsClaim();
