import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * The door-opener in the workspace: Espoo's coordinator asks, as the City of Espoo, for the ways in to Shanghai with
 * the keyboard; the ranked answer lists each way with its sentences (in English, then in Finnish), links to its
 * places and ties, and the places on a map; the search stays in the address. The page is axe-clean in both themes,
 * wide and narrow.
 */

const workspace = setUpDemoWorkspace();

/** The ordered list of the ways found. */
const ways = (page: Page) => page.locator('ol.do-paths > li');

describe('the door-opener page', () => {
  it('finds the ways in from the organisation to a place, searched with the keyboard, and keeps the search in the address', async () => {
    const page = await workspace.newPage({ colorScheme: 'light' });
    await workspace.signIn(page);
    await page.getByRole('link', { name: 'Door-opener' }).first().click();
    await page.getByRole('heading', { name: 'Door-opener', level: 1 }).waitFor();
    await page.getByText('Choose where to go and who is asking').waitFor();
    expect(await page.getByRole('radio', { name: /^Our organisation \(City of Espoo\)$/ }).isChecked()).toBe(
      true,
    );
    expect(await axeViolations(page), 'empty').toEqual([]);

    // The target by its name, chosen from the search's options, and the search sent: keys only.
    const target = page.getByRole('combobox', { name: 'Target place' });
    await target.focus();
    await page.keyboard.type('Shanghai');
    await page
      .getByRole('option', { name: /^Shanghai/ })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    expect(await target.inputValue()).toBe('Shanghai');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Search', exact: true }).focus();
    await page.keyboard.press('Enter');

    await page.waitForURL(/[?&]target=\d+/);
    const first = ways(page).first();
    await first.getByRole('heading', { name: 'Way 1: Our own tie', level: 3 }).waitFor();
    expect(await first.locator('.do-sentence').first().textContent()).toMatch(/^Espoo .*Shanghai/);
    await first.getByRole('link', { name: 'Espoo', exact: true }).waitFor();
    await first.getByRole('link', { name: 'The tie Espoo – Shanghai' }).waitFor();
    const url = page.url();
    expect(new URL(url).searchParams.get('targetCountry')).toBeNull();

    // The address alone brings the same search back.
    const again = await workspace.newPage({ colorScheme: 'dark' });
    await workspace.signIn(again);
    await again.goto(url);
    await ways(again).first().getByRole('heading', { name: 'Way 1: Our own tie' }).waitFor();
    expect(await again.getByRole('combobox', { name: 'Target place' }).inputValue()).toBe('Shanghai');
    await page.context().close();
    await again.context().close();
  });

  it('answers in Finnish and English, axe-clean in light and dark at 1280 and 375 px', async () => {
    const setup = await workspace.newPage();
    await workspace.signIn(setup);
    const found = await (
      await setup.context().request.get(`${workspace.server.url}/api/places?q=Shanghai&limit=1`)
    ).json();
    const shanghai: number = found.results[0].id;
    await setup.context().close();
    const address = `${workspace.server.url}/workspace/door-opener?target=${shanghai}`;

    for (const [locale, heading, sentence] of [
      ['en-GB', 'Way 1: Our own tie', /^Espoo .*Shanghai/],
      ['fi-FI', 'Reitti 1: Oma suhteemme', /^Espoo ja Shanghai ovat/],
    ] as const) {
      for (const colorScheme of ['light', 'dark'] as const) {
        for (const width of [1280, 375]) {
          const page = await workspace.newPage({ locale, colorScheme, width });
          await workspace.signIn(page);
          await page.goto(address);
          const first = ways(page).first();
          await first.getByRole('heading', { name: heading, level: 3 }).waitFor();
          expect(await first.locator('.do-sentence').first().textContent()).toMatch(sentence);
          await page.locator('.do-map-title').scrollIntoViewIfNeeded();
          await page
            .locator('[data-testid="door-opener-map"][data-ready="true"]')
            .waitFor({ timeout: 30_000 });
          expect(await page.locator('.do-marker').count()).toBeGreaterThanOrEqual(2);
          expect(await axeViolations(page), `${locale} ${colorScheme} ${width}`).toEqual([]);
          await page.context().close();
        }
      }
    }
  }, 300_000);
});
