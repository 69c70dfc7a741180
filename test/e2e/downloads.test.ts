import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * The downloads page in a real browser: a country chosen with the keyboard goes into every file's address, and the
 * CSV behind the link holds that country's ties; filters the API would refuse are pointed out on their fields with
 * no link offered; the sources' licences are shown; axe clean in fi, sv and en.
 */

const workspace = setUpDemoWorkspace();

describe('downloads page', () => {
  it('offers the chosen country’s ties as CSV', async () => {
    const page = await workspace.newPage();
    await page.goto(`${workspace.server.url}/downloads?lang=en`);
    await page.getByRole('heading', { level: 1, name: 'Download the data' }).waitFor();

    const country = page.getByRole('combobox', { name: 'Country', exact: true });
    await page.waitForLoadState('networkidle');
    await country.focus();
    // The field shows "All" until a country is chosen: typed text replaces it.
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('Finla');
    await page.getByRole('option', { name: 'Finland' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('country')).toBe('FI');

    const link = page
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Ties as CSV' }) })
      .getByRole('link');
    const href = await link.getAttribute('href');
    expect(href).toBe('/api/exports/csv?dataset=ties&country=FI');
    expect(await link.getAttribute('download')).not.toBeNull();
    const answer = await page.request.get(new URL(href!, workspace.server.url).toString());
    expect(answer.status()).toBe(200);
    const rows = parse(await answer.text(), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows)
      expect(
        [row.party_a_country, row.party_b_country].includes('FI') || row.more_parties !== '',
        row.id,
      ).toBe(true);
    expect(rows.some((row) => row.party_a_name === 'Espoo' || row.party_b_name === 'Espoo')).toBe(true);

    // Every other file takes the same filter.
    const hrefs = await page
      .locator('a[download]')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual([
      '/api/exports/csv?dataset=ties&country=FI',
      '/api/exports/csv?dataset=places&country=FI',
      '/api/exports/xlsx?country=FI',
      '/api/exports/geojson?country=FI',
      '/api/exports/jsonld?country=FI',
      '/api/exports/datapackage?country=FI',
      '/api/exports/popolo?country=FI',
    ]);

    // The licences of the sources are shown.
    await expect.poll(() => page.locator('.downloads-sources li').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('points out invalid filters on their fields instead of offering links', async () => {
    const page = await workspace.newPage({ width: 375 });
    await page.goto(`${workspace.server.url}/downloads?lang=en&partnerCountry=CN`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('textbox', { name: 'Started from' }).fill('2001');
    await page.getByRole('textbox', { name: 'Started by' }).fill('2000');
    await expect
      .poll(() => page.getByRole('textbox', { name: 'Started from' }).getAttribute('aria-invalid'))
      .toBe('true');
    await page.getByText('The start of the range is after its end.').waitFor();
    await page.getByText('Choose a country first: the partner country narrows its ties.').waitFor();
    expect(await page.locator('a[download]').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('textbox', { name: 'Started by' }).fill('2010');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(() => page.locator('a[download]').count()).toBe(7);
    await page.context().close();
  });

  it('is accessible (axe) in fi, sv and en, in both themes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await workspace.newPage({ colorScheme });
      for (const lang of ['fi', 'sv', 'en']) {
        await page.goto(`${workspace.server.url}/downloads?lang=${lang}&country=FI`);
        await page.waitForLoadState('networkidle');
        await page.locator('.downloads-sources li').first().waitFor();
        expect(await axeViolations(page), `${lang} ${colorScheme}`).toEqual([]);
      }
      await page.context().close();
    }
  }, 120_000);
});
