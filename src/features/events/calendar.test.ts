import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';

/**
 * Calendars as a calendar application reads them (parsed with ical.js): each event and its timed sessions at the
 * right instants across a daylight-saving change, feeds per organisation and per place with their published events
 * only, never an online link.
 */

let t: TestApp;
let as: Readers;
let espoo: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
const call: TestApp['request'] = (...args) => t.request(...args);
const ONLINE_URL = 'https://meet.example.org/secret-room';

async function createEvent(body: Record<string, unknown>, who = as.editor) {
  const response = await call('POST', '/api/events', who, {
    kind: 'meeting',
    attendanceMode: 'hybrid',
    timeZone: 'Europe/Helsinki',
    hostIds: [cityOfEspoo.id],
    onlineUrl: ONLINE_URL,
    ...body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

interface Entry {
  uid: string;
  summary: string;
  start: string;
  end: string;
  relatedTo: string | null;
  status: string | null;
}

/** The calendar's events as ical.js reads them, times in UTC, by start (an event before its sessions). */
function read(text: string): Entry[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar
    .getAllSubcomponents('vevent')
    .map((component) => {
      const event = new ICAL.Event(component);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toJSDate().toISOString(),
        end: event.endDate.toJSDate().toISOString(),
        relatedTo: (component.getFirstPropertyValue('related-to') as string | null) ?? null,
        status: (component.getFirstPropertyValue('status') as string | null) ?? null,
      };
    })
    .sort(
      (a, b) =>
        a.start.localeCompare(b.start) ||
        Number(a.relatedTo !== null) - Number(b.relatedTo !== null) ||
        a.uid.localeCompare(b.uid),
    );
}

async function fetchCalendar(url: string, who = as.anonymous) {
  const response = await call('GET', url, who);
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['content-type']).toBe('text/calendar; charset=utf-8');
  expect(response.body).not.toContain(ONLINE_URL);
  return response.body;
}

let before: { id: number };
let after: { id: number };
let forum: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  ({ espoo, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
  // Finland moves to summer time on 29 March 2026 at 03:00: 10:00 is 08:00 UTC before and 07:00 UTC after.
  before = await createEvent({
    startsAt: '2026-03-28T10:00:00+02:00',
    endsAt: '2026-03-28T11:00:00+02:00',
    title: { en: 'Steering group', fi: 'Ohjausryhmä' },
  });
  after = await createEvent({
    startsAt: '2026-03-30T10:00:00+03:00',
    endsAt: '2026-03-30T11:30:00+03:00',
    title: { en: 'Steering group follow-up' },
    status: 'cancelled',
  });
  await createEvent({
    startsAt: '2026-04-01T10:00:00+03:00',
    endsAt: '2026-04-01T11:00:00+03:00',
    title: { en: 'Internal budget meeting' },
    visibility: 'internal',
  });
  // Shanghai's forum invites Espoo (which accepts) and has a timed programme.
  const created = await call('POST', '/api/events', as.otherEditor, {
    kind: 'forum',
    attendanceMode: 'online',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    title: { en: 'Shanghai twin-town forum' },
    hostIds: [cityOfShanghai.id],
    onlineUrl: ONLINE_URL,
  });
  forum = created.json();
  await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
    version: created.json().version,
    sessions: [
      {
        kind: 'opening',
        startsAt: '2020-11-10T14:00:00+08:00',
        endsAt: '2020-11-10T14:15:00+08:00',
        title: { en: 'Opening' },
      },
      { kind: 'closing', title: { en: 'Closing' } },
    ],
  });
  await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, { placeIds: [espoo.id] });
  // Another forum invites Espoo, which declines: not in Espoo's calendar.
  const declined = (
    await call('POST', '/api/events', as.otherEditor, {
      kind: 'webinar',
      attendanceMode: 'online',
      startsAt: '2020-12-01T10:00:00+08:00',
      endsAt: '2020-12-01T11:00:00+08:00',
      timeZone: 'Asia/Shanghai',
      title: { en: 'Declined webinar' },
      hostIds: [cityOfShanghai.id],
    })
  ).json();
  await call('POST', `/api/events/${declined.id}/invitations`, as.otherEditor, { placeIds: [espoo.id] });
  const [invitation] = (await call('GET', `/api/events/${declined.id}/invitations`, as.editor)).json().items;
  const answer = await call('PATCH', `/api/events/${declined.id}/invitations/${invitation.id}`, as.editor, {
    version: invitation.version,
    status: 'declined',
  });
  expect(answer.statusCode, answer.body).toBe(200);
});
afterAll(() => t.close());

