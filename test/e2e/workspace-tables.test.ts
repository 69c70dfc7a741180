import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

const workspace = setUpDemoWorkspace();
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The texts of a table's column (1-based), on the page shown. */
const column = (table: Locator, index: number) =>
  table.locator(`tbody tr td:nth-child(${index})`).allTextContents();

/** A table of the page, named by its caption. */
const tableNamed = (page: Page, name: string) => page.getByRole('table', { name, exact: true });

/**
 * Sorts `table` by the `index`th column (headed `header`, its id `id`) by pressing its header: ascending (unless it
 * is so already), then descending. The rows follow each time, the header says which way, and the address keeps the
 * view under the table's prefix (`ties.sort=-partners`).
 */
async function expectSorting(
  page: Page,
  table: Locator,
  sorted: { header: string; index: number; prefix: string; id: string },
) {
  const { header, index } = sorted;
  const button = table.getByRole('button', { name: header, exact: true });
  const heading = table
    .locator('th')
    .filter({ has: page.getByRole('button', { name: header, exact: true }) });
  const sortedBy = () => heading.getAttribute('aria-sort');
  if ((await sortedBy()) !== 'ascending') {
    await button.click();
    await expect.poll(sortedBy).toBe('ascending');
  }
  const ascending = await column(table, index);
  expect(ascending).toEqual([...ascending].sort(collator.compare));

  await button.click();
  await expect.poll(sortedBy).toBe('descending');
  const descending = await column(table, index);
  expect(descending).toEqual([...descending].sort(collator.compare).reverse());
  expect(descending).not.toEqual(ascending);
  expect(new URL(page.url()).searchParams.get(`${sorted.prefix}.sort`)).toBe(`-${sorted.id}`);
}

/** No axe violations in the light theme, nor in the dark one. */
async function expectAccessibleInBothThemes(page: Page) {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), colorScheme).toEqual([]);
  }
}

