import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers, SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makeOrganization, makePlaces } from '../../../test/helpers/factories.ts';

/**
 * The list's filters a workspace's views need: the events an organisation is invited to (its own invitations and its
 * city's), with those invitations, and the events of a window of time, as a month calendar asks for them. Neither
 * shows a reader anything the list would not show them without it.
 */

let t: TestApp;
let as: Readers;
let espoo: { id: number };
let riga: { id: number };
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
/** An Espoo company: not a government, so an invitation to Espoo the place is not its own. */
let air0: { id: number };
/** An organisation kept internal by Shanghai: outsiders do not know it exists. */
let shanghaiOffice: { id: number };
const call: TestApp['request'] = (...args) => t.request(...args);

interface Listed {
  id: number;
  title: { en: string };
  invitations?: {
    id: number;
    invitee: { type: string; id: number; name: string };
    status: string;
    version: number;
  }[];
}

/** Creates an event hosted by Shanghai (its editor's), and answers its id. */
async function createEvent(overrides: Record<string, unknown> = {}, who: SessionHeaders = as.otherEditor) {
  const response = await call('POST', '/api/events', who, {
    kind: 'forum',
    attendanceMode: 'online',
    status: 'scheduled',
    startsAt: '2098-12-01T10:00:00+08:00',
    endsAt: '2098-12-01T12:00:00+08:00',
    timeZone: 'Asia/Shanghai',
    title: { en: 'Forum' },
    hostIds: [cityOfShanghai.id],
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as { id: number }).id;
}

async function invite(eventId: number, body: Record<string, unknown>) {
  const response = await call('POST', `/api/events/${eventId}/invitations`, as.otherEditor, body);
  expect(response.statusCode, response.body).toBe(200);
}

async function list(query: string, who: SessionHeaders = as.anonymous): Promise<Listed[]> {
  const response = await call('GET', `/api/events?${query}`, who);
  expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
  return response.json().items;
}

const titles = (items: Listed[]) => items.map((item) => item.title.en).sort();

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ({ espoo, cityOfEspoo, cityOfShanghai, as } = await makeEspooAndShanghai(db));
  [riga] = await makePlaces(db, ['Riga', 'LV']);
  air0 = await makeOrganization(db, { name: 'Air0', kind: 'company', placeId: espoo.id });
  shanghaiOffice = await makeOrganization(db, {
    name: 'Shanghai Foreign Affairs Office',
    kind: 'national_agency',
    keeperId: cityOfShanghai.id,
    visibility: 'internal',
  });
});
afterAll(() => t.close());

