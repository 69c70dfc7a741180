import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { type PageOptions, setUpDemoWorkspace } from './browser.ts';

/**
 * Outcomes and support requests in the workspace of the City of Espoo's coordinator: an outcome of the
 * Espoo–Shanghai tie recorded by keyboard with a value and a testimonial, seen in the table with its total and on
 * the tie's page, edited, deleted and brought back; a company's support request recorded and an outcome answering
 * it; both pages accessible in light and dark, wide and narrow.
 */

const workspace = setUpDemoWorkspace();

interface ListedOutcome {
  id: number;
  title: Record<string, string>;
  value: { amount: string; currency: string } | null;
  partnershipIds: number[];
  supportRequestIds: number[];
  testimonials: { person: { name: string | null }; quote: Record<string, string> }[];
  deletedAt: string | null;
}

async function signedIn(options: PageOptions = {}): Promise<Page> {
  const page = await workspace.newPage(options);
  await workspace.signIn(page);
  return page;
}

/** The coordinator's outcomes, as the API lists them. */
async function outcomes(page: Page) {
  const answer = await page.context().request.get(`${workspace.server.url}/api/outcomes?limit=500`);
  expect(answer.status()).toBe(200);
  return (await answer.json()) as { items: ListedOutcome[]; totals: { currency: string; amount: string }[] };
}

/** A toast that says `text`. */
const toast = (page: Page, text: string | RegExp) => page.getByRole('alertdialog').filter({ hasText: text });

/** Focuses the control named `name` and types `text` into it, key by key. */
async function typeInto(page: Page, name: string | RegExp, text: string) {
  await page.getByRole('textbox', { name }).focus();
  await page.keyboard.type(text);
}

/** Picks `option` in a combo box by typing `typed`, moving to the option and pressing Enter. */
async function pick(page: Page, name: string | RegExp, typed: string, option: string | RegExp) {
  await page.getByRole('combobox', { name }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(typed);
  await page.getByRole('option', { name: option }).first().waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/**
 * Chooses `option` in a select (a button named by its value, then its label), by keyboard: focus the button, open
 * it, type the option's name, Enter; or with the mouse.
 */
async function choose(page: Page, label: string, option: string, by: 'keyboard' | 'mouse' = 'keyboard') {
  // The select's button is named by its value and its label; a table's sort button by the label alone.
  const button = page.getByRole('button', { name: new RegExp(`.+ ${label}$`) });
  if (by === 'keyboard') {
    await button.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: option, exact: true }).waitFor();
    await page.keyboard.type(option);
    await page.keyboard.press('Enter');
  } else {
    await button.click();
    await page.getByRole('option', { name: option, exact: true }).click();
  }
  await expect.poll(() => button.textContent()).toContain(option);
}