describe('the workspace’s lists of records as data tables', () => {
  it('shows the dashboard’s ties, anniversaries, quiet ties and recent activity as compact tables that sort', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.getByRole('heading', { name: 'City of Espoo' }).waitFor();

    const ties = tableNamed(page, 'Ties');
    await ties.getByRole('link', { name: 'Kristianstad' }).waitFor();
    expect(await ties.locator('thead th').allTextContents()).toEqual([
      'Partners',
      'Kind',
      'Status',
      'Last activity',
    ]);
    // Compact: five rows a page and a pager, but no search, filters, columns or download.
    expect(await ties.locator('tbody tr').count()).toBe(5);
    expect(await page.getByRole('searchbox').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Download CSV' }).count()).toBe(0);
    await expectSorting(page, ties, { header: 'Partners', index: 1, prefix: 'ties', id: 'partners' });
    await page
      .getByRole('navigation', { name: 'Pages of Ties' })
      .getByRole('button', { name: 'Next page' })
      .click();
    await expect.poll(() => new URL(page.url()).searchParams.get('ties.page')).toBe('2');
    await expect.poll(() => ties.locator('tbody tr').count()).toBe(1);

    const anniversaries = tableNamed(page, 'Upcoming anniversaries');
    expect(await column(anniversaries, 1)).toEqual(['Shanghai']);

    const quiet = tableNamed(page, 'No logged activity in two years');
    expect(await column(quiet, 2)).toEqual(Array(5).fill('Never'));
    await expectSorting(page, quiet, { header: 'Partners', index: 1, prefix: 'quiet', id: 'partners' });

    const recent = tableNamed(page, 'Recent activity');
    const dates = await column(recent, 1);
    expect(dates.length).toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
    await expectSorting(page, recent, { header: 'Title', index: 3, prefix: 'recent', id: 'title' });

    // Each table kept its own view in the address.
    const params = new URL(page.url()).searchParams;
    expect(params.get('ties.sort')).toBe('-partners');
    expect(params.get('quiet.sort')).toBe('-partners');
    expect(params.get('recent.sort')).toBe('-title');
    await expectAccessibleInBothThemes(page);
    await page.context().close();
  });

  it('shows a tie’s parties, activity and history as tables that sort', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
    await page.getByRole('heading', { name: 'Espoo – Shanghai' }).waitFor();

    const parties = tableNamed(page, 'Parties');
    expect(await parties.locator('thead th').allTextContents()).toEqual([
      'Party',
      'Type',
      'Country',
      'Confirmation',
    ]);
    expect(await column(parties, 1)).toEqual(['Espoo', 'Shanghai']);
    expect(await column(parties, 3)).toEqual(['Finland', 'China']);
    expect((await column(parties, 4))[1]).toBe('Not yet confirmed');
    expect((await column(parties, 4))[0]).toMatch(/^Confirmed on \d{4}-\d{2}-\d{2}$/);
    await expect(parties.getByRole('link', { name: 'Shanghai' }).getAttribute('href')).resolves.toMatch(
      /^\/places\/\d+$/,
    );
    await expectSorting(page, parties, { header: 'Party', index: 1, prefix: 'parties', id: 'party' });

    const activity = tableNamed(page, 'Activity');
    await activity.locator('tbody tr').first().waitFor();
    expect(await activity.locator('thead th').allTextContents()).toEqual([
      'Date',
      'Kind',
      'Title',
      'Summary',
      'Logged by',
    ]);
    const dates = await column(activity, 1);
    expect(dates.length).toBeGreaterThan(1);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(new Set(await column(activity, 5))).toEqual(new Set(['City of Espoo']));
    await expectSorting(page, activity, { header: 'Title', index: 3, prefix: 'timeline', id: 'title' });

    const history = tableNamed(page, 'History');
    await history.locator('tbody tr').first().waitFor();
    expect(await history.locator('thead th').allTextContents()).toEqual([
      'Time',
      'Who',
      'Action',
      'What changed',
    ]);
    const times = await history
      .locator('tbody time')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(await column(history, 3))).toEqual(new Set(['Changed', 'Confirmed']));
    expect(await column(history, 4)).toContain('Parties');
    await expectSorting(page, history, { header: 'Action', index: 3, prefix: 'history', id: 'action' });

    await expectAccessibleInBothThemes(page);
    await page.context().close();
  });

  it('confirms a tie for a party from the parties table', async () => {
    const page = await workspace.newPage();
    await workspace.signIn(page, workspace.users[3]);
    await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
    const parties = tableNamed(page, 'Parties');
    await parties.getByRole('button', { name: 'Confirm for Shanghai' }).click();
    await page.getByRole('alertdialog').filter({ hasText: 'Confirmed for Shanghai.' }).waitFor();
    await expect
      .poll(async () => (await column(parties, 4)).every((text) => text.startsWith('Confirmed on')))
      .toBe(true);
    expect(await parties.getByRole('button', { name: /^Confirm for/ }).count()).toBe(0);
    await page.context().close();
  });

  it('shows a document attached to a tie just created, in the tie’s documents table', async () => {
    // The tie's page starts from the record the form saved, and its breadcrumbs name it from there: reading the
    // record again after the upload must still work.
    const page = await workspace.newPage();
    await workspace.signIn(page);
    await page.goto(`${workspace.server.url}/partnerships/new`);
    await page.getByRole('heading', { name: 'New partnership' }).waitFor();
    for (const name of ['Espoo', 'Tallinn']) {
      await page.getByRole('combobox', { name: 'Search for a place' }).fill(name);
      await page
        .getByRole('listbox')
        .getByRole('option', { name: new RegExp(`^${name}`) })
        .first()
        .click();
      await page.getByRole('button', { name: `Remove ${name}` }).waitFor();
    }
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Espoo – Tallinn' }).waitFor();
    await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByText('Espoo – Tallinn').waitFor();
    await tableNamed(page, 'Activity').or(page.getByText('No activity logged about this tie yet')).waitFor();

    await page.getByLabel(/Attach a document/).setInputFiles({
      name: 'agreement.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await tableNamed(page, 'Documents').getByRole('link', { name: 'Download agreement.pdf' }).waitFor();
    await page.context().close();
  });

  it('names the columns and says what to do in Finnish and Swedish', async () => {
    for (const [locale, headers, empty] of [
      ['fi-FI', ['Osapuoli', 'Kirjannut', 'Muuttuneet tiedot'], 'Ei uusittavia tai päättyviä'],
      ['sv-FI', ['Part', 'Loggad av', 'Vad ändrades'], 'Inga förnyelser eller utgångar'],
    ] as const) {
      const page = await workspace.newPage({ locale });
      await workspace.signIn(page);
      await page.getByText(empty).waitFor();
      await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
      for (const header of headers) {
        await page.getByRole('columnheader', { name: header, exact: true }).waitFor();
      }
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
