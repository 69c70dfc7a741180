import type { APIRequestContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './axe.ts';
import { setUpDemoWorkspace } from './browser.ts';

/**
 * The public page of an event: the Shanghai twin-town forum of CIIE 2020, as a reader in Helsinki sees it, in their
 * own time and on the host's clock, with its programme as an agenda and the twin towns that took part.
 */

const workspace = setUpDemoWorkspace();
const ONLINE_URL = 'https://meet.example.org/twin-town-forum';
const AGENDA = [
  'Opening of the forum',
  'Fighting the pandemic and reopening city economies',
  'City management and cooperation during the pandemic',
  'Virtual group photo',
];

let eventId: number;
let parentId: number;
let espooId: number;
let placesInvited: number;

/** A reader's page with the clock of Helsinki, in their language and colour scheme. */
async function readerPage(options: { locale?: string; colorScheme?: 'light' | 'dark'; width?: number } = {}) {
  const width = options.width ?? 1280;
  const context = await workspace.browser.newContext({
    locale: options.locale ?? 'en-GB',
    timezoneId: 'Europe/Helsinki',
    colorScheme: options.colorScheme ?? 'light',
    viewport: { width, height: width < 500 ? 760 : 900 },
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  return page;
}

async function openEvent(page: Page, id = eventId) {
  await page.goto(`${workspace.server.url}/events/${id}`);
  await page.locator('.event-agenda').waitFor();
  await page.locator('.event-attended').waitFor();
}

/** Answers a JSON body, failing with the answer's text when the status is not the one expected. */
async function json<T>(answer: Awaited<ReturnType<APIRequestContext['get']>>, status = 200): Promise<T> {
  expect(answer.status(), await answer.text()).toBe(status);
  return (await answer.json()) as T;
}

beforeAll(async () => {
  const { server, browser, users } = workspace;
  const admin = users.find((user) => user.role === 'administrator')!;
  const context = await browser.newContext();
  const api = context.request;
  const { csrfToken } = await json<{ csrfToken: string }>(
    await api.post(`${server.url}/api/auth/sign-in`, {
      data: { email: admin.email, password: admin.password },
    }),
  );
  const headers = { 'x-csrf-token': csrfToken };
  const place = async (name: string) =>
    (
      await json<{ results: { id: number; name: string }[] }>(
        await api.get(`${server.url}/api/places?q=${name}`),
      )
    ).results[0]!.id;
  const shanghaiId = await place('Shanghai');
  espooId = await place('Espoo');
  const organizations = await json<{ items: { id: number; name: string }[] }>(
    await api.get(`${server.url}/api/organizations?q=Shanghai`),
  );
  const host = organizations.items.find((item) => item.name.startsWith('Shanghai Municipal'))!;
  const people = await json<{ items: { id: number; name: string; posts: { id: number; role: string }[] }[] }>(
    await api.get(`${server.url}/api/people?organizationId=${host.id}`),
  );
  const mayor = people.items.find((person) => person.posts.some((post) => post.role === 'mayor'))!;

  const event = {
    kind: 'forum',
    attendanceMode: 'online',
    status: 'held',
    timeZone: 'Asia/Shanghai',
    venuePlaceId: shanghaiId,
    hostIds: [host.id],
  };
  parentId = (
    await json<{ id: number }>(
      await api.post(`${server.url}/api/events`, {
        headers,
        data: {
          ...event,
          kind: 'trade_fair',
          attendanceMode: 'hybrid',
          startsAt: '2020-11-05T09:00:00+08:00',
          endsAt: '2020-11-10T18:00:00+08:00',
          title: { en: 'China International Import Expo 2020' },
          series: 'CIIE',
        },
      }),
      201,
    )
  ).id;
  const forum = await json<{ id: number; version: number }>(
    await api.post(`${server.url}/api/events`, {
      headers,
      data: {
        ...event,
        startsAt: '2020-11-10T14:00:00+08:00',
        endsAt: '2020-11-10T17:00:00+08:00',
        title: { en: 'Shanghai twin-town forum', fi: 'Shanghain ystävyyskaupunkifoorumi' },
        description: { en: 'The closing event of CIIE 2020, for the twin towns of Shanghai.' },
        onlineUrl: ONLINE_URL,
        mediaLinks: [
          { url: 'https://example.org/smg/forum', title: 'The forum on air', outlet: 'Shanghai Media Group' },
        ],
        outcomes: { en: 'Good practice shared on keeping in contact in a crisis.' },
        parentId,
        series: 'CIIE',
        themes: ['sustainable development'],
      },
    }),
    201,
  );
  eventId = forum.id;
  const mayorPost = mayor.posts.find((post) => post.role === 'mayor')!;
  await json(
    await api.put(`${server.url}/api/events/${eventId}/programme`, {
      headers,
      data: {
        version: forum.version,
        sessions: [
          {
            kind: 'opening',
            startsAt: '2020-11-10T14:00:00+08:00',
            endsAt: '2020-11-10T14:20:00+08:00',
            title: { en: AGENDA[0], fi: 'Foorumin avaus' },
            speakers: [{ personId: mayor.id, postId: mayorPost.id, role: 'opening_speaker' }],
          },
          {
            kind: 'panel',
            startsAt: '2020-11-10T14:20:00+08:00',
            endsAt: '2020-11-10T15:30:00+08:00',
            title: { en: AGENDA[1] },
            theme: { en: 'Experiences of the pandemic' },
            seats: [{ placeId: shanghaiId }],
          },
          {
            kind: 'panel',
            startsAt: '2020-11-10T15:30:00+08:00',
            endsAt: '2020-11-10T16:40:00+08:00',
            title: { en: AGENDA[2] },
            theme: { en: 'Sustainable development' },
            seats: [{ placeId: espooId }, { organizationId: host.id }],
          },
          {
            kind: 'group_photo',
            startsAt: '2020-11-10T16:40:00+08:00',
            endsAt: '2020-11-10T17:00:00+08:00',
            title: { en: AGENDA[3] },
          },
        ],
      },
    }),
  );
  await json(
    await api.post(`${server.url}/api/events/${eventId}/invitations`, {
      headers,
      data: { partnersOf: shanghaiId },
    }),
  );
  await json(
    await api.post(`${server.url}/api/events/${eventId}/invitations`, {
      headers,
      data: { partnersOf: espooId },
    }),
  );
  const invitations = await json<{
    items: { id: number; version: number; invitee: { id: number } }[];
    summary: { places: { invited: number } };
  }>(await api.get(`${server.url}/api/events/${eventId}/invitations`));
  placesInvited = invitations.summary.places.invited;
  expect(placesInvited).toBeGreaterThan(1);
  const espoo = invitations.items.find((item) => item.invitee.id === espooId)!;
  await json(
    await api.patch(`${server.url}/api/events/${eventId}/invitations/${espoo.id}`, {
      headers,
      data: { version: espoo.version, status: 'attended' },
    }),
  );
  await context.close();
});

describe('an event’s public page', () => {
  it('shows the title, the time on the reader’s clock and the host’s, the agenda in order and who came', async () => {
    const page = await readerPage();
    await openEvent(page);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Shanghai twin-town forum',
    );

    // 14:00–17:00 in Shanghai is 08:00–11:00 in Helsinki: both shown, each end in a <time> with its instant.
    const when = page.locator('.event-when');
    const text = (await when.textContent()) ?? '';
    expect(text).toContain('your time, Europe/Helsinki');
    expect(text).toContain('in Shanghai (Asia/Shanghai)');
    expect(text).toMatch(/^Tue,? 10 Nov 2020, 08:00–11:00 .* 14:00–17:00 in Shanghai/);
    await expect(when.locator('time[datetime="2020-11-10T06:00:00.000Z"]').count()).resolves.toBe(2);
    await expect(when.locator('time[datetime="2020-11-10T09:00:00.000Z"]').count()).resolves.toBe(2);

    await expect(page.locator('.event-agenda > li h3').allTextContents()).resolves.toEqual(AGENDA);
    const opening = page.locator('.event-agenda > li').first();
    await expect(opening.locator('time').first().getAttribute('datetime')).resolves.toBe(
      '2020-11-10T06:00:00.000Z',
    );
    await expect(opening.locator('.event-speakers').textContent()).resolves.toMatch(/^Opening speaker:/);
    const panel = page.locator('.event-agenda > li').nth(2);
    await expect(panel.getByRole('link', { name: 'Espoo' }).getAttribute('href')).resolves.toBe(
      `/places/${espooId}`,
    );

    await expect(page.locator('.event-attended').textContent()).resolves.toBe(
      `1 of ${placesInvited} invited places attended`,
    );
    const table = page.getByRole('table', { name: 'Invitees' });
    await expect(table.getByRole('link', { name: 'Espoo' }).getAttribute('href')).resolves.toBe(
      `/places/${espooId}`,
    );

    await expect(
      page.getByRole('link', { name: 'China International Import Expo 2020' }).getAttribute('href'),
    ).resolves.toBe(`/events/${parentId}`);
    const calendar = page.getByRole('link', { name: 'Add to calendar' });
    const href = (await calendar.getAttribute('href'))!;
    expect(href).toBe(`/api/events/${eventId}/calendar.ics?lang=en`);
    const ics = await page.request.get(`${workspace.server.url}${href}`);
    expect(ics.headers()['content-type']).toMatch(/^text\/calendar/);
    expect(await ics.text()).toContain('SUMMARY:Shanghai twin-town forum');

    expect(await page.content()).not.toContain('meet.example.org');
    await page.context().close();
  });

  it('has no accessibility violations in light, in dark and in Finnish', async () => {
    for (const options of [{}, { colorScheme: 'dark' as const }, { locale: 'fi-FI' }]) {
      const page = await readerPage(options);
      await openEvent(page);
      if (options.locale === 'fi-FI') {
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
          'Shanghain ystävyyskaupunkifoorumi',
        );
        await expect(page.getByRole('heading', { level: 2, name: 'Ohjelma' }).count()).resolves.toBe(1);
        await expect(page.locator('.event-attended').textContent()).resolves.toBe(
          `Kutsutuista ${placesInvited} paikkakunnasta osallistui 1`,
        );
        await expect(
          page.getByRole('link', { name: 'Lisää kalenteriin' }).getAttribute('href'),
        ).resolves.toBe(`/api/events/${eventId}/calendar.ics?lang=fi`);
      }
      expect(await axeViolations(page), JSON.stringify(options)).toEqual([]);
      await page.context().close();
    }
  });

  it('sorts the invitees by a column header', async () => {
    const page = await readerPage();
    await openEvent(page);
    const table = page.getByRole('table', { name: 'Invitees' });
    const firstName = () => table.locator('tbody tr').first().locator('td, th').first().textContent();
    await expect.poll(firstName).toBe('Espoo');
    await table.getByRole('button', { name: 'Invitee' }).click();
    await expect.poll(firstName).toBe('Shanghai');
    await page.context().close();
  });

  it('offers to try again when the event cannot be loaded', async () => {
    const page = await readerPage();
    let failing = true;
    await page.route(`**/api/events/${eventId}`, (route) =>
      failing
        ? route.fulfill({ status: 503, json: { error: { code: 'INTERNAL', message: 'down', details: [] } } })
        : route.continue(),
    );
    await page.goto(`${workspace.server.url}/events/${eventId}`);
    const alert = page.getByRole('alert').filter({ hasText: 'Something went wrong' });
    await alert.waitFor();
    failing = false;
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toBe('Shanghai twin-town forum');
    await page.context().close();
  });

  it('shows what came of the event and its media coverage', async () => {
    const page = await readerPage();
    await openEvent(page);
    await page.getByRole('heading', { name: 'What came of it' }).waitFor();
    await page.getByText('Good practice shared on keeping in contact in a crisis.').waitFor();
    const coverage = page.getByRole('link', { name: 'The forum on air' });
    expect(await coverage.getAttribute('href')).toBe('https://example.org/smg/forum');
    await page.getByText('(Shanghai Media Group)').waitFor();
    await page.context().close();
  });

  it('says so when there is no such event', async () => {
    const page = await readerPage();
    await page.goto(`${workspace.server.url}/events/999999`);
    await page.getByText('There is no published event at this address.').waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
    await page.context().close();
  });
});

describe('events in the history of places and ties', () => {
  it("lists the forum on Espoo's public page and on the Espoo–Shanghai tie's page, linked to the event", async () => {
    const page = await readerPage();
    await page.goto(`${workspace.server.url}/places/${espooId}`);
    const onPlace = page.getByRole('table', { name: 'Past events' });
    await onPlace.getByRole('link', { name: 'Shanghai twin-town forum' }).first().waitFor();
    expect(await onPlace.locator(`a[href="/events/${eventId}"]`).count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();

    const signedIn = await workspace.newPage();
    await workspace.signIn(signedIn);
    await signedIn.goto(`${workspace.server.url}/partnerships/${workspace.partnershipId}`);
    const onTie = signedIn.getByRole('table', { name: 'Events' });
    await onTie.locator(`a[href="/events/${eventId}"]`).waitFor();
    // The tie's events involve both Espoo and Shanghai: CIIE 2020 itself (Shanghai's alone) is not among them.
    expect(await onTie.getByRole('link', { name: 'China International Import Expo 2020' }).count()).toBe(0);
    expect(await axeViolations(signedIn)).toEqual([]);
    await signedIn.locator(`a[href="/events/${eventId}"]`).click();
    await expect
      .poll(() => signedIn.getByRole('heading', { level: 1 }).textContent())
      .toBe('Shanghai twin-town forum');
    await signedIn.context().close();
  });
});
