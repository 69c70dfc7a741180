import { eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { places } from '../../src/db/schema.ts';
import { placeDuplicates } from '../../src/features/merges/merges.tables.ts';
import { makePlace } from '../helpers/factories.ts';
import { axeViolations } from './axe.ts';
import { type PageOptions, setUpDemoWorkspace } from './browser.ts';

const workspace = setUpDemoWorkspace();

/** A toast that says `text`. */
const toast = (page: Page, text: string | RegExp) => page.getByRole('alertdialog').filter({ hasText: text });

/** The card of the pair named `name` ("Cebu and Cebu City"). */
const pair = (page: Page, name: string) => page.getByRole('article', { name, exact: true });

/** The administrator's page of duplicate places, signed in with the form. */
async function duplicatesPage(options: PageOptions = {}): Promise<Page> {
  const page = await workspace.newPage(options);
  await workspace.signIn(page, workspace.users[0]);
  await page.goto(`${workspace.server.url}/admin/duplicates`);
  return page;
}

const placeNamed = async (name: string) =>
  (await workspace.server.database.db.select().from(places).where(eq(places.name, name)))[0]!;

const pairOf = async (placeId: number) =>
  (
    await workspace.server.database.db
      .select()
      .from(placeDuplicates)
      .where(eq(placeDuplicates.lowId, placeId))
  )[0]!;

describe('the review queue of duplicate places in Chromium', () => {
  it('finds pairs on demand, merges one into the side chosen, keeps one apart, says when a pair was decided already, and undoes a merge', async () => {
    const page = await duplicatesPage();
    await page.getByRole('heading', { name: 'Duplicate places', level: 1 }).waitFor();
    await page.getByText('No pairs waiting').waitFor();
    await page.getByRole('tab', { name: 'Waiting (0)' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Workspace sections' })
      .getByRole('link', { name: 'Duplicate places' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Three places each recorded twice, a little apart: the finder is not sure of any of them.
    const db = workspace.server.database.db;
    await makePlace(db, { name: 'Cebu', country: 'PH', lat: 10.3, lng: 123.9 });
    await makePlace(db, { name: 'Cebu City', country: 'PH', lat: 10.45, lng: 123.95 });
    await makePlace(db, { name: 'St. Pölten', country: 'AT', lat: 48.2, lng: 15.62 });
    await makePlace(db, { name: 'Sankt Pölten', country: 'AT', lat: 48.3, lng: 15.62 });
    await makePlace(db, { name: 'Bad Ischl', country: 'AT', lat: 47.71, lng: 13.62 });
    await makePlace(db, { name: 'Bad Ischl', country: 'AT', lat: 47.78, lng: 13.62 });

    await page.getByRole('button', { name: 'Look for duplicates now' }).click();
    await toast(page, 'The finder has run.').waitFor();
    await page.getByText(/^0 merged, 3 waiting for review, 0 kept apart/).waitFor();
    await page.getByRole('tab', { name: 'Waiting (3)' }).waitFor();
    await page.getByText('Pairs 1–3 of 3, nearest first').waitFor();

    // Both places side by side, why they were paired, and the one the finder would keep (the older record).
    const cebu = pair(page, 'Cebu and Cebu City');
    await cebu.getByText('18 km apart').waitFor();
    await cebu.getByRole('listitem').filter({ hasText: '“City” or “Town” in one name' }).waitFor();
    await cebu.getByRole('link', { name: 'Cebu City' }).waitFor();
    expect(await cebu.getByRole('link', { name: 'Cebu', exact: true }).getAttribute('href')).toBe(
      `/places/${(await placeNamed('Cebu')).id}`,
    );
    await cebu.getByText('The finder would keep this one').waitFor();
    await pair(page, 'St. Pölten and Sankt Pölten')
      .getByRole('listitem')
      .filter({ hasText: 'Saint written another way (St., Sankt)' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Keeping the other side: Cebu goes into Cebu City, and the toast offers to undo it.
    await cebu.getByRole('button', { name: 'Keep this one (Cebu City)' }).click();
    await toast(page, 'Cebu merged into Cebu City.').getByRole('button', { name: 'Undo' }).waitFor();
    await expect.poll(() => cebu.count()).toBe(0);
    await page.getByRole('tab', { name: 'Waiting (2)' }).waitFor();
    await page.getByRole('tab', { name: 'Merged (1)' }).waitFor();
    expect((await placeNamed('Cebu')).mergedIntoId).toBe((await placeNamed('Cebu City')).id);
    // The focus moves on to the pair that took the decided one's place, to work down the queue by keyboard.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/ and /);

    // Two places after all.
    const polten = pair(page, 'St. Pölten and Sankt Pölten');
    await polten.getByRole('button', { name: /^Not the same/ }).click();
    await toast(page, 'St. Pölten and Sankt Pölten are kept apart as two places.').waitFor();
    await expect.poll(() => polten.count()).toBe(0);
    await page.getByRole('tab', { name: 'Not the same (1)' }).waitFor();
    expect((await pairOf((await placeNamed('St. Pölten')).id)).status).toBe('distinct');

    // Someone else decides the last pair while this page still shows it: the page says so, not a bare 409.
    const ischl = pair(page, 'Bad Ischl and Bad Ischl');
    await ischl.waitFor();
    const [first] = await db.select().from(places).where(eq(places.name, 'Bad Ischl')).orderBy(places.id);
    const { id: ischlId } = await pairOf(first!.id);
    const session = await page.context().request.get(`${workspace.server.url}/api/auth/session`);
    const { csrfToken } = (await session.json()) as { csrfToken: string };
    const elsewhere = await page
      .context()
      .request.post(`${workspace.server.url}/api/admin/place-duplicates/${ischlId}/distinct`, {
        headers: { 'x-csrf-token': csrfToken },
      });
    expect(elsewhere.status()).toBe(200);
    await ischl.getByRole('button', { name: /^Not the same/ }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'This pair had been decided already, perhaps by someone else.' })
      .waitFor();
    await expect.poll(() => ischl.count()).toBe(0);
    await page.getByText('No pairs waiting').waitFor();
    await page.getByRole('tab', { name: 'Not the same (2)' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The merged pair says which place stayed, and its merge can be undone: the two are then kept apart.
    await page.getByRole('tab', { name: 'Merged (1)' }).click();
    await page.waitForURL(/status=merged/);
    const merged = pair(page, 'Cebu and Cebu City');
    await merged.getByText('Merged into Cebu City').waitFor();
    await merged.getByText('Kept', { exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await merged.getByRole('button', { name: /^Undo merge/ }).click();
    await toast(page, 'Merge undone: Cebu and Cebu City are two places again.').waitFor();
    await page.getByText('No merged pairs').waitFor();
    expect((await placeNamed('Cebu')).mergedIntoId).toBeNull();

    await page.getByRole('tab', { name: 'Not the same (3)' }).click();
    await pair(page, 'Cebu and Cebu City')
      .getByText(/^Merge undone /)
      .waitFor();
    await pair(page, 'Bad Ischl and Bad Ischl')
      .getByText(/^Marked not the same /)
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('is accessible in both themes on a phone and a wide screen, in Finnish and Swedish too', async () => {
    for (const [colorScheme, width] of [
      ['light', 375],
      ['dark', 375],
      ['dark', 1280],
    ] as const) {
      const page = await duplicatesPage({ colorScheme, width });
      await page.getByRole('tab', { name: 'Not the same (3)' }).click();
      await pair(page, 'Cebu and Cebu City').waitFor();
      expect(await axeViolations(page), `${colorScheme} ${width}`).toEqual([]);
      // Nothing is wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await page.context().close();
    }
    for (const [locale, heading, tab] of [
      ['fi-FI', 'Päällekkäiset paikat', 'Eri paikat (3)'],
      ['sv-SE', 'Dubblettorter', 'Inte samma (3)'],
    ] as const) {
      const page = await duplicatesPage({ locale });
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.getByRole('tab', { name: tab }).click();
      await page.getByRole('article').first().waitFor();
      expect(await axeViolations(page), locale).toEqual([]);
      await page.context().close();
    }
  });

  it('pages through a long queue, and shows the last page when the one shown has emptied', async () => {
    // 22 waiting pairs, as a run of the finder over a large registry leaves them.
    const db = workspace.server.database.db;
    for (let index = 1; index <= 22; index += 1) {
      const low = await makePlace(db, { name: `Twinham ${index}`, country: 'GB', lat: 52, lng: -1 });
      const high = await makePlace(db, { name: `Twinham ${index}`, country: 'GB', lat: 52.1, lng: -1 });
      await db.insert(placeDuplicates).values({
        lowId: low.id,
        highId: high.id,
        suggestedIntoId: low.id,
        confidence: 'possible',
        reasons: ['same_name'],
        distanceKm: 100 + index,
      });
    }
    const page = await duplicatesPage({ width: 375 });
    await page.getByText('Pairs 1–20 of 22, nearest first').waitFor();
    const pager = page.getByRole('navigation', { name: 'Pages of pairs' });
    await pager.getByText('Page 1 of 2').waitFor();
    await pager.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/[?&]page=2/);
    await page.getByText('Pairs 21–22 of 22, nearest first').waitFor();
    // The first pair of the new page has the focus, so a keyboard goes on from there.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe('Twinham 21 and Twinham 21');
    expect(await axeViolations(page)).toEqual([]);

    for (const index of [21, 22]) {
      await pair(page, `Twinham ${index} and Twinham ${index}`)
        .getByRole('button', { name: /^Not the same/ })
        .click();
      await toast(page, `Twinham ${index} and Twinham ${index} are kept apart as two places.`).waitFor();
    }
    await page.getByText('Pairs 1–20 of 20, nearest first').waitFor();
    await expect(pager.count()).resolves.toBe(0);
    await page.context().close();
  });

  it('is for administrators only', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/admin/duplicates`);
    await page.getByRole('alert').filter({ hasText: '403' }).waitFor();
    const sections = page.getByRole('navigation', { name: 'Workspace sections' });
    await sections.getByRole('link', { name: 'Ties' }).waitFor();
    await expect(sections.getByRole('link', { name: 'Duplicate places' }).count()).resolves.toBe(0);
    await page.context().close();
  });
});
