import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makeOrganization, makePartnership, makePlace, makePlaces } from '../../../test/helpers/factories.ts';

/**
 * Invitations as clients see them: Shanghai's editor invites the city's twin towns in one action and records who
 * came; each invited city's own editors answer for it and name their delegates; nobody else writes, and anonymous
 * readers see who took part but never the delegates.
 */

let t: TestApp;
let as: Readers;
let ids: Record<'espoo' | 'shanghai' | 'riga' | 'osaka' | 'ended' | 'stranger', number>;
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let mediaGroup: { id: number };
const call: TestApp['request'] = (...args) => t.request(...args);

async function createForum(overrides: Record<string, unknown> = {}) {
  const response = await call('POST', '/api/events', as.otherEditor, {
    kind: 'forum',
    attendanceMode: 'online',
    status: 'held',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    title: { en: 'Shanghai twin-town forum' },
    hostIds: [cityOfShanghai.id],
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number };
}

const invitationsOf = async (eventId: number, who = as.otherEditor) => {
  const response = await call('GET', `/api/events/${eventId}/invitations`, who);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

const invitationOf = async (eventId: number, placeId: number) =>
  (await invitationsOf(eventId)).items.find(
    (item: { invitee: { type: string; id: number } }) =>
      item.invitee.type === 'place' && item.invitee.id === placeId,
  );

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  let espoo: { id: number };
  let shanghai: { id: number };
  ({ espoo, shanghai, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(db));
  const [riga, osaka, ended, stranger] = await makePlaces(
    db,
    ['Riga', 'LV'],
    ['Osaka', 'JP'],
    ['Ended Town', 'DE'],
    ['Stranger', 'US'],
  );
  ids = {
    espoo: espoo.id,
    shanghai: shanghai.id,
    riga: riga.id,
    osaka: osaka.id,
    ended: ended.id,
    stranger: stranger.id,
  };
  for (const partner of [espoo, riga, osaka]) await makePartnership(db, [shanghai.id, partner.id]);
  await makePartnership(db, [shanghai.id, ended.id], { status: 'ended', endedOn: '2010-01-01' });
  mediaGroup = await makeOrganization(db, { name: 'Shanghai Media Group', kind: 'company' });
});
afterAll(() => t.close());

describe('inviting', () => {
  it("invites every partner of the host city (ended ties aside) and a media partner, once however often it's asked", async () => {
    const forum = await createForum();
    const body = { partnersOf: ids.shanghai };
    const first = await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, body);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ invited: 3, alreadyInvited: 0 });
    const again = await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, {
      ...body,
      placeIds: [ids.riga],
      organizationIds: [mediaGroup.id],
      role: 'media_partner',
    });
    expect(again.json()).toEqual({ invited: 1, alreadyInvited: 3 });
    const list = await invitationsOf(forum.id);
    expect(
      list.items.map((item: { invitee: { name: string }; role: string; status: string }) => [
        item.invitee.name,
        item.role,
        item.status,
      ]),
    ).toEqual([
      ['Espoo', 'guest', 'invited'],
      ['Osaka', 'guest', 'invited'],
      ['Riga', 'guest', 'invited'],
      ['Shanghai Media Group', 'media_partner', 'invited'],
    ]);
    expect(list.summary).toMatchObject({ invited: 4, places: { invited: 3, attended: 0 } });
    const history = (await call('GET', `/api/events/${forum.id}/history`, as.otherEditor)).json();
    expect(history.items.map((event: { action: string }) => event.action)).toContain('invite');
  });

  it('invites 300 places in one transaction, or none when one of them is unknown', async () => {
    const forum = await createForum();
    const many = await makePlaces(
      t.database.db,
      ...Array.from({ length: 300 }, (_, i) => [`Town ${i}`, 'SE'] as const),
    );
    const placeIds = many.map((place) => place.id);
    const refused = await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, {
      placeIds: [...placeIds.slice(0, 299), 2_000_000_000],
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.details).toEqual([
      { field: 'body.placeIds.299', message: '2000000000 is not a known place' },
    ]);
    expect((await invitationsOf(forum.id)).summary.invited).toBe(0);
    const made = await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, { placeIds });
    expect(made.json()).toEqual({ invited: 300, alreadyInvited: 0 });
    expect((await invitationsOf(forum.id)).summary.invited).toBe(300);
  });

  it('refuses a body that names nobody, ids twice or an unreadable organisation, with 400', async () => {
    const forum = await createForum();
    for (const body of [
      {},
      { placeIds: [ids.riga, ids.riga] },
      { placeIds: [ids.riga], role: 'king' },
      { partnersOf: 2_000_000_000 },
      { organizationIds: [2_000_000_000] },
    ]) {
      const response = await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await invitationsOf(forum.id)).summary.invited).toBe(0);
  });

  it("is for the hosts' editors only", async () => {
    const forum = await createForum();
    const body = { placeIds: [ids.riga] };
    for (const [who, status] of [
      [as.anonymous, 401],
      [as.viewer, 403],
      [as.editor, 403],
    ] as const) {
      const response = await call('POST', `/api/events/${forum.id}/invitations`, who, body);
      expect(response.statusCode).toBe(status);
    }
    const internal = await createForum({ visibility: 'internal' });
    const hidden = await call('POST', `/api/events/${internal.id}/invitations`, as.editor, body);
    expect(hidden.statusCode).toBe(404);
    expect((await invitationsOf(forum.id)).summary.invited).toBe(0);
  });
});

