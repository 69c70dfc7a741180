import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/features/demo/demo.service.ts';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let admin: { email: string; password: string };
let tieId: number;
let espooId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const demo = await server.database.db.transaction((tx) => loadDemo(tx));
  admin = demo.users[0]!;
  tieId = demo.partnershipId;
  const search = (await (await fetch(`${server.url}/api/places?q=Espoo`)).json()) as {
    results: { id: number }[];
  };
  espooId = search.results[0]!.id;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Records every Content-Security-Policy violation the page reports, from its first script on. */
function recordViolations() {
  const violations: string[] = [];
  Object.assign(window, { cspViolations: violations });
  document.addEventListener('securitypolicyviolation', (event) => {
    violations.push(
      `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile})`,
    );
  });
}

async function newContext(): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  await context.addInitScript(recordViolations);
  return context;
}

/**
 * Loads `path` in a new page of `context`, waits for `ready`, and answers the CSP violations seen: those the
 * document reported and those only logged to the console.
 */
async function violationsOn(
  context: BrowserContext,
  path: string,
  ready: (page: Page) => Promise<unknown>,
): Promise<string[]> {
  const page = await context.newPage();
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/content security policy/i.test(message.text())) logged.push(message.text());
  });
  page.on('pageerror', (error) => {
    throw error;
  });
  const response = await page.goto(`${server.url}${path}`);
  // The policy is on, so that no violations means the page keeps to it.
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self'/);
  await ready(page);
  await page.waitForLoadState('networkidle');
  const reported = await page.evaluate(
    () => (window as unknown as { cspViolations: string[] }).cspViolations,
  );
  await page.close();
  return [...reported, ...logged];
}

const heading = (page: Page) => page.getByRole('heading', { level: 1 }).first().waitFor();

describe('the Content-Security-Policy in Chromium', () => {
  it('lets the atlas draw its map, and the public pages render, with no violation', async () => {
    const context = await newContext();
    const pages: [string, (page: Page) => Promise<unknown>][] = [
      ['/', (page) => page.waitForSelector('[data-testid="map"][data-ready="true"]', { timeout: 30_000 })],
      [`/places/${espooId}`, (page) => page.getByRole('heading', { name: 'Espoo' }).first().waitFor()],
      ['/countries/FI', heading],
      ['/accessibility', heading],
      ['/sign-in', heading],
      ['/setup', heading],
    ];
    for (const [path, ready] of pages) {
      expect({ path, violations: await violationsOn(context, path, ready) }).toEqual({
        path,
        violations: [],
      });
    }
    await context.close();
  });

  it('lets the signed-in workspace render every page with no violation', async () => {
    const context = await newContext();
    const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: admin.email, password: admin.password },
    });
    expect(signIn.status()).toBe(200);
    const organizations = (await (await context.request.get(`${server.url}/api/organizations`)).json()) as {
      items: { id: number }[];
    };
    const organizationId = organizations.items[0]!.id;
    const pages: [string, (page: Page) => Promise<unknown>][] = [
      ['/workspace', heading],
      [`/partnerships/${tieId}`, (page) => page.getByRole('heading', { name: 'Espoo – Shanghai' }).waitFor()],
      ['/partnerships/new', (page) => page.getByRole('heading', { name: 'New partnership' }).waitFor()],
      [`/organizations/${organizationId}`, heading],
      ['/account', (page) => page.getByRole('heading', { name: 'Your account' }).waitFor()],
      ['/admin/users', (page) => page.getByRole('heading', { name: 'Users', level: 1 }).waitFor()],
      [
        '/admin/wikidata-refresh',
        (page) => page.getByRole('heading', { name: 'Wikidata refresh', level: 1 }).waitFor(),
      ],
      ['/admin/duplicates', (page) => page.getByRole('tab', { name: /^Waiting \(\d+\)$/ }).waitFor()],
    ];
    for (const [path, ready] of pages) {
      expect({ path, violations: await violationsOn(context, path, ready) }).toEqual({
        path,
        violations: [],
      });
    }
    await context.close();
  });

  it('lets the API docs render every operation with no violation', async () => {
    const context = await newContext();
    const violations = await violationsOn(context, '/api/docs/', async (page) => {
      await expect.poll(() => page.locator('.opblock-summary-path').count()).toBeGreaterThan(10);
      await page.locator('.opblock-summary').first().click();
      await page.locator('.opblock-body').first().waitFor();
    });
    expect(violations).toEqual([]);
    await context.close();
  });
});
