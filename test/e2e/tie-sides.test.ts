import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { launchBrowser, openPage } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

/**
 * What the pages say of a tie the sources leave undated and report from one side only, over the fixture world:
 * Perth's Wikipedia list names Espoo, Espoo's own list does not name Perth, and no source gives a date.
 */

let server: RunningServer;
let browser: Browser;
let espooId: number;
let tie: {
  id: number;
  parties: { placeId: number; name: string }[];
  sides: { oneSided: boolean; sources: { key: string; listedBy: number[]; notListedBy: number[] }[] };
};

const get = async <T>(path: string): Promise<T> => {
  const response = await fetch(`${server.url}${path}`);
  expect(response.status).toBe(200);
  return (await response.json()) as T;
};

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  espooId = (await get<{ results: { id: number }[] }>('/api/places?q=Espoo&country=FI')).results[0]!.id;
  const { partners } = await get<{ partners: { partnershipId: number; place: { name: string } }[] }>(
    `/api/places/${espooId}/partners`,
  );
  const perth = partners.find((partner) => partner.place.name.startsWith('Perth'))!;
  tie = await get(`/api/partnerships/${perth.partnershipId}`);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a tie reported by one side only, with no date', () => {
  it('is one-sided in the API: Perth’s list names it, Espoo’s own list leaves it out', () => {
    const perth = tie.parties.find((party) => party.placeId !== espooId)!;
    expect(tie.sides.oneSided).toBe(true);
    expect(tie.sides.sources).toEqual([
      {
        key: 'wikipedia-twin-town-lists',
        name: expect.any(String),
        listedBy: [perth.placeId],
        notListedBy: [espooId],
      },
    ]);
  });

  it('says so on its page, with both lists, and that its date is unknown, in fi, sv and en without axe violations', async () => {
    const perth = tie.parties.find((party) => party.placeId !== espooId)!.name;
    const espoo = tie.parties.find((party) => party.placeId === espooId)!.name;
    const expected = {
      en: [
        'One-sided.',
        `Wikipedia’s lists of twin towns: reported in the list for ${perth}; not in the list for ${espoo}`,
        'Date unknown: no source gives it',
      ],
      fi: [
        'Yksipuolinen.',
        `Wikipedian ystävyyskaupunkiluettelot: mainittu luettelossa: ${perth}; ei luettelossa: ${espoo}`,
        'Päivämäärä ei tiedossa',
      ],
      sv: [
        'Ensidig.',
        `Wikipedias listor över vänorter: nämns i listan för ${perth}; inte i listan för ${espoo}`,
        'Datum okänt',
      ],
    };
    for (const [locale, texts] of Object.entries(expected)) {
      const page = await openPage(browser, { locale });
      await page.goto(`${server.url}/partnerships/${tie.id}`);
      await page.locator('.tie-sources').waitFor();
      const text = await page.locator('main, body').first().textContent();
      for (const part of texts) expect(text).toContain(part);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });

  it('is "date unknown" in the place page’s partners and "unknown" in the atlas panel, which counts the undated', async () => {
    const page = await openPage(browser);
    await page.goto(`${server.url}/places/${espooId}`);
    const row = page.locator('.partners-table tbody tr', { hasText: /Perth/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('date unknown');
    // The tie's kind leads to the tie's own page, which names its sources.
    expect(await row.getByRole('link', { name: 'Twin town' }).getAttribute('href')).toBe(
      `/partnerships/${tie.id}`,
    );

    await page.goto(`${server.url}/?place=${espooId}`);
    const panel = page.locator('.atlas-panel');
    await panel.locator('.partners-table[aria-busy="false"]').waitFor();
    const cell = panel.locator('tbody tr', { hasText: /Perth/ }).locator('td').last();
    // Said in words a sighted reader sees, not a dash with the word hidden.
    expect(await cell.locator('.secondary').first().isVisible()).toBe(true);
    expect(await cell.textContent()).toContain('unknown');
    const undated = await get<{ partners: { startedOn: string | null }[] }>(
      `/api/places/${espooId}/partners`,
    );
    const count = undated.partners.filter((partner) => partner.startedOn === null).length;
    expect(count).toBeGreaterThan(0);
    expect(await panel.locator('.panel-note').textContent()).toBe(
      `${count} of these ties have no known start date: their sources give none.`,
    );
    await page.context().close();
  });
});
