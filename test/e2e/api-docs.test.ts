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
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    // Swagger UI draws a long list of operations only near the viewport: scroll through the whole
    // page and gather every operation it draws on the way.
    await expect
      .poll(() => page.locator('.opblock-summary-path').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const seen = new Set<string>();
    for (let step = 0, waitsAtEnd = 0; step < 500 && waitsAtEnd < 8; step += 1) {
      const drawn = await page
        .locator('.opblock')
        .evaluateAll((blocks) =>
          blocks.map(
            (block) =>
              `${block.querySelector('.opblock-summary-method')?.textContent} ${block.querySelector('.opblock-summary-path')?.getAttribute('data-path')}`,
          ),
        );
      for (const operation of drawn) seen.add(operation);
      const atEnd = await page.evaluate(() => {
        const before = window.scrollY;
        window.scrollBy(0, window.innerHeight / 2);
        return window.scrollY === before;
      });
      if (atEnd && seen.size >= operations.length) break;
      if (atEnd) waitsAtEnd += 1;
      await page.waitForTimeout(atEnd ? 250 : 50);
    }
    expect([...seen].sort()).toEqual([...operations].sort());
    await page.evaluate(() => window.scrollTo(0, 0));
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
