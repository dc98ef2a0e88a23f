/// <reference lib="webworker" />
/**
 * The service worker: precaches every build asset (the WASM engine included) so the app loads and
 * works offline after the first visit, and serves the SPA shell for every navigation.
 * Later: answers `/api/sdv/*` (see ARCHITECTURE.md).
 */
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { clientsClaim } from 'workbox-core';

declare let self: ServiceWorkerGlobalScope;

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(new NavigationRoute(createHandlerBoundToURL('/')));

self.skipWaiting();
clientsClaim();
