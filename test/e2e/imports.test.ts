import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { type PageOptions, setUpDemoWorkspace } from './browser.ts';

/**
 * Importing a spreadsheet of ties as the City of Espoo's coordinator, by keyboard: a file that is no spreadsheet is
 * refused on the file's field; a CSV with a misspelt Swedish name (Esboo for Esbo, Espoo) and a formula is mapped,
 * checked (nothing written), committed and checked again (nothing left to write), the page accessible at each
 * step, in light and dark, wide and narrow.
 */

const workspace = setUpDemoWorkspace();

/** One new tie (Esboo is a typo of Esbo, Espoo's Swedish name), one formula refused, the demo's tie unchanged. */
const TIES_CSV = [
  'City,Partner city,Partner country,Kind,Status,Since',
  'Esboo,Stockholm,SE,twin_town,active,1990',
  'Espoo,"=HYPERLINK(""https://example.org"",""Tallinn"")",EE,twin_town,active,',
  'Espoo,Shanghai,CN,twin_town,active,1998',
].join('\n');

async function signedIn(options: PageOptions = {}): Promise<Page> {
  const page = await workspace.newPage(options);
  await workspace.signIn(page);
  return page;
}

/** A toast that says `text`. */
const toast = (page: Page, text: string | RegExp) => page.getByRole('alertdialog').filter({ hasText: text });

/** The text of the element that has the focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim());

/** Focuses a button and presses Enter, as a keyboard does. */
async function press(page: Page, name: string | RegExp) {
  await page.getByRole('button', { name, exact: typeof name === 'string' }).focus();
  await page.keyboard.press('Enter');
}

