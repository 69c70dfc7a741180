import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

const demo = setUpDemoWorkspace();
const newPage = demo.newPage;
const signIn = (page: Page) => demo.signIn(page);

/** What has focus: its tag, its accessible label or text, and whether it sits in a dialog. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase(),
      label: element?.getAttribute('aria-label') ?? element?.textContent?.trim() ?? '',
      inDialog: Boolean(element?.closest('[role="dialog"]')),
    };
  });

describe('the app shell in Chromium', () => {
  it('opens the command palette with Ctrl+K, finds a tie by keyboard and opens it; Escape gives focus back', async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();

    // Escape closes the palette and focus returns to the button that opened it.
    const opener = page.getByRole('button', { name: 'Search and commands' });
    await opener.focus();
    await page.keyboard.press('Enter');
    const palette = page.getByRole('dialog', { name: 'Search and commands' });
    await palette.waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('input');
    await page.keyboard.press('Escape');
    await palette.waitFor({ state: 'detached' });
    await expect.poll(async () => (await focused(page)).label).toMatch(/^Search and commands/);

    // Ctrl+K, type, the results are counted for screen readers, arrows move, Enter opens.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('Kristian');
    await palette
      .getByRole('status')
      .filter({ hasText: /\d+ results?/ })
      .waitFor();
    const ties = palette.getByRole('group', { name: 'Ties' });
    await ties.getByRole('menuitem', { name: /Kristianstad/ }).waitFor();
    const input = palette.locator('input');
    const active = () =>
      input.evaluate((element) => {
        const id = element.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.closest('[role="group"]')?.textContent ?? '') : '';
      });
    for (let step = 0; step < 10 && !/^Ties/.test(await active()); step++)
      await page.keyboard.press('ArrowDown');
    expect(await active()).toMatch(/^Ties/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/partnerships\/\d+$/);
    await page.getByRole('heading', { name: /Kristianstad/, level: 1 }).waitFor();
    await expect.poll(async () => (await focused(page)).tag).toBe('h1');

    // Commands: switching the language from the palette.
    await page.keyboard.press('Control+k');
    await palette.waitFor();
    await page.keyboard.type('Suomi');
    await palette.getByRole('menuitem', { name: 'Language: Suomi' }).waitFor();
    const activeItem = () =>
      input.evaluate((element) => {
        const id = element.getAttribute('aria-activedescendant');
        return id ? (document.getElementById(id)?.textContent ?? '') : '';
      });
    for (let step = 0; step < 10 && (await activeItem()) !== 'Language: Suomi'; step++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Haku ja komennot' }).waitFor();
    await page.context().close();
  });

  it('navigates with the sidebar and the breadcrumbs, marks the current page and focuses its heading', async () => {
    const page = await newPage();
    await signIn(page);
    const sections = page.getByRole('navigation', { name: 'Workspace sections' });
    for (const [name, path, cell] of [
      ['Ties', '/workspace/ties', 'Shanghai'],
      ['Organisations', '/workspace/organizations', 'City of Espoo'],
      ['People', '/workspace/people', 'City Manager of Espoo'],
      ['Activity', '/workspace/activity', null],
    ] as const) {
      await sections.getByRole('link', { name, exact: true }).click();
      await page.waitForURL(`${demo.server.url}${path}`);
      await page.getByRole('heading', { name, level: 1 }).waitFor();
      await expect.poll(async () => (await focused(page)).tag).toBe('h1');
      await expect(
        sections.getByRole('link', { name, exact: true }).getAttribute('aria-current'),
      ).resolves.toBe('page');
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumbs' });
      await expect(crumbs.getByRole('link', { name }).getAttribute('aria-current')).resolves.toBe('page');
      if (cell) await page.getByRole('table').getByText(cell).first().waitFor();
    }
    await page
      .getByRole('navigation', { name: 'Breadcrumbs' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.waitForURL(`${demo.server.url}/workspace`);
    await page.getByRole('heading', { name: 'Workspace', level: 1 }).waitFor();
    await page.context().close();
  });

  it('opens the sections drawer and the site menu at 375 px, keeps focus inside, and closes with Escape', async () => {
    const page = await newPage({ width: 375 });
    await signIn(page);
    for (const [button, dialog, link] of [
      ['Sections', 'Workspace sections', 'Ties'],
      ['Menu', 'CityBridge', 'Countries'],
    ] as const) {
      const opener = page.getByRole('button', { name: button, exact: true });
      await opener.click();
      const drawer = page.getByRole('dialog', { name: dialog });
      await drawer.waitFor();
      expect(await axeViolations(page)).toEqual([]);
      for (let step = 0; step < 15; step++) {
        await page.keyboard.press('Tab');
        expect((await focused(page)).inDialog).toBe(true);
      }
      await page.keyboard.press('Escape');
      await drawer.waitFor({ state: 'detached' });
      // Focus goes back to the opener in the frame after the drawer leaves.
      await expect.poll(async () => (await focused(page)).label).toBe(button);
      // A link in the drawer navigates and closes it.
      await opener.click();
      await drawer.getByRole('link', { name: link, exact: true }).click();
      await drawer.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: link, level: 1 }).waitFor();
    }
    await page.context().close();
  });

  it.each([
    ['en-GB', 'Ties', 'Countries'],
    ['fi-FI', 'Suhteet', 'Maat'],
    ['sv-FI', 'Förbindelser', 'Länder'],
  ])('has no axe violations on the shell pages in %s, in both themes', async (locale, ties, countries) => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await newPage({ locale, colorScheme });
      await page.goto(`${demo.server.url}/countries`);
      await page.getByRole('heading', { name: countries, level: 1 }).waitFor();
      await page.getByRole('table').getByRole('link').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await signIn(page);
      await page.getByRole('navigation').getByRole('link', { name: ties, exact: true }).first().click();
      await page.getByRole('heading', { name: ties, level: 1 }).waitFor();
      await page.getByRole('table').getByRole('link').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Control+k');
      await page.getByRole('dialog').waitFor();
      await page.keyboard.type('sha');
      await page.getByRole('dialog').getByRole('menuitem').first().waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.context().close();
    }
  });

  it('has no axe violations after switching to the dark theme with the header switch', async () => {
    const page = await newPage();
    await signIn(page);
    await page.getByRole('radiogroup', { name: 'Colour theme' }).getByRole('radio', { name: 'Dark' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    for (const path of [
      '/workspace',
      '/workspace/people',
      '/workspace/activity',
      '/workspace/organizations',
    ]) {
      await page.goto(`${demo.server.url}${path}`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Breadcrumbs' }).waitFor();
      await page.locator('[aria-busy="true"]').first().waitFor({ state: 'detached' });
      expect(await axeViolations(page)).toEqual([]);
    }
    await page.context().close();
  });
});
