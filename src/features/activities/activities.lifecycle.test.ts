import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import type { Readers, SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeEspooAndShanghai } from '../../../test/helpers/cities.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';

/**
 * The contact log as clients see it: logging, changing, deleting and restoring an activity, its history, and the
 * timelines of an organisation, a tie and a person. A log belongs to one organisation: its members read it, its
 * editors write it.
 */

let t: TestApp;
let cityOfEspoo: { id: number };
let cityOfShanghai: { id: number };
let tie: { id: number };
let otherTie: { id: number };
let person: { id: number };
let as: Readers;
const MISSING = 2_000_000_000;

const call: TestApp['request'] = (...args) => t.request(...args);

const meeting = (overrides: Record<string, unknown> = {}) => ({
  kind: 'meeting',
  occurredOn: '2024-05-02',
  title: 'Smart city delegation',
  organizationId: cityOfEspoo.id,
  ...overrides,
});

/** Logs an activity as Espoo's editor and answers it. */
async function log(overrides: Record<string, unknown> = {}, who: SessionHeaders = as.editor) {
  const response = await call('POST', '/api/activities', who, meeting(overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const cities = await makeEspooAndShanghai(db);
  ({ cityOfEspoo, cityOfShanghai, as } = cities);
  const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
  tie = await makePartnership(db, [cities.espoo.id, cities.shanghai.id]);
  otherTie = await makePartnership(db, [cities.espoo.id, tallinn.id]);
  const created = await call('POST', '/api/people', as.editor, {
    name: 'Liu Wei',
    keeperId: cityOfEspoo.id,
  });
  expect(created.statusCode, created.body).toBe(201);
  person = created.json();
});
afterAll(() => t.close());

describe('logging an activity', () => {
  it('answers 201 with the activity, its links and defaults', async () => {
    const response = await call(
      'POST',
      '/api/activities',
      as.editor,
      meeting({
        title: '  Visit to Pudong ',
        summary: 'Talked about a follow-up forum',
        followUp: 'Send the agenda',
        followUpOn: '2024-06-01',
        partnershipIds: [tie.id],
        organizationIds: [cityOfShanghai.id],
        personIds: [person.id],
      }),
    );
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toMatchObject({
      kind: 'meeting',
      occurredOn: '2024-05-02',
      title: 'Visit to Pudong',
      summary: 'Talked about a follow-up forum',
      followUp: 'Send the agenda',
      followUpOn: '2024-06-01',
      organizationId: cityOfEspoo.id,
      organizationName: 'City of Espoo',
      partnershipIds: [tie.id],
      organizationIds: [cityOfShanghai.id],
      personIds: [person.id],
      version: 1,
      deletedAt: null,
      canEdit: true,
    });
    const read = await call('GET', `/api/activities/${created.id}`, as.editor);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created);

    const minimal = await log({ kind: 'call' });
    expect(minimal).toMatchObject({
      summary: null,
      followUp: null,
      followUpOn: null,
      partnershipIds: [],
      organizationIds: [],
      personIds: [],
    });
  });

  it("is for editors of the log's organisation and administrators", async () => {
    expect((await call('POST', '/api/activities', as.anonymous, meeting())).statusCode).toBe(401);
    expect((await call('POST', '/api/activities', as.viewer, meeting())).statusCode).toBe(403);
    expect((await call('POST', '/api/activities', as.otherEditor, meeting())).statusCode).toBe(403);
    expect((await call('POST', '/api/activities', as.admin, meeting())).statusCode).toBe(201);
  });

  it('refuses a log of an organisation that does not exist', async () => {
    const answer = await call('POST', '/api/activities', as.admin, meeting({ organizationId: MISSING }));
    expect(answer.statusCode).toBe(400);
    expect(answer.json().error.details).toEqual([
      { field: 'body.organizationId', message: 'is not a known organisation' },
    ]);
  });

  it('validates the body strictly', async () => {
    const cases = [
      meeting({ kind: 'lunch' }),
      meeting({ occurredOn: '2024-02-30' }),
      meeting({ occurredOn: '2 May 2024' }),
      meeting({ title: ' ' }),
      meeting({ partnershipIds: [tie.id, tie.id] }),
      meeting({ mood: 'good' }),
      { kind: 'meeting', occurredOn: '2024-05-02', organizationId: cityOfEspoo.id },
    ];
    for (const body of cases) {
      const answer = await call('POST', '/api/activities', as.editor, body);
      expect(answer.statusCode, JSON.stringify(body)).toBe(400);
      expect(answer.json().error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('reading an activity', () => {
  it("is for members of the log's organisation and administrators; to others it does not exist", async () => {
    const created = await log();
    const read = (who: SessionHeaders) => call('GET', `/api/activities/${created.id}`, who);
    expect((await read(as.viewer)).json()).toMatchObject({ id: created.id, canEdit: false });
    expect((await read(as.admin)).json()).toMatchObject({ id: created.id, canEdit: true });
    for (const who of [as.otherEditor, as.anonymous]) {
      const answer = await read(who);
      expect(answer.statusCode).toBe(404);
      expect(answer.json().error.code).toBe('ACTIVITY_NOT_FOUND');
    }
    expect((await call('GET', `/api/activities/${MISSING}`, as.admin)).statusCode).toBe(404);
  });
});

describe('changing an activity', () => {
  it('applies the changes, bumps the version and keeps the links that were not sent', async () => {
    const created = await log({ partnershipIds: [tie.id], personIds: [person.id] });
    const response = await call('PATCH', `/api/activities/${created.id}`, as.editor, {
      version: created.version,
      title: 'Smart city delegation, day two',
      summary: 'Signed a letter of intent',
      partnershipIds: [tie.id, otherTie.id],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      title: 'Smart city delegation, day two',
      summary: 'Signed a letter of intent',
      partnershipIds: [tie.id, otherTie.id].sort((a, b) => a - b),
      personIds: [person.id],
      version: 2,
    });
    const unlinked = await call('PATCH', `/api/activities/${created.id}`, as.editor, {
      version: 2,
      personIds: [],
      summary: null,
    });
    expect(unlinked.json()).toMatchObject({
      personIds: [],
      summary: null,
      partnershipIds: expect.any(Array),
    });
    expect(unlinked.json().partnershipIds).toHaveLength(2);
  });

  it('answers a stale version with 409 and the current activity', async () => {
    const created = await log();
    await call('PATCH', `/api/activities/${created.id}`, as.editor, { version: 1, title: 'First change' });
    const stale = await call('PATCH', `/api/activities/${created.id}`, as.editor, {
      version: 1,
      title: 'Second change',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { id: created.id, title: 'First change', version: 2 },
    });
  });

  it("is for editors of the log's organisation and administrators", async () => {
    const created = await log();
    const patch = (who: SessionHeaders) =>
      call('PATCH', `/api/activities/${created.id}`, who, { version: 1, title: 'Changed' });
    expect((await patch(as.anonymous)).statusCode).toBe(401);
    expect((await patch(as.viewer)).statusCode).toBe(403);
    expect((await patch(as.otherEditor)).statusCode).toBe(404);
    expect((await patch(as.admin)).statusCode).toBe(200);
  });

  it('moves an activity to another log only for those who may log there', async () => {
    const created = await log();
    const move = (who: SessionHeaders) =>
      call('PATCH', `/api/activities/${created.id}`, who, { version: 1, organizationId: cityOfShanghai.id });
    expect((await move(as.editor)).statusCode).toBe(403);
    const moved = await move(as.admin);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      organizationId: cityOfShanghai.id,
      organizationName: 'City of Shanghai',
    });
    // It is Shanghai's now: Espoo's members no longer see it.
    expect((await call('GET', `/api/activities/${created.id}`, as.viewer)).statusCode).toBe(404);
    expect((await call('GET', `/api/activities/${created.id}`, as.otherEditor)).statusCode).toBe(200);
  });

  it('answers 404 for a deleted activity', async () => {
    const created = await log();
    await call('DELETE', `/api/activities/${created.id}?version=1`, as.editor);
    const patch = await call('PATCH', `/api/activities/${created.id}`, as.editor, {
      version: 2,
      title: 'Late',
    });
    expect(patch.statusCode).toBe(404);
  });
});

describe('deleting and restoring an activity', () => {
  it('keeps the activity for its members, takes it off the timelines, and brings it back', async () => {
    const created = await log({ title: 'Deleted meeting', partnershipIds: [tie.id] });
    const deleted = await call('DELETE', `/api/activities/${created.id}?version=1`, as.editor);
    expect(deleted.statusCode).toBe(200);
    expect(deleted.json()).toMatchObject({ version: 2, partnershipIds: [tie.id] });
    expect(deleted.json().deletedAt).not.toBeNull();
    const read = await call('GET', `/api/activities/${created.id}`, as.viewer);
    expect(read.json().deletedAt).not.toBeNull();
    const timeline = await call('GET', `/api/activities?partnershipId=${tie.id}`, as.editor);
    expect(timeline.json().items.map((item: { id: number }) => item.id)).not.toContain(created.id);

    const again = await call('DELETE', `/api/activities/${created.id}?version=2`, as.editor);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CONFLICT');

    const restored = await call('POST', `/api/activities/${created.id}/restore`, as.editor, { version: 2 });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ deletedAt: null, version: 3 });
    const back = await call('GET', `/api/activities?partnershipId=${tie.id}`, as.editor);
    expect(back.json().items.map((item: { id: number }) => item.id)).toContain(created.id);

    const notDeleted = await call('POST', `/api/activities/${created.id}/restore`, as.editor, { version: 3 });
    expect(notDeleted.statusCode).toBe(409);
    expect(notDeleted.json().error.code).toBe('CONFLICT');
  });

  it('is for editors and administrators, with the current version', async () => {
    const created = await log();
    const url = `/api/activities/${created.id}`;
    expect((await call('DELETE', `${url}?version=1`, as.anonymous)).statusCode).toBe(401);
    expect((await call('DELETE', `${url}?version=1`, as.viewer)).statusCode).toBe(403);
    expect((await call('DELETE', `${url}?version=1`, as.otherEditor)).statusCode).toBe(404);
    expect((await call('DELETE', url, as.editor)).statusCode).toBe(400);
    const stale = await call('DELETE', `${url}?version=7`, as.editor);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect((await call('DELETE', `${url}?version=1`, as.admin)).statusCode).toBe(200);
    expect((await call('POST', `${url}/restore`, as.viewer, { version: 2 })).statusCode).toBe(403);
  });
});

describe("an activity's history", () => {
  it('lists every change oldest first, with its links', async () => {
    const created = await log({ title: 'Chronicled call', kind: 'call', personIds: [person.id] });
    await call('PATCH', `/api/activities/${created.id}`, as.editor, {
      version: 1,
      title: 'Chronicled call, moved',
    });
    await call('DELETE', `/api/activities/${created.id}?version=2`, as.admin);
    await call('POST', `/api/activities/${created.id}/restore`, as.editor, { version: 3 });

    const history = await call('GET', `/api/activities/${created.id}/history`, as.viewer);
    expect(history.statusCode).toBe(200);
    const items = history.json().items;
    expect(items.map((item: { action: string }) => item.action)).toEqual([
      'create',
      'update',
      'delete',
      'restore',
    ]);
    expect(items[0]).toMatchObject({
      before: null,
      after: { title: 'Chronicled call', kind: 'call', personIds: [person.id], version: 1 },
    });
    expect(items[0].actor).toMatch(/^Espoo Editor </);
    expect(items[1]).toMatchObject({
      before: { title: 'Chronicled call' },
      after: { title: 'Chronicled call, moved', version: 2 },
    });
    expect(items[2].actor).toMatch(/^Admin </);
    expect(items[2].after.deletedAt).not.toBeNull();
    expect(items[3].after).toMatchObject({ deletedAt: null, version: 4 });
  });

  it("is for members of the log's organisation and administrators", async () => {
    const created = await log();
    const history = (who: SessionHeaders) => call('GET', `/api/activities/${created.id}/history`, who);
    expect((await history(as.viewer)).statusCode).toBe(200);
    expect((await history(as.admin)).statusCode).toBe(200);
    expect((await history(as.otherEditor)).statusCode).toBe(404);
    expect((await history(as.anonymous)).statusCode).toBe(404);
  });
});

describe('the timelines', () => {
  /** The tie, organisation and person the timeline activities concern. */
  const about = { tie: 0, org: 0, person: 0 };

  beforeAll(async () => {
    const db = t.database.db;
    const tampere = await makePlace(db, { name: 'Tampere' });
    const linz = await makePlace(db, { name: 'Linz', country: 'AT' });
    const timelineTie = await makePartnership(db, [tampere.id, linz.id]);
    const timelineOrg = await makeOrganization(db, { name: 'City of Tampere', placeId: tampere.id });
    const timelinePerson = await call('POST', '/api/people', as.admin, {
      name: 'Timeline Person',
      keeperId: cityOfEspoo.id,
    });
    Object.assign(about, { tie: timelineTie.id, org: timelineOrg.id, person: timelinePerson.json().id });
    // Logged out of date order: the timeline sorts by date, then the later logged first.
    await log({ title: 'T: kickoff', occurredOn: '2019-01-10', partnershipIds: [about.tie] });
    await log({ title: 'T: study visit', occurredOn: '2023-09-01', organizationIds: [about.org] });
    await log({ title: 'T: call', occurredOn: '2021-03-15', personIds: [about.person] });
    await log({ title: 'T: same day', occurredOn: '2023-09-01', partnershipIds: [about.tie] });
    await log(
      {
        title: 'T: Shanghai notes',
        occurredOn: '2024-01-01',
        organizationId: cityOfShanghai.id,
        partnershipIds: [about.tie],
      },
      as.otherEditor,
    );
    const gone = await log({ title: 'T: deleted', occurredOn: '2024-02-02', partnershipIds: [about.tie] });
    await call('DELETE', `/api/activities/${gone.id}?version=1`, as.editor);
  });

  const titles = async (query: string, who: SessionHeaders = as.viewer) => {
    const response = await call('GET', `/api/activities?${query}`, who);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items.map((item: { title: string }) => item.title) as string[];
  };

  it('lists a tie, an organisation or a person, newest first, from the logs the reader may read', async () => {
    expect(await titles(`partnershipId=${about.tie}`)).toEqual(['T: same day', 'T: kickoff']);
    expect(await titles(`organizationId=${about.org}`)).toEqual(['T: study visit']);
    expect(await titles(`personId=${about.person}`)).toEqual(['T: call']);
    expect(await titles(`partnershipId=${about.tie}`, as.admin)).toEqual([
      'T: Shanghai notes',
      'T: same day',
      'T: kickoff',
    ]);
    expect(await titles(`partnershipId=${about.tie}`, as.otherEditor)).toEqual(['T: Shanghai notes']);
    // Each says whose log it is in: a tie's timeline gathers the logs of every organisation the reader may read.
    const timeline = await call('GET', `/api/activities?partnershipId=${about.tie}`, as.admin);
    expect(
      timeline
        .json()
        .items.map((item: { title: string; organizationName: string }) => [
          item.title,
          item.organizationName,
        ]),
    ).toEqual([
      ['T: Shanghai notes', 'City of Shanghai'],
      ['T: same day', 'City of Espoo'],
      ['T: kickoff', 'City of Espoo'],
    ]);
  });

  it("lists an organisation's own log with what concerns it", async () => {
    const mine = await titles(`organizationId=${cityOfEspoo.id}&limit=200`);
    expect(mine.filter((title) => title.startsWith('T: '))).toEqual([
      'T: same day',
      'T: study visit',
      'T: call',
      'T: kickoff',
    ]);
    expect(mine).not.toContain('T: Shanghai notes');
    expect(mine).not.toContain('T: deleted');
  });

  it('lists everything the reader may read without a filter, newest first, and honours the limit', async () => {
    const all = await titles('limit=200');
    expect(all).toContain('T: kickoff');
    expect(all).not.toContain('T: Shanghai notes');
    expect(await titles('limit=200', as.admin)).toContain('T: Shanghai notes');
    const items = (await call('GET', '/api/activities', as.viewer)).json().items as { occurredOn: string }[];
    const dates = items.map((item) => item.occurredOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(await titles('limit=2')).toEqual(all.slice(0, 2));
  });

  it('is for signed-in users only, and refuses malformed queries', async () => {
    expect((await call('GET', '/api/activities', as.anonymous)).statusCode).toBe(401);
    for (const query of ['limit=0', 'limit=201', 'partnershipId=abc', 'colour=red']) {
      const response = await call('GET', `/api/activities?${query}`, as.viewer);
      expect(response.statusCode, query).toBe(400);
    }
  });
});