describe('outcomes', () => {
  it('records one with a value and a testimonial by keyboard, shows its total, edits, deletes and restores it', async () => {
    const page = await signedIn();
    await page.goto(`${workspace.server.url}/workspace`);
    await page.getByRole('link', { name: 'Outcomes', exact: true }).click();
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    // The demo's outcome: Air0 at CIIE 2019, with no value.
    await page.getByRole('row').filter({ hasText: 'Air0 at CIIE 2019' }).waitFor();

    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Record an outcome' }) });
    await choose(page, 'Kind', 'Deal');
    await form.getByRole('group', { name: 'Title' }).getByRole('textbox', { name: 'In English' }).focus();
    await page.keyboard.type('Air0 order from Shanghai');
    await form.getByRole('group', { name: 'Title' }).getByRole('textbox', { name: 'In Finnish' }).focus();
    await page.keyboard.type('Air0:n tilaus Shanghaista');
    await typeInto(page, /^Value/, '125000.50');
    await pick(page, 'Currency', 'SEK', /^SEK/);
    await expect.poll(() => page.getByRole('combobox', { name: 'Currency' }).inputValue()).toMatch(/^SEK/);
    await typeInto(page, 'Evidence (link)', 'https://example.org/air0-order');
    await form.getByRole('checkbox', { name: 'Shanghai', exact: true }).focus();
    await page.keyboard.press('Space');
    await pick(page, 'Companies and organisations involved', 'Air0', 'Air0');
    await form.getByRole('listitem').filter({ hasText: 'Air0' }).waitFor();

    await form.getByRole('button', { name: 'Add a testimonial' }).focus();
    await page.keyboard.press('Enter');
    const testimonial = form.getByRole('group', { name: 'Testimonial 1' });
    await testimonial.waitFor();
    await pick(page, 'Person quoted', 'CEO', 'CEO of Air0');
    await testimonial.getByRole('textbox', { name: 'Quote (In English)' }).focus();
    await page.keyboard.type('The twin-town tie opened the door for us.');
    await testimonial.getByRole('textbox', { name: 'How consent was given' }).focus();
    await page.keyboard.type('By e-mail');

    await form.getByRole('button', { name: 'Record outcome' }).focus();
    await page.keyboard.press('Enter');
    await toast(page, 'Outcome recorded.').waitFor();

    const table = page.getByRole('table', { name: /Outcomes of/ });
    const row = table.getByRole('row').filter({ hasText: 'Air0 order from Shanghai' });
    await row.waitFor();
    const amount = /SEK\s125,000\.50/;
    expect(await row.textContent()).toMatch(amount);
    const totals = page.getByRole('region', { name: 'Totals per currency' });
    expect(await totals.textContent()).toMatch(amount);
    expect(await totals.textContent()).toContain('(1 outcome)');

    const listed = await outcomes(page);
    const recorded = listed.items.find((item) => item.title.en === 'Air0 order from Shanghai')!;
    expect(recorded.title.fi).toBe('Air0:n tilaus Shanghaista');
    expect(recorded.value).toEqual({ amount: '125000.50', currency: 'SEK' });
    expect(recorded.partnershipIds).toEqual([workspace.partnershipId]);
    expect(recorded.testimonials).toEqual([
      expect.objectContaining({
        person: expect.objectContaining({ name: 'CEO of Air0' }),
        quote: { en: 'The twin-town tie opened the door for us.' },
      }),
    ]);
    expect(listed.totals).toEqual([{ currency: 'SEK', amount: '125000.50', count: 1 }]);

    // Edited in the form below the table.
    await row.getByRole('button', { name: 'Edit Air0 order from Shanghai' }).click();
    const edit = page.locator('form', { has: page.getByRole('heading', { name: /^Edit outcome/ }) });
    const english = edit.getByRole('group', { name: 'Title' }).getByRole('textbox', { name: 'In English' });
    await english.fill('Air0 order from Shanghai, signed');
    await edit.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Saved.').waitFor();
    const edited = table.getByRole('row').filter({ hasText: 'Air0 order from Shanghai, signed' });
    await edited.waitFor();

    // On the tie's page.
    await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
    const panel = page.getByRole('region', { name: 'Outcomes', exact: true });
    await panel.getByRole('cell', { name: 'Air0 order from Shanghai, signed', exact: true }).waitFor();
    await panel.getByRole('link', { name: 'Record an outcome of this tie' }).waitFor();

    // Deleted, then restored with the toast's Undo.
    await page.goto(`${workspace.server.url}/workspace/outcomes`);
    await edited.getByRole('button', { name: 'Delete Air0 order from Shanghai, signed' }).click();
    const deleted = toast(page, 'Deleted.');
    await deleted.waitFor();
    await expect.poll(() => edited.count()).toBe(0);
    expect((await outcomes(page)).items.some((item) => item.id === recorded.id)).toBe(false);
    await deleted.getByRole('button', { name: 'Undo' }).click();
    await toast(page, 'Restored.').waitFor();
    await edited.waitFor();
    expect(
      (await outcomes(page)).items.find((item) => item.id === recorded.id)?.deletedAt ?? null,
    ).toBeNull();
    await page.context().close();
  });
});