/** The figure a count list gives for `term` ("Will be created"). */
const countOf = (page: Page, list: string, term: string) =>
  page
    .locator('.im-counts', { has: page.getByRole('heading', { name: list, exact: true }) })
    .locator('div', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
    .locator('dd')
    .textContent();

/** Uploads the CSV by keyboard (the file is set on the chooser, the form sent with Enter); the mapping is next. */
async function uploadTies(page: Page) {
  await page.getByLabel('Spreadsheet file (CSV or XLSX)').setInputFiles({
    name: 'espoo-ties.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(TIES_CSV),
  });
  await press(page, 'Upload and read');
  await toast(page, 'espoo-ties.csv read: 1 sheet.').waitFor();
  await expect.poll(() => focused(page)).toBe('2. Match the columns');
}

describe('importing a spreadsheet of ties', () => {
  it('refuses a file that is no spreadsheet, maps, checks, commits and checks again', async () => {
    const page = await signedIn();
    await page
      .getByRole('navigation', { name: 'Workspace sections' })
      .getByRole('link', { name: 'Imports', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Import a spreadsheet', level: 1 }).waitFor();
    expect(await page.getByText('City of Espoo', { exact: true }).count()).toBeGreaterThan(0);
    expect(await axeViolations(page), 'upload').toEqual([]);

    // A picture renamed .csv: the server's refusal is said on the file's field.
    const file = page.getByLabel('Spreadsheet file (CSV or XLSX)');
    await file.setInputFiles({
      name: 'ties.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.alloc(32),
      ]),
    });
    await press(page, 'Upload and read');
    await page.getByRole('alert').filter({ hasText: 'The file was not read.' }).waitFor();
    await page.getByText('This is not a CSV or XLSX file.').waitFor();
    expect(await file.getAttribute('aria-invalid')).toBe('true');
    expect(await axeViolations(page), 'refused file').toEqual([]);

    await uploadTies(page);
    expect(new URL(page.url()).searchParams.get('import')).toMatch(/^\d+$/);
    // The columns were guessed from the headers; the first rows are shown to check them by.
    await page.getByRole('button', { name: /^Partner city Partner city \(required\)/ }).waitFor();
    await page
      .getByRole('table', { name: 'First rows of espoo-ties' })
      .getByRole('cell', { name: 'Esboo' })
      .waitFor();
    expect(await axeViolations(page), 'mapping').toEqual([]);

    // The dry run: counted, and row by row. Nothing is written.
    await press(page, 'Check the rows');
    await toast(page, 'Checked: 3 rows.').waitFor();
    await expect.poll(() => focused(page)).toBe('3. What the import would do');
    await page
      .getByText('1 to create, 0 to update, 1 unchanged, 1 refused. Nothing has been written yet.')
      .waitFor();
    expect(await countOf(page, 'Rows', 'Will be created')).toBe('1');
    expect(await countOf(page, 'Rows', 'Unchanged')).toBe('1');
    expect(await countOf(page, 'Rows', 'Refused')).toBe('1');
    expect(await countOf(page, 'Places named in ties', 'Found by a similar name')).toBe('1');
    const table = page.getByRole('table', { name: 'Rows of espoo-ties.csv' });
    const created = table.getByRole('row').filter({ hasText: 'Espoo – Stockholm' });
    expect(await created.textContent()).toContain('Will be created');
    expect(await created.textContent()).toContain('Esboo → Espoo (similar name)');
    const refused = table.getByRole('row').filter({ hasText: 'Refused' });
    expect(await refused.getByRole('cell').first().textContent()).toBe('3');
    expect(await refused.textContent()).toContain('Partner city holds a formula');
    expect(await table.getByRole('row').filter({ hasText: 'Espoo – Shanghai' }).textContent()).toContain(
      'Unchanged',
    );
    expect(await axeViolations(page), 'dry run').toEqual([]);

    // The outcome filter, by keyboard: only the refused row is left.
    const filter = page.getByRole('button', { name: /.+ Filter: Outcome$/ });
    await filter.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: 'Refused', exact: true }).waitFor();
    await page.keyboard.type('Refused');
    await page.keyboard.press('Enter');
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    expect(await table.getByRole('row').nth(1).textContent()).toContain('Partner city holds a formula');

    /** The partners of Espoo's ties, as the organisation's dashboard lists them. */
    const partners = async () => {
      const session = await page.context().request.get(`${workspace.server.url}/api/auth/session`);
      const { memberships } = (await session.json()) as { memberships: { organizationId: number }[] };
      const answer = await page
        .context()
        .request.get(`${workspace.server.url}/api/organizations/${memberships[0]!.organizationId}/dashboard`);
      return ((await answer.json()) as { ties: { partners: string }[] }).ties.map((tie) => tie.partners);
    };
    expect(await partners()).not.toContain('Stockholm');

    // The commit, asked first.
    await press(page, 'Import 1 row');
    const dialog = page.getByRole('alertdialog', { name: 'Import into the registry?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('For City of Espoo: 1 to create and 0 to update.');
    expect(await axeViolations(page), 'confirmation').toEqual([]);
    await dialog.getByRole('button', { name: 'Import', exact: true }).focus();
    await page.keyboard.press('Enter');
    await toast(page, 'Imported: 1 row written.').waitFor();
    await expect.poll(() => focused(page)).toBe('Imported');
    await page.getByText('1 written: 1 created, 0 updated; 1 unchanged, 1 refused.').waitFor();
    expect(await partners()).toContain('Stockholm');
    expect(await axeViolations(page), 'result').toEqual([]);

    // The ties, where the new one is.
    await page.getByRole('link', { name: 'See the ties' }).click();
    await page.getByRole('heading', { name: 'Ties', level: 1 }).waitFor();
    await page.getByRole('table').getByRole('link', { name: 'Stockholm', exact: true }).waitFor();

    // Back to the file, checked again: nothing is left to write, and the commit button says so and cannot be pressed.
    await page.goBack();
    await page.getByText(/^This file was imported on/).waitFor();
    await press(page, 'Check the rows');
    await page
      .getByText('0 to create, 0 to update, 2 unchanged, 1 refused. Nothing has been written yet.')
      .waitFor();
    await page.getByText('Nothing to write: every row is unchanged or refused.').waitFor();
    expect(await page.getByRole('button', { name: 'Import 0 rows' }).isDisabled()).toBe(true);
    await page.context().close();
  });

  it('is not in the sections of a viewer', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page, workspace.users[2]);
    const sections = page.getByRole('navigation', { name: 'Workspace sections' });
    await sections.getByRole('link', { name: 'Ties', exact: true }).waitFor();
    expect(await sections.getByRole('link', { name: 'Imports', exact: true }).count()).toBe(0);
    await page.context().close();
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const)
    for (const width of [1280, 375])
      it(`has no axe violations in ${colorScheme} at ${width} px`, async () => {
        const page = await signedIn({ colorScheme, width });
        await page.goto(`${workspace.server.url}/workspace/imports`);
        await page.getByRole('heading', { name: 'Import a spreadsheet', level: 1 }).waitFor();
        expect(await axeViolations(page), 'upload').toEqual([]);
        await uploadTies(page);
        expect(await axeViolations(page), 'mapping').toEqual([]);
        await press(page, 'Check the rows');
        await page.getByRole('table', { name: 'Rows of espoo-ties.csv' }).waitFor();
        expect(await axeViolations(page), 'dry run').toEqual([]);
        await page.context().close();
      });
});