describe('the events an organisation is invited to (invitedId)', () => {
  let toPlace: number;
  let toOrganization: number;
  let declined: number;
  let internal: number;

  beforeAll(async () => {
    toPlace = await createEvent({ title: { en: 'Espoo invited as a place' } });
    await invite(toPlace, { placeIds: [espoo.id, riga.id] });
    toOrganization = await createEvent({ title: { en: 'City of Espoo invited by name' } });
    await invite(toOrganization, { organizationIds: [cityOfEspoo.id] });
    declined = await createEvent({ title: { en: 'Declined by Espoo' } });
    await invite(declined, { organizationIds: [cityOfEspoo.id, air0.id] });
    const [invitation] = (await call('GET', `/api/events/${declined}/invitations`, as.editor))
      .json()
      .items.filter((item: { invitee: { id: number } }) => item.invitee.id === cityOfEspoo.id);
    const answer = await call('PATCH', `/api/events/${declined}/invitations/${invitation.id}`, as.editor, {
      version: invitation.version,
      status: 'declined',
    });
    expect(answer.statusCode, answer.body).toBe(200);
    await createEvent({ title: { en: 'Riga only' } }).then((id) => invite(id, { placeIds: [riga.id] }));
    internal = await createEvent({ title: { en: 'Internal rehearsal' }, visibility: 'internal' });
    await invite(internal, { placeIds: [espoo.id], organizationIds: [cityOfEspoo.id, shanghaiOffice.id] });
  });

  it('lists the events that invited the organisation or the city it governs, whatever it answered', async () => {
    const items = await list(`invitedId=${cityOfEspoo.id}`, as.editor);
    expect(titles(items)).toEqual([
      'City of Espoo invited by name',
      'Declined by Espoo',
      'Espoo invited as a place',
    ]);
  });

  it('names the organisation’s own invitations on each event: the city’s and its own, not others’', async () => {
    const items = await list(`invitedId=${cityOfEspoo.id}`, as.editor);
    const byTitle = Object.fromEntries(items.map((item) => [item.title.en, item.invitations]));
    expect(byTitle['Espoo invited as a place']).toEqual([
      {
        id: expect.any(Number),
        invitee: { type: 'place', id: espoo.id, name: 'Espoo' },
        status: 'invited',
        version: 1,
      },
    ]);
    expect(byTitle['Declined by Espoo']).toEqual([
      {
        id: expect.any(Number),
        invitee: { type: 'organization', id: cityOfEspoo.id, name: 'City of Espoo' },
        status: 'declined',
        version: 2,
      },
    ]);
    // Lists without the filter carry no invitations.
    expect((await list('when=all', as.editor)).every((item) => item.invitations === undefined)).toBe(true);
  });

  it('does not take a company for the government of its city', async () => {
    const items = await list(`invitedId=${air0.id}`, as.editor);
    expect(titles(items)).toEqual(['Declined by Espoo']);
    expect(items[0]!.invitations!.map((invitation) => invitation.invitee.name)).toEqual(['Air0']);
  });

  it('combines with the other filters', async () => {
    expect(titles(await list(`invitedId=${cityOfEspoo.id}&hostId=${cityOfEspoo.id}`))).toEqual([]);
    expect(titles(await list(`invitedId=${cityOfEspoo.id}&when=past`))).toEqual([]);
    expect(titles(await list(`invitedId=${cityOfEspoo.id}&when=upcoming`))).toHaveLength(3);
  });

  it('shows an internal event only to its hosts’ members, invited or not', async () => {
    for (const who of [as.anonymous, as.viewer, as.editor]) {
      const items = await list(`invitedId=${cityOfEspoo.id}`, who);
      expect(
        items.map((item) => item.id),
        'an invitation does not open an internal event',
      ).not.toContain(internal);
    }
    // The anonymous reader sees the published events and their invitations, as each event's page shows them.
    expect(titles(await list(`invitedId=${cityOfEspoo.id}`))).toEqual([
      'City of Espoo invited by name',
      'Declined by Espoo',
      'Espoo invited as a place',
    ]);
    const hosts = await list(`invitedId=${cityOfEspoo.id}`, as.otherEditor);
    expect(hosts.map((item) => item.id)).toContain(internal);
    expect(hosts.find((item) => item.id === internal)!.invitations!.map((i) => i.invitee.name)).toEqual([
      'City of Espoo',
      'Espoo',
    ]);
  });

  it('answers an organisation the reader may not read as one that does not exist', async () => {
    for (const who of [as.anonymous, as.editor]) {
      const response = await call('GET', `/api/events?invitedId=${shanghaiOffice.id}`, who);
      expect(response.statusCode, response.body).toBe(404);
      expect(response.json().error.code).toBe('ORGANIZATION_NOT_FOUND');
      expect(response.body).not.toContain('Internal rehearsal');
    }
    const unknown = await call('GET', '/api/events?invitedId=2000000000', as.editor);
    expect(unknown.statusCode).toBe(404);
    const hosts = await list(`invitedId=${shanghaiOffice.id}`, as.otherEditor);
    expect(titles(hosts)).toEqual(['Internal rehearsal']);
    for (const bad of ['invitedId=0', 'invitedId=espoo', 'invitedId=-1']) {
      expect((await call('GET', `/api/events?${bad}`, as.editor)).statusCode, bad).toBe(400);
    }
  });
});

