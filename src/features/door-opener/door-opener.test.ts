import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { adminHeaders, memberHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import {
  eventHosts,
  eventInvitations,
  events,
  networkMembers,
  networks,
  people,
  places,
  posts,
} from '../../db/schema.ts';
import type { DoorOpenerPath, DoorOpenerResponse } from './door-opener.schema.ts';
import { haversineKm } from './door-opener.search.ts';

let t: TestApp;
const ids = {} as Record<
  | 'espoo'
  | 'vantaa'
  | 'helsinki'
  | 'shanghai'
  | 'jinan'
  | 'qingdao'
  | 'chengdu'
  | 'kunming'
  | 'espooShanghai'
  | 'vantaaJinan'
  | 'shanghaiChengdu'
  | 'helsinkiKunming'
  | 'espooKunming'
  | 'cityOfEspoo'
  | 'cityOfHelsinki'
  | 'company'
  | 'c21'
  | 'hidden',
  number
>;
const coordinates = {
  jinan: { lat: 36.65, lng: 117.12 },
  qingdao: { lat: 36.07, lng: 120.38 },
  shanghai: { lat: 31.23, lng: 121.47 },
};

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const place = async (name: string, country: string, lat: number, lng: number, fi?: string, sv?: string) =>
    (
      await makePlace(db, {
        name,
        country,
        lat,
        lng,
        names: [...(fi ? [{ name: fi, lang: 'fi' }] : []), ...(sv ? [{ name: sv, lang: 'sv' }] : [])],
      })
    ).id;
  ids.espoo = await place('Espoo', 'FI', 60.21, 24.66, 'Espoo', 'Esbo');
  ids.vantaa = await place('Vantaa', 'FI', 60.29, 25.04, 'Vantaa', 'Vanda');
  ids.helsinki = await place('Helsinki', 'FI', 60.17, 24.94, 'Helsinki', 'Helsingfors');
  ids.shanghai = await place('Shanghai', 'CN', coordinates.shanghai.lat, coordinates.shanghai.lng);
  ids.jinan = await place('Jinan', 'CN', coordinates.jinan.lat, coordinates.jinan.lng);
  ids.qingdao = await place('Qingdao', 'CN', coordinates.qingdao.lat, coordinates.qingdao.lng);
  ids.chengdu = await place('Chengdu', 'CN', 30.66, 104.06);
  ids.kunming = await place('Kunming', 'CN', 25.04, 102.71);
  // Jinan and Qingdao lie in Shandong, Shanghai is a province-level city of its own; Qingdao is the larger.
  await db
    .update(places)
    .set({ admin1: 'CN.25' })
    .where(inArray(places.id, [ids.jinan, ids.qingdao]));
  await db.update(places).set({ population: 10_000_000 }).where(eq(places.id, ids.qingdao));
  await db.update(places).set({ admin1: 'CN.23' }).where(eq(places.id, ids.shanghai));
  ids.espooShanghai = (await makePartnership(db, [ids.espoo, ids.shanghai], { startedOn: '1998-05-01' })).id;
  ids.vantaaJinan = (await makePartnership(db, [ids.vantaa, ids.jinan], { startedOn: '2010-01-01' })).id;
  ids.shanghaiChengdu = (
    await makePartnership(db, [ids.shanghai, ids.chengdu], { kind: 'friendship_city' })
  ).id;
  ids.helsinkiKunming = (await makePartnership(db, [ids.helsinki, ids.kunming], { kind: 'mou' })).id;
  ids.espooKunming = (
    await makePartnership(db, [ids.espoo, ids.kunming], {
      kind: 'cooperation_agreement',
      visibility: 'internal',
    })
  ).id;
  ids.cityOfEspoo = (await makeOrganization(db, { name: 'City of Espoo', placeId: ids.espoo })).id;
  ids.cityOfHelsinki = (await makeOrganization(db, { name: 'City of Helsinki', placeId: ids.helsinki })).id;
  ids.company = (await makeOrganization(db, { name: 'Air Oy', kind: 'company' })).id;
  const [c21] = await db
    .insert(networks)
    .values({ kind: 'network', name: { en: 'The 21 largest cities' }, shortName: 'C21' })
    .returning();
  const [hidden] = await db
    .insert(networks)
    .values({ kind: 'network', name: { en: 'Hidden' }, visibility: 'internal' })
    .returning();
  ids.c21 = c21!.id;
  ids.hidden = hidden!.id;
  // Helsinki is a member through its government, Espoo and Vantaa as places.
  await db.insert(networkMembers).values([
    { networkId: ids.c21, placeId: ids.espoo },
    { networkId: ids.c21, placeId: ids.vantaa },
    { networkId: ids.c21, organizationId: ids.cityOfHelsinki },
    { networkId: ids.hidden, placeId: ids.vantaa },
  ]);
});
afterAll(() => t.close());