describe('answering and attendance', () => {
  let forum: { id: number };
  let delegate: { id: number };

  beforeAll(async () => {
    forum = await createForum();
    await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, { partnersOf: ids.shanghai });
    const person = await call('POST', '/api/people', as.editor, {
      name: 'Jukka Mäkelä',
      keeperId: cityOfEspoo.id,
      contactPoints: [{ kind: 'email', value: 'jukka@example.org' }],
    });
    expect(person.statusCode, person.body).toBe(201);
    delegate = person.json();
  });

  it("lets Espoo's editor accept Espoo's invitation and name its delegates, seen only by the two cities", async () => {
    const invitation = await invitationOf(forum.id, ids.espoo);
    expect(invitation).toMatchObject({ canAnswer: true, canRecord: true });
    const mine = (await invitationsOf(forum.id, as.editor)).items.find(
      (item: { id: number }) => item.id === invitation.id,
    );
    expect(mine).toMatchObject({ canAnswer: true, canRecord: false });
    const answered = await call('PATCH', `/api/events/${forum.id}/invitations/${invitation.id}`, as.editor, {
      version: invitation.version,
      status: 'accepted',
      delegateIds: [delegate.id],
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'accepted',
      delegates: [{ id: delegate.id, name: 'Jukka Mäkelä' }],
      version: invitation.version + 1,
    });
    expect(answered.json().answeredAt).toEqual(expect.any(String));
    const byHost = await invitationOf(forum.id, ids.espoo);
    expect(byHost.delegates).toEqual([{ id: delegate.id, name: 'Jukka Mäkelä' }]);
    const anonymous = await call('GET', `/api/events/${forum.id}/invitations`, as.anonymous);
    const seen = anonymous.json().items.find((item: { id: number }) => item.id === invitation.id);
    expect(seen).toMatchObject({ status: 'accepted', delegates: null, canAnswer: false, canRecord: false });
    expect(anonymous.body).not.toContain('jukka@example.org');
    expect(anonymous.body).not.toContain('Jukka');
  });

  it("refuses an invitee's record of attendance, another city's invitation, viewers and anonymous callers", async () => {
    const espoo = await invitationOf(forum.id, ids.espoo);
    const riga = await invitationOf(forum.id, ids.riga);
    for (const [who, invitation, body, status] of [
      [as.editor, espoo, { status: 'attended' }, 403],
      [as.editor, espoo, { status: 'no_show' }, 403],
      [as.editor, riga, { status: 'declined' }, 403],
      [as.viewer, espoo, { status: 'declined' }, 403],
      [as.anonymous, espoo, { status: 'declined' }, 401],
    ] as const) {
      const response = await call('PATCH', `/api/events/${forum.id}/invitations/${invitation.id}`, who, {
        version: invitation.version,
        ...body,
      });
      expect(response.statusCode, `${JSON.stringify(body)} ${response.body}`).toBe(status);
    }
    expect((await invitationOf(forum.id, ids.espoo)).status).toBe(espoo.status);
    expect((await invitationOf(forum.id, ids.riga)).status).toBe('invited');
  });

  it('lets the host record who came: "1 of 3 places attended"', async () => {
    const espoo = await invitationOf(forum.id, ids.espoo);
    const response = await call('PATCH', `/api/events/${forum.id}/invitations/${espoo.id}`, as.otherEditor, {
      version: espoo.version,
      status: 'attended',
    });
    expect(response.statusCode, response.body).toBe(200);
    const osaka = await invitationOf(forum.id, ids.osaka);
    await call('PATCH', `/api/events/${forum.id}/invitations/${osaka.id}`, as.otherEditor, {
      version: osaka.version,
      status: 'no_show',
    });
    const { summary } = await invitationsOf(forum.id, as.anonymous);
    expect(summary).toEqual({
      invited: 3,
      byStatus: { invited: 1, accepted: 0, declined: 0, tentative: 0, attended: 1, no_show: 1 },
      places: { invited: 3, attended: 1 },
    });
    const history = (await call('GET', `/api/events/${forum.id}/history`, as.otherEditor)).json();
    expect(history.items.map((event: { action: string }) => event.action)).toContain('answer_invitation');
  });

  it('answers a stale version with 409, an unknown invitation with 404, and an empty change with 400', async () => {
    const riga = await invitationOf(forum.id, ids.riga);
    const stale = await call('PATCH', `/api/events/${forum.id}/invitations/${riga.id}`, as.otherEditor, {
      version: riga.version + 5,
      status: 'declined',
    });
    expect(stale.statusCode).toBe(409);
    const other = await createForum();
    const elsewhere = await call('PATCH', `/api/events/${other.id}/invitations/${riga.id}`, as.otherEditor, {
      version: riga.version,
      status: 'declined',
    });
    expect(elsewhere.statusCode).toBe(404);
    const empty = await call('PATCH', `/api/events/${forum.id}/invitations/${riga.id}`, as.otherEditor, {
      version: riga.version,
    });
    expect(empty.statusCode).toBe(400);
    const stranger = await call('PATCH', `/api/events/${forum.id}/invitations/${riga.id}`, as.otherEditor, {
      version: riga.version,
      delegateIds: [2_000_000_000],
    });
    expect(stranger.statusCode).toBe(400);
    expect(await invitationOf(forum.id, ids.riga)).toEqual(riga);
  });
});