describe('calendars', () => {
  it('gives an event at the right instants on both sides of a daylight-saving change', async () => {
    expect(read(await fetchCalendar(`/api/events/${before.id}/calendar.ics`))).toEqual([
      {
        uid: `event-${before.id}@citybridge`,
        summary: 'Steering group',
        start: '2026-03-28T08:00:00.000Z',
        end: '2026-03-28T09:00:00.000Z',
        relatedTo: null,
        status: 'TENTATIVE',
      },
    ]);
    const summer = read(await fetchCalendar(`/api/events/${after.id}/calendar.ics`));
    expect(summer[0]).toMatchObject({
      start: '2026-03-30T07:00:00.000Z',
      end: '2026-03-30T08:30:00.000Z',
      status: 'CANCELLED',
    });
    const finnish = read(await fetchCalendar(`/api/events/${before.id}/calendar.ics?lang=fi`));
    expect(finnish[0]!.summary).toBe('Ohjausryhmä');
  });

  it('puts each timed session in a VEVENT of its own, related to its event', async () => {
    const entries = read(await fetchCalendar(`/api/events/${forum.id}/calendar.ics`));
    expect(entries).toEqual([
      expect.objectContaining({
        uid: `event-${forum.id}@citybridge`,
        start: '2020-11-10T06:00:00.000Z',
        end: '2020-11-10T09:00:00.000Z',
        relatedTo: null,
      }),
      expect.objectContaining({
        uid: `event-${forum.id}-session-0@citybridge`,
        summary: 'Shanghai twin-town forum: Opening',
        start: '2020-11-10T06:00:00.000Z',
        end: '2020-11-10T06:15:00.000Z',
        relatedTo: `event-${forum.id}@citybridge`,
      }),
    ]);
  });

  it("feeds an organisation's and a place's published events: hosted, held there, or invited and not declined", async () => {
    const organization = read(
      await fetchCalendar(`/api/calendars/organizations/${cityOfEspoo.id}/events.ics`),
    );
    expect(organization.map((entry) => entry.summary)).toEqual([
      'Steering group',
      'Steering group follow-up',
    ]);
    const place = read(await fetchCalendar(`/api/calendars/places/${espoo.id}/events.ics`));
    expect(place.map((entry) => entry.summary)).toEqual([
      'Shanghai twin-town forum',
      'Shanghai twin-town forum: Opening',
      'Steering group',
      'Steering group follow-up',
    ]);
    const host = read(await fetchCalendar(`/api/calendars/organizations/${cityOfShanghai.id}/events.ics`));
    expect(host.map((entry) => entry.summary)).toEqual([
      'Shanghai twin-town forum',
      'Shanghai twin-town forum: Opening',
      'Declined webinar',
    ]);
  });

  it('answers 404 for what the reader may not see or what does not exist, and 400 for an unknown language', async () => {
    const internal = (await call('GET', '/api/events?when=all', as.editor))
      .json()
      .items.find((item: { title: { en: string } }) => item.title.en === 'Internal budget meeting');
    expect((await call('GET', `/api/events/${internal.id}/calendar.ics`, as.anonymous)).statusCode).toBe(404);
    await fetchCalendar(`/api/events/${internal.id}/calendar.ics`, as.viewer);
    expect((await call('GET', '/api/calendars/places/2000000000/events.ics', as.anonymous)).statusCode).toBe(
      404,
    );
    expect(
      (await call('GET', '/api/calendars/organizations/2000000000/events.ics', as.anonymous)).statusCode,
    ).toBe(404);
    expect(
      (await call('GET', `/api/events/${before.id}/calendar.ics?lang=xx`, as.anonymous)).statusCode,
    ).toBe(400);
  });

  it("gives an organisation's editors a private feed with its internal events, renewed and revoked at will", async () => {
    const made = await call('POST', `/api/organizations/${cityOfEspoo.id}/calendar-feed`, as.editor);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    const url = new URL(made.json().url);
    expect(url.pathname).toMatch(/^\/api\/calendars\/private\/[A-Za-z0-9_-]{43}\/events\.ics$/);
    const internal = read(await fetchCalendar(url.pathname)).map((entry) => entry.summary);
    expect(internal).toEqual(['Steering group', 'Steering group follow-up', 'Internal budget meeting']);
    const renewed = await call('POST', `/api/organizations/${cityOfEspoo.id}/calendar-feed`, as.editor);
    expect((await call('GET', url.pathname, as.anonymous)).statusCode).toBe(404);
    const current = new URL(renewed.json().url).pathname;
    await fetchCalendar(current);
    for (const [who, status] of [
      [as.anonymous, 401],
      [as.viewer, 403],
      [as.otherEditor, 403],
    ] as const) {
      expect((await call('POST', `/api/organizations/${cityOfEspoo.id}/calendar-feed`, who)).statusCode).toBe(
        status,
      );
      expect(
        (await call('DELETE', `/api/organizations/${cityOfEspoo.id}/calendar-feed`, who)).statusCode,
      ).toBe(status);
    }
    await fetchCalendar(current);
    expect(
      (await call('DELETE', `/api/organizations/${cityOfEspoo.id}/calendar-feed`, as.editor)).statusCode,
    ).toBe(204);
    expect((await call('GET', current, as.anonymous)).statusCode).toBe(404);
    expect(
      (await call('DELETE', `/api/organizations/${cityOfEspoo.id}/calendar-feed`, as.editor)).statusCode,
    ).toBe(404);
    expect(
      (await call('GET', '/api/calendars/private/not-a-secret/events.ics', as.anonymous)).statusCode,
    ).toBe(400);
  });
});
