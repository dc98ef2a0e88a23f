import { test as base, expect } from '@playwright/test';

/**
 * Every e2e test records each request the page (or its workers / service worker) makes and fails
 * if any left the app's own origin: data never leaves the device.
 */
export const test = base.extend<{ foreignRequests: string[] }>({
  foreignRequests: [
    async ({ context, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const foreign: string[] = [];
      context.on('request', (req) => {
        const url = req.url();
        if (/^(data|blob|chrome-extension|about):/.test(url)) return;
        if (new URL(url).origin !== origin) foreign.push(url);
      });
      await use(foreign);
      expect(foreign, 'requests that left the app origin').toEqual([]);
    },
    { auto: true }
  ]
});

export { expect };

/** Waits until the service worker controls the page (after the first visit). */
export async function waitForServiceWorker(page: import('@playwright/test').Page) {
  await page.waitForFunction(async () => {
    const reg = await navigator.serviceWorker.ready;
    return !!reg.active && !!navigator.serviceWorker.controller;
  }, undefined, { timeout: 30_000 });
}
