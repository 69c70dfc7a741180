import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makeOrganization, makePartnership } from '../../../test/helpers/factories.ts';

/**
 * Events in a tie's history and on a place's page: an event involving both parties of the Espoo–Shanghai tie (the
 * forum Shanghai hosts and Espoo attends, a conference that seats both) is in the tie's events; one that involves
 * only one of them, or that Espoo declined, is not.
 */

let t: TestApp;
let as: Readers;
let espoo: { id: number };
let shanghai: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let tie: { id: number };
const call: TestApp['request'] = (...args) => t.request(...args);

async function createEvent(title: string, hostId: number, who: Readers[keyof Readers], extra = {}) {
  const response = await call('POST', '/api/events', who, {
    kind: 'forum',
    attendanceMode: 'online',
    startsAt: '2020-11-10T14:00:00+08:00',
    endsAt: '2020-11-10T17:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    title: { en: title },
    hostIds: [hostId],
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: number; version: number };
}

const titles = async (query: string, who = as.anonymous) => {
  const response = await call('GET', `/api/events?${query}`, who);
  expect(response.statusCode, response.body).toBe(200);
  return response
    .json()
    .items.map((item: { title: { en: string } }) => item.title.en)
    .sort();
};

beforeAll(async () => {
  t = await createTestApp();
  ({ espoo, shanghai, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(t.database.db));
  tie = await makePartnership(t.database.db, [espoo.id, shanghai.id]);
  const forum = await createEvent('Twin-town forum', cityOfShanghai.id, as.otherEditor);
  await call('POST', `/api/events/${forum.id}/invitations`, as.otherEditor, { placeIds: [espoo.id] });
  const declined = await createEvent('Declined webinar', cityOfShanghai.id, as.otherEditor);
  await call('POST', `/api/events/${declined.id}/invitations`, as.otherEditor, { placeIds: [espoo.id] });
  const [invitation] = (await call('GET', `/api/events/${declined.id}/invitations`, as.editor)).json().items;
  await call('PATCH', `/api/events/${declined.id}/invitations/${invitation.id}`, as.editor, {
    version: invitation.version,
    status: 'declined',
  });
  await createEvent('Espoo council day', cityOfEspoo.id, as.editor, { venuePlaceId: espoo.id });
  // A third city's conference seats both cities in a panel.
  const third = await makeOrganization(t.database.db, { name: 'Eurocities', kind: 'network_secretariat' });
  const conference = await createEvent('Annual conference', third.id, as.admin);
  const seated = await call('PUT', `/api/events/${conference.id}/programme`, as.admin, {
    version: conference.version,
    sessions: [
      { kind: 'panel', title: { en: 'Panel' }, seats: [{ placeId: espoo.id }, { placeId: shanghai.id }] },
    ],
  });
  expect(seated.statusCode, seated.body).toBe(200);
});
afterAll(() => t.close());

describe("a tie's and a place's events", () => {
  it('lists the events that involve both parties of a tie', async () => {
    expect(await titles(`partnershipId=${tie.id}`)).toEqual(['Annual conference', 'Twin-town forum']);
  });

  it('lists the events that involve a place, declined invitations aside', async () => {
    expect(await titles(`involvesPlaceId=${espoo.id}`)).toEqual([
      'Annual conference',
      'Espoo council day',
      'Twin-town forum',
    ]);
    expect(await titles(`involvesPlaceId=${shanghai.id}`)).toEqual([
      'Annual conference',
      'Declined webinar',
      'Twin-town forum',
    ]);
  });

  it('answers 404 for a tie the reader may not see, so its parties stay hidden', async () => {
    const hidden = await call('POST', '/api/partnerships', as.editor, {
      kind: 'project',
      parties: [{ placeId: espoo.id }, { placeId: shanghai.id }],
      visibility: 'internal',
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
    const response = await call('GET', `/api/events?partnershipId=${hidden.json().id}`, as.anonymous);
    expect(response.statusCode).toBe(404);
    expect(await titles(`partnershipId=${hidden.json().id}`, as.viewer)).toEqual([
      'Annual conference',
      'Twin-town forum',
    ]);
  });
});
