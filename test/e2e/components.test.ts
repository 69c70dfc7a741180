import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let user: { email: string; password: string };
let tieId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const demo = await server.database.db.transaction((tx) => loadDemo(tx));
  user = demo.users[1]!;
  tieId = demo.partnershipId;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A signed-in browser in the given language and system colour scheme. */
async function signedIn(
  options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: options.locale ?? 'en-GB',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width: options.width ?? 1280, height: 900 },
    acceptDownloads: true,
  });
  const answer = await context.request.post(`${server.url}/api/auth/sign-in`, {
    data: { email: user.email, password: user.password },
  });
  expect(answer.status()).toBe(200);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return { context, page };
}

const TITLES = { en: 'Components', fi: 'Komponentit', sv: 'Komponenter' } as const;
const CAPTIONS = {
  en: 'Ties (2,000 made-up rows)',
  fi: 'Suhteet (2 000 keksittyä riviä)',
  sv: 'Förbindelser (2 000 påhittade rader)',
} as const;

async function openGallery(page: Page, language: keyof typeof TITLES, query = '') {
  await page.goto(`${server.url}/workspace/components${query}`);
  await page.getByRole('heading', { level: 1, name: TITLES[language] }).waitFor();
  await page.locator('caption', { hasText: CAPTIONS[language] }).waitFor();
}

/** The page's computed background and text colours, to tell which theme is showing. */
const pageColours = (page: Page) =>
  page.evaluate(() => {
    const style = getComputedStyle(document.documentElement);
    return {
      background: style.backgroundColor,
      text: style.color,
      theme: document.documentElement.dataset.theme,
    };
  });

