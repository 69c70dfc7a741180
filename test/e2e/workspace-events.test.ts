import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoUser } from '../../src/features/demo/demo.service.ts';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * The workspace's events: the list, the month calendar and the agenda of the City of Espoo's coordinator in
 * Helsinki, in Finnish, Swedish and English; the month moved through with the keyboard; Shanghai's invitation
 * answered with a delegate, and its host recording that Espoo came.
 */

const workspace = setUpDemoWorkspace();
const ZONE = 'Europe/Helsinki';
const FORUM = 'Twin-town forum next month';
const FAIR = 'Winter trade fair';

/** The month after this one (the events are made in it, whatever day the tests run), as 2027-01. */
const now = new Date();
const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
const MONTH = next.toISOString().slice(0, 7);
/** The 15th of next month: 14:00–17:00 in Shanghai, 06:00–09:00 UTC. */
const FORUM_DAY = `${MONTH}-15`;

let forumId: number;
let shanghaiEditor: DemoUser;

/** Answers a JSON body, failing with the answer's text when the status is not the one expected. */
async function json<T>(answer: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(answer.status(), await answer.text()).toBe(status);
  return (await answer.json()) as T;
}

/** A signed-in page with the clock of Helsinki, in the given language and colour scheme. */
async function signedIn(
  options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number; user?: DemoUser } = {},
): Promise<Page> {
  const width = options.width ?? 1280;
  const context = await workspace.browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: ZONE,
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width, height: width < 500 ? 760 : 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await workspace.signIn(page, options.user);
  return page;
}

const open = (page: Page, query: string) => page.goto(`${workspace.server.url}/workspace/events${query}`);

/** A toast that says `text`, in the page's notifications region. */
const toast = (page: Page, text: string | RegExp) =>
  page
    .getByRole('region', { name: /Notifications|Ilmoitukset|Aviseringar/ })
    .getByRole('alertdialog')
    .filter({
      hasText: text,
    });

/** How the day of the grid that has focus begins its name: its date and how many events it has. */
const focusedName = (page: Page) =>
  page.evaluate(() => document.activeElement?.querySelector('.ev-day-label')?.textContent);

beforeAll(async () => {
  const { server, browser, users } = workspace;
  shanghaiEditor = users.find((user) => user.email.startsWith('shanghai'))!;
  const context = await browser.newContext();
  const api = context.request;
  await json(
    await api.post(`${server.url}/api/auth/sign-in`, {
      data: { email: shanghaiEditor.email, password: shanghaiEditor.password },
    }),
  );
  const session = await json<{ csrfToken: string; memberships: { organizationId: number }[] }>(
    await api.get(`${server.url}/api/auth/session`),
  );
  const headers = { 'x-csrf-token': session.csrfToken };
  const hostIds = [session.memberships[0]!.organizationId];
  const place = async (name: string) =>
    (await json<{ results: { id: number }[] }>(await api.get(`${server.url}/api/places?q=${name}`)))
      .results[0]!.id;
  const espoo = await place('Espoo');
  const event = async (data: Record<string, unknown>) =>
    (
      await json<{ id: number }>(
        await api.post(`${server.url}/api/events`, {
          headers,
          data: { status: 'scheduled', timeZone: 'Asia/Shanghai', hostIds, ...data },
        }),
        201,
      )
    ).id;
  forumId = await event({
    kind: 'forum',
    attendanceMode: 'online',
    startsAt: `${FORUM_DAY}T06:00:00Z`,
    endsAt: `${FORUM_DAY}T09:00:00Z`,
    title: { en: FORUM, fi: 'Ystävyyskaupunkifoorumi ensi kuussa', sv: 'Vänortsforum nästa månad' },
  });
  const fairId = await event({
    kind: 'trade_fair',
    attendanceMode: 'in_person',
    startsAt: `${MONTH}-08T01:00:00Z`,
    endsAt: `${MONTH}-11T10:00:00Z`,
    title: { en: FAIR },
  });
  for (const id of [forumId, fairId])
    await json(
      await api.post(`${server.url}/api/events/${id}/invitations`, { headers, data: { placeIds: [espoo] } }),
    );
  await context.close();
});

