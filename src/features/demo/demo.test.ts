import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { sessionHeaders, signInHeaders } from '../../../test/helpers/auth.ts';
import { makePartnership, makePlace, makeSource } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { placeOrigins, places } from '../../db/schema.ts';
import { findDemoNetworks } from './demo.networks.ts';
import { DemoError, loadDemo } from './demo.service.ts';

let t: TestApp;
let tieId: number;
/** The demo users' passwords, as the demo answered them once. */
const demoPasswords: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  const espoo = await makePlace(t.database.db, { name: 'Espoo', lat: 60.21, lng: 24.66 });
  const shanghai = await makePlace(t.database.db, {
    name: 'Shanghai',
    country: 'CN',
    lat: 31.23,
    lng: 121.47,
  });
  tieId = (await makePartnership(t.database.db, [espoo.id, shanghai.id])).id;
  // Another of Shanghai's partners, and a city of the forum that the registry does not list as one.
  const riga = await makePlace(t.database.db, { name: 'Riga', country: 'LV' });
  await makePartnership(t.database.db, [riga.id, shanghai.id]);
  await makePlace(t.database.db, { name: 'Osaka', country: 'JP' });
  // The Chinese city nearest Shanghai that has ties of its own, and one further away: the support request's target.
  const suzhou = await makePlace(t.database.db, { name: 'Suzhou', country: 'CN', lat: 31.3, lng: 120.58 });
  const chengdu = await makePlace(t.database.db, { name: 'Chengdu', country: 'CN', lat: 30.66, lng: 104.06 });
  await makePartnership(t.database.db, [riga.id, suzhou.id]);
  await makePartnership(t.database.db, [riga.id, chengdu.id]);
});
afterAll(() => t.close());

/** The Finnish municipalities of the registry: Espoo and 23 more, with their populations, as the world import lists them. */
const municipalities: { id: number; name: string; population: number | null }[] = [];
beforeAll(async () => {
  const db = t.database.db;
  const source = await makeSource(db, 'citybridge-fi-municipalities');
  const [espoo] = await db.select().from(places).where(eq(places.name, 'Espoo'));
  await db.update(places).set({ population: 305_274 }).where(eq(places.id, espoo!.id));
  municipalities.push({ id: espoo!.id, name: 'Espoo', population: 305_274 });
  for (let index = 0; index < 23; index += 1) {
    // Town 1 is the most populous; the last one's figure is unknown.
    const population = index === 22 ? null : 700_000 - index * 25_000;
    const town = await makePlace(db, { name: `Town ${index + 1}`, population });
    municipalities.push({ id: town.id, name: town.name, population });
  }
  // A Finnish place that is not a municipality of the list, however populous, is not one of them.
  await makePlace(db, { name: 'Not a municipality', population: 9_000_000 });
  await db.insert(placeOrigins).values(
    municipalities.map((place, index) => ({
      placeId: place.id,
      sourceId: source.id,
      externalKey: `FI-${index}`,
      raw: {},
    })),
  );
});