describe('the component gallery in Chromium', () => {
  it.each([
    ['en', 'en-GB', 'light'],
    ['en', 'en-GB', 'dark'],
    ['fi', 'fi-FI', 'light'],
    ['fi', 'fi-FI', 'dark'],
    ['sv', 'sv-FI', 'light'],
    ['sv', 'sv-FI', 'dark'],
  ] as const)('has no axe violations in %s (%s) with a %s system theme', async (language, locale, scheme) => {
    const { context, page } = await signedIn({ locale, colorScheme: scheme });
    await openGallery(page, language);
    const colours = await pageColours(page);
    expect(colours.background).toBe(scheme === 'dark' ? 'rgb(17, 20, 24)' : 'rgb(246, 247, 249)');
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  });

  it('has no axe violations with a dialog, a list box or a menu open, in both themes', async () => {
    const { context, page } = await signedIn();
    await openGallery(page, 'en');
    for (const theme of ['Light', 'Dark'] as const) {
      await page.getByRole('radio', { name: theme }).click();
      await page.getByRole('button', { name: 'Rename…' }).click();
      await page.getByRole('dialog', { name: 'Rename the tie' }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Active Status' }).click();
      await page.getByRole('listbox').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Actions' }).first().click();
      await page.getByRole('menu').waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.getByRole('menu').waitFor({ state: 'detached' });
    }
    await context.close();
  });

  it('switches the theme from the header, remembers it, and follows the system again when asked', async () => {
    const { context, page } = await signedIn({ colorScheme: 'light' });
    await openGallery(page, 'en');
    const group = page.getByRole('radiogroup', { name: 'Colour theme' });
    await expect(group.getByRole('radio', { name: 'Use the system setting' }).isChecked()).resolves.toBe(
      true,
    );
    await group.getByRole('radio', { name: 'Dark' }).click();
    expect(await pageColours(page)).toEqual({
      background: 'rgb(17, 20, 24)',
      text: 'rgb(231, 234, 238)',
      theme: 'dark',
    });
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect((await pageColours(page)).theme).toBe('dark');
    await expect(group.getByRole('radio', { name: 'Dark' }).isChecked()).resolves.toBe(true);
    // Keyboard: the arrow keys move the choice within the group.
    await group.getByRole('radio', { name: 'Dark' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    expect((await pageColours(page)).theme).toBe('light');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Space');
    expect((await pageColours(page)).theme).toBeUndefined();
    expect(await page.evaluate(() => localStorage.getItem('citybridge.theme'))).toBeNull();
    await context.close();
  });

  it('opens a dialog with Enter, keeps focus inside it, and closes it with Escape back to its button', async () => {
    const { context, page } = await signedIn();
    await openGallery(page, 'en');
    const opener = page.getByRole('button', { name: 'Rename…' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Rename the tie' });
    await dialog.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('text');
    const focusInDialog = () =>
      page.evaluate(() => Boolean(document.activeElement?.closest('[role="dialog"]')));
    const seen = new Set<string>();
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      expect(await focusInDialog()).toBe(true);
      seen.add(
        await page.evaluate(
          () => document.activeElement?.textContent || document.activeElement?.tagName || '',
        ),
      );
    }
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusInDialog()).toBe(true);
    }
    // Tab went round the name field, Cancel, Save and the close button, and never left.
    expect(seen).toContain('Cancel');
    expect(seen).toContain('Save');
    await page.keyboard.type('Espoo–Shanghai');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Rename…');
    await context.close();
  });

  it('sorts, filters, pages and downloads the table by keyboard, with its view in the URL', async () => {
    const { context, page } = await signedIn();
    await openGallery(page, 'en');
    const table = page.locator('table', { has: page.locator('caption', { hasText: CAPTIONS.en }) });
    const column = async (index: number) =>
      table.locator(`tbody tr td:nth-child(${index})`).allTextContents();

    // Sort by "Since" (the 5th column): Enter on its header button, once ascending, then descending.
    const since = table.getByRole('button', { name: 'Since' });
    await since.focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => table.locator('th', { hasText: 'Since' }).getAttribute('aria-sort'))
      .toBe('ascending');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => table.locator('th', { hasText: 'Since' }).getAttribute('aria-sort'))
      .toBe('descending');
    const years = (await column(5)).map(Number);
    expect(years).toHaveLength(25);
    expect(years).toEqual([...years].sort((a, b) => b - a));
    expect(new URL(page.url()).searchParams.get('ties.sort')).toBe('-since');

    // Filter: type into the table's search, then choose a status with the keyboard.
    await page.getByRole('searchbox', { name: 'Search the table' }).first().focus();
    await page.keyboard.type('ber');
    await expect.poll(() => new URL(page.url()).searchParams.get('ties.q')).toBe('ber');
    const statusFilter = page.getByRole('button', { name: /Filter: Status/ }).first();
    await statusFilter.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.type('Dormant');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('ties.f.status')).toBe('dormant');
    await expect.poll(async () => [...new Set(await column(4))]).toEqual(['Dormant']);
    // Choosing the status did not lose the search typed just before it.
    expect(new URL(page.url()).searchParams.get('ties.q')).toBe('ber');
    await expect
      .poll(async () => {
        const places = await column(1);
        const partners = await column(2);
        return places.every((place, index) => `${place} ${partners[index]}`.toLowerCase().includes('ber'));
      })
      .toBe(true);
    const status = page
      .getByRole('status')
      .filter({ hasText: /matching/ })
      .first();
    const matching = Number(
      (/of ([\d,]+) matching/.exec((await status.textContent()) ?? '')?.[1] ?? '0').replace(/,/g, ''),
    );
    expect(matching).toBeGreaterThan(25);

    // Page: the next page by keyboard.
    const next = page.getByRole('button', { name: 'Next page' }).first();
    await next.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('ties.page')).toBe('2');
    await page
      .getByText(`Page 2 of ${Math.ceil(matching / 25)}`)
      .first()
      .waitFor();

    // Download the current view (every matching row, sorted, the shown columns) as CSV.
    const download = page.getByRole('button', { name: 'Download CSV' }).first();
    await download.focus();
    const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(file.suggestedFilename()).toBe('citybridge-ties.csv');
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    const lines = text.slice(0, -2).split('\r\n');
    expect(lines[0]).toBe('Place,Partner,Country,Status,Since,Contacts');
    expect(lines).toHaveLength(matching + 1);
    const csvYears = lines.slice(1).map((line) => Number(line.split(',')[4]));
    expect(csvYears).toEqual([...csvYears].sort((a, b) => b - a));
    expect(lines.slice(1).every((line) => line.split(',')[3] === 'Dormant')).toBe(true);

    // Choose a column by keyboard: the menu stays open for more choices; Escape closes it and returns focus.
    const columns = page.getByRole('button', { name: 'Columns' }).first();
    await columns.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu').waitFor();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await table.locator('th', { hasText: 'Note' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menu').waitFor({ state: 'detached' });
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Columns');
    expect(new URL(page.url()).searchParams.get('ties.cols')).toBe(
      'place,partner,country,status,since,contacts,note',
    );

    // The view survives a reload, and the other tables on the page keep theirs.
    const url = page.url();
    await page.reload();
    await page.locator('caption', { hasText: CAPTIONS.en }).waitFor();
    expect(page.url()).toBe(url);
    await page
      .getByText(`Page 2 of ${Math.ceil(matching / 25)}`)
      .first()
      .waitFor();
    expect(await table.locator('th', { hasText: 'Since' }).getAttribute('aria-sort')).toBe('descending');
    expect([...new URL(url).searchParams.keys()].every((key) => key.startsWith('ties.'))).toBe(true);
    await context.close();
  });

  it('confirms a deleted tie with a toast whose Undo restores it, by keyboard', async () => {
    const { context, page } = await signedIn();
    await page.goto(`${server.url}/partnerships/${tieId}`);
    await page.getByRole('heading', { name: 'Espoo – Shanghai' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    const toast = page.getByRole('alertdialog').filter({ hasText: 'Deleted.' });
    await toast.waitFor();
    await page.getByText('This partnership is deleted.').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // F6 moves focus to the notifications; Tab reaches Undo.
    await page.keyboard.press('F6');
    await expect
      .poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[role="region"]'))))
      .toBe(true);
    await toast.getByRole('button', { name: 'Undo' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('alertdialog').filter({ hasText: 'Restored.' }).waitFor();
    await page.getByRole('button', { name: 'Delete', exact: true }).waitFor();
    const answer = await context.request.get(`${server.url}/api/partnerships/${tieId}`);
    expect(((await answer.json()) as { deletedAt: string | null }).deletedAt ?? null).toBeNull();
    await context.close();
  });
});