describe('the events section of the workspace', () => {
  const languages = [
    { locale: 'en-GB', heading: 'Events', month: 'Month', agenda: 'Agenda', forum: FORUM },
    {
      locale: 'fi-FI',
      heading: 'Tapahtumat',
      month: 'Kuukausi',
      agenda: 'Aikataulu',
      forum: 'Ystävyyskaupunkifoorumi ensi kuussa',
    },
    {
      locale: 'sv-SE',
      heading: 'Evenemang',
      month: 'Månad',
      agenda: 'Schema',
      forum: 'Vänortsforum nästa månad',
    },
  ];
  for (const language of languages)
    it(`shows the list, the month and the agenda in ${language.locale}, with no accessibility violations in light or dark`, async () => {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await signedIn({ locale: language.locale, colorScheme });
        const where = `${language.locale} ${colorScheme}`;
        await open(page, '?show=invited');
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(language.heading);
        const table = page.getByRole('table', { name: new RegExp(language.heading) });
        await table.getByRole('link', { name: language.forum }).waitFor();
        expect(await table.getByRole('link', { name: language.forum }).getAttribute('href')).toBe(
          `/events/${forumId}`,
        );
        expect(await axeViolations(page), `list ${where}`).toEqual([]);

        await page.getByRole('tab', { name: language.month }).click();
        await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('month');
        await open(page, `?view=month&month=${MONTH}`);
        const grid = page.getByRole('grid');
        await grid.getByRole('link', { name: new RegExp(language.forum) }).waitFor();
        expect(await axeViolations(page), `month ${where}`).toEqual([]);

        await page.getByRole('tab', { name: language.agenda }).click();
        await expect.poll(() => new URL(page.url()).searchParams.get('view')).toBe('agenda');
        await page.getByRole('link', { name: language.forum }).waitFor();
        expect(await axeViolations(page), `agenda ${where}`).toEqual([]);
        await page.context().close();
      }
    });

  it('shows the month from Monday on a British clock, each event on every day it covers in Helsinki', async () => {
    const page = await signedIn({ width: 375 });
    await open(page, `?view=month&month=${MONTH}`);
    const grid = page.getByRole('grid');
    await grid.getByRole('link', { name: new RegExp(FORUM) }).waitFor();
    expect(await grid.getByRole('columnheader').first().textContent()).toMatch(/Monday/);
    // 01:00 UTC on the 8th is 03:00 in Helsinki; 10:00 UTC on the 11th is 12:00: four days.
    for (const day of ['08', '09', '10', '11'])
      expect(
        await grid
          .locator(`[data-date="${MONTH}-${day}"]`)
          .getByRole('link', { name: new RegExp(FAIR) })
          .count(),
      ).toBe(1);
    expect(await grid.locator(`[data-date="${MONTH}-12"]`).getByRole('link').count()).toBe(0);
    // The forum is at 08:00 in Helsinki (or 09:00 in summer time).
    const forum = grid.locator(`[data-date="${FORUM_DAY}"]`).getByRole('link', { name: new RegExp(FORUM) });
    expect(await forum.textContent()).toMatch(/^0[89]:00/);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('moves through the month grid with the keyboard and opens an event from it', async () => {
    const page = await signedIn();
    await open(page, `?view=month&month=${MONTH}`);
    const grid = page.getByRole('grid');
    await grid.getByRole('link', { name: new RegExp(FORUM) }).waitFor();
    // Only the chosen day is in the tab order: the first of the month, as today is in another month.
    await page.getByRole('button', { name: 'Next month' }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-date'))).toBe(`${MONTH}-01`);
    expect(await focusedName(page)).toMatch(new RegExp(`^\\w+,? 1 \\w+ ${MONTH.slice(0, 4)}, no events$`));
    const focusedDate = () => page.evaluate(() => document.activeElement?.getAttribute('data-date'));
    for (const [key, day] of [
      ['ArrowRight', '02'],
      ['ArrowDown', '09'],
      ['ArrowDown', '16'],
      ['ArrowLeft', '15'],
    ] as const) {
      await page.keyboard.press(key);
      await expect.poll(focusedDate, { message: key }).toBe(`${MONTH}-${day}`);
    }
    expect(await focusedName(page)).toMatch(/, 1 event$/);
    await page.getByRole('heading', { name: /Events on .*15/ }).waitFor();
    await expect(page.locator('.ev-day-list').getByRole('link', { name: FORUM }).count()).resolves.toBe(1);
    // Home and End go to the ends of the week, Monday to Sunday.
    await page.keyboard.press('Home');
    expect(await focusedName(page)).toMatch(/^Monday/);
    await page.keyboard.press('End');
    expect(await focusedName(page)).toMatch(/^Sunday/);
    // Page Down shows the next month, Page Up the month before.
    const heading = page.getByRole('grid').getAttribute('aria-labelledby');
    const title = async () => page.locator(`[id="${await heading}"]`).textContent();
    const before = await title();
    await page.keyboard.press('PageDown');
    await expect.poll(title).not.toBe(before);
    expect(new URL(page.url()).searchParams.get('month')).not.toBe(MONTH);
    await page.keyboard.press('PageUp');
    await expect.poll(title).toBe(before);
    await expect.poll(() => new URL(page.url()).searchParams.get('month')).toBe(MONTH);
    // Back to the forum's day, a day at a time; Enter goes to its event, and Enter again opens the event's page.
    for (let step = 0; step < 10 && (await focusedDate()) !== FORUM_DAY; step += 1) {
      const from = (await focusedDate())!;
      await page.keyboard.press(from < FORUM_DAY ? 'ArrowRight' : 'ArrowLeft');
      await expect.poll(focusedDate).not.toBe(from);
    }
    expect(await focusedDate()).toBe(FORUM_DAY);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(
      `/events/${forumId}`,
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/events/${forumId}$`));
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(FORUM);
    await page.context().close();
  });

  it('answers an invitation with a delegate, and its host records that the invitee came', async () => {
    const page = await signedIn();
    await open(page, '?show=invited');
    const table = page.getByRole('table', { name: /Events/ });
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: FORUM }) });
    const status = row.locator('.ev-status');
    await expect.poll(() => status.textContent()).toBe('Invited');
    await row.getByRole('button', { name: `Answer: ${FORUM}` }).click();
    const form = page.getByRole('form', { name: /Invitation to Espoo/ });
    await form.getByRole('radio', { name: 'We take part' }).check();
    const delegate = form.getByRole('combobox', { name: 'Add a delegate' });
    await delegate.fill('City Manager');
    await page.getByRole('option', { name: /City Manager of Espoo/ }).click();
    await form.getByRole('button', { name: 'Remove City Manager of Espoo' }).waitFor();
    await form.getByRole('button', { name: 'Save the answer' }).click();
    await toast(page, 'Answer saved for Espoo: Accepted.').waitFor();
    await expect.poll(() => status.textContent()).toBe('Accepted');
    expect(await axeViolations(page)).toEqual([]);
    const invitations = await json<{
      items: { invitee: { name: string }; status: string; delegates: { name: string }[] }[];
    }>(await page.request.get(`${workspace.server.url}/api/events/${forumId}/invitations`));
    expect(invitations.items.find((item) => item.invitee.name === 'Espoo')).toMatchObject({
      status: 'accepted',
      delegates: [{ name: 'City Manager of Espoo' }],
    });
    await page.context().close();

    const host = await signedIn({ user: shanghaiEditor });
    await open(host, '?show=hosted');
    const hosted = host.getByRole('row').filter({ has: host.getByRole('link', { name: FORUM }) });
    await hosted.getByRole('button', { name: `Attendance: ${FORUM}` }).click();
    const attendance = host.getByRole('table', { name: `Attendance: ${FORUM}` });
    const espoo = attendance.getByRole('row').filter({ hasText: 'Espoo' });
    await expect.poll(() => espoo.locator('.ev-status').textContent()).toBe('Accepted');
    await espoo.getByRole('button', { name: 'Attended (Espoo)' }).click();
    await toast(host, 'Recorded: Espoo, Attended.').waitFor();
    await expect.poll(() => espoo.locator('.ev-status').textContent()).toBe('Attended');
    expect(await axeViolations(host)).toEqual([]);
    await host.context().close();
  });
});
