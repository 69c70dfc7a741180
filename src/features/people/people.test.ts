import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders, type SessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePlace } from '../../../test/helpers/factories.ts';

let t: TestApp;
let cityOfEspoo: { id: number };
let teamFinland: { id: number };
let cityOfShanghai: { id: number };
let editor: SessionHeaders;
let outsider: SessionHeaders;
let shanghaiEditor: SessionHeaders;
let admin: SessionHeaders;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const espoo = await makePlace(db, { name: 'Espoo' });
  cityOfEspoo = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
  teamFinland = await makeOrganization(db, {
    name: 'Team Finland Shanghai',
    kind: 'national_agency',
    keeperId: cityOfEspoo.id,
  });
  const other = await makeOrganization(db, { name: 'City of Turku' });
  cityOfShanghai = await makeOrganization(db, { name: 'City of Shanghai' });
  shanghaiEditor = await memberHeaders(db, cityOfShanghai.id, 'editor');
  admin = await adminHeaders(db);
  editor = await memberHeaders(db, cityOfEspoo.id, 'editor');
  outsider = await memberHeaders(db, other.id, 'editor');
});
afterAll(() => t.close());

const request: TestApp['request'] = (...args) => t.request(...args);

describe('people, posts and contact points', () => {
  let personId: number;

  it('keeps contact points for the person’s organisations only', async () => {
    const created = await request('POST', '/api/people', editor, {
      name: 'Trade Commissioner',
      keeperId: cityOfEspoo.id,
      visibility: 'published',
      posts: [
        {
          organizationId: teamFinland.id,
          role: 'trade_representative',
          title: 'Head of Team Finland Shanghai',
          startedOn: '2019-01-01',
        },
      ],
      contactPoints: [
        { kind: 'email', value: 'commissioner@example.org' },
        { kind: 'phone', value: '+358 40 000 0000' },
      ],
      notes: 'Met at CIIE 2019',
    });
    expect(created.statusCode).toBe(201);
    personId = created.json().id;
    expect(created.json().contactPoints).toHaveLength(2);

    const anonymous = (await request('GET', `/api/people/${personId}`)).json();
    expect(anonymous).toMatchObject({
      name: 'Trade Commissioner',
      posts: [expect.objectContaining({ organizationName: 'Team Finland Shanghai' })],
    });
    expect(anonymous).not.toHaveProperty('contactPoints');
    expect(anonymous).not.toHaveProperty('notes');
    const stranger = (await request('GET', `/api/people/${personId}`, outsider)).json();
    expect(stranger).not.toHaveProperty('contactPoints');
    expect((await request('GET', `/api/people/${personId}/export`, outsider)).statusCode).toBe(403);
    expect((await request('GET', `/api/people/${personId}/history`, outsider)).statusCode).toBe(403);
    const listed = (await request('GET', `/api/people?organizationId=${teamFinland.id}`)).json();
    expect(listed.items.map((item: { id: number }) => item.id)).toEqual([personId]);
  });

  it('exports everything kept about a person, and erases it from the record and its history', async () => {
    const activity = await request('POST', '/api/activities', editor, {
      kind: 'meeting',
      occurredOn: '2020-11-09',
      title: 'Preparing the twin-town forum',
      organizationId: cityOfEspoo.id,
      personIds: [personId],
    });
    expect(activity.statusCode).toBe(201);
    const exported = (await request('GET', `/api/people/${personId}/export`, editor)).json();
    expect(exported.person.contactPoints).toHaveLength(2);
    expect(exported.activities).toEqual([
      expect.objectContaining({ title: 'Preparing the twin-town forum' }),
    ]);
    expect(exported.history[0].after.name).toBe('Trade Commissioner');

    const erased = await request('POST', `/api/people/${personId}/erase`, editor, {
      version: exported.person.version,
    });
    expect(erased.statusCode).toBe(200);
    expect(erased.json()).toMatchObject({ name: null, erased: true, contactPoints: [], notes: null });
    expect(erased.json().posts).toEqual([expect.objectContaining({ role: 'trade_representative' })]);
    const history = (await request('GET', `/api/people/${personId}/history`, editor)).json();
    const text = JSON.stringify(history);
    expect(text).not.toContain('Trade Commissioner');
    expect(text).not.toContain('commissioner@example.org');
    expect(text).not.toContain('CIIE 2019');
    expect(history.items.map((event: { action: string }) => event.action)).toEqual(['create', 'erase']);
    expect(history.items[0].after.posts).toEqual([expect.objectContaining({ role: 'trade_representative' })]);
  });
});

