import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let coordinator: { email: string; password: string };
let admin: { email: string; password: string };
let tieId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const demo = await server.database.db.transaction((tx) => loadDemo(tx));
  admin = demo.users[0]!;
  coordinator = demo.users[1]!;
  tieId = demo.partnershipId;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(locale = 'en-GB'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Fills the sign-in form with the keyboard only: tab to each field, type, and press Enter. */
async function typeCredentials(page: Page, user: { email: string; password: string }) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel(/email|sähköposti|e-post/i).waitFor();
  await page.getByLabel(/email|sähköposti|e-post/i).focus();
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
}

async function signInByKeyboard(page: Page, user: { email: string; password: string }) {
  await typeCredentials(page, user);
  await page.waitForURL(/\/workspace$/);
}

describe('the workspace in Chromium', () => {
  it('refuses a wrong password and signs in with the right one, by keyboard', async () => {
    const page = await newPage();
    await typeCredentials(page, { email: coordinator.email, password: 'not the password' });
    await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await signInByKeyboard(page, coordinator);
    await page.getByRole('heading', { name: 'City of Espoo' }).waitFor();
    await expect(page.getByText('Upcoming anniversaries').count()).resolves.toBe(1);
    await page.getByText('Shanghai –', { exact: false }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('edits a tie, shows the history, and re-applies a change after someone else saved first', async () => {
    const page = await newPage();
    await signInByKeyboard(page, coordinator);
    await page.goto(`${server.url}/partnerships/${tieId}`);
    await page.getByRole('heading', { name: 'Espoo – Shanghai' }).waitFor();
    await expect(page.getByText('Not yet confirmed').count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Status').selectOption('dormant');
    await page.getByLabel('Innovation').check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await expect(page.getByText('Dormant').count()).resolves.toBeGreaterThan(0);
    await expect.poll(() => page.getByText('Changed by Espoo Coordinator', { exact: false }).count()).toBe(2);

    // Someone else saves while this user edits: the save is refused with their version shown, then re-applied.
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Internal notes').fill('Renewal talks in spring');
    const api = await browser.newContext();
    const signIn = await api.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: admin.email, password: admin.password },
    });
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const current = (await (await api.request.get(`${server.url}/api/partnerships/${tieId}`)).json()) as {
      version: number;
    };
    const other = await api.request.patch(`${server.url}/api/partnerships/${tieId}`, {
      data: { version: current.version, themes: ['culture', 'health'] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(other.status()).toBe(200);
    await api.close();

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed' }).waitFor();
    await page.getByRole('button', { name: 'Apply my changes on top of theirs' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await page.getByText('Renewal talks in spring').waitFor();
    await expect(page.getByText('Culture, Health').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('is translated and accessible in Finnish and Swedish', async () => {
    for (const [locale, heading] of [
      ['fi-FI', 'Kirjaudu sisään'],
      ['sv-FI', 'Logga in'],
    ] as const) {
      const page = await newPage(locale);
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await signInByKeyboard(page, coordinator);
      await page.goto(`${server.url}/partnerships/${tieId}`);
      await page.getByRole('heading', { name: 'Espoo – Shanghai' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
