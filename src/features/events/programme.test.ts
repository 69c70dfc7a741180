import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';

/**
 * The programme of the Shanghai twin-town forum as clients see it: the mayor of Shanghai opens, two themed panels
 * seat their cities (Espoo in the second, with its city manager speaking), the closing; times on the host's clock
 * and in UTC; speakers named only where the reader may see them, their posts always.
 */

let t: TestApp;
let as: Readers;
let espoo: { id: number };
let shanghai: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let mayor: { id: number; posts: { id: number }[] };
let manager: { id: number; posts: { id: number }[] };
let moderator: { id: number; posts: { id: number }[] };
const call: TestApp['request'] = (...args) => t.request(...args);

async function createForum() {
  const response = await call('POST', '/api/events', as.otherEditor, {
    kind: 'forum',
    attendanceMode: 'online',
    status: 'held',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    title: { en: 'Shanghai twin-town forum' },
    hostIds: [cityOfShanghai.id],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

async function makePerson(name: string, keeperId: number, role: string, visibility: string, who = as.editor) {
  const response = await call('POST', '/api/people', who, {
    name,
    keeperId,
    visibility,
    posts: [{ organizationId: keeperId, role }],
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const programme = () => [
  {
    kind: 'opening',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T14:15:00+08:00',
    title: { en: 'Opening', fi: 'Avaus' },
    speakers: [{ personId: mayor.id, role: 'opening_speaker', postId: mayor.posts[0]!.id }],
  },
  {
    kind: 'panel',
    startsAt: '2020-11-10T14:15:00+08:00',
    endsAt: '2020-11-10T15:30:00+08:00',
    title: { en: 'Panel 1' },
    theme: { en: 'Economic recovery after the pandemic' },
  },
  {
    kind: 'panel',
    startsAt: '2020-11-10T15:30:00+08:00',
    endsAt: '2020-11-10T16:45:00+08:00',
    title: { en: 'Panel 2' },
    theme: { en: 'Sustainable development' },
    speakers: [
      { personId: moderator.id, role: 'moderator', postId: moderator.posts[0]!.id },
      { personId: manager.id, role: 'panelist', postId: manager.posts[0]!.id },
    ],
    seats: [{ placeId: espoo.id }, { placeId: shanghai.id }, { organizationId: cityOfEspoo.id }],
  },
  { kind: 'closing', title: { en: 'Closing' } },
];

beforeAll(async () => {
  t = await createTestApp();
  ({ espoo, shanghai, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
  mayor = await makePerson('Gong Zheng', cityOfShanghai.id, 'mayor', 'published', as.otherEditor);
  manager = await makePerson('Jukka Mäkelä', cityOfEspoo.id, 'city_manager', 'published');
  // Shanghai keeps its moderator's record internal: others see the post, not the name.
  moderator = await makePerson('Li Wei', cityOfShanghai.id, 'director', 'internal', as.otherEditor);
});
afterAll(() => t.close());

describe("an event's programme", () => {
  it("is set by the host's editor as a whole and shown in order, on the host's clock and in UTC", async () => {
    const forum = await createForum();
    const response = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
      version: forum.version,
      sessions: programme(),
    });
    expect(response.statusCode, response.body).toBe(200);
    const event = response.json();
    expect(event.version).toBe(forum.version + 1);
    expect(event.programme.map((session: { kind: string }) => session.kind)).toEqual([
      'opening',
      'panel',
      'panel',
      'closing',
    ]);
    expect(event.programme[0]).toEqual({
      kind: 'opening',
      startsAt: '2020-11-10T06:00:00.000Z',
      endsAt: '2020-11-10T06:15:00.000Z',
      local: { startsAt: '2020-11-10T14:00', endsAt: '2020-11-10T14:15' },
      title: { en: 'Opening', fi: 'Avaus' },
      theme: {},
      speakers: [
        {
          person: { id: mayor.id, name: 'Gong Zheng' },
          role: 'opening_speaker',
          post: {
            role: 'mayor',
            title: null,
            organization: { id: cityOfShanghai.id, name: 'City of Shanghai' },
          },
        },
      ],
      seats: [],
    });
    expect(event.programme[2].seats).toEqual([
      { type: 'place', id: espoo.id, name: 'Espoo', country: 'FI' },
      { type: 'place', id: shanghai.id, name: 'Shanghai', country: 'CN' },
      { type: 'organization', id: cityOfEspoo.id, name: 'City of Espoo', country: null },
    ]);
    expect(event.programme[3].local).toEqual({ startsAt: null, endsAt: null });
    // The host's members see its moderator by name; Espoo's viewer and anonymous readers see the post only.
    expect(event.programme[2].speakers.map((speaker: { person: unknown }) => speaker.person)).toEqual([
      { id: moderator.id, name: 'Li Wei' },
      { id: manager.id, name: 'Jukka Mäkelä' },
    ]);
    for (const who of [as.viewer, as.anonymous]) {
      const read = await call('GET', `/api/events/${forum.id}`, who);
      expect(read.json().programme[2].speakers[0]).toEqual({
        person: null,
        role: 'moderator',
        post: {
          role: 'director',
          title: null,
          organization: { id: cityOfShanghai.id, name: 'City of Shanghai' },
        },
      });
      expect(read.json().programme[2].speakers[1].person).toEqual({ id: manager.id, name: 'Jukka Mäkelä' });
      expect(read.body).not.toContain('Li Wei');
    }
    const history = (await call('GET', `/api/events/${forum.id}/history`, as.otherEditor)).json();
    expect(history.items.map((item: { action: string }) => item.action)).toContain('set_programme');
  });

  it('replaces the whole programme, and an empty one clears it', async () => {
    const forum = await createForum();
    const first = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
      version: forum.version,
      sessions: programme(),
    });
    const cleared = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
      version: first.json().version,
      sessions: [],
    });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().programme).toEqual([]);
  });

  it('refuses sessions outside the event, foreign posts, unknown seats and speakers, changing nothing', async () => {
    const forum = await createForum();
    const [opening, , panel] = programme();
    for (const [sessions, field] of [
      [[{ ...opening, startsAt: '2020-11-10T13:00:00+08:00' }], 'body.sessions.0.startsAt'],
      [[{ ...opening, endsAt: '2020-11-10T13:59:00+08:00', startsAt: null }], 'body.sessions.0.endsAt'],
      [
        [
          {
            ...opening,
            speakers: [{ personId: mayor.id, role: 'opening_speaker', postId: manager.posts[0]!.id }],
          },
        ],
        'body.sessions.0.speakers.0.postId',
      ],
      [[{ ...panel, seats: [{ placeId: 2_000_000_000 }] }], 'body.sessions.0.seats.0.placeId'],
      [
        [{ ...panel, speakers: [{ personId: 2_000_000_000, role: 'panelist' }] }],
        'body.sessions.0.speakers.0.personId',
      ],
    ] as const) {
      const response = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
        version: forum.version,
        sessions,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    for (const body of [
      { version: forum.version, sessions: [{ kind: 'panel', title: {} }] },
      {
        version: forum.version,
        sessions: [{ ...panel, seats: [{ placeId: espoo.id, organizationId: cityOfEspoo.id }] }],
      },
      { sessions: [] },
    ]) {
      const response = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const stale = await call('PUT', `/api/events/${forum.id}/programme`, as.otherEditor, {
      version: forum.version + 3,
      sessions: [],
    });
    expect(stale.statusCode).toBe(409);
    const event = (await call('GET', `/api/events/${forum.id}`, as.otherEditor)).json();
    expect(event).toMatchObject({ version: forum.version, programme: [] });
  });

  it("is for the hosts' editors only", async () => {
    const forum = await createForum();
    for (const [who, status] of [
      [as.anonymous, 401],
      [as.viewer, 403],
      [as.editor, 403],
    ] as const) {
      const response = await call('PUT', `/api/events/${forum.id}/programme`, who, {
        version: forum.version,
        sessions: [],
      });
      expect(response.statusCode).toBe(status);
    }
  });
});
