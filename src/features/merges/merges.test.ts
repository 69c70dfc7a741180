import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace, makeSource } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import { partnershipSources } from '../../db/schema.ts';

let t: TestApp;
let admin: Record<string, string>;
let editor: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionHeaders(t.database.db, (await makeUser(t.database.db, { isAdmin: true })).id);
  editor = await sessionHeaders(t.database.db, (await makeUser(t.database.db)).id);
});
afterAll(() => t.close());

const post = (url: string, headers: Record<string, string>, payload?: object) =>
  t.app.inject({ method: 'POST', url, headers, payload });

/** What a merge changes and its undo must restore: references, keys, names, counts and deletions. */
const state = async () =>
  queryRows(
    t.database.db,
    sql`select
      (select json_agg(json_build_array(partnership_id, place_id, organization_id) order by id) from partnership_parties) as parties,
      (select json_agg(json_build_array(id, party_key, deleted_at is null) order by id) from partnerships) as ties,
      (select json_agg(json_build_array(id, partnership_id) order by id) from partnership_sources) as sources,
      (select json_agg(json_build_array(id, place_id, kind) order by id) from place_names) as names,
      (select json_agg(json_build_array(id, partner_count, merged_into_id) order by id) from places) as places,
      (select json_agg(json_build_array(id, place_id, keeper_id, aliases, merged_into_id) order by id) from organizations) as organizations,
      (select json_agg(json_build_array(user_id, organization_id) order by user_id, organization_id) from memberships) as memberships,
      (select json_agg(json_build_array(id, organization_id) order by id) from posts) as posts`,
  );

describe('merging duplicate places', () => {
  it('moves ties, names and organisations to the place that stays, and the undo puts everything back', async () => {
    const db = t.database.db;
    const espoo = await makePlace(db, { name: 'Espoo' });
    const duplicate = await makePlace(db, { name: 'Espoo (city)', names: [{ name: 'Esbo', lang: 'sv' }] });
    const shanghai = await makePlace(db, { name: 'Shanghai', country: 'CN' });
    const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
    const kept = await makePartnership(db, [espoo.id, shanghai.id]);
    const twin = await makePartnership(db, [duplicate.id, shanghai.id]);
    const source = await makeSource(db, 'second-source');
    await db
      .insert(partnershipSources)
      .values({ partnershipId: twin.id, sourceId: source.id, recordKey: 'x', raw: {} });
    const moving = await makePartnership(db, [duplicate.id, tallinn.id]);
    const government = await makeOrganization(db, { name: 'City of Espoo', placeId: duplicate.id });
    const before = await state();

    expect((await post(`/api/places/${duplicate.id}/merge`, editor, { intoId: espoo.id })).statusCode).toBe(
      403,
    );
    expect(
      (await post(`/api/places/${duplicate.id}/merge`, admin, { intoId: duplicate.id })).statusCode,
    ).toBe(400);
    const merged = await post(`/api/places/${duplicate.id}/merge`, admin, { intoId: espoo.id });
    expect(merged.statusCode).toBe(201);
    expect(merged.json()).toMatchObject({ entityType: 'place', fromId: duplicate.id, intoId: espoo.id });

    const partners = (await t.app.inject({ url: `/api/places/${espoo.id}/partners` })).json();
    expect(
      partners.partners.map((partner: { place: { name: string } }) => partner.place.name).sort(),
    ).toEqual(['Shanghai', 'Tallinn']);
    const keptTie = (await t.app.inject({ url: `/api/partnerships/${kept.id}` })).json();
    expect(keptTie.sources.map((entry: { key: string }) => entry.key).sort()).toEqual([
      'second-source',
      'test-source',
    ]);
    expect((await t.app.inject({ url: `/api/partnerships/${twin.id}` })).statusCode).toBe(404);
    const found = (await t.app.inject({ url: '/api/places?q=Esbo' })).json();
    expect(found.results.map((result: { id: number }) => result.id)).toEqual([espoo.id]);
    const organization = (await t.app.inject({ url: `/api/organizations/${government.id}` })).json();
    expect(organization.place.id).toBe(espoo.id);
    const moved = (await t.app.inject({ url: `/api/partnerships/${moving.id}` })).json();
    expect(moved.parties.map((party: { placeId: number }) => party.placeId).sort()).toEqual(
      [espoo.id, tallinn.id].sort(),
    );
    expect((await post(`/api/places/${duplicate.id}/merge`, admin, { intoId: espoo.id })).statusCode).toBe(
      409,
    );

    const undone = await post(`/api/merges/${merged.json().id}/undo`, admin);
    expect(undone.statusCode).toBe(200);
    expect(undone.json().undoneAt).not.toBeNull();
    expect(await state()).toEqual(before);
    expect((await post(`/api/merges/${merged.json().id}/undo`, admin)).statusCode).toBe(409);
    const history = await queryRows<{ action: string }>(
      db,
      sql`select action from audit_events where entity_type = 'place' and entity_id = ${duplicate.id} order by id`,
    );
    expect(history.map((row) => row.action)).toEqual(['merge', 'unmerge']);
  });

  it('refuses to merge two parties of the same tie', async () => {
    const db = t.database.db;
    const a = await makePlace(db, { name: 'Twin A' });
    const b = await makePlace(db, { name: 'Twin B' });
    await makePartnership(db, [a.id, b.id]);
    const refused = await post(`/api/places/${a.id}/merge`, admin, { intoId: b.id });
    expect(refused.statusCode).toBe(409);
  });
});

describe('merging duplicate organisations', () => {
  it('moves members, posts and names, and the undo puts them back', async () => {
    const db = t.database.db;
    const kept = await makeOrganization(db, { name: 'Team Finland Shanghai', kind: 'national_agency' });
    const duplicate = await makeOrganization(db, {
      name: 'Business Finland Shanghai',
      kind: 'national_agency',
    });
    const member = await makeUser(db, { memberships: [{ organizationId: duplicate.id, role: 'editor' }] });
    const person = await post('/api/people', admin, {
      name: 'Representative',
      keeperId: duplicate.id,
      posts: [{ organizationId: duplicate.id, role: 'trade_representative' }],
    });
    expect(person.statusCode).toBe(201);
    const before = await state();

    const merged = await post(`/api/organizations/${duplicate.id}/merge`, admin, { intoId: kept.id });
    expect(merged.statusCode, merged.body).toBe(201);
    const organization = (await t.app.inject({ url: `/api/organizations/${kept.id}` })).json();
    expect(organization.aliases).toContain('Business Finland Shanghai');
    const memberSession = await sessionHeaders(db, member.id);
    const session = (await t.app.inject({ url: '/api/auth/session', headers: memberSession })).json();
    expect(session.memberships.map((entry: { organizationId: number }) => entry.organizationId)).toEqual([
      kept.id,
    ]);
    const moved = (await t.app.inject({ url: `/api/people/${person.json().id}`, headers: admin })).json();
    expect(moved).toMatchObject({
      keeperId: kept.id,
      posts: [expect.objectContaining({ organizationId: kept.id })],
    });
    const listed = (await t.app.inject({ url: '/api/organizations?q=Finland' })).json();
    expect(listed.items.map((item: { id: number }) => item.id)).toEqual([kept.id]);

    expect((await post(`/api/merges/${merged.json().id}/undo`, admin)).statusCode).toBe(200);
    expect(await state()).toEqual(before);
  });
});
