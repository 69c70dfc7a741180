import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { launchBrowser } from './browser.ts';
import { type RunningServer, startTestServer } from './server.ts';

let server: RunningServer;
let browser: Browser;
let coordinator: { email: string; password: string };
let admin: { email: string; password: string };
let tieId: number;

beforeAll(async () => {
  [server, browser] = await Promise.all([startTestServer(), launchBrowser()]);
  const demo = await server.database.db.transaction((tx) => loadDemo(tx));
  admin = demo.users[0]!;
  coordinator = demo.users[1]!;
  tieId = demo.partnershipId;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function newPage(locale = 'en-GB'): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

/** Fills the sign-in form with the keyboard only: tab to each field, type, and press Enter. */
async function typeCredentials(page: Page, user: { email: string; password: string }) {
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel(/email|sähköposti|e-post/i).waitFor();
  await page.getByLabel(/email|sähköposti|e-post/i).focus();
  await page.keyboard.type(user.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(user.password);
  await page.keyboard.press('Enter');
}

async function signInByKeyboard(page: Page, user: { email: string; password: string }) {
  await typeCredentials(page, user);
  await page.waitForURL(/\/workspace$/);
}

/**
 * Chooses `option` in the select labelled `label` (a button that opens a list box: its name is the chosen option and
 * the label, which tells it from a table's sorting button named by the label alone), by pointer as a user would.
 */
async function choose(scope: Page | Locator, label: string, option: string) {
  await scope.getByRole('button', { name: new RegExp(`.+ ${label}$`) }).click();
  const page = 'page' in scope ? scope.page() : scope;
  await page.getByRole('listbox').getByRole('option', { name: option, exact: true }).click();
  await page.getByRole('listbox').waitFor({ state: 'detached' });
}

/** A toast that says `text` (its content is announced as an alert), in the page's notifications region. */
const toast = (page: Page, text: string | RegExp) =>
  page.getByRole('region', { name: 'Notifications' }).getByRole('alertdialog').filter({ hasText: text });

/** Closes the toast by its close button, so that the next toast with the same words is a new one. */
async function dismiss(page: Page, text: string | RegExp) {
  await toast(page, text).getByRole('button', { name: 'Close' }).click();
  await toast(page, text).waitFor({ state: 'detached' });
}

/** The page's own messages that are announced as they appear, outside the toasts. */
const inlineStatus = (page: Page, text: string) =>
  page.getByRole('main').getByRole('status').filter({ hasText: text });

describe('the workspace in Chromium', () => {
  it('refuses a wrong password and signs in with the right one, by keyboard', async () => {
    const page = await newPage();
    await typeCredentials(page, { email: coordinator.email, password: 'not the password' });
    await page.getByRole('alert').filter({ hasText: 'wrong' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await signInByKeyboard(page, coordinator);
    await page.getByRole('heading', { name: 'City of Espoo' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Upcoming anniversaries' }).count()).resolves.toBe(1);
    // The dashboard's ties: Espoo's, the most connected partner first, each linked to its tie.
    await page.getByRole('table', { name: 'Ties' }).locator('tbody tr a').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('edits a tie, shows the history, and re-applies a change after someone else saved first', async () => {
    const page = await newPage();
    await signInByKeyboard(page, coordinator);
    await page.goto(`${server.url}/partnerships/${tieId}`);
    await page.getByRole('heading', { name: 'Espoo – Shanghai' }).waitFor();
    await expect(page.getByText('Not yet confirmed').count()).resolves.toBe(1);

    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await choose(page, 'Status', 'Dormant');
    await page.getByLabel('Innovation').check();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Saved.').waitFor();
    // The toast says it once: the page does not announce it a second time.
    expect(await inlineStatus(page, 'Saved.').count()).toBe(0);
    await expect(page.getByText('Dormant').count()).resolves.toBeGreaterThan(0);
    await dismiss(page, 'Saved.');
    // The tie's history: two changes by the coordinator (the creation's details, then this save).
    const changes = page
      .getByRole('table', { name: 'History' })
      .getByRole('row')
      .filter({ hasText: 'Espoo Coordinator' })
      .filter({ hasText: 'Changed' });
    await expect.poll(() => changes.count()).toBe(2);

    // Someone else saves while this user edits: the save is refused with their version shown, then re-applied.
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByLabel('Internal notes').fill('Renewal talks in spring');
    const api = await browser.newContext();
    const signIn = await api.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: admin.email, password: admin.password },
    });
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const current = (await (await api.request.get(`${server.url}/api/partnerships/${tieId}`)).json()) as {
      version: number;
    };
    const other = await api.request.patch(`${server.url}/api/partnerships/${tieId}`, {
      data: { version: current.version, themes: ['culture', 'health'] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(other.status()).toBe(200);
    await api.close();

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').filter({ hasText: 'Someone else changed' }).waitFor();
    await page.getByRole('button', { name: 'Apply my changes on top of theirs' }).click();
    await toast(page, 'Saved.').waitFor();
    await page.getByText('Renewal talks in spring').waitFor();
    await expect(page.getByText('Culture, Health').count()).resolves.toBe(1);
    await page.context().close();
  });

  it('creates a tie from the form, attaches a document, and logs an activity and a person', async () => {
    const page = await newPage();
    await signInByKeyboard(page, coordinator);
    await page.getByRole('link', { name: 'New partnership' }).click();
    await page.getByRole('heading', { name: 'New partnership' }).waitFor();
    await choose(page, 'Kind', 'Memorandum of understanding');
    for (const name of ['Espoo', 'Tallinn']) {
      await page.getByRole('combobox', { name: 'Search for a place' }).fill(name);
      await page
        .getByRole('listbox')
        .getByRole('option', { name: new RegExp(`^${name}`) })
        .first()
        .click();
      await page.getByRole('button', { name: `Remove ${name}` }).waitFor();
    }
    // The start, typed segment by segment (day, month, year in en-GB): a day that does not exist, or a date typed
    // only in part, is not sent; the field says why.
    let sent = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/partnerships') sent += 1;
    });
    const started = page.getByRole('group', { name: 'Started on' });
    await started.getByRole('spinbutton', { name: /^day/ }).click();
    await page.keyboard.type('30022021');
    expect(await started.textContent()).toBe('30/02/2021');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('This date does not exist.').waitFor();
    // Kept as typed, not moved to the 28th.
    expect(await started.textContent()).toBe('30/02/2021');
    await page.getByRole('alert').filter({ hasText: 'Check the marked fields.' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await started.getByRole('spinbutton', { name: /^day/ }).click();
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    expect(await started.textContent()).toBe('dd/02/2021');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByText('Give the whole date: day, month and year.').waitFor();
    expect(sent).toBe(0);

    await started.getByRole('spinbutton', { name: /^day/ }).click();
    await page.keyboard.type('0103');
    expect(await started.textContent()).toBe('01/03/2021');
    await page.getByRole('button', { name: 'Create' }).click();
    await page.getByRole('heading', { name: 'Espoo – Tallinn' }).waitFor();
    expect(sent).toBe(1);
    await expect(page.getByText('Not yet confirmed').count()).resolves.toBe(1);
    await expect(page.getByText('2021-03-01').count()).resolves.toBeGreaterThan(0);

    await page.getByLabel(/Attach a document/).setInputFiles({
      name: 'memorandum.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await toast(page, 'Document attached.').waitFor();
    await page.getByRole('link', { name: 'Download memorandum.pdf' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/workspace`);
    await page.getByRole('link', { name: 'Organisation', exact: true }).click();
    await page.getByRole('heading', { name: 'City of Espoo', level: 1 }).waitFor();
    const personForm = page.locator('form', { has: page.getByRole('heading', { name: 'Add a person' }) });
    await personForm.getByLabel('Name').fill('Protocol officer');
    await choose(personForm, 'Post', 'Other');
    await personForm.getByLabel('Email').fill('protocol@example.org');
    await personForm.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Person added.').waitFor();
    await page.getByRole('cell', { name: 'protocol@example.org', exact: true }).waitFor();
    const activityForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Log an activity' }),
    });
    await activityForm.getByLabel('Title').fill('Call with Tallinn');
    await activityForm.getByLabel('Tallinn', { exact: true }).check();
    await activityForm.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Activity logged.').waitFor();
    await page.getByRole('cell', { name: 'Call with Tallinn', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('edits a person and an activity, deletes the activity, and adds a party to a tie', async () => {
    const page = await newPage();
    await signInByKeyboard(page, coordinator);
    await page.getByRole('link', { name: 'Organisation', exact: true }).click();
    await page.getByRole('heading', { name: 'City of Espoo', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Edit City Manager of Espoo' }).click();
    const personForm = page.locator('form', {
      has: page.getByRole('heading', { name: 'Edit City Manager of Espoo' }),
    });
    await personForm.getByLabel('Name').fill('Chief Executive of Espoo');
    await personForm.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Saved.').waitFor();
    await page.getByRole('cell', { name: 'Chief Executive of Espoo', exact: true }).waitFor();
    await dismiss(page, 'Saved.');

    const title = 'C21 China working group: mapping cooperation';
    await page.getByRole('button', { name: `Edit ${title}` }).click();
    const activityForm = page.locator('form', { has: page.getByRole('heading', { name: `Edit: ${title}` }) });
    await activityForm.getByLabel('Follow-up', { exact: true }).fill('Answer the survey by January');
    await activityForm.getByRole('button', { name: 'Save' }).click();
    await toast(page, 'Saved.').waitFor();
    await activityForm.waitFor({ state: 'detached' });
    // Deleting is said by a toast whose Undo restores the activity.
    await page.getByRole('button', { name: `Delete ${title}` }).click();
    const deleted = toast(page, 'Deleted.');
    await deleted.waitFor();
    await expect.poll(() => page.getByText(title).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await deleted.getByRole('button', { name: 'Undo' }).click();
    await toast(page, 'Restored.').waitFor();
    await page.getByRole('cell', { name: title, exact: true }).waitFor();
    expect(await page.getByRole('cell', { name: 'Answer the survey by January', exact: true }).count()).toBe(
      1,
    );

    await page.goto(`${server.url}/partnerships/${tieId}`);
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await page.getByRole('combobox', { name: 'Search for a place' }).fill('Kristianstad');
    await page
      .getByRole('listbox')
      .getByRole('option', { name: /^Kristianstad/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: /Kristianstad/ }).waitFor();
    await page.context().close();
  });

  it('shows what someone else changed in an organisation and re-applies the user’s change', async () => {
    const page = await newPage();
    await signInByKeyboard(page, coordinator);
    await page.getByRole('link', { name: 'Organisation', exact: true }).click();
    await page.getByRole('heading', { name: 'City of Espoo', level: 1 }).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Edit organisation' }) });
    // The city government speaks for Espoo: its own editors cannot move it or change its kind.
    expect(await form.getByRole('button', { name: /Kind$/ }).isDisabled()).toBe(true);
    await form.getByText('only administrators change its place or kind').waitFor();
    expect(await form.locator('input[role="combobox"]').count()).toBe(0);
    await form.getByLabel('Description').fill('The city’s international affairs');

    const api = await browser.newContext();
    const signIn = await api.request.post(`${server.url}/api/auth/sign-in`, {
      data: { email: admin.email, password: admin.password },
    });
    const csrf = ((await signIn.json()) as { csrfToken: string }).csrfToken;
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const current = (await (await api.request.get(`${server.url}/api/organizations/${id}`)).json()) as {
      version: number;
    };
    const other = await api.request.patch(`${server.url}/api/organizations/${id}`, {
      data: { version: current.version, website: 'https://international.example.org' },
      headers: { 'x-csrf-token': csrf },
    });
    expect(other.status()).toBe(200);
    await api.close();

    await form.getByRole('button', { name: 'Save' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Someone else changed' });
    await notice.getByText('website: https://www.espoo.fi → https://international.example.org').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await notice.getByRole('button', { name: 'Apply my changes on top of theirs' }).click();
    await toast(page, 'Saved.').waitFor();
    const saved = (await (await fetch(`${server.url}/api/organizations/${id}`)).json()) as {
      website: string;
      description: string;
    };
    expect(saved).toMatchObject({
      website: 'https://international.example.org',
      description: 'The city’s international affairs',
    });
    await page.context().close();
  });

  it('lets an administrator add a user and shows the one-time link', async () => {
    const page = await newPage();
    await signInByKeyboard(page, admin);
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add a user' }) });
    await form.getByLabel('Name').fill('Network coordinator');
    await form.getByLabel('Email address').fill('network@example.org');
    await form.getByRole('button', { name: 'Add a user' }).click();
    await toast(page, /^User added/).waitFor();
    const link = page.getByRole('region', { name: /One-time link for network@example.org/ });
    await link.getByText(/\/password#token=/).waitFor();
    await page.getByRole('cell', { name: 'network@example.org', exact: true }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The users table filters and sorts, and keeps its view in the address.
    const table = page.getByRole('table', { name: 'Users' });
    const rows = table.locator('tbody tr');
    const all = await rows.count();
    expect(all).toBeGreaterThan(2);
    await page.getByLabel('Filter: Email address').fill('network@');
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('users.f.email')).toBe('network@');
    await page.getByLabel('Filter: Email address').fill('');
    await expect.poll(() => rows.count()).toBe(all);
    const names = () => table.locator('tbody tr td:first-child').allTextContents();
    const ascending = await names();
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b, 'en')));
    await table.getByRole('button', { name: 'Name', exact: true }).click();
    await expect.poll(names).toEqual([...ascending].reverse());
    expect(await table.locator('th', { hasText: 'Name' }).getAttribute('aria-sort')).toBe('descending');
    expect(new URL(page.url()).searchParams.get('users.sort')).toBe('-name');

    // A button write says with a toast that it went through.
    const row = rows.filter({ hasText: 'network@example.org' });
    await row.getByRole('button', { name: 'Disable network@example.org' }).click();
    await toast(page, 'network@example.org disabled: they can no longer sign in.').waitFor();
    await row.getByRole('cell', { name: 'Disabled', exact: true }).waitFor();
    await row.getByRole('button', { name: 'Enable network@example.org' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('creates an API token on the account page, shown once', async () => {
    const page = await newPage();
    await signInByKeyboard(page, coordinator);
    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await page.getByLabel('What the token is for').fill('Nightly export');
    await page.getByRole('button', { name: 'Create a token' }).click();
    // The toast says it was made; the token itself stays on the page to be copied, and is not announced twice.
    await toast(page, /^Token created/).waitFor();
    const token =
      (await page
        .getByRole('region', { name: /Copy the token now/ })
        .locator('code')
        .textContent()) ?? '';
    expect(token).toMatch(/^cbt_/);
    expect(await page.getByRole('main').getByRole('status').filter({ hasText: /token/i }).count()).toBe(0);
    await page.getByRole('button', { name: 'Revoke Nightly export' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const answer = await fetch(`${server.url}/api/auth/session`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await answer.json()) as { user: { email: string } }).user.email).toBe(coordinator.email);
    await page.context().close();
  });

  it('changes a password with the keyboard only: a refused value is announced with its field, Enter submits', async () => {
    const page = await newPage();
    await signInByKeyboard(page, admin);
    await page.goto(`${server.url}/account`);
    await page.getByRole('heading', { name: 'Change your password', level: 2 }).waitFor();
    const current = page.getByLabel('Current password');
    const fresh = page.getByLabel(/^New password/);
    const keep = page.getByRole('checkbox', { name: /Keep my API tokens/ });
    /** The field's accessible description: the texts of the elements that describe it. */
    const description = (field: Locator) =>
      field.evaluate((element) =>
        (element.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );

    await current.focus();
    await page.keyboard.type(admin.password);
    await page.keyboard.press('Tab');
    expect(await fresh.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.type('short');
    await page.keyboard.press('Enter');
    await page.getByText('The password must be at least 10 characters.').waitFor();
    expect(await fresh.getAttribute('aria-invalid')).toBe('true');
    expect(await description(fresh)).toContain('The password must be at least 10 characters.');
    expect(await current.getAttribute('aria-invalid')).toBeNull();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page)).toEqual([]);
    }

    // The field keeps the focus: the value is replaced, the checkbox ticked with Space, and Enter sends the form.
    const better = `${admin.password}-renewed`;
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(better);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await keep.isChecked()).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await toast(page, 'Password changed. Your other sessions have ended.').waitFor();
    expect(await fresh.getAttribute('aria-invalid')).toBeNull();
    expect(await current.inputValue()).toBe('');
    await dismiss(page, 'Password changed. Your other sessions have ended.');

    // And back, so that the other tests sign in as before.
    await current.focus();
    await page.keyboard.type(better);
    await page.keyboard.press('Tab');
    await page.keyboard.type(admin.password);
    await page.keyboard.press('Enter');
    await toast(page, 'Password changed. Your other sessions have ended.').waitFor();
    await page.context().close();
  });

  it('is translated and accessible in Finnish and Swedish', async () => {
    for (const [locale, heading, tooShort] of [
      ['fi-FI', 'Kirjaudu sisään', 'Salasanassa on oltava vähintään 10 merkkiä.'],
      ['sv-FI', 'Logga in', 'Lösenordet måste ha minst 10 tecken.'],
    ] as const) {
      const page = await newPage(locale);
      await page.goto(`${server.url}/sign-in`);
      await page.getByRole('heading', { name: heading }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await signInByKeyboard(page, coordinator);
      await page.goto(`${server.url}/partnerships/${tieId}`);
      await page.getByRole('heading', { name: /^Espoo – .*Shanghai$/ }).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      // The API's validation messages appear in the user's language.
      await page.goto(`${server.url}/account`);
      const inputs = page.locator('form').first().locator('input');
      await inputs.nth(0).fill(coordinator.password);
      await inputs.nth(1).fill('short');
      await page.locator('form').first().locator('button[type="submit"]').click();
      await page.getByText(tooShort).waitFor();
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    }
  });
});