describe('support requests', () => {
  it('records a company’s request and an outcome answering it', async () => {
    const page = await signedIn();
    await page.goto(`${workspace.server.url}/workspace/support-requests`);
    await page.getByRole('heading', { name: 'Support requests', level: 1 }).waitFor();
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Record a support request' }),
    });
    await pick(page, 'Company', 'Air0', 'Air0');
    await choose(page, 'Need', 'Trade fair', 'mouse');
    await choose(page, 'Target', 'Target country', 'mouse');
    await pick(page, 'Target country', 'Chin', 'China');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Target country' }).inputValue())
      .toBe('China');
    await form
      .getByRole('textbox', { name: 'Description' })
      .fill('Looking for a partner city for a fair stand.');
    await form.getByRole('button', { name: 'Record request' }).click();
    await toast(page, 'Support request recorded.').waitFor();
    const row = page
      .getByRole('table', { name: /Support requests kept by/ })
      .getByRole('row', { name: /Air0/ })
      .filter({ hasText: 'Trade fair' });
    await row.waitFor();
    expect(await row.textContent()).toContain('China');
    expect(await row.textContent()).toContain('Trade fair');

    await row.getByRole('link', { name: 'Record an outcome Air0' }).click();
    await page.getByRole('heading', { name: 'Outcomes', level: 1 }).waitFor();
    const outcome = page.locator('form', { has: page.getByRole('heading', { name: 'Record an outcome' }) });
    const linked = outcome.getByRole('checkbox', { name: /^Air0: Trade fair/ });
    await expect.poll(() => linked.isChecked()).toBe(true);
    await outcome
      .getByRole('group', { name: 'Title' })
      .getByRole('textbox', { name: 'In English' })
      .fill('Stand shared with Shanghai');
    await outcome.getByRole('button', { name: 'Record outcome' }).click();
    await toast(page, 'Outcome recorded.').waitFor();
    await page.getByRole('row', { name: /Stand shared with Shanghai/ }).waitFor();

    const requests = await page.context().request.get(`${workspace.server.url}/api/support-requests`);
    const request = ((await requests.json()) as { items: { id: number; targetCountry: string }[] }).items[0]!;
    expect(request.targetCountry).toBe('CN');
    const answered = (await outcomes(page)).items.find(
      (item) => item.title.en === 'Stand shared with Shanghai',
    );
    expect(answered?.supportRequestIds).toEqual([request.id]);
    expect(answered?.value).toBeNull();
    await page.context().close();
  });
  it('records a request toward a region, chosen by a place in it, and finds a way in to it', async () => {
    const page = await signedIn();
    await page.goto(`${workspace.server.url}/workspace/support-requests`);
    const form = page.locator('form', {
      has: page.getByRole('heading', { name: 'Record a support request' }),
    });
    await pick(page, 'Company', 'Air0', 'Air0');
    await choose(page, 'Need', 'Market entry', 'mouse');
    await choose(page, 'Target', 'Target region', 'mouse');
    await form.getByRole('combobox', { name: 'Search for a place' }).fill('Shanghai');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /Shanghai/ })
      .first()
      .click();
    await form.getByText('Target region: the region of Shanghai').waitFor();
    await form.getByRole('button', { name: 'Record request' }).click();
    await toast(page, 'Support request recorded.').waitFor();
    const row = page
      .getByRole('table', { name: /Support requests kept by/ })
      .getByRole('row', { name: /Air0/ })
      .filter({ hasText: 'the region of Shanghai (China)' });
    await row.getByRole('link', { name: 'Find a way in Air0' }).click();
    await page.getByText(/^Ways in to the region of Shanghai \(China\)/).waitFor();
    await page
      .locator('ol.do-paths > li')
      .first()
      .getByRole('heading', { name: 'Way 1: Our own tie' })
      .waitFor();
    await page.context().close();
  });
});

describe('accessibility', () => {
  for (const colorScheme of ['light', 'dark'] as const)
    for (const width of [1280, 375])
      it(`has no axe violations in ${colorScheme} at ${width} px`, async () => {
        const page = await signedIn({ colorScheme, width });
        for (const path of ['/workspace/outcomes', '/workspace/support-requests']) {
          await page.goto(`${workspace.server.url}${path}`);
          await page.getByRole('heading', { level: 1 }).waitFor();
          await page.getByRole('heading', { level: 2 }).first().waitFor();
          expect(await axeViolations(page), path).toEqual([]);
        }
        await page.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
        await page.getByRole('region', { name: 'Outcomes', exact: true }).waitFor();
        expect(await axeViolations(page), 'tie').toEqual([]);
        await page.context().close();
      });
});
