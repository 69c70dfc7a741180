import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { eventHosts, events } from '../../db/schema.ts';

/**
 * Networks and working groups through the API: who may create, edit and run them, the working group's members as a
 * subset of its network's, what an internal network shows to whom, the members' ties with a country, the events the
 * network ran, a tie naming its network, and merges moving what networks refer to.
 */

let t: TestApp;
type Headers = Record<string, string>;
const as = {} as Record<
  'admin' | 'secretariat' | 'espoo' | 'espooViewer' | 'helsinki' | 'vantaa' | 'outsider',
  Headers
>;
const ids = {} as Record<
  | 'espoo'
  | 'helsinki'
  | 'vantaa'
  | 'tampere'
  | 'shanghai'
  | 'beijing'
  | 'tallinn'
  | 'cityOfEspoo'
  | 'cityOfHelsinki'
  | 'cityOfVantaa'
  | 'secretariat'
  | 'university'
  | 'hiddenCompany'
  | 'c21'
  | 'china',
  number
>;

const call = (
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: Headers = {},
  body?: object,
) => t.request(method, url, headers, body);

async function ok(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  headers: Headers,
  body?: object,
) {
  const response = await call(method, url, headers, body);
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

const auditCount = async () =>
  (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from audit_events`))[0]!.n;

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  ids.espoo = (await makePlace(db, { name: 'Espoo', population: 305_000, lat: 60.2, lng: 24.66 })).id;
  ids.helsinki = (await makePlace(db, { name: 'Helsinki', population: 674_000, lat: 60.17, lng: 24.94 })).id;
  ids.vantaa = (await makePlace(db, { name: 'Vantaa', population: 245_000 })).id;
  ids.tampere = (await makePlace(db, { name: 'Tampere', population: 255_000 })).id;
  ids.shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN', lat: 31.2, lng: 121.5 })).id;
  ids.beijing = (await makePlace(db, { name: 'Beijing', country: 'CN', lat: 39.9, lng: 116.4 })).id;
  ids.tallinn = (await makePlace(db, { name: 'Tallinn', country: 'EE' })).id;
  ids.cityOfEspoo = (await makeOrganization(db, { name: 'City of Espoo', placeId: ids.espoo })).id;
  ids.cityOfHelsinki = (await makeOrganization(db, { name: 'City of Helsinki', placeId: ids.helsinki })).id;
  ids.cityOfVantaa = (await makeOrganization(db, { name: 'City of Vantaa', placeId: ids.vantaa })).id;
  ids.secretariat = (await makeOrganization(db, { name: 'C21 secretariat', kind: 'network_secretariat' })).id;
  ids.university = (
    await makeOrganization(db, { name: 'Aalto University', kind: 'university', placeId: ids.espoo })
  ).id;
  ids.hiddenCompany = (
    await makeOrganization(db, {
      name: 'Hidden Oy',
      kind: 'company',
      visibility: 'internal',
      keeperId: ids.cityOfHelsinki,
    })
  ).id;
  const headersOf = async (
    memberships: { organizationId: number; role: 'editor' | 'viewer' }[],
    isAdmin = false,
  ) => sessionHeaders(db, (await makeUser(db, { memberships, isAdmin })).id);
  as.admin = await headersOf([], true);
  as.secretariat = await headersOf([{ organizationId: ids.secretariat, role: 'editor' }]);
  as.espoo = await headersOf([{ organizationId: ids.cityOfEspoo, role: 'editor' }]);
  as.espooViewer = await headersOf([{ organizationId: ids.cityOfEspoo, role: 'viewer' }]);
  as.helsinki = await headersOf([{ organizationId: ids.cityOfHelsinki, role: 'editor' }]);
  as.vantaa = await headersOf([{ organizationId: ids.cityOfVantaa, role: 'editor' }]);
  as.outsider = await headersOf([{ organizationId: ids.university, role: 'editor' }]);
});
afterAll(() => t.close());

const c21Body = () => ({
  kind: 'network',
  name: { fi: 'C21-kaupunkiverkosto', sv: 'C21-stadsnätverket', en: 'C21 city network' },
  shortName: 'C21',
  description: { en: 'The network of Finland’s 21 largest cities.' },
  secretariatId: ids.secretariat,
});

describe('networks', () => {
  it('are created by administrators only, with a secretariat only they name', async () => {
    const before = await auditCount();
    expect((await call('POST', '/api/networks', {}, c21Body())).statusCode).toBe(401);
    expect((await call('POST', '/api/networks', as.secretariat, c21Body())).statusCode).toBe(403);
    expect((await call('POST', '/api/networks', as.espoo, c21Body())).statusCode).toBe(403);
    expect(await auditCount()).toBe(before);
    const created = await call('POST', '/api/networks', as.admin, c21Body());
    expect(created.statusCode, created.body).toBe(201);
    const c21 = created.json();
    ids.c21 = c21.id;
    expect(c21).toMatchObject({
      kind: 'network',
      parentId: null,
      shortName: 'C21',
      secretariat: { id: ids.secretariat, name: 'C21 secretariat' },
      coordinators: [],
      members: [],
      visibility: 'published',
      version: 1,
    });
    expect(await auditCount()).toBe(before + 1);
  });

  it('refuse bad input with 400 and change nothing', async () => {
    const before = await auditCount();
    for (const body of [
      { ...c21Body(), name: {} },
      { ...c21Body(), kind: 'working_group' },
      { ...c21Body(), parentId: ids.c21 },
      { ...c21Body(), secretariatId: 999_999 },
      { ...c21Body(), countryCode: 'China' },
      { ...c21Body(), website: 'ftp://example.org' },
      { ...c21Body(), extra: 1 },
    ]) {
      const response = await call('POST', '/api/networks', as.admin, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.details.length).toBeGreaterThan(0);
    }
    expect(await auditCount()).toBe(before);
  });

  it('get working groups from their coordinators; members and others may not make one', async () => {
    const group = {
      kind: 'working_group',
      parentId: ids.c21,
      name: { fi: 'Kiina-työryhmä', sv: 'Kina-arbetsgruppen', en: 'China working group' },
      theme: { fi: 'Kiina', sv: 'Kina', en: 'China' },
      countryCode: 'cn',
    };
    expect((await call('POST', '/api/networks', as.helsinki, group)).statusCode).toBe(403);
    // Only administrators name a secretariat, for a working group too.
    expect(
      (await call('POST', '/api/networks', as.secretariat, { ...group, secretariatId: ids.secretariat }))
        .statusCode,
    ).toBe(403);
    const created = await call('POST', '/api/networks', as.secretariat, group);
    expect(created.statusCode, created.body).toBe(201);
    const china = created.json();
    ids.china = china.id;
    expect(china).toMatchObject({
      kind: 'working_group',
      parentId: ids.c21,
      parent: { id: ids.c21, shortName: 'C21' },
      countryCode: 'CN',
      // A working group is run by its network's secretariat.
      secretariat: { id: ids.secretariat },
      viewer: { coordinates: true, canAppointCoordinators: true, canCreateWorkingGroup: false },
    });
    // Working groups belong to networks, not to other working groups.
    const nested = await call('POST', '/api/networks', as.secretariat, { ...group, parentId: ids.china });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details[0]).toMatchObject({ field: 'body.parentId' });
  });

  it('take members from their coordinators only: a member cannot add members, not even itself', async () => {
    const add = (headers: Headers, body: object) =>
      call('POST', `/api/networks/${ids.c21}/members`, headers, body);
    expect((await add({}, { placeId: ids.espoo })).statusCode).toBe(401);
    const before = await auditCount();
    const added = await add(as.secretariat, { placeId: ids.espoo, joinedOn: '2004-01-01' });
    expect(added.statusCode, added.body).toBe(201);
    expect(await auditCount()).toBe(before + 1);
    // Espoo is a member now; its editors still may not add anyone, nor add Espoo's university or themselves again.
    for (const body of [
      { placeId: ids.helsinki },
      { organizationId: ids.cityOfEspoo },
      { organizationId: ids.university },
    ])
      expect((await add(as.espoo, body)).statusCode).toBe(403);
    await ok('POST', `/api/networks/${ids.c21}/members`, as.secretariat, { placeId: ids.helsinki });
    await ok('POST', `/api/networks/${ids.c21}/members`, as.secretariat, { placeId: ids.tampere });
    await ok('POST', `/api/networks/${ids.c21}/members`, as.secretariat, { organizationId: ids.university });
    // Twice is a conflict; bad input is a 400; nothing changes.
    const twice = await add(as.secretariat, { placeId: ids.espoo });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.message).toMatch(/member already/);
    const after = await auditCount();
    for (const body of [
      { placeId: ids.espoo, organizationId: ids.university },
      {},
      { placeId: 999_999 },
      { organizationId: 999_999 },
      { placeId: ids.vantaa, joinedOn: '2020-01-01', leftOn: '2019-01-01' },
      { placeId: ids.vantaa, joinedOn: '2020-02-30' },
    ])
      expect((await add(as.secretariat, body)).statusCode, JSON.stringify(body)).toBe(400);
    // An internal organisation the coordinator may not read is as unknown as one that does not exist.
    const hidden = await add(as.secretariat, { organizationId: ids.hiddenCompany });
    expect(hidden.statusCode).toBe(400);
    expect(await auditCount()).toBe(after);
  });

  it('have coordinators appointed by the secretariat only: a coordinator cannot appoint coordinators', async () => {
    const appoint = (headers: Headers, body: object) =>
      call('PUT', `/api/networks/${ids.china}/coordinators`, headers, body);
    expect((await appoint(as.espoo, { organizationIds: [ids.cityOfEspoo] })).statusCode).toBe(403);
    const appointed = await appoint(as.secretariat, { organizationIds: [ids.cityOfEspoo] });
    expect(appointed.statusCode, appointed.body).toBe(200);
    expect(appointed.json().coordinators).toEqual([{ id: ids.cityOfEspoo, name: 'City of Espoo' }]);
    // Espoo coordinates the working group now, yet may not appoint anyone, itself included.
    const before = await auditCount();
    expect(
      (await appoint(as.espoo, { organizationIds: [ids.cityOfEspoo, ids.cityOfHelsinki] })).statusCode,
    ).toBe(403);
    expect((await appoint(as.espoo, { organizationIds: [] })).statusCode).toBe(403);
    // A stale version is a conflict with the group as it is.
    const stale = await appoint(as.secretariat, { organizationIds: [], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.coordinators).toHaveLength(1);
    expect(await auditCount()).toBe(before);
    const group = await ok('GET', `/api/networks/${ids.china}`, as.espoo);
    expect(group.viewer).toMatchObject({ coordinates: true, canAppointCoordinators: false });
  });

  it('keep a working group’s members among the current members of its network', async () => {
    const add = (body: object) => call('POST', `/api/networks/${ids.china}/members`, as.espoo, body);
    // Vantaa is not in C21: the refusal says why, on the field.
    const vantaa = await add({ placeId: ids.vantaa });
    expect(vantaa.statusCode).toBe(400);
    expect(vantaa.json().error.message).toMatch(/current members of its network/);
    expect(vantaa.json().error.details).toEqual([
      { field: 'body.placeId', message: 'is not a current member of the working group’s network' },
    ]);
    expect((await add({ organizationId: ids.cityOfVantaa })).statusCode).toBe(400);
    // The coordinating city adds itself and Helsinki; Espoo's government counts, being Espoo's.
    expect((await add({ placeId: ids.espoo, joinedOn: '2019-05-01' })).statusCode).toBe(201);
    expect((await add({ placeId: ids.helsinki })).statusCode).toBe(201);
    expect((await add({ organizationId: ids.cityOfEspoo })).statusCode).toBe(201);
    // A member who has left the network is no longer one.
    const [tampere] = (await ok('GET', `/api/networks/${ids.c21}`, as.secretariat)).members.filter(
      (member: { placeId: number }) => member.placeId === ids.tampere,
    );
    await ok('PATCH', `/api/networks/${ids.c21}/members/${tampere.id}`, as.secretariat, {
      leftOn: '2020-12-31',
    });
    expect((await add({ placeId: ids.tampere })).statusCode).toBe(400);
    const group = await ok('GET', `/api/networks/${ids.china}`, {});
    expect(group.members.map((member: { name: string }) => member.name)).toEqual([
      'City of Espoo',
      'Espoo',
      'Helsinki',
    ]);
    // Helsinki's editors are members, not coordinators: they see that, and may not add anyone.
    const helsinki = await ok('GET', `/api/networks/${ids.china}`, as.helsinki);
    expect(helsinki.viewer).toEqual({
      coordinates: false,
      canAppointCoordinators: false,
      canCreateWorkingGroup: false,
      canSetSecretariat: false,
      canDelete: false,
      memberOrganizationIds: [ids.cityOfHelsinki],
    });
    expect(helsinki.canEdit).toBe(false);
    expect(
      (await call('POST', `/api/networks/${ids.china}/members`, as.helsinki, { placeId: ids.tampere }))
        .statusCode,
    ).toBe(403);
  });

  it('shows a network with its members on a map and in a list, and what the reader may do', async () => {
    const c21 = await ok('GET', `/api/networks/${ids.c21}`, {});
    expect(c21.viewer).toBeNull();
    expect(c21.members).toEqual([
      expect.objectContaining({
        name: 'Aalto University',
        type: 'organization',
        kind: 'university',
        country: 'FI',
      }),
      expect.objectContaining({
        name: 'Espoo',
        type: 'place',
        placeId: ids.espoo,
        kind: 'municipality',
        country: 'FI',
        location: { lat: 60.2, lng: 24.66 },
        joinedOn: '2004-01-01',
        leftOn: null,
        current: true,
      }),
      expect.objectContaining({ name: 'Helsinki', current: true }),
      expect.objectContaining({ name: 'Tampere', leftOn: '2020-12-31', current: false }),
    ]);
    // The university is placed where Espoo is.
    expect(c21.members[0].location).toEqual({ lat: 60.2, lng: 24.66 });
    expect(c21.workingGroups).toEqual([
      expect.objectContaining({
        id: ids.china,
        countryCode: 'CN',
        memberCount: 3,
        theme: expect.any(Object),
      }),
    ]);
    const espoo = await ok('GET', `/api/networks/${ids.c21}`, as.espooViewer);
    expect(espoo.viewer).toMatchObject({ coordinates: false, memberOrganizationIds: [ids.cityOfEspoo] });
    const list = await ok('GET', '/api/networks', {});
    expect(list.items.map((item: { id: number }) => item.id)).toEqual([ids.c21, ids.china]);
    expect(list.items[0]).toMatchObject({ memberCount: 3, workingGroupCount: 1 });
    expect((await ok('GET', `/api/networks?parentId=${ids.c21}`, {})).items).toHaveLength(1);
    expect((await ok('GET', '/api/networks?kind=network&q=c21', {})).items).toHaveLength(1);
    expect(
      (await ok('GET', '/api/networks?q=kina', {})).items.map((item: { id: number }) => item.id),
    ).toEqual([ids.china]);
    const mine = await ok('GET', `/api/networks?organizationId=${ids.cityOfEspoo}`, as.espoo);
    expect(mine.items).toEqual([
      expect.objectContaining({ id: ids.c21, relation: { coordinates: false, member: true } }),
      expect.objectContaining({ id: ids.china, relation: { coordinates: true, member: true } }),
    ]);
    const secretariat = await ok('GET', `/api/networks?organizationId=${ids.secretariat}`, as.secretariat);
    expect(secretariat.items.map((item: { relation: object }) => item.relation)).toEqual([
      { coordinates: true, member: false },
      { coordinates: true, member: false },
    ]);
    expect((await call('GET', `/api/networks?organizationId=${ids.hiddenCompany}`, {})).statusCode).toBe(404);
    // A place belongs to a network itself or through its government; a reader sees only what they may read.
    const place = await ok('GET', `/api/networks?placeId=${ids.espoo}`, as.espoo);
    expect(place.items.map((item: { id: number }) => item.id)).toEqual([ids.c21, ids.china]);
    const anonymous = await ok('GET', `/api/networks?placeId=${ids.espoo}`, {});
    expect(anonymous.items.every((item: { visibility: string }) => item.visibility === 'published')).toBe(
      true,
    );
    expect((await ok('GET', `/api/networks?placeId=${ids.shanghai}`, {})).items).toEqual([]);
    expect((await call('GET', '/api/networks?placeId=0', {})).statusCode).toBe(400);
    // An internal government's membership does not show through its place to those who may not read it.
    const secretPlace = await makePlace(t.database.db, { name: 'Secretplace' });
    const secretGovernment = await makeOrganization(t.database.db, {
      name: 'Secret Government',
      placeId: secretPlace.id,
      visibility: 'internal',
    });
    await ok('POST', `/api/networks/${ids.c21}/members`, as.admin, { organizationId: secretGovernment.id });
    expect((await ok('GET', `/api/networks?placeId=${secretPlace.id}`, {})).items).toEqual([]);
    const asAdmin = await ok('GET', `/api/networks?placeId=${secretPlace.id}`, as.admin);
    expect(asAdmin.items.map((item: { id: number }) => item.id)).toEqual([ids.c21]);
    expect((await call('GET', '/api/networks/999999', {})).statusCode).toBe(404);
    expect((await call('GET', '/api/networks/abc', {})).statusCode).toBe(400);
  });

  it('lets coordinators edit the texts, with the version read; the secretariat stays with administrators', async () => {
    const group = await ok('GET', `/api/networks/${ids.china}`, as.espoo);
    const denied = await call('PATCH', `/api/networks/${ids.china}`, as.helsinki, {
      version: group.version,
      description: { en: 'Taken over' },
    });
    expect(denied.statusCode).toBe(403);
    const changed = await call('PATCH', `/api/networks/${ids.china}`, as.espoo, {
      version: group.version,
      description: { fi: 'Kartoittaa yhteistyötä Kiinan kanssa.', en: 'Maps cooperation with China.' },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().description.en).toBe('Maps cooperation with China.');
    const stale = await call('PATCH', `/api/networks/${ids.china}`, as.espoo, {
      version: group.version,
      website: 'https://example.org',
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.current.version).toBe(group.version + 1);
    const secretariat = await call('PATCH', `/api/networks/${ids.c21}`, as.secretariat, {
      version: (await ok('GET', `/api/networks/${ids.c21}`, {})).version,
      secretariatId: ids.cityOfEspoo,
    });
    expect(secretariat.statusCode).toBe(403);
    const c21 = await ok('GET', `/api/networks/${ids.c21}`, {});
    expect(
      (
        await call('PATCH', `/api/networks/${ids.c21}`, as.secretariat, {
          version: c21.version,
          shortName: 'C-21',
        })
      ).statusCode,
    ).toBe(200);
  });

  it('hides an internal network from anonymous readers and non-members; members and coordinators read it', async () => {
    const hidden = await ok('POST', '/api/networks', as.admin, {
      kind: 'network',
      name: { en: 'Quiet capitals forum' },
      visibility: 'internal',
    });
    await ok('POST', `/api/networks/${hidden.id}/members`, as.admin, { placeId: ids.helsinki });
    for (const headers of [{}, as.espoo, as.outsider]) {
      expect((await call('GET', `/api/networks/${hidden.id}`, headers)).statusCode).toBe(404);
      expect((await call('GET', `/api/networks/${hidden.id}/ties?country=CN`, headers)).statusCode).toBe(404);
      expect((await call('GET', `/api/networks/${hidden.id}/events`, headers)).statusCode).toBe(404);
      const list = await ok('GET', '/api/networks', headers);
      expect(list.items.map((item: { id: number }) => item.id)).not.toContain(hidden.id);
    }
    // Helsinki's government speaks for a member place; its viewers and editors read it.
    const member = await ok('GET', `/api/networks/${hidden.id}`, as.helsinki);
    expect(member.viewer.memberOrganizationIds).toEqual([ids.cityOfHelsinki]);
    expect(
      (await ok('GET', '/api/networks', as.helsinki)).items.map((item: { id: number }) => item.id),
    ).toContain(hidden.id);
    expect((await call('GET', `/api/networks/${hidden.id}/history`, as.helsinki)).statusCode).toBe(200);
    expect((await call('GET', `/api/networks/${hidden.id}/history`, as.espoo)).statusCode).toBe(404);
    // Appointed, Espoo's government reads it too.
    await ok('PUT', `/api/networks/${hidden.id}/coordinators`, as.admin, {
      organizationIds: [ids.cityOfEspoo],
    });
    expect((await call('GET', `/api/networks/${hidden.id}`, as.espooViewer)).statusCode).toBe(200);
    // A tie cannot name a network its author may not read.
    const tie = await call('POST', '/api/partnerships', as.vantaa, {
      kind: 'network_membership',
      parties: [{ placeId: ids.vantaa }, { organizationId: ids.secretariat }],
      networkId: hidden.id,
    });
    expect(tie.statusCode).toBe(400);
    expect(tie.json().error.details).toEqual([
      { field: 'body.networkId', message: 'is not a known network' },
    ]);
  });

  it('answers the members’ ties with a country, as far as the reader may read them', async () => {
    const db = t.database.db;
    const espooShanghai = await makePartnership(db, [ids.espoo, ids.shanghai], { startedOn: '1998-01-01' });
    const helsinkiBeijing = await makePartnership(db, [ids.helsinki, ids.beijing], {
      kind: 'friendship_city',
      visibility: 'internal',
    });
    await makePartnership(db, [ids.espoo, ids.tallinn]);
    // Vantaa is not a member; Tampere has left.
    await makePartnership(db, [ids.vantaa, ids.shanghai]);
    await makePartnership(db, [ids.tampere, ids.beijing]);
    // An organisation member's tie with a company based in China.
    const shanghaiCompany = await makeOrganization(db, {
      name: 'Shanghai Tech',
      kind: 'company',
      placeId: ids.shanghai,
    });
    const project = await ok('POST', '/api/partnerships', as.admin, {
      kind: 'project',
      parties: [{ organizationId: ids.university }, { organizationId: shanghaiCompany.id }],
    });
    const anonymous = await ok('GET', `/api/networks/${ids.c21}/ties?country=cn`, {});
    expect(anonymous.country).toBe('CN');
    expect(anonymous.items).toEqual([
      expect.objectContaining({
        id: project.id,
        kind: 'project',
        member: { type: 'organization', id: ids.university, name: 'Aalto University', country: 'FI' },
        partner: { type: 'organization', id: shanghaiCompany.id, name: 'Shanghai Tech', country: 'CN' },
      }),
      {
        id: espooShanghai.id,
        kind: 'twin_town',
        status: 'active',
        signedOn: null,
        startedOn: '1998-01-01',
        endedOn: null,
        visibility: 'published',
        member: { type: 'place', id: ids.espoo, name: 'Espoo', country: 'FI' },
        partner: { type: 'place', id: ids.shanghai, name: 'Shanghai', country: 'CN' },
      },
    ]);
    // Helsinki's editors read Helsinki's internal tie too; the working group's country is the default.
    const helsinki = await ok('GET', `/api/networks/${ids.china}/ties`, as.helsinki);
    expect(helsinki.country).toBe('CN');
    expect(helsinki.items.map((item: { id: number }) => item.id)).toEqual([
      espooShanghai.id,
      helsinkiBeijing.id,
    ]);
    expect((await ok('GET', `/api/networks/${ids.china}/ties`, {})).items).toHaveLength(1);
    // A network about no one country needs one named.
    const none = await call('GET', `/api/networks/${ids.c21}/ties`, {});
    expect(none.statusCode).toBe(400);
    expect((await call('GET', `/api/networks/${ids.c21}/ties?country=China`, {})).statusCode).toBe(400);
  });

  it('lists the events its secretariat and coordinators hosted, those the reader may read', async () => {
    const db = t.database.db;
    const event = (title: string, visibility: 'published' | 'internal', host: number) =>
      db.transaction(async (tx) => {
        const [row] = await tx
          .insert(events)
          .values({
            kind: 'meeting',
            attendanceMode: 'online',
            startsAt: new Date('2020-12-01T08:00:00Z'),
            endsAt: new Date('2020-12-01T10:00:00Z'),
            timeZone: 'Europe/Helsinki',
            title: { en: title },
            visibility,
          })
          .returning();
        await tx.insert(eventHosts).values({ eventId: row!.id, organizationId: host });
        return row!;
      });
    const meeting = await event('China working group meeting', 'published', ids.cityOfEspoo);
    const internal = await event('Coordinators’ call', 'internal', ids.secretariat);
    await event('Helsinki’s own forum', 'published', ids.cityOfHelsinki);
    const anonymous = await ok('GET', `/api/networks/${ids.china}/events`, {});
    expect(anonymous.items).toEqual([
      expect.objectContaining({
        id: meeting.id,
        title: { en: 'China working group meeting' },
        hosts: [{ id: ids.cityOfEspoo, name: 'City of Espoo' }],
        startsAt: '2020-12-01T08:00:00.000Z',
      }),
    ]);
    const secretariat = await ok('GET', `/api/networks/${ids.china}/events`, as.secretariat);
    expect(secretariat.items.map((item: { id: number }) => item.id).sort()).toEqual(
      [meeting.id, internal.id].sort(),
    );
    // The network is run by its secretariat alone.
    expect((await ok('GET', `/api/networks/${ids.c21}/events`, {})).items).toEqual([]);
  });

  it('keeps a member in the network while it is in a working group, and the history of every change', async () => {
    const c21 = await ok('GET', `/api/networks/${ids.c21}`, as.secretariat);
    const helsinki = c21.members.find((member: { placeId: number }) => member.placeId === ids.helsinki);
    const refused = await call('DELETE', `/api/networks/${ids.c21}/members/${helsinki.id}`, as.secretariat);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/working group/);
    const leaving = await call('PATCH', `/api/networks/${ids.c21}/members/${helsinki.id}`, as.secretariat, {
      leftOn: '2021-01-01',
    });
    expect(leaving.statusCode).toBe(409);
    const inGroup = (await ok('GET', `/api/networks/${ids.china}`, as.espoo)).members.find(
      (member: { placeId: number }) => member.placeId === ids.helsinki,
    );
    expect(
      (await call('DELETE', `/api/networks/${ids.china}/members/${inGroup.id}`, as.helsinki)).statusCode,
    ).toBe(403);
    await ok('DELETE', `/api/networks/${ids.china}/members/${inGroup.id}`, as.espoo);
    const removed = await ok('DELETE', `/api/networks/${ids.c21}/members/${helsinki.id}`, as.secretariat);
    expect(removed.members.map((member: { name: string }) => member.name)).not.toContain('Helsinki');
    // A membership of another network is not this one's.
    expect(
      (await call('DELETE', `/api/networks/${ids.c21}/members/${inGroup.id}`, as.secretariat)).statusCode,
    ).toBe(404);
    const badDates = await call(
      'PATCH',
      `/api/networks/${ids.china}/members/${removed.members[0].id}`,
      as.espoo,
      {
        joinedOn: '2030-01-01',
        leftOn: '2029-01-01',
      },
    );
    expect(badDates.statusCode).toBe(400);
    const history = await ok('GET', `/api/networks/${ids.china}/history`, as.espooViewer);
    expect(history.items.map((item: { action: string }) => item.action)).toEqual([
      'create',
      'set_coordinators',
      'add_member',
      'add_member',
      'add_member',
      'update',
      'remove_member',
    ]);
    expect(history.items[1].after.coordinatorIds).toEqual([ids.cityOfEspoo]);
    // The group spans organisations: it reads who made a change by name, not by e-mail address.
    for (const item of history.items) expect(item.actor).not.toMatch(/@/);
    expect((await call('GET', `/api/networks/${ids.china}/history`, {})).statusCode).toBe(401);
    expect((await call('GET', `/api/networks/${ids.china}/history`, as.outsider)).statusCode).toBe(403);
  });

  it('deletes and restores a working group by its network’s coordinators, a network by administrators', async () => {
    const group = await ok('POST', '/api/networks', as.secretariat, {
      kind: 'working_group',
      parentId: ids.c21,
      name: { en: 'Climate working group' },
    });
    await ok('PUT', `/api/networks/${group.id}/coordinators`, as.secretariat, {
      organizationIds: [ids.cityOfEspoo],
    });
    const current = await ok('GET', `/api/networks/${group.id}`, {});
    // Its own coordinators run it, but do not delete it.
    expect(
      (await call('DELETE', `/api/networks/${group.id}?version=${current.version}`, as.espoo)).statusCode,
    ).toBe(403);
    // Not while a campaign of its members runs: it would lose its target.
    const campaign = await ok('POST', '/api/campaigns', as.espoo, {
      networkId: group.id,
      title: { fi: 'Kysely', sv: 'Enkät', en: 'Survey' },
      definition: {
        sections: [
          {
            key: 'now',
            title: { fi: 'Nyt', sv: 'Nu', en: 'Now' },
            questions: [
              { key: 'plans', type: 'yes_no', label: { fi: 'Suunnitelmia?', sv: 'Planer?', en: 'Plans?' } },
            ],
          },
        ],
      },
    });
    const refused = await call(
      'DELETE',
      `/api/networks/${group.id}?version=${current.version}`,
      as.secretariat,
    );
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().error.code).toBe('NETWORK_HAS_OPEN_CAMPAIGNS');
    const kept = await ok('GET', `/api/networks/${group.id}`, as.secretariat);
    expect(kept.deletedAt).toBeNull();
    expect(kept.viewer.canDelete).toBe(true);
    // Its own coordinator who does not coordinate the network may not delete the group.
    expect((await ok('GET', `/api/networks/${group.id}`, as.espoo)).viewer.canDelete).toBe(false);
    await ok('DELETE', `/api/campaigns/${campaign.id}?version=${campaign.version}`, as.espoo);
    const deleted = await ok(
      'DELETE',
      `/api/networks/${group.id}?version=${current.version}`,
      as.secretariat,
    );
    expect(deleted.deletedAt).not.toBeNull();
    expect((await call('GET', `/api/networks/${group.id}`, {})).statusCode).toBe(404);
    expect((await call('GET', `/api/networks/${group.id}`, as.secretariat)).statusCode).toBe(200);
    expect(
      (await call('POST', `/api/networks/${group.id}/members`, as.secretariat, { placeId: ids.espoo }))
        .statusCode,
    ).toBe(404);
    const again = await call(
      'DELETE',
      `/api/networks/${group.id}?version=${deleted.version}`,
      as.secretariat,
    );
    expect(again.statusCode).toBe(409);
    const restored = await ok('POST', `/api/networks/${group.id}/restore`, as.secretariat, {
      version: deleted.version,
    });
    expect(restored.deletedAt).toBeNull();
    // A network with working groups is not deleted.
    const c21 = await ok('GET', `/api/networks/${ids.c21}`, {});
    expect(
      (await call('DELETE', `/api/networks/${ids.c21}?version=${c21.version}`, as.secretariat)).statusCode,
    ).toBe(403);
    const withGroups = await call('DELETE', `/api/networks/${ids.c21}?version=${c21.version}`, as.admin);
    expect(withGroups.statusCode).toBe(409);
    expect(withGroups.json().error.code).toBe('NETWORK_HAS_WORKING_GROUPS');
    expect((await ok('GET', `/api/networks/${ids.c21}`, as.admin)).viewer.canDelete).toBe(true);
    expect((await ok('GET', `/api/networks/${ids.c21}`, as.secretariat)).viewer.canDelete).toBe(false);
  });
});

describe('a network membership tie', () => {
  it('names its network, and only a tie of that kind does', async () => {
    const made = await call('POST', '/api/partnerships', as.espoo, {
      kind: 'network_membership',
      parties: [{ placeId: ids.espoo }, { organizationId: ids.secretariat }],
      networkId: ids.c21,
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json().networkId).toBe(ids.c21);
    expect((await ok('GET', `/api/partnerships/${made.json().id}`, {})).networkId).toBe(ids.c21);
    const wrongKind = await call('POST', '/api/partnerships', as.espoo, {
      kind: 'mou',
      parties: [{ placeId: ids.espoo }, { placeId: ids.shanghai }],
      networkId: ids.c21,
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details).toEqual([
      { field: 'body.networkId', message: 'needs kind network_membership' },
    ]);
    const unknown = await call('POST', '/api/partnerships', as.espoo, {
      kind: 'network_membership',
      parties: [{ placeId: ids.espoo }, { organizationId: ids.university }],
      networkId: 999_999,
    });
    expect(unknown.statusCode).toBe(400);
    // Changing the kind of a tie that names its network, or naming one on a tie of another kind, is refused.
    const tie = made.json();
    const rekind = await call('PATCH', `/api/partnerships/${tie.id}`, as.espoo, {
      version: tie.version,
      kind: 'project',
    });
    expect(rekind.statusCode).toBe(400);
    const cleared = await ok('PATCH', `/api/partnerships/${tie.id}`, as.espoo, {
      version: tie.version,
      networkId: null,
    });
    expect(cleared.networkId).toBeNull();
    const named = await ok('PATCH', `/api/partnerships/${tie.id}`, as.espoo, {
      version: cleared.version,
      networkId: ids.china,
    });
    expect(named.networkId).toBe(ids.china);
  });
});

describe("a network's appointed coordinators", () => {
  it('read the working groups they may delete, internal ones too', async () => {
    const group = await ok('POST', '/api/networks', as.admin, {
      kind: 'working_group',
      parentId: ids.c21,
      name: { en: 'Closed group' },
      visibility: 'internal',
    });
    expect((await call('GET', `/api/networks/${group.id}`, as.outsider)).statusCode).toBe(404);
    const before = await ok('GET', `/api/networks/${ids.c21}`, as.admin);
    const appointed = before.coordinators.map((organization: { id: number }) => organization.id);
    await ok('PUT', `/api/networks/${ids.c21}/coordinators`, as.admin, {
      organizationIds: [...appointed, ids.university],
    });
    const seen = await ok('GET', `/api/networks/${group.id}`, as.outsider);
    expect(seen.viewer).toMatchObject({ coordinates: false, canDelete: true });
    expect(
      (await ok('GET', `/api/networks/${ids.c21}`, as.outsider)).workingGroups.map(
        (g: { id: number }) => g.id,
      ),
    ).toContain(group.id);
    await ok('DELETE', `/api/networks/${group.id}?version=${seen.version}`, as.outsider);
    await ok('PUT', `/api/networks/${ids.c21}/coordinators`, as.admin, { organizationIds: appointed });
  });
});

describe('merges', () => {
  const networkState = () =>
    queryRows(
      t.database.db,
      sql`select
        (select json_agg(json_build_array(id, network_id, place_id, organization_id) order by id) from network_members) as members,
        (select json_agg(json_build_array(network_id, organization_id) order by network_id, organization_id) from network_coordinators) as coordinators,
        (select json_agg(json_build_array(id, secretariat_id) order by id) from networks) as secretariats`,
    );

  it('move memberships, coordination and secretariats to the record that stays, and back on undo', async () => {
    const db = t.database.db;
    const kept = await makeOrganization(db, { name: 'Network office', kind: 'network_secretariat' });
    const duplicate = await makeOrganization(db, {
      name: 'Network office (old)',
      kind: 'network_secretariat',
    });
    const network = await ok('POST', '/api/networks', as.admin, {
      kind: 'network',
      name: { en: 'Baltic cities' },
      secretariatId: duplicate.id,
    });
    const group = await ok('POST', '/api/networks', as.admin, {
      kind: 'working_group',
      parentId: network.id,
      name: { en: 'Culture group' },
    });
    await ok('PUT', `/api/networks/${group.id}/coordinators`, as.admin, {
      organizationIds: [duplicate.id, kept.id],
    });
    await ok('PUT', `/api/networks/${network.id}/coordinators`, as.admin, {
      organizationIds: [duplicate.id],
    });
    await ok('POST', `/api/networks/${network.id}/members`, as.admin, { organizationId: duplicate.id });
    const turku = await makePlace(db, { name: 'Turku' });
    const abo = await makePlace(db, { name: 'Åbo' });
    await ok('POST', `/api/networks/${network.id}/members`, as.admin, { placeId: abo.id });
    await ok('POST', `/api/networks/${ids.c21}/members`, as.admin, { placeId: abo.id });
    await ok('POST', `/api/networks/${ids.c21}/members`, as.admin, { placeId: turku.id });
    const before = await networkState();

    const merged = await ok('POST', `/api/organizations/${duplicate.id}/merge`, as.admin, {
      intoId: kept.id,
    });
    expect(merged.moved).toMatchObject({
      networkMembers: 1,
      networkCoordinators: 1,
      networkCoordinatorsDropped: 1,
      networkSecretariats: 1,
    });
    const after = await ok('GET', `/api/networks/${network.id}`, {});
    expect(after.secretariat).toEqual({ id: kept.id, name: 'Network office' });
    expect(after.coordinators).toEqual([{ id: kept.id, name: 'Network office' }]);
    expect(after.members.map((member: { organizationId: number }) => member.organizationId)).toContain(
      kept.id,
    );
    expect((await ok('GET', `/api/networks/${group.id}`, {})).coordinators).toEqual([
      { id: kept.id, name: 'Network office' },
    ]);
    await ok('POST', `/api/merges/${merged.id}/undo`, as.admin);
    expect(await networkState()).toEqual(before);

    // Åbo into Turku: its membership of the new network moves; in C21, where Turku is a member, it stays unseen.
    const places = await ok('POST', `/api/places/${abo.id}/merge`, as.admin, { intoId: turku.id });
    expect(places.moved.networkMembers).toBe(1);
    const c21 = await ok('GET', `/api/networks/${ids.c21}`, {});
    expect(c21.members.filter((member: { name: string }) => member.name === 'Åbo')).toEqual([]);
    expect(c21.members.filter((member: { name: string }) => member.name === 'Turku')).toHaveLength(1);
    await ok('POST', `/api/merges/${places.id}/undo`, as.admin);
    expect(await networkState()).toEqual(before);
  });

  it('move the posts written for the duplicate, its mentions and its campaign responses, and back on undo', async () => {
    const db = t.database.db;
    const kept = await makeOrganization(db, { name: 'City of Porvoo', kind: 'city_government' });
    const duplicate = await makeOrganization(db, { name: 'Porvoon kaupunki', kind: 'city_government' });
    const other = await makeOrganization(db, { name: 'City of Lahti', kind: 'city_government' });
    const post = (organizationId: number, mentions: number[]) =>
      queryRows<{ id: number }>(
        db,
        sql`insert into network_posts (network_id, organization_id, body, mentions)
            values (${ids.c21}, ${organizationId}, 'On the agenda', ${`{${mentions.join(',')}}`}::int[])
            returning id`,
      ).then(([row]) => row!.id);
    const written = await post(duplicate.id, [other.id]);
    const mentioning = await post(other.id, [duplicate.id, other.id]);
    const mentioningBoth = await post(other.id, [duplicate.id, other.id, kept.id]);
    const untouched = await post(kept.id, [other.id]);
    const [campaign] = await queryRows<{ id: number }>(
      db,
      sql`insert into campaigns (network_id, title, definition)
          values (${ids.c21}, '{"en": "Round"}', '{"sections": []}') returning id`,
    );
    const [rival] = await queryRows<{ id: number }>(
      db,
      sql`insert into campaigns (network_id, title, definition)
          values (${ids.c21}, '{"en": "Other round"}', '{"sections": []}') returning id`,
    );
    const respond = (campaignId: number, organizationId: number) =>
      queryRows<{ id: number }>(
        db,
        sql`insert into campaign_responses (campaign_id, organization_id) values (${campaignId}, ${organizationId})
            returning id`,
      ).then(([row]) => row!.id);
    const movedResponse = await respond(campaign!.id, duplicate.id);
    const keptResponse = await respond(rival!.id, kept.id);
    const staysResponse = await respond(rival!.id, duplicate.id);
    const state = () =>
      queryRows(
        db,
        sql`select
          (select json_agg(json_build_array(id, organization_id, mentions) order by id) from network_posts
           where id in (${written}, ${mentioning}, ${mentioningBoth}, ${untouched})) as posts,
          (select json_agg(json_build_array(id, organization_id) order by id) from campaign_responses
           where id in (${movedResponse}, ${keptResponse}, ${staysResponse})) as responses`,
      );
    const before = await state();

    const merged = await ok('POST', `/api/organizations/${duplicate.id}/merge`, as.admin, {
      intoId: kept.id,
    });
    expect(merged.moved).toMatchObject({
      networkPosts: 1,
      networkPostMentions: 1,
      networkPostMentionsDropped: 1,
      campaignResponses: 1,
    });
    const [after] = await state();
    expect(after).toEqual({
      posts: [
        [written, kept.id, [other.id]],
        [mentioning, other.id, [kept.id, other.id]],
        [mentioningBoth, other.id, [other.id, kept.id]],
        [untouched, kept.id, [other.id]],
      ],
      // The rival round, which the one that stays answered already, keeps the duplicate's response as it was.
      responses: [
        [movedResponse, kept.id],
        [keptResponse, kept.id],
        [staysResponse, duplicate.id],
      ],
    });
    await ok('POST', `/api/merges/${merged.id}/undo`, as.admin);
    expect(await state()).toEqual(before);
  });
});