describe('where the invitees stand', () => {
  it("places the invitees on a map: a place at its coordinates, an organisation at its place's, as readers may read it", async () => {
    const db = t.database.db;
    const portOfSpain = await makePlace(db, {
      name: 'Port of Spain',
      country: 'TT',
      lat: 10.6667,
      lng: -61.5167,
    });
    const nowhere = await makePlace(db, { name: 'Nowhere Known', country: 'FJ', lat: null, lng: null });
    const xuhui = await makePlace(db, { name: 'Xuhui', country: 'CN', lat: 31.1884, lng: 121.4365 });
    const otaniemi = await makePlace(db, { name: 'Otaniemi', country: 'FI', lat: 60.1867, lng: 24.8277 });
    const broadcaster = await makeOrganization(db, {
      name: 'Xuhui Broadcaster',
      kind: 'company',
      placeId: xuhui.id,
    });
    // Kept by Espoo and internal: only Espoo's members (and administrators) may read it, and so where it is.
    const startup = await makeOrganization(db, {
      name: 'Otaniemi Startup',
      kind: 'company',
      placeId: otaniemi.id,
      keeperId: cityOfEspoo.id,
      visibility: 'internal',
    });
    const placeless = await makeOrganization(db, { name: 'Placeless Network', kind: 'company' });
    const forum = await createForum();
    const invited = await call('POST', `/api/events/${forum.id}/invitations`, as.admin, {
      placeIds: [portOfSpain.id, nowhere.id],
      organizationIds: [broadcaster.id, startup.id, placeless.id],
    });
    expect(invited.statusCode, invited.body).toBe(200);
    const locations = async (who: (typeof as)[keyof typeof as]) =>
      Object.fromEntries(
        (await invitationsOf(forum.id, who)).items.map(
          (item: { invitee: { name: string; location: unknown } }) => [
            item.invitee.name,
            item.invitee.location,
          ],
        ),
      );
    const seenByAll = {
      'Port of Spain': { lat: 10.6667, lng: -61.5167 },
      'Nowhere Known': null,
      'Xuhui Broadcaster': { lat: 31.1884, lng: 121.4365 },
      'Placeless Network': null,
    };
    expect(await locations(as.anonymous)).toEqual({ ...seenByAll, 'Otaniemi Startup': null });
    expect(await locations(as.otherEditor)).toEqual({ ...seenByAll, 'Otaniemi Startup': null });
    const located = { ...seenByAll, 'Otaniemi Startup': { lat: 60.1867, lng: 24.8277 } };
    expect(await locations(as.viewer)).toEqual(located);
    expect(await locations(as.admin)).toEqual(located);
  });
});