describe('the events of a window of time (from, to)', () => {
  const window = (from: string, to: string) =>
    `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&hostId=${cityOfEspoo.id}`;

  beforeAll(async () => {
    const espooEvent = (title: string, startsAt: string, endsAt: string) =>
      createEvent(
        { title: { en: title }, startsAt, endsAt, timeZone: 'Europe/Helsinki', hostIds: [cityOfEspoo.id] },
        as.editor,
      );
    await espooEvent('Before the window', '2027-01-31T10:00:00+02:00', '2027-01-31T23:00:00+02:00');
    await espooEvent('Ends as the window opens', '2027-01-31T22:00:00+02:00', '2027-02-01T00:00:00+02:00');
    await espooEvent('Across the start', '2027-01-31T22:00:00+02:00', '2027-02-01T01:00:00+02:00');
    await espooEvent('Inside', '2027-02-10T10:00:00+02:00', '2027-02-10T12:00:00+02:00');
    await espooEvent(
      'Without duration at the start',
      '2027-02-01T00:00:00+02:00',
      '2027-02-01T00:00:00+02:00',
    );
    await espooEvent('Across the end', '2027-02-28T22:00:00+02:00', '2027-03-01T02:00:00+02:00');
    await espooEvent('Starts as the window closes', '2027-03-01T00:00:00+02:00', '2027-03-01T02:00:00+02:00');
    await espooEvent('Around the window', '2027-01-15T00:00:00+02:00', '2027-03-15T00:00:00+02:00');
  });

  it('lists the events that overlap [from, to), whatever the offsets they are asked in', async () => {
    const expected = [
      'Across the end',
      'Across the start',
      'Around the window',
      'Inside',
      'Without duration at the start',
    ];
    expect(titles(await list(window('2027-02-01T00:00:00+02:00', '2027-03-01T00:00:00+02:00')))).toEqual(
      expected,
    );
    expect(titles(await list(window('2027-01-31T22:00:00Z', '2027-02-28T22:00:00Z')))).toEqual(expected);
  });

  it('takes either end alone', async () => {
    expect(titles(await list(`from=2027-02-28T23:00:00Z&hostId=${cityOfEspoo.id}`))).toEqual([
      'Across the end',
      'Around the window',
      'Starts as the window closes',
    ]);
    expect(titles(await list(`to=2027-01-31T20:30:00Z&hostId=${cityOfEspoo.id}`))).toEqual([
      'Across the start',
      'Around the window',
      'Before the window',
      'Ends as the window opens',
    ]);
  });

  it('shows an outsider only the published events of the window', async () => {
    await createEvent(
      {
        title: { en: 'Internal planning' },
        startsAt: '2027-02-03T10:00:00+02:00',
        endsAt: '2027-02-03T11:00:00+02:00',
        hostIds: [cityOfEspoo.id],
        visibility: 'internal',
      },
      as.editor,
    );
    const query = window('2027-02-01T00:00:00+02:00', '2027-03-01T00:00:00+02:00');
    for (const who of [as.anonymous, as.otherEditor])
      expect(titles(await list(query, who))).not.toContain('Internal planning');
    expect(titles(await list(query, as.viewer))).toContain('Internal planning');
  });

  it('refuses dates that are not instants, and a window that ends before it starts', async () => {
    const cases: [string, string][] = [
      ['from=2027-02-01', 'querystring.from'],
      ['from=yesterday', 'querystring.from'],
      ['to=2027-02-30T00:00:00Z', 'querystring.to'],
      ['to=2027-02-01T00:00:00', 'querystring.to'],
      ['from=0001-01-01T00:00:00Z', 'querystring.from'],
      ['from=2027-03-01T00:00:00Z&to=2027-02-01T00:00:00Z', 'querystring.from'],
      // The same instant: 01:00 in Helsinki is 23:00 UTC the day before; a minute later is after it.
      ['from=2027-02-01T01:01:00%2B02:00&to=2027-01-31T23:00:00Z', 'querystring.from'],
    ];
    for (const [query, field] of cases) {
      const response = await call('GET', `/api/events?${query}`, as.editor);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(400);
      const error = response.json().error;
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    // An empty window is no error: it holds nothing but events without duration at its instant.
    expect(
      (await call('GET', '/api/events?from=2027-02-01T00:00:00Z&to=2027-02-01T00:00:00Z', as.editor))
        .statusCode,
    ).toBe(200);
  });
});
