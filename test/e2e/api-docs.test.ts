import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('API documentation in Chromium', () => {
  it('renders every operation and runs a search from the page', async () => {
    const page = await browser.newPage();
    const external: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(server.url) && !request.url().startsWith('data:'))
        external.push(request.url());
    });
    await page.goto(`${server.url}/api/docs/`);
    const document = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.values(document.paths).reduce((sum, item) => sum + Object.keys(item).length, 0);
    await expect
      .poll(() => page.locator('.opblock-summary-path').count(), { timeout: 15_000 })
      .toBe(operations);
    await expect(page.locator('.info .title').textContent()).resolves.toContain('CityBridge API');

    const searchOperation = page.locator('.opblock', { has: page.locator('[data-path="/api/places"]') });
    await searchOperation.locator('.opblock-summary').click();
    await searchOperation.getByRole('button', { name: 'Try it out' }).click();
    await searchOperation.locator('input[placeholder="q"]').fill('Esbo');
    await searchOperation.getByRole('button', { name: 'Execute' }).click();
    await expect
      .poll(() => searchOperation.locator('.live-responses-table').first().textContent(), {
        timeout: 15_000,
      })
      .toMatch(/"matchedName": "Esbo"/);
    expect(external).toEqual([]);
  });
});
