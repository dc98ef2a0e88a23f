import { test, expect, waitForServiceWorker } from './fixtures';

/** The engine check lives in the start screen's "About / diagnostics" panel. */
async function openDiagnostics(page: import('@playwright/test').Page) {
  await page.getByText('About / diagnostics').click();
  await expect(page.getByRole('button', { name: 'Run engine check' })).toBeVisible();
}

async function runEngineCheck(page: import('@playwright/test').Page, n: number, seed: number) {
  await page.getByLabel('Values').fill(String(n));
  await page.getByLabel('Seed').fill(String(seed));
  await page.getByRole('button', { name: 'Run engine check' }).click();
  await expect(page.getByTestId('engine-n')).toHaveText(String(n));
  return {
    mean: Number(await page.getByTestId('engine-mean').textContent()),
    variance: Number(await page.getByTestId('engine-variance').textContent()),
    flavour: await page.getByTestId('engine-flavour').textContent()
  };
}

test('WASM in a worker computes, and the app works offline after the first visit', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Synthetic Data Studio' })).toBeVisible();
  await openDiagnostics(page);

  const online = await runEngineCheck(page, 200_000, 7);
  expect(Math.abs(online.mean)).toBeLessThan(0.02); // 5σ of the mean of 200k N(0,1) ≈ 0.011
  expect(Math.abs(online.variance - 1)).toBeLessThan(0.02);
  expect(online.flavour).toMatch(/WASM (simd|scalar)/);

  await waitForServiceWorker(page);

  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Synthetic Data Studio' })).toBeVisible();
  await openDiagnostics(page);
  const offline = await runEngineCheck(page, 200_000, 7);
  // Same seed ⇒ same numbers, offline too.
  expect(offline.mean).toBe(online.mean);
  expect(offline.variance).toBe(online.variance);
  await context.setOffline(false);
});

test('a running computation can be cancelled', async ({ page }) => {
  await page.goto('/');
  await openDiagnostics(page);
  await page.getByLabel('Values').fill('2000000000');
  await page.getByRole('button', { name: 'Run engine check' }).click();
  await expect(page.getByRole('button', { name: 'Cancel' })).toBeEnabled();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('alert')).toContainText('cancelled');
  await expect(page.getByRole('button', { name: 'Run engine check' })).toBeEnabled();
});

test('a project created in the UI survives a reload', async ({ page }) => {
  await page.goto('/');
  const name = `Survives reload <b>${Date.now()}</b>`;
  await page.getByLabel('Project name').fill(name);
  await page.getByRole('button', { name: 'Create project' }).click();
  // Creating opens the project; its name is editable in the header.
  await expect(page.getByRole('tab', { name: 'Schema' })).toBeVisible();
  await expect(page.getByLabel('Project name')).toHaveValue(name);
  await page.reload();
  await expect(page.getByLabel('Project name')).toHaveValue(name);
  await page.getByRole('link', { name: '← Projects' }).click();
  // Shown literally in the list, never as HTML.
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
});

test('manifest is installable and the page has a strict CSP', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(new URL(href!, page.url()).toString())).json();
  expect(manifest.display).toBe('standalone');
  expect(manifest.icons.map((i: { sizes: string }) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
  const csp = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'self'");
});