async function search(query: string, headers: Record<string, string> = {}): Promise<DoorOpenerResponse> {
  const response = await t.request('GET', `/api/door-opener?${query}`, headers);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** A path as place ids, tie ids and distances, to compare paths at a glance. */
const route = (path: DoorOpenerPath) =>
  path.steps.map((step) =>
    step.type === 'tie'
      ? `${step.from.id}-[${step.tie.id}]-${step.to.id}`
      : step.type === 'event'
        ? `${step.from.id}@${step.event.id}@${step.to.id}`
        : `${step.from.id}~${step.to.id}`,
  );

describe('GET /api/door-opener', () => {
  it('finds our own tie to the target first, explained in Finnish, Swedish and English', async () => {
    const query = `target=${ids.shanghai}&fromPlace=${ids.espoo}`;
    const en = await search(`${query}&lang=en`);
    expect(en.target).toEqual({
      type: 'place',
      place: { id: ids.shanghai, name: 'Shanghai', country: 'CN', coordinates: { lat: 31.23, lng: 121.47 } },
    });
    expect(en.from).toMatchObject({ type: 'place', id: ids.espoo, name: 'Espoo' });
    expect(en.paths[0]).toMatchObject({ kind: 'own_tie', score: 100 });
    expect(route(en.paths[0]!)).toEqual([`${ids.espoo}-[${ids.espooShanghai}]-${ids.shanghai}`]);
    expect(en.paths[0]!.steps[0]).toMatchObject({
      type: 'tie',
      tie: { id: ids.espooShanghai, kind: 'twin_town', status: 'active', startYear: 1998 },
    });
    expect(en.paths[0]!.sentence).toBe('Espoo has been twinned with Shanghai since 1998.');
    const sv = await search(`${query}&lang=sv`);
    expect(sv.paths[0]!.sentence).toBe('Esbo och Shanghai är vänorter sedan 1998.');
    const fi = await search(`${query}&lang=fi`);
    expect(fi.paths[0]!.sentence).toBe('Espoo ja Shanghai ovat ystävyyskaupunkeja vuodesta 1998.');
    // Without lang, the browser's languages decide.
    const preferred = await search(query, { 'accept-language': 'de-DE, sv;q=0.8, en;q=0.5' });
    expect(preferred.language).toBe('sv');
    expect(preferred.paths[0]!.sentence).toBe(sv.paths[0]!.sentence);
  });

  it("finds our network's members' ties, from the network and from a member", async () => {
    const fromNetwork = await search(`target=${ids.jinan}&fromNetwork=${ids.c21}&lang=en`);
    expect(fromNetwork.from.type).toBe('network');
    expect(fromNetwork.from.places.map((place) => place.id).sort()).toEqual(
      [ids.espoo, ids.vantaa, ids.helsinki].sort(),
    );
    expect(fromNetwork.paths[0]).toMatchObject({ kind: 'member_tie', score: 80 });
    expect(route(fromNetwork.paths[0]!)).toEqual([`${ids.vantaa}-[${ids.vantaaJinan}]-${ids.jinan}`]);
    expect(fromNetwork.paths[0]!.sentence).toBe(
      'Vantaa, a member of C21, has been twinned with Jinan since 2010.',
    );
    const sv = await search(`target=${ids.jinan}&fromNetwork=${ids.c21}&lang=sv`);
    expect(sv.paths[0]!.sentence).toBe('Vanda, medlem i C21, och Jinan är vänorter sedan 2010.');
    const fi = await search(`target=${ids.jinan}&fromNetwork=${ids.c21}&lang=fi`);
    expect(fi.paths[0]!.sentence).toBe(
      'Vantaa (verkoston C21 jäsen) ja Jinan ovat ystävyyskaupunkeja vuodesta 2010.',
    );

    // From Espoo, Vantaa is a fellow member of C21: a way in, below one of our own.
    const fromEspoo = await search(`target=${ids.jinan}&fromPlace=${ids.espoo}&lang=en`);
    const fellow = fromEspoo.paths.find((path) => path.kind === 'member_tie');
    expect(route(fellow!)).toEqual([`${ids.vantaa}-[${ids.vantaaJinan}]-${ids.jinan}`]);
    expect(fellow!.score).toBeLessThan(80);
    // The same through the organisation that governs Espoo; the internal network names nobody.
    const fromCity = await search(`target=${ids.jinan}&fromOrganization=${ids.cityOfEspoo}&lang=en`);
    expect(fromCity.from).toMatchObject({ type: 'organization', name: 'City of Espoo' });
    expect(fromCity.paths.map(route)).toEqual(fromEspoo.paths.map(route));
    expect(fromEspoo.paths.every((path) => !path.sentence.includes('Hidden'))).toBe(true);
  });

  it('finds partners of our partners, two steps away', async () => {
    const answer = await search(`target=${ids.chengdu}&fromPlace=${ids.espoo}&lang=en`);
    const path = answer.paths.find((found) => found.kind === 'partner_of_partner');
    expect(route(path!)).toEqual([
      `${ids.espoo}-[${ids.espooShanghai}]-${ids.shanghai}`,
      `${ids.shanghai}-[${ids.shanghaiChengdu}]-${ids.chengdu}`,
    ]);
    expect(path!.score).toBe(50);
    expect(path!.sentence).toBe(
      'Espoo has been twinned with Shanghai since 1998. Shanghai has been a friendship city of Chengdu.',
    );
  });

  it('finds our partners near the target, nearest first, with the great-circle distance', async () => {
    const answer = await search(`target=${ids.qingdao}&fromNetwork=${ids.c21}&lang=en`);
    const near = answer.paths.filter((path) => path.kind === 'partner_near');
    expect(near.map(route)).toEqual([
      [`${ids.vantaa}-[${ids.vantaaJinan}]-${ids.jinan}`, `${ids.jinan}~${ids.qingdao}`],
      [`${ids.espoo}-[${ids.espooShanghai}]-${ids.shanghai}`, `${ids.shanghai}~${ids.qingdao}`],
      // Chengdu is too far from Qingdao to count as near.
    ]);
    const jinanKm = near[0]!.steps[1];
    expect(jinanKm).toMatchObject({ type: 'distance', sameCountry: true, sameRegion: true });
    if (jinanKm?.type !== 'distance') throw new Error('expected a distance');
    expect(jinanKm.km).toBe(Math.round(haversineKm(coordinates.jinan, coordinates.qingdao)));
    expect(jinanKm.km).toBeGreaterThan(280);
    expect(jinanKm.km).toBeLessThan(320);
    expect(near[0]!.sentence).toBe(
      `Vantaa, a member of C21, has been twinned with Jinan since 2010. Jinan is ${jinanKm.km} km from Qingdao in the same region.`,
    );
    expect(near[0]!.score).toBeGreaterThan(near[1]!.score);
    const sv = await search(`target=${ids.qingdao}&fromNetwork=${ids.c21}&lang=sv`);
    expect(sv.paths[0]!.steps[1]!.sentence).toBe(
      `Jinan ligger ${jinanKm.km} km från Qingdao i samma region.`,
    );
    const fi = await search(`target=${ids.qingdao}&fromNetwork=${ids.c21}&lang=fi`);
    expect(fi.paths[0]!.steps[1]!.sentence).toBe(
      `Jinan on ${jinanKm.km} km:n päässä kohteesta Qingdao samalla alueella.`,
    );
  });

  it('ranks every kind of path in a fixed order, and reaches any place in a country', async () => {
    const answer = await search(`targetCountry=cn&fromPlace=${ids.espoo}&lang=en&limit=50`);
    expect(answer.target).toEqual({ type: 'country', country: 'CN' });
    expect(answer.paths.map((path) => [path.kind, path.score])).toEqual([
      ['own_tie', 100],
      // Fellow members of C21: Vantaa to Jinan, Helsinki to Kunming (by place id at equal scores).
      ['member_tie', 70],
      ['member_tie', 70],
    ]);
    expect(answer.paths.slice(1).map((path) => path.steps[0]!.from.id)).toEqual([ids.vantaa, ids.helsinki]);
    expect(answer.total).toBe(3);
    const again = await search(`targetCountry=CN&fromPlace=${ids.espoo}&lang=en&limit=50`);
    expect(again.paths).toEqual(answer.paths);
    const limited = await search(`targetCountry=CN&fromPlace=${ids.espoo}&limit=1`);
    expect(limited.paths).toHaveLength(1);
    expect(limited.total).toBe(3);
  });

  it('finds places that were at an event with the target: hosts and those recorded as attending, published only', async () => {
    const db = t.database.db;
    const osaka = (await makePlace(db, { name: 'Osaka', country: 'JP', lat: 34.69, lng: 135.5 })).id;
    const kobe = (await makePlace(db, { name: 'Kobe', country: 'JP', lat: 34.69, lng: 135.2 })).id;
    const host = (await makeOrganization(db, { name: 'Shanghai Forum Office', placeId: ids.shanghai })).id;
    const forum = async (title: string, values: Partial<typeof events.$inferInsert> = {}) => {
      const [row] = await db
        .insert(events)
        .values({
          kind: 'forum',
          attendanceMode: 'online',
          status: 'held',
          startsAt: new Date('2020-11-10T06:00:00Z'),
          endsAt: new Date('2020-11-10T09:00:00Z'),
          timeZone: 'Asia/Shanghai',
          title: { en: title, fi: `${title} (fi)` },
          ...values,
        })
        .returning();
      await db.insert(eventHosts).values({ eventId: row!.id, organizationId: host });
      return row!.id;
    };
    const held = await forum('Twin-town forum');
    const hidden = await forum('Closed meeting', { visibility: 'internal' });
    const cancelled = await forum('Called off', { status: 'cancelled' });
    for (const eventId of [held, hidden, cancelled])
      await db.insert(eventInvitations).values([
        { eventId, placeId: ids.espoo, status: 'attended' },
        { eventId, placeId: osaka, status: 'attended' },
        // Kobe was invited and said yes, but nobody recorded it there.
        { eventId, placeId: kobe, status: 'accepted' },
      ]);

    const answer = await search(`target=${osaka}&fromPlace=${ids.espoo}&lang=en`);
    expect(answer.paths.map(route)).toEqual([[`${ids.espoo}@${held}@${osaka}`]]);
    expect(answer.paths[0]).toMatchObject({ kind: 'met_at_event' });
    expect(answer.paths[0]!.steps[0]).toMatchObject({
      type: 'event',
      event: { id: held, title: 'Twin-town forum', year: 2020 },
    });
    expect(answer.paths[0]!.sentence).toBe('Espoo and Osaka were both at Twin-town forum (2020).');
    const fi = await search(`target=${osaka}&fromPlace=${ids.espoo}&lang=fi`);
    expect(fi.paths[0]!.sentence).toBe(
      'Espoo ja Osaka olivat molemmat mukana tapahtumassa Twin-town forum (fi) (2020).',
    );
    // An accepted invitation is not a meeting; the host's place met everyone who came; a country target too.
    expect((await search(`target=${kobe}&fromPlace=${ids.espoo}`)).paths).toEqual([]);
    const fromShanghai = await search(`targetCountry=JP&fromPlace=${ids.shanghai}`);
    expect(fromShanghai.paths.map(route)).toEqual([[`${ids.shanghai}@${held}@${osaka}`]]);
    // Ties come first: from Espoo to Shanghai the own tie, then the forum Shanghai hosted.
    const toShanghai = await search(`target=${ids.shanghai}&fromPlace=${ids.espoo}&limit=50`);
    expect(toShanghai.paths[0]!.kind).toBe('own_tie');
    expect(toShanghai.paths.at(-1)!.kind).toBe('met_at_event');
    expect(toShanghai.paths.filter((path) => path.kind === 'met_at_event').map(route)).toEqual([
      [`${ids.espoo}@${held}@${ids.shanghai}`],
    ]);
  });

  it('names the people to ask along a path for members of an organisation, only those they may read', async () => {
    const db = t.database.db;
    const government = (
      await makeOrganization(db, { name: 'Shanghai Municipal Government', placeId: ids.shanghai })
    ).id;
    const [mayor, secret, former] = await db
      .insert(people)
      .values([
        { name: 'Mayor of Shanghai', keeperId: government, visibility: 'published' },
        { name: 'Kept to Shanghai', keeperId: government, visibility: 'internal' },
        { name: 'Former Mayor', keeperId: government, visibility: 'published' },
      ])
      .returning();
    await db.insert(posts).values([
      { personId: mayor!.id, organizationId: government, role: 'mayor', title: 'Mayor' },
      { personId: secret!.id, organizationId: government, role: 'deputy_mayor', title: 'Vice mayor' },
      { personId: former!.id, organizationId: government, role: 'mayor', endedOn: '2019-12-31' },
      // A second post of the mayor's: the mayor is still named once.
      { personId: mayor!.id, organizationId: government, role: 'council_chair', title: 'Council chair' },
    ]);
    const query = `target=${ids.shanghai}&fromPlace=${ids.espoo}`;
    const own = (answer: DoorOpenerResponse) => answer.paths.find((path) => path.kind === 'own_tie')!;
    expect(own(await search(query)).contacts).toBeNull();
    const member = await memberHeaders(db, ids.cityOfEspoo, 'viewer');
    expect(own(await search(query, member)).contacts).toEqual([
      {
        place: { id: ids.shanghai, name: 'Shanghai' },
        person: { id: mayor!.id, name: 'Mayor of Shanghai' },
        title: 'Mayor',
        role: 'mayor',
        organization: { id: government, name: 'Shanghai Municipal Government' },
      },
    ]);
    // A member of Shanghai's government reads its internal people too; our own places' people are not named.
    const insider = await memberHeaders(db, government, 'viewer');
    const names = own(await search(query, insider)).contacts!.map((contact) => contact.person.name);
    expect(names).toEqual(['Mayor of Shanghai', 'Kept to Shanghai']);
    const fromShanghai = await search(`target=${ids.espoo}&fromPlace=${ids.shanghai}`, insider);
    expect(fromShanghai.paths[0]!.contacts).toEqual([]);
  });

  it('reaches any place in a first-level region, named by its largest place, and refuses an unknown region', async () => {
    const answer = await search(`targetRegion=CN.25&fromPlace=${ids.vantaa}&lang=en`);
    expect(answer.target).toEqual({ type: 'region', region: 'CN.25', country: 'CN', name: 'Qingdao' });
    expect(answer.paths[0]).toMatchObject({ kind: 'own_tie' });
    expect(route(answer.paths[0]!)).toEqual([`${ids.vantaa}-[${ids.vantaaJinan}]-${ids.jinan}`]);
    // Shanghai is in a region of its own: Espoo's tie to it is no way into Shandong.
    const fromEspoo = await search(`targetRegion=CN.25&fromPlace=${ids.espoo}&limit=50`);
    expect(fromEspoo.paths.flatMap((path) => path.steps.map((step) => step.to.id))).not.toContain(
      ids.shanghai,
    );
    expect(fromEspoo.paths.every((path) => [ids.jinan, ids.qingdao].includes(path.steps.at(-1)!.to.id))).toBe(
      true,
    );
    for (const [query, field] of [
      [`targetRegion=CN.99&fromPlace=${ids.espoo}`, 'querystring.targetRegion'],
      [`targetRegion=CN-25&fromPlace=${ids.espoo}`, 'querystring.targetRegion'],
      [`targetRegion=CN.25&targetCountry=CN&fromPlace=${ids.espoo}`, 'querystring.target'],
    ]) {
      const refused = await t.request('GET', `/api/door-opener?${query}`);
      expect(refused.statusCode, query).toBe(400);
      expect(refused.json().error.details.map((detail: { field: string }) => detail.field)).toContain(field);
    }
    expect((await t.request('GET', `/api/places/${ids.jinan}`)).json().region).toBe('CN.25');
  });

  it('never shows an internal tie, to anonymous readers or anyone', async () => {
    const query = `target=${ids.kunming}&fromPlace=${ids.espoo}&lang=en`;
    for (const headers of [{}, await memberHeaders(t.database.db, ids.cityOfEspoo, 'editor')]) {
      const answer = await search(query, headers);
      expect(answer.paths.map((path) => path.kind)).not.toContain('own_tie');
      expect(answer.paths[0]!.kind).toBe('member_tie');
      expect(answer.paths[0]!.sentence).toBe(
        'Helsinki, a member of C21, has signed a memorandum of understanding with Kunming.',
      );
      const tieIds = answer.paths.flatMap((path) =>
        path.steps.flatMap((step) => (step.type === 'tie' ? [step.tie.id] : [])),
      );
      expect(tieIds).not.toContain(ids.espooKunming);
    }
  });

  it('follows ties created and deleted through the API', async () => {
    const admin = await adminHeaders(t.database.db);
    const query = `target=${ids.qingdao}&fromPlace=${ids.helsinki}&lang=en`;
    const before = await search(query);
    expect(before.paths.filter((path) => path.kind === 'own_tie')).toEqual([]);
    const created = await t.request('POST', '/api/partnerships', admin, {
      kind: 'mou',
      parties: [{ placeId: ids.helsinki }, { placeId: ids.qingdao }],
    });
    expect(created.statusCode, created.body).toBe(201);
    const tie = created.json() as { id: number; version: number };
    const after = await search(query);
    expect(after.paths[0]).toMatchObject({ kind: 'own_tie', score: 100 });
    expect(route(after.paths[0]!)).toEqual([`${ids.helsinki}-[${tie.id}]-${ids.qingdao}`]);
    const deleted = await t.request('DELETE', `/api/partnerships/${tie.id}?version=${tie.version}`, admin);
    expect(deleted.statusCode, deleted.body).toBe(200);
    const gone = await search(query);
    expect(gone.paths).toEqual(before.paths);
  });

  it('answers 400 for a bad or missing combination and 404 for an unknown id, never a 500', async () => {
    const bad = [
      `fromPlace=${ids.espoo}`,
      `target=${ids.shanghai}`,
      `target=${ids.shanghai}&targetCountry=CN&fromPlace=${ids.espoo}`,
      `target=${ids.shanghai}&fromPlace=${ids.espoo}&fromNetwork=${ids.c21}`,
      `target=abc&fromPlace=${ids.espoo}`,
      `target=0&fromPlace=${ids.espoo}`,
      `target=99999999999&fromPlace=${ids.espoo}`,
      `targetCountry=FIN&fromPlace=${ids.espoo}`,
      `targetCountry=QQ&fromPlace=${ids.espoo}`,
      `target=${ids.shanghai}&fromPlace=${ids.espoo}&lang=de`,
      `target=${ids.shanghai}&fromPlace=${ids.espoo}&limit=0`,
      `target=${ids.shanghai}&fromPlace=${ids.espoo}&limit=51`,
      `target=${ids.shanghai}&fromPlace=${ids.espoo}&unknown=1`,
      `target=${ids.shanghai}&fromOrganization=${ids.company}`,
    ];
    for (const query of bad) {
      const response = await t.request('GET', `/api/door-opener?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().error.code, query).toBe('VALIDATION_FAILED');
    }
    const unknown: [string, string][] = [
      [`target=2147483000&fromPlace=${ids.espoo}`, 'PLACE_NOT_FOUND'],
      [`target=${ids.shanghai}&fromPlace=2147483000`, 'PLACE_NOT_FOUND'],
      [`target=${ids.shanghai}&fromOrganization=2147483000`, 'ORGANIZATION_NOT_FOUND'],
      [`target=${ids.shanghai}&fromNetwork=2147483000`, 'NETWORK_NOT_FOUND'],
      // An internal network is unknown to anonymous readers.
      [`target=${ids.shanghai}&fromNetwork=${ids.hidden}`, 'NETWORK_NOT_FOUND'],
    ];
    for (const [query, code] of unknown) {
      const response = await t.request('GET', `/api/door-opener?${query}`);
      expect(response.statusCode, query).toBe(404);
      expect(response.json().error.code, query).toBe(code);
    }
    // An administrator reads it.
    const hidden = await search(
      `target=${ids.jinan}&fromNetwork=${ids.hidden}`,
      await adminHeaders(t.database.db),
    );
    expect(hidden.paths.map(route)[0]).toEqual([`${ids.vantaa}-[${ids.vantaaJinan}]-${ids.jinan}`]);
  });
});
