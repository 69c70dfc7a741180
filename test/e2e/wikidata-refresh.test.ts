import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

const NEWER = path.resolve('test/fixtures/wikidata-refresh');

let server: RunningServer;
let browser: Browser;
let admin: { email: string; password: string };

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const demo = await server.database.db.transaction((tx) => loadDemo(tx));
  admin = demo.users[0]!;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedInPage(locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  const signIn = await context.request.post(`${server.url}/api/auth/sign-in`, {
    data: { email: admin.email, password: admin.password },
  });
  expect(signIn.status()).toBe(200);
  return page;
}

describe('the Wikidata refresh screen in Chromium', () => {
  it('makes a diff of two files, shows it for review, and applies it', async () => {
    const page = await signedInPage('en-GB');
    await page.goto(`${server.url}/admin/wikidata-refresh`);
    await page.getByRole('heading', { name: 'Wikidata refresh', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Both files are needed: the form says so before anything is sent.
    await page.getByRole('button', { name: 'Make the diff' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose both files.' }).waitFor();

    await page.getByLabel(/^Cities/).setInputFiles(path.join(NEWER, 'wikidata_p190_nodes.tsv'));
    await page.getByLabel(/^Links/).setInputFiles(path.join(NEWER, 'wikidata_p190_links.tsv'));
    await page.getByRole('button', { name: 'Make the diff' }).click();
    await page.getByRole('heading', { name: /^Diff [0-9a-f]{12}$/ }).waitFor();
    const newTies = page.getByRole('table', { name: 'New ties (3)' });
    await newTies
      .getByRole('row')
      .filter({ hasText: 'Copenhagen' })
      .filter({ hasText: 'creates the tie' })
      .waitFor();
    const gone = page.getByRole('table', { name: 'Gone ties (3)' });
    await gone
      .getByRole('row')
      .filter({ hasText: 'Narva' })
      .filter({ hasText: 'withdraws the tie' })
      .waitFor();
    await page
      .getByRole('table', { name: 'Changed places (3)' })
      .getByRole('row')
      .filter({ hasText: 'Name: Tokyo → Tokyo Metropolis' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Apply the diff' }).click();
    await page.getByText(/^Applied by import run \d+,/).waitFor();
    await expect(page.getByRole('button', { name: 'Apply the diff' }).count()).resolves.toBe(0);
    await page.context().close();
  });

  it('speaks Finnish and Swedish', async () => {
    for (const [locale, heading] of [
      ['fi-FI', 'Wikidata-päivitys'],
      ['sv-SE', 'Wikidata-uppdatering'],
    ] as const) {
      const page = await signedInPage(locale);
      await page.goto(`${server.url}/admin/wikidata-refresh`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
