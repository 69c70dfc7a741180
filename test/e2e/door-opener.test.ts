import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { organizations, supportRequests } from '../../src/db/schema.ts';
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

  it('finds a way in for a support request, names whom to ask, and keeps the way as its answer', async () => {
    const db = workspace.server.database.db;
    const named = async (name: string) =>
      (await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.name, name)))[0]!
        .id;
    const cityOfEspoo = await named('City of Espoo');
    await db.insert(supportRequests).values({
      organizationId: cityOfEspoo,
      companyId: await named('Air0'),
      need: 'delegation',
      targetCountry: 'CN',
      receivedOn: '2024-03-01',
    });
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/workspace/support-requests?org=${cityOfEspoo}`);
    const row = page.getByRole('row', { name: /Air0/ }).filter({ hasText: 'Delegation' });
    await row.getByRole('link', { name: 'Find a way in Air0' }).click();
    await page.getByText(/^Finding a way in for Air0 \(Delegation\)/).waitFor();
    const first = ways(page).first();
    await first.getByRole('heading', { name: 'Way 1: Our own tie', level: 3 }).waitFor();
    // The people of Shanghai's government, for a member of the City of Espoo.
    expect(await first.locator('.do-contacts').textContent()).toContain('Mayor of Shanghai');
    // Espoo and Shanghai also met at the twin-town forum Shanghai hosted.
    const atEvent = ways(page).filter({ has: page.getByRole('heading', { name: /Met at an event/ }) });
    expect(await atEvent.first().locator('.do-sentence').textContent()).toMatch(
      /^Espoo and Shanghai were both at .+ \(20\d\d\)\.$/,
    );
    await atEvent
      .first()
      .getByRole('link', { name: /^The event / })
      .waitFor();

    await first.getByRole('button', { name: /^Keep as the answer to Air0/ }).click();
    await page
      .getByRole('region', { name: 'Notifications' })
      .getByRole('alertdialog')
      .filter({ hasText: 'Kept as the answer to Air0.' })
      .waitFor();
    await first.getByText('Kept as the answer to Air0.').waitFor();
    const kept = (
      await (await page.context().request.get(`${workspace.server.url}/api/support-requests`)).json()
    ).items.find((item: { need: string }) => item.need === 'delegation');
    expect(kept).toMatchObject({ status: 'answered', answerPath: { kind: 'own_tie' } });
    expect(kept.answer).toBe(kept.answerPath.sentence);

    await page.getByRole('link', { name: 'Back to the support requests' }).click();
    const answered = page.getByRole('row', { name: /Air0/ }).filter({ hasText: 'Delegation' });
    await answered.filter({ hasText: 'Answered' }).waitFor();
    expect(await answered.textContent()).toContain(kept.answer);
    await page.context().close();
  });

  it('finds the ways in to a first-level region, chosen by a place in it', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/workspace/door-opener`);
    await page.getByRole('radio', { name: 'A region' }).check();
    const place = page.getByRole('combobox', { name: 'A place in the region' });
    await place.fill('Shanghai');
    await page
      .getByRole('option', { name: /^Shanghai/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/[?&]regionOf=\d+/);
    await page.getByText(/^Ways in to the region of Shanghai \(China\) from City of Espoo\./).waitFor();
    await ways(page).first().getByRole('heading', { name: 'Way 1: Our own tie', level: 3 }).waitFor();
    await page.context().close();
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
