import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers, SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { localTime } from './events.service.ts';

/**
 * Events as clients see them: a host's editors create and run them, their times are instants shown on the host's
 * clock, the online link stays with the hosts, and internal events stay with the hosts' members.
 */

let t: TestApp;
let shanghai: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let as: Readers;
const call: TestApp['request'] = (...args) => t.request(...args);

const ONLINE_URL = 'https://meet.example.org/twin-town-forum';

/** The Shanghai twin-town forum of CIIE 2020, as Shanghai's editor would enter it. */
const forum = (overrides: Record<string, unknown> = {}) => ({
  kind: 'forum',
  attendanceMode: 'online',
  status: 'held',
  startsAt: '2020-11-10T14:00:00+08:00',
  endsAt: '2020-11-10T17:00:00+08:00',
  timeZone: 'Asia/Shanghai',
  title: { en: 'Shanghai twin-town forum', fi: 'Shanghain ystävyyskaupunkifoorumi' },
  venuePlaceId: shanghai.id,
  onlineUrl: ONLINE_URL,
  series: 'CIIE',
  themes: ['sustainable development'],
  hostIds: [cityOfShanghai.id],
  ...overrides,
});

/** Creates an event and answers it. */
async function create(overrides: Record<string, unknown> = {}, who: SessionHeaders = as.otherEditor) {
  const response = await call('POST', '/api/events', who, forum(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  // The readers' own organisation is Espoo; the other editor is Shanghai's, the host of the forum.
  ({ shanghai, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
});
afterAll(() => t.close());

describe('creating an event', () => {
  it('answers 201 with the event in UTC and on the host’s clock, its venue and hosts', async () => {
    const event = await create();
    expect(event).toMatchObject({
      kind: 'forum',
      attendanceMode: 'online',
      status: 'held',
      startsAt: '2020-11-10T06:00:00.000Z',
      endsAt: '2020-11-10T09:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      local: { startsAt: '2020-11-10T14:00', endsAt: '2020-11-10T17:00' },
      title: { en: 'Shanghai twin-town forum', fi: 'Shanghain ystävyyskaupunkifoorumi' },
      description: {},
      venue: { id: shanghai.id, name: 'Shanghai', country: 'CN' },
      onlineUrl: ONLINE_URL,
      series: 'CIIE',
      themes: ['sustainable development'],
      hosts: [{ id: cityOfShanghai.id, name: 'City of Shanghai' }],
      visibility: 'published',
      version: 1,
      canEdit: true,
    });
    const read = await call('GET', `/api/events/${event.id}`, as.otherEditor);
    expect(read.json()).toEqual(event);
  });

  it('keeps the host’s clock across a daylight-saving change', async () => {
    // Finland moves to summer time on 29 March 2026 at 03:00 local time.
    const event = await create(
      {
        kind: 'conference',
        attendanceMode: 'in_person',
        startsAt: '2026-03-28T10:00:00+02:00',
        endsAt: '2026-03-29T10:00:00+03:00',
        timeZone: 'Europe/Helsinki',
        hostIds: [cityOfEspoo.id],
        venuePlaceId: null,
        onlineUrl: null,
      },
      as.editor,
    );
    expect(event.startsAt).toBe('2026-03-28T08:00:00.000Z');
    expect(event.endsAt).toBe('2026-03-29T07:00:00.000Z');
    expect(event.local).toEqual({ startsAt: '2026-03-28T10:00', endsAt: '2026-03-29T10:00' });
    expect(localTime(new Date(event.startsAt), 'Asia/Shanghai')).toBe('2026-03-28T16:00');
  });

  it('is for editors of a host and administrators', async () => {
    for (const who of [as.anonymous, as.viewer, as.editor]) {
      const response = await call('POST', '/api/events', who, forum());
      expect(response.statusCode, response.body).toBe(who === as.anonymous ? 401 : 403);
    }
    expect((await call('POST', '/api/events', as.admin, forum())).statusCode).toBe(201);
  });

  it('refuses an unknown time zone, an end before the start, and unknown hosts, venues and parents', async () => {
    const before = (await call('GET', '/api/events', as.admin)).json().items.length;
    const cases: [Record<string, unknown>, string][] = [
      [{ timeZone: 'Mars/Olympus' }, 'body.timeZone'],
      [{ timeZone: 'CEST' }, 'body.timeZone'],
      [{ startsAt: '2020-11-10 14:00' }, 'body.startsAt'],
      [{ startsAt: '0000-01-01T00:00:00Z' }, 'body.startsAt'],
      [{ endsAt: '2020-11-10T13:00:00+08:00' }, 'body.endsAt'],
      [{ title: {} }, 'body.title'],
      [{ title: { 'not a language': 'Forum' } }, 'body.title'],
      [{ hostIds: [] }, 'body.hostIds'],
      [{ hostIds: [cityOfShanghai.id, 2_000_000_000] }, 'body.hostIds.1'],
      [{ venuePlaceId: 2_000_000_000 }, 'body.venuePlaceId'],
      [{ parentId: 2_000_000_000 }, 'body.parentId'],
      [{ onlineUrl: 'javascript:alert(1)' }, 'body.onlineUrl'],
    ];
    for (const [overrides, field] of cases) {
      const response = await call('POST', '/api/events', as.otherEditor, forum(overrides));
      expect(response.statusCode, `${JSON.stringify(overrides)}: ${response.body}`).toBe(400);
      const fields = response.json().error.details.map((detail: { field: string }) => detail.field);
      expect(
        fields.some((name: string) => name.startsWith(field)),
        `${field} in ${fields}`,
      ).toBe(true);
    }
    expect((await call('GET', '/api/events', as.admin)).json().items).toHaveLength(before);
  });
});

describe('reading events', () => {
  it('shows the online link to the hosts’ members only', async () => {
    const event = await create();
    for (const who of [as.anonymous, as.viewer, as.editor]) {
      const read = await call('GET', `/api/events/${event.id}`, who);
      expect(read.statusCode).toBe(200);
      expect(read.json()).toMatchObject({ onlineUrl: null, canEdit: false });
      expect(read.body).not.toContain(ONLINE_URL);
    }
    expect((await call('GET', `/api/events/${event.id}`, as.admin)).json().onlineUrl).toBe(ONLINE_URL);
  });

  it('keeps an internal event with its hosts’ members: to others it does not exist', async () => {
    const event = await create({ visibility: 'internal', title: { en: 'Forum rehearsal' } });
    for (const who of [as.anonymous, as.viewer, as.editor]) {
      expect((await call('GET', `/api/events/${event.id}`, who)).statusCode).toBe(404);
      const listed = (await call('GET', '/api/events', who)).json().items;
      expect(listed.map((item: { id: number }) => item.id)).not.toContain(event.id);
    }
    const listed = (await call('GET', '/api/events', as.otherEditor)).json().items;
    expect(listed.map((item: { id: number }) => item.id)).toContain(event.id);
  });

  it('lists upcoming events soonest first and past ones latest first, by host and venue', async () => {
    const next = await create({ startsAt: '2098-11-05T10:00:00+08:00', endsAt: '2098-11-05T12:00:00+08:00' });
    const later = await create({
      startsAt: '2099-11-05T10:00:00+08:00',
      endsAt: '2099-11-05T12:00:00+08:00',
    });
    const espooEvent = await create(
      {
        hostIds: [cityOfEspoo.id],
        venuePlaceId: null,
        startsAt: '2019-11-05T10:00:00+08:00',
        endsAt: '2019-11-05T12:00:00+08:00',
      },
      as.editor,
    );
    const ids = async (query: string) =>
      (await call('GET', `/api/events?${query}`, as.anonymous))
        .json()
        .items.map((item: { id: number }) => item.id);
    const upcoming = await ids('when=upcoming');
    expect(upcoming.indexOf(next.id)).toBeLessThan(upcoming.indexOf(later.id));
    expect(upcoming).not.toContain(espooEvent.id);
    const past = await ids('when=past');
    expect(past).toContain(espooEvent.id);
    expect(past).not.toContain(next.id);
    expect(await ids(`hostId=${cityOfEspoo.id}`)).toContain(espooEvent.id);
    expect(await ids(`hostId=${cityOfEspoo.id}`)).not.toContain(next.id);
    expect(await ids(`placeId=${shanghai.id}&when=upcoming`)).toEqual(
      upcoming.filter((id: number) => id !== espooEvent.id),
    );
    expect((await call('GET', '/api/events?when=soon', as.anonymous)).statusCode).toBe(400);
  });
});

describe('changing an event', () => {
  it('applies the changes, bumps the version, and answers a stale version with 409 and the event as it is', async () => {
    const event = await create();
    const changed = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: 1,
      status: 'postponed',
      startsAt: '2020-11-11T14:00:00+08:00',
      endsAt: '2020-11-11T16:00:00+08:00',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      status: 'postponed',
      local: { startsAt: '2020-11-11T14:00', endsAt: '2020-11-11T16:00' },
      version: 2,
      title: event.title,
    });
    const stale = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: 1,
      status: 'held',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { status: 'postponed', version: 2 },
    });
    // An end before the stored start is refused like one in the same request.
    const backwards = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: 2,
      endsAt: '2020-11-11T13:00:00+08:00',
    });
    expect(backwards.statusCode).toBe(400);
  });

  it('is for editors of a host; handing it to other hosts takes an editor of one of them', async () => {
    const event = await create();
    for (const who of [as.viewer, as.editor]) {
      const response = await call('PATCH', `/api/events/${event.id}`, who, { version: 1, status: 'held' });
      expect(response.statusCode, response.body).toBe(403);
    }
    const handed = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: 1,
      hostIds: [cityOfEspoo.id],
    });
    expect(handed.statusCode, handed.body).toBe(403);
    const shared = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: 1,
      hostIds: [cityOfShanghai.id, cityOfEspoo.id],
    });
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json().hosts.map((host: { name: string }) => host.name)).toEqual([
      'City of Espoo',
      'City of Shanghai',
    ]);
    // Now a co-host, Espoo's editor runs it too and sees its link.
    const espoo = await call('GET', `/api/events/${event.id}`, as.editor);
    expect(espoo.json()).toMatchObject({ canEdit: true, onlineUrl: ONLINE_URL });
  });

  it('lets a co-host leave, but not push another host out', async () => {
    const event = await create({ hostIds: [cityOfShanghai.id] });
    const shared = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: 1,
      hostIds: [cityOfShanghai.id, cityOfEspoo.id],
    });
    expect(shared.statusCode, shared.body).toBe(200);
    const pushed = await call('PATCH', `/api/events/${event.id}`, as.editor, {
      version: 2,
      hostIds: [cityOfEspoo.id],
    });
    expect(pushed.statusCode, pushed.body).toBe(403);
    const unchanged = await call('GET', `/api/events/${event.id}`, as.otherEditor);
    expect(unchanged.json()).toMatchObject({
      version: 2,
      hosts: [{ name: 'City of Espoo' }, { name: 'City of Shanghai' }],
    });
    const left = await call('PATCH', `/api/events/${event.id}`, as.editor, {
      version: 2,
      hostIds: [cityOfShanghai.id],
    });
    expect(left.statusCode, left.body).toBe(200);
    expect(left.json().hosts).toEqual([{ id: cityOfShanghai.id, name: 'City of Shanghai' }]);
  });

  it('keeps its media coverage and what came of it, and refuses a link that is not a web address', async () => {
    const event = await create();
    expect(event).toMatchObject({ mediaLinks: [], outcomes: {} });
    const coverage = [
      {
        url: 'https://www.smg.cn/forum-2020',
        title: 'Twin-town forum closes CIIE 2020',
        outlet: 'Shanghai Media Group',
      },
    ];
    const changed = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
      version: event.version,
      mediaLinks: coverage,
      outcomes: { en: 'Good practice shared on keeping in contact in a crisis.' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      mediaLinks: coverage,
      outcomes: { en: 'Good practice shared on keeping in contact in a crisis.' },
    });
    for (const mediaLinks of [
      [{ url: 'javascript:alert(1)', title: 'x' }],
      [{ url: 'https://example.org', title: '' }],
      [{ url: 'https://example.org' }],
    ]) {
      const refused = await call('PATCH', `/api/events/${event.id}`, as.otherEditor, {
        version: changed.json().version,
        mediaLinks,
      });
      expect(refused.statusCode, JSON.stringify(mediaLinks)).toBe(400);
    }
    const read = await call('GET', `/api/events/${event.id}`, as.anonymous);
    expect(read.json().mediaLinks).toEqual([{ ...coverage[0], outlet: 'Shanghai Media Group' }]);
  });

  it('nests an event in another, but never in itself or one of its own parts', async () => {
    const expo = await create({ kind: 'trade_fair', title: { en: 'CIIE 2020' }, onlineUrl: null });
    const child = await create({ parentId: expo.id });
    expect(child.parentId).toBe(expo.id);
    const listed = (await call('GET', `/api/events?parentId=${expo.id}`, as.anonymous)).json().items;
    expect(listed.map((item: { id: number }) => item.id)).toEqual([child.id]);
    for (const parentId of [expo.id, child.id]) {
      const loop = await call('PATCH', `/api/events/${expo.id}`, as.otherEditor, {
        version: expo.version,
        parentId,
      });
      expect(loop.statusCode, loop.body).toBe(400);
      expect(loop.json().error.details[0].field).toBe('body.parentId');
    }
    // An internal event of another organisation is no parent for Espoo's editor: it does not exist for them.
    const hidden = await create({ visibility: 'internal' });
    const response = await call(
      'POST',
      '/api/events',
      as.editor,
      forum({ hostIds: [cityOfEspoo.id], parentId: hidden.id }),
    );
    expect(response.statusCode).toBe(400);
  });
});

describe('deleting and restoring an event, and its history', () => {
  it('takes the event off the lists, brings it back, and keeps every change', async () => {
    const event = await create();
    expect((await call('DELETE', `/api/events/${event.id}?version=1`, as.editor)).statusCode).toBe(403);
    const deleted = await call('DELETE', `/api/events/${event.id}?version=1`, as.otherEditor);
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect((await call('GET', `/api/events/${event.id}`, as.anonymous)).statusCode).toBe(404);
    const listed = (await call('GET', '/api/events', as.otherEditor)).json().items;
    expect(listed.map((item: { id: number }) => item.id)).not.toContain(event.id);
    const restored = await call('POST', `/api/events/${event.id}/restore`, as.otherEditor, { version: 2 });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 3 });
    const history = (await call('GET', `/api/events/${event.id}/history`, as.otherEditor)).json().items;
    expect(history.map((item: { action: string }) => item.action)).toEqual(['create', 'delete', 'restore']);
    expect(history[0].after).toMatchObject({ hostIds: [cityOfShanghai.id], timeZone: 'Asia/Shanghai' });
  });
});