describe('posts are written by their organisation’s editors', () => {
  const post = (organizationId: number, title: string) => ({ organizationId, role: 'other', title });
  /** A published person kept by the City of Espoo, with these posts. */
  const person = (name: string, posts: ReturnType<typeof post>[]) => ({
    name,
    keeperId: cityOfEspoo.id,
    visibility: 'published',
    posts,
  });
  const listedIn = async (organizationId: number) =>
    (await request('GET', `/api/people?organizationId=${organizationId}`))
      .json()
      .items.map((item: { name: string }) => item.name);

  it('refuses a new person with a post in an organisation the editor does not write for', async () => {
    const mayor = post(cityOfShanghai.id, 'Mayor');
    const planted = await request('POST', '/api/people', editor, person('Planted official', [mayor]));
    expect(planted.statusCode).toBe(403);
    expect(await listedIn(cityOfShanghai.id)).not.toContain('Planted official');

    // An organisation that does not exist answers the same, so the answer tells nothing about which exist.
    const unknown = await request('POST', '/api/people', editor, {
      name: 'Planted official',
      keeperId: cityOfEspoo.id,
      posts: [post(2_000_000_000, 'Mayor')],
    });
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json()).toEqual(planted.json());

    const byAdmin = await request('POST', '/api/people', admin, person('Mayor of Shanghai', [mayor]));
    expect(byAdmin.statusCode).toBe(201);
    expect(await listedIn(cityOfShanghai.id)).toEqual(['Mayor of Shanghai']);
  });

  it('lets an editor keep the posts of other organisations as they are, but not change or remove them', async () => {
    const guestAdviser = post(cityOfShanghai.id, 'Guest adviser');
    const chiefAdviser = post(cityOfShanghai.id, 'Chief adviser');
    const seniorLiaison = post(cityOfEspoo.id, 'Senior liaison');
    const liaison = person('Liaison officer', [post(cityOfEspoo.id, 'Liaison'), guestAdviser]);
    const created = await request('POST', '/api/people', admin, liaison);
    expect(created.statusCode).toBe(201);
    const id: number = created.json().id;
    let version: number = created.json().version;
    const patch = async (headers: SessionHeaders, body: object) => {
      const response = await request('PATCH', `/api/people/${id}`, headers, { version, ...body });
      if (response.statusCode === 200) version = response.json().version;
      return response.statusCode;
    };

    // Shanghai's post is sent back unchanged (in another order) while Espoo's own post changes.
    expect(
      await patch(editor, { name: 'Liaison officer, Espoo', posts: [guestAdviser, seniorLiaison] }),
    ).toBe(200);
    expect(await patch(editor, { posts: [seniorLiaison] })).toBe(403);
    expect(await patch(editor, { posts: [seniorLiaison, chiefAdviser] })).toBe(403);
    expect(await patch(editor, { posts: [seniorLiaison, guestAdviser, guestAdviser] })).toBe(403);

    // Shanghai's editors write Shanghai's post, and only that one.
    expect(await patch(shanghaiEditor, { posts: [seniorLiaison, chiefAdviser] })).toBe(200);
    expect(await patch(shanghaiEditor, { posts: [chiefAdviser] })).toBe(403);

    const stored = (await request('GET', `/api/people/${id}`)).json();
    expect(stored.posts.map((item: { organizationId: number; title: string }) => item.title).sort()).toEqual([
      'Chief adviser',
      'Senior liaison',
    ]);
  });
});

describe('the activity log and the dashboard', () => {
  it('keeps a timeline per tie and shows what is coming up and what has gone quiet', async () => {
    const db = t.database.db;
    const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
    const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
    const espooId = (await request('GET', `/api/organizations/${cityOfEspoo.id}`)).json().place.id;
    const today = new Date().toISOString().slice(0, 10);
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const tie = (
      await request('POST', '/api/partnerships', editor, {
        kind: 'twin_town',
        parties: [{ placeId: espooId }, { placeId: shanghai.id }],
        startedOn: `1998-${soon.slice(5)}`,
      })
    ).json();
    const quiet = (
      await request('POST', '/api/partnerships', editor, {
        kind: 'mou',
        parties: [{ placeId: espooId }, { placeId: tallinn.id }],
        renewalOn: soon,
      })
    ).json();
    await request('POST', '/api/activities', editor, {
      kind: 'visit',
      occurredOn: today,
      title: 'Delegation visit',
      organizationId: cityOfEspoo.id,
      partnershipIds: [tie.id],
    });
    const timeline = (await request('GET', `/api/activities?partnershipId=${tie.id}`, editor)).json();
    expect(timeline.items.map((item: { title: string }) => item.title)).toEqual(['Delegation visit']);
    expect((await request('GET', `/api/activities?partnershipId=${tie.id}`, outsider)).json().items).toEqual(
      [],
    );
    expect((await request('GET', '/api/activities')).statusCode).toBe(401);

    const dashboard = (await request('GET', `/api/organizations/${cityOfEspoo.id}/dashboard`, editor)).json();
    expect(dashboard.byStatus.active).toBe(2);
    expect(dashboard.anniversaries).toEqual([
      expect.objectContaining({ id: tie.id, partners: 'Shanghai', date: soon }),
    ]);
    expect(dashboard.renewals).toEqual([expect.objectContaining({ id: quiet.id, daysLeft: 30 })]);
    expect(dashboard.quiet.map((item: { id: number }) => item.id)).toEqual([quiet.id]);
    expect(dashboard.recentActivity[0].title).toBe('Delegation visit');
    expect(
      (await request('GET', `/api/organizations/${cityOfEspoo.id}/dashboard`, outsider)).statusCode,
    ).toBe(403);
  });
});