describe('the demo workspace', () => {
  it('does not exist until asked for', async () => {
    const [row] = await queryRows<{ orgs: number; users: number }>(
      t.database.db,
      sql`select (select count(*) from organizations)::int as orgs, (select count(*) from users)::int as users`,
    );
    expect(row).toEqual({ orgs: 0, users: 0 });
  });

  it('builds the Espoo–Shanghai story on the imported tie, confirmed by Espoo only', async () => {
    const result = await t.database.db.transaction((tx) => loadDemo(tx, { documentsDir: t.documentsDir }));
    expect(result.partnershipId).toBe(tieId);
    expect(result.users.map((user) => user.email)).toEqual([
      'admin@example.org',
      'coordinator@example.org',
      'viewer@example.org',
      'shanghai@example.org',
    ]);
    const coordinator = result.users[1]!;
    demoPasswords.coordinator = coordinator.password;
    const headers = await signInHeaders(t.app, coordinator.email, coordinator.password);
    const tie = (await t.app.inject({ url: `/api/partnerships/${tieId}`, headers })).json();
    expect(tie).toMatchObject({ kind: 'twin_town', startedOn: '1998-01-01', canEdit: true });
    expect(tie.sources).toHaveLength(1);
    expect(tie.parties).toEqual([
      expect.objectContaining({ name: 'Espoo', confirmedAt: expect.any(String) }),
      expect.objectContaining({ name: 'Shanghai', confirmedAt: null }),
    ]);
    const organizations = (await t.app.inject({ url: '/api/organizations' })).json();
    expect(organizations.items.map((item: { name: string }) => item.name)).toEqual(
      expect.arrayContaining(['City of Espoo', 'Team Finland Shanghai', 'Air0', 'Shanghai Media Group']),
    );
    const contacts = await queryRows<{ value: string }>(t.database.db, sql`select value from contact_points`);
    expect(contacts.length).toBeGreaterThan(0);
    expect(contacts.every((contact) => contact.value.endsWith('@example.org'))).toBe(true);
    const activities = (
      await t.app.inject({ url: `/api/activities?partnershipId=${tieId}`, headers })
    ).json();
    expect(activities.items.length).toBeGreaterThanOrEqual(3);
  });

  it('adds CIIE 2019 and 2020 with the twin-town forum as the news item tells it', async () => {
    const events = (await t.app.inject({ url: '/api/events?when=past' })).json().items as {
      id: number;
      title: { en: string };
      parentId: number | null;
      programme: { kind: string; speakers: { role: string; person: { name: string } | null }[] }[];
    }[];
    expect(events.map((event) => event.title.en).sort()).toEqual([
      'C21 China working group meeting',
      'China International Import Expo 2019',
      'China International Import Expo 2020',
      'Shanghai twin-town forum',
    ]);
    const forum = events.find((event) => event.title.en === 'Shanghai twin-town forum')!;
    const ciie2020 = events.find((event) => event.title.en.endsWith('2020'))!;
    expect(forum.parentId).toBe(ciie2020.id);
    expect(forum.programme.map((session) => session.kind)).toEqual([
      'opening',
      'panel',
      'panel',
      'closing',
      'group_photo',
    ]);
    expect(forum.programme[2]!.speakers).toEqual([
      expect.objectContaining({
        role: 'panelist',
        person: expect.objectContaining({ name: 'City Manager of Espoo' }),
      }),
    ]);
    const invitations = (await t.app.inject({ url: `/api/events/${forum.id}/invitations` })).json();
    // Shanghai's partners (Espoo, Riga) and Osaka invited; Espoo and Osaka came, with the media group.
    expect(invitations.summary).toMatchObject({ invited: 4, places: { invited: 3, attended: 2 } });
    expect(
      invitations.items.map((item: { invitee: { name: string }; status: string }) => [
        item.invitee.name,
        item.status,
      ]),
    ).toEqual([
      ['Espoo', 'attended'],
      ['Osaka', 'attended'],
      ['Riga', 'invited'],
      ['Shanghai Media Group', 'attended'],
    ]);
    // The virtual group photo: a placeholder image, described in the forum's three languages, for anyone to see.
    const media = (await t.app.inject({ url: `/api/events/${forum.id}` })).json().media;
    expect(media).toEqual([
      expect.objectContaining({
        kind: 'image',
        mediaType: 'image/png',
        fileName: 'virtual-group-photo.png',
        width: 960,
        height: 540,
        credit: 'CityBridge demo',
      }),
    ]);
    expect(Object.keys(media[0].alt).sort()).toEqual(['en', 'fi', 'sv']);
    expect(media[0].alt.en).toMatch(/^Placeholder for the forum’s virtual group photo/);
    expect(Object.values(media[0].alt).every((text) => (text as string).length > 40)).toBe(true);
    expect(Object.keys(media[0].caption).sort()).toEqual(['en', 'fi', 'sv']);
    const photo = await t.app.inject({ url: media[0].url });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/png');
    expect(photo.rawPayload.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(photo.rawPayload.readUInt32BE(16)).toBe(960);
    expect(photo.rawPayload.readUInt32BE(20)).toBe(540);
    // The other events have none.
    for (const event of events.filter((item) => item.id !== forum.id))
      expect((await t.app.inject({ url: `/api/events/${event.id}` })).json().media).toEqual([]);
    const tieEvents = (await t.app.inject({ url: `/api/events?partnershipId=${tieId}` })).json();
    expect(tieEvents.items.map((event: { title: { en: string } }) => event.title.en)).toEqual([
      'Shanghai twin-town forum',
    ]);
  });

  it('adds C21 with the 21 most populous municipalities, saying so, and its China working group run by Espoo', async () => {
    const found = await findDemoNetworks(t.database.db);
    expect(found).toBeDefined();
    const byPopulation = [...municipalities]
      .sort((a, b) => (b.population ?? -1) - (a.population ?? -1))
      .slice(0, 21)
      .map((place) => place.id);
    expect(found!.memberPlaceIds).toEqual(byPopulation);
    expect(found!.memberPlaceIds).toContain(municipalities[0]!.id);
    const c21 = (await t.app.inject({ url: `/api/networks/${found!.networkId}` })).json();
    expect(c21).toMatchObject({
      kind: 'network',
      shortName: 'C21',
      secretariat: { name: 'C21 secretariat' },
    });
    expect(c21.members).toHaveLength(21);
    expect(c21.members.map((member: { name: string }) => member.name)).not.toContain('Not a municipality');
    expect(c21.description.en).toMatch(/derived from population/);
    expect(c21.description.fi).toMatch(/johdettu väkiluvusta/);
    expect(c21.description.sv).toMatch(/härledd från folkmängden/);
    const group = (await t.app.inject({ url: `/api/networks/${found!.workingGroupId}` })).json();
    expect(group).toMatchObject({
      kind: 'working_group',
      parentId: found!.networkId,
      countryCode: 'CN',
      theme: { en: 'China', fi: 'Kiina', sv: 'Kina' },
      coordinators: [{ name: 'City of Espoo' }],
    });
    expect(group.members.map((member: { name: string }) => member.name)).toEqual([
      'Espoo',
      'Town 1',
      'Town 2',
      'Town 3',
      'Town 4',
    ]);
    expect(found!.coordinatorIds).toEqual([group.coordinators[0].id]);
    // Espoo's coordinator runs the working group from the workspace; its events list the group's meeting.
    const [user] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from users where email = 'coordinator@example.org'`,
    );
    const headers = await sessionHeaders(t.database.db, user!.id);
    const asCoordinator = (
      await t.app.inject({ url: `/api/networks/${found!.workingGroupId}`, headers })
    ).json();
    expect(asCoordinator.viewer).toMatchObject({
      coordinates: true,
      canAppointCoordinators: false,
      memberOrganizationIds: found!.coordinatorIds,
    });
    const events = (await t.app.inject({ url: `/api/networks/${found!.workingGroupId}/events` })).json();
    expect(events.items.map((event: { title: { en: string } }) => event.title.en)).toEqual([
      'C21 China working group meeting',
    ]);
  });

  it('adds the 2020 round of the China mapping campaign, its answers marked as demo data', async () => {
    const found = await findDemoNetworks(t.database.db);
    const [user] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from users where email = 'viewer@example.org'`,
    );
    const headers = await sessionHeaders(t.database.db, user!.id);
    const list = (
      await t.app.inject({ url: `/api/campaigns?networkId=${found!.workingGroupId}`, headers })
    ).json();
    expect(list.items).toHaveLength(1);
    const [campaign] = list.items;
    expect(campaign).toMatchObject({
      status: 'closed',
      opensOn: '2020-11-16',
      closesOn: '2020-12-18',
      countryCode: 'CN',
    });
    expect(campaign.title.en).toBe(
      'State of cooperation with China: current state, near-term plans, upcoming needs (2020)',
    );
    expect(campaign.resultsSharedAt).not.toBeNull();
    // Nothing for anonymous visitors.
    expect((await t.app.inject({ url: '/api/campaigns' })).json().items).toEqual([]);
    const results = (await t.app.inject({ url: `/api/campaigns/${campaign.id}/results`, headers })).json();
    expect(results).toMatchObject({ members: 5, submitted: 3 });
    expect(results.missing.map((member: { status: string }) => member.status)).toEqual(
      expect.arrayContaining(['draft', 'not_started']),
    );
    expect(results.rows[0].organization.name).toBe('City of Espoo');
    // Every answer in words says it is demo data.
    const words = results.questions.flatMap((question: { texts: { value: string }[] | null }) =>
      (question.texts ?? []).map((entry) => entry.value),
    );
    expect(words.length).toBeGreaterThanOrEqual(4);
    for (const text of words) expect(text).toContain('(demo data)');
    const projects = results.questions.find(
      (question: { key: string }) => question.key === 'planned_projects',
    );
    for (const { row } of projects.rows) expect(row.name).toContain('(demo data)');
    // Espoo confirmed its twin-town tie with Shanghai in the registry table.
    const ties = results.questions.find((question: { key: string }) => question.key === 'ties');
    expect(ties.rows).toContainEqual(
      expect.objectContaining({
        name: 'City of Espoo',
        row: expect.objectContaining({ partnershipId: tieId, partnerName: 'Shanghai', confirmed: true }),
      }),
    );
  });

  it('adds Air0 at CIIE 2019 with its outcome and testimonial, and a request answered by the door-opener search', async () => {
    const coordinator = await signInHeaders(t.app, 'coordinator@example.org', demoPasswords.coordinator!);
    const outcomes = (await t.app.inject({ url: `/api/outcomes?partnershipId=${tieId}` })).json();
    expect(outcomes.items).toHaveLength(1);
    const outcome = outcomes.items[0];
    expect(outcome).toMatchObject({
      kind: 'lead',
      achievedOn: '2019-11-10',
      visibility: 'published',
      value: null,
    });
    expect(outcome.organizations.map((org: { name: string }) => org.name)).toEqual(['Air0']);
    expect(outcome.eventIds).toHaveLength(1);
    for (const text of [outcome.description.en, outcome.description.sv, outcome.description.fi])
      expect(text).toMatch(/\((Demo text|Demotext|Esittelyteksti)\.\)$/);
    expect(outcome.testimonials).toEqual([
      expect.objectContaining({
        person: { id: expect.any(Number), name: 'CEO of Air0' },
        quote: expect.objectContaining({ en: expect.stringContaining('Demo text') }),
        consentOn: '2020-12-10',
      }),
    ]);
    const air0 = (await t.app.inject({ url: '/api/organizations' }))
      .json()
      .items.find((item: { name: string }) => item.name === 'Air0');
    expect((await t.app.inject({ url: `/api/organizations/${air0.id}` })).json()).toMatchObject({
      kind: 'company',
      sector: 'C',
    });
    // The request is internal to Espoo's staff; its answer is the search's best way in, with the path it showed.
    expect((await t.app.inject({ url: '/api/support-requests' })).statusCode).toBe(401);
    const requests = (await t.app.inject({ url: '/api/support-requests', headers: coordinator })).json();
    expect(requests.items).toHaveLength(1);
    const request = requests.items[0];
    expect(request).toMatchObject({
      company: { name: 'Air0' },
      need: 'partner_search',
      status: 'answered',
      targetPlace: { name: 'Suzhou', country: 'CN' },
    });
    expect(request.answerPath).toMatchObject({ kind: 'partner_near' });
    expect(request.answerPath.steps.map((step: { type: string }) => step.type)).toEqual(['tie', 'distance']);
    expect(request.answerPath.sentence).toMatch(/Shanghai.*\d+ km from Suzhou/);
    expect(request.answer).toContain(request.answerPath.sentence);
  });

  it('publishes the news item as the first article of International Espoo, in Swedish with demo translations', async () => {
    const series = (await t.app.inject({ url: '/api/series/by-slug/international-espoo' })).json();
    expect(series).toMatchObject({
      organizationName: 'City of Espoo',
      title: { sv: 'Internationella Esbo' },
    });
    const articles = (await t.app.inject({ url: `/api/articles?seriesId=${series.id}` })).json().items as {
      language: string;
      status: string;
      demo: boolean;
      publishAt: string;
      title: string;
      links: { partnershipIds: number[]; eventIds: number[]; networkIds: number[] };
      contact: { person: { role: string } | null; email: string | null };
      translations: { language: string }[];
    }[];
    expect(articles.map((article) => [article.language, article.status, article.demo])).toEqual(
      expect.arrayContaining([
        ['sv', 'published', false],
        ['fi', 'published', true],
        ['en', 'published', true],
      ]),
    );
    const swedish = articles.find((article) => article.language === 'sv')!;
    expect(swedish.title).toBe(
      'I Asien är vänortsförbindelser viktiga och de påverkar finländskt näringsliv',
    );
    expect(swedish.publishAt).toBe('2020-12-18T10:29:00.000Z');
    expect(swedish.translations.map((version) => version.language).sort()).toEqual(['en', 'fi']);
    const events = (await t.app.inject({ url: '/api/events?when=past' })).json().items as {
      id: number;
      title: { en: string };
    }[];
    const forum = events.find((event) => /forum/i.test(event.title.en))!;
    expect(swedish.links.partnershipIds).toEqual([tieId]);
    expect(swedish.links.eventIds).toEqual([forum.id]);
    const group = (await findDemoNetworks(t.database.db))?.workingGroupId;
    expect(swedish.links.networkIds).toEqual([group]);
    expect(swedish.contact.person?.role).toBe('international_affairs_coordinator');
    expect(swedish.contact.email).toBe('international.affairs@example.org');
    const aboutTie = (await t.app.inject({ url: `/api/articles?partnershipId=${tieId}&language=sv` })).json();
    expect(aboutTie.items).toHaveLength(1);
  });

  it('refuses to load twice', async () => {
    await expect(t.database.db.transaction((tx) => loadDemo(tx))).rejects.toBeInstanceOf(DemoError);
  });
});
