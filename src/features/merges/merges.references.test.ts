import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { makeUser, sessionHeaders } from '../../../test/helpers/auth.ts';
import { makeOrganization, makePlace, makeSource } from '../../../test/helpers/factories.ts';
import { queryRows } from '../../db/query.ts';
import {
  activities,
  activityLinks,
  eventHosts,
  eventInvitations,
  eventSeats,
  eventSessions,
  events,
  partnershipParties,
  partnershipSources,
  partnerships,
  people,
  placeOrigins,
  posts,
} from '../../db/schema.ts';

let t: TestApp;
let admin: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  admin = await sessionHeaders(t.database.db, (await makeUser(t.database.db, { isAdmin: true })).id);
});
afterAll(() => t.close());

const post = (url: string) => t.app.inject({ method: 'POST', url, headers: admin });
const merge = (url: string, intoId: number) =>
  t.app.inject({ method: 'POST', url, headers: admin, payload: { intoId } });

/** Every reference a merge may move, and what marks a record merged or a tie deleted. */
const state = async () =>
  queryRows(
    t.database.db,
    sql`select
      (select json_agg(json_build_array(id, partnership_id, place_id, organization_id) order by id) from partnership_parties) as parties,
      (select json_agg(json_build_array(id, party_key, deleted_at is null) order by id) from partnerships) as ties,
      (select json_agg(json_build_array(id, partnership_id) order by id) from partnership_sources) as sources,
      (select json_agg(json_build_array(id, place_id, kind) order by id) from place_names) as names,
      (select json_agg(json_build_array(id, place_id) order by id) from place_origins) as origins,
      (select json_agg(json_build_array(id, parent_id, partner_count, merged_into_id) order by id) from places) as places,
      (select json_agg(json_build_array(id, place_id, keeper_id, aliases, merged_into_id) order by id) from organizations) as organizations,
      (select json_agg(json_build_array(user_id, organization_id) order by user_id, organization_id) from memberships) as memberships,
      (select json_agg(json_build_array(id, organization_id) order by id) from posts) as posts,
      (select json_agg(json_build_array(id, keeper_id) order by id) from people) as people,
      (select json_agg(json_build_array(id, organization_id) order by id) from activities) as activities,
      (select json_agg(json_build_array(id, activity_id, organization_id) order by id) from activity_links) as links,
      (select json_agg(json_build_array(id, venue_place_id) order by id) from events) as events,
      (select json_agg(json_build_array(event_id, organization_id) order by event_id, organization_id) from event_hosts) as hosts,
      (select json_agg(json_build_array(id, place_id, organization_id, supported_by_id, status) order by id) from event_invitations) as invitations,
      (select json_agg(json_build_array(id, place_id, organization_id) order by id) from event_seats) as seats`,
  );

/** An event's own fields, without hosts or venue. */
const anEvent = (title: string) => ({
  kind: 'forum' as const,
  attendanceMode: 'online' as const,
  startsAt: new Date('2026-05-01T06:00:00Z'),
  endsAt: new Date('2026-05-01T09:00:00Z'),
  timeZone: 'Asia/Tokyo',
  title: { en: title },
});

/** A tie between a place and an organisation, reported by one source row. */
async function makeOrganizationTie(
  kind: 'project' | 'network_membership',
  placeId: number,
  organizationId: number,
) {
  const source = await makeSource(t.database.db);
  return t.database.db.transaction(async (tx) => {
    const [tie] = await tx
      .insert(partnerships)
      .values({ kind, partyKey: `${placeId}-o${organizationId}` })
      .returning();
    await tx.insert(partnershipParties).values([
      { partnershipId: tie!.id, placeId },
      { partnershipId: tie!.id, organizationId },
    ]);
    await tx
      .insert(partnershipSources)
      .values({ partnershipId: tie!.id, sourceId: source.id, recordKey: `row-${tie!.id}`, raw: {} });
    return tie!;
  });
}

describe('a merge and its undo, reference by reference', () => {
  it('moves an organisation’s ties, members, posts, kept records, activities, links and hosted events, and puts each back', async () => {
    const db = t.database.db;
    const helsinki = await makePlace(db, { name: 'Helsinki' });
    const kept = await makeOrganization(db, { name: 'Team Finland Tokyo', kind: 'national_agency' });
    const duplicate = await makeOrganization(db, {
      name: 'Business Finland Tokyo',
      kind: 'national_agency',
      aliases: ['BF Tokyo', 'Team Finland Tokyo'],
    });
    const keptByDuplicate = await makeOrganization(db, {
      name: 'Finnish School Tokyo',
      keeperId: duplicate.id,
    });
    const project = await makeOrganizationTie('project', helsinki.id, duplicate.id);
    const membershipTwin = await makeOrganizationTie('network_membership', helsinki.id, duplicate.id);
    const membership = await makeOrganizationTie('network_membership', helsinki.id, kept.id);
    await makeUser(db, { memberships: [{ organizationId: duplicate.id, role: 'editor' }] });
    // A member of both keeps both memberships: theirs in the organisation that stays is not replaced.
    await makeUser(db, {
      memberships: [
        { organizationId: duplicate.id, role: 'editor' },
        { organizationId: kept.id, role: 'viewer' },
      ],
    });
    const [person] = await db
      .insert(people)
      .values({ name: 'Trade officer', keeperId: duplicate.id })
      .returning();
    await db.insert(posts).values({ personId: person!.id, organizationId: duplicate.id, role: 'other' });
    const [logged] = await db
      .insert(activities)
      .values({ kind: 'meeting', occurredOn: '2026-03-01', title: 'Kick-off', organizationId: duplicate.id })
      .returning();
    const [elsewhere] = await db
      .insert(activities)
      .values({
        kind: 'call',
        occurredOn: '2026-03-02',
        title: 'Follow-up',
        organizationId: keptByDuplicate.id,
      })
      .returning();
    // One activity links to both organisations: its link to the duplicate stays where it is.
    await db.insert(activityLinks).values([
      { activityId: logged!.id, organizationId: kept.id },
      { activityId: logged!.id, organizationId: duplicate.id },
      { activityId: elsewhere!.id, organizationId: duplicate.id },
    ]);
    // One event is hosted by the duplicate alone, one by both: the second keeps a single host row.
    const [hostedAlone, hostedByBoth] = await db
      .insert(events)
      .values([anEvent('Expo'), anEvent('Forum')])
      .returning();
    await db.insert(eventHosts).values([
      { eventId: hostedAlone!.id, organizationId: duplicate.id },
      { eventId: hostedByBoth!.id, organizationId: duplicate.id },
      { eventId: hostedByBoth!.id, organizationId: kept.id },
    ]);
    // The duplicate is invited to one event alone (its invitation moves) and to another with the kept one (it
    // stays, answered as it was); it supported an exhibitor at a third.
    const exhibitor = await makeOrganization(db, { name: 'Tokyo Exhibitor', kind: 'company' });
    await db.insert(eventInvitations).values([
      { eventId: hostedAlone!.id, organizationId: duplicate.id, status: 'accepted' },
      { eventId: hostedByBoth!.id, organizationId: duplicate.id, status: 'declined' },
      { eventId: hostedByBoth!.id, organizationId: kept.id },
      {
        eventId: hostedAlone!.id,
        organizationId: exhibitor.id,
        role: 'exhibitor',
        supportedById: duplicate.id,
      },
    ]);
    const [session] = await db
      .insert(eventSessions)
      .values({ eventId: hostedAlone!.id, position: 0, kind: 'panel', title: { en: 'Panel' } })
      .returning();
    await db.insert(eventSeats).values({ sessionId: session!.id, position: 0, organizationId: duplicate.id });
    const before = await state();

    const merged = await merge(`/api/organizations/${duplicate.id}/merge`, kept.id);
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json().moved).toEqual({
      parties: 1,
      duplicateTies: 1,
      memberships: 1,
      posts: 1,
      keptPeople: 1,
      keptOrganizations: 1,
      activities: 1,
      activityLinks: 1,
      aliasesAdded: 2,
      eventHosts: 1,
      eventHostsDropped: 1,
      invitations: 1,
      invitationSupporters: 1,
      eventSeats: 1,
    });
    const invited = await queryRows<{ event_id: number; organization_id: number; status: string }>(
      db,
      sql`select event_id, organization_id, status from event_invitations
          where event_id in (${hostedAlone!.id}, ${hostedByBoth!.id}) and role = 'guest' order by event_id, status::text`,
    );
    expect(invited).toEqual([
      { event_id: hostedAlone!.id, organization_id: kept.id, status: 'accepted' },
      { event_id: hostedByBoth!.id, organization_id: duplicate.id, status: 'declined' },
      { event_id: hostedByBoth!.id, organization_id: kept.id, status: 'invited' },
    ]);
    const hosts = await queryRows<{ event_id: number; organization_id: number }>(
      db,
      sql`select event_id, organization_id from event_hosts
          where event_id in (${hostedAlone!.id}, ${hostedByBoth!.id}) order by event_id`,
    );
    expect(hosts).toEqual([
      { event_id: hostedAlone!.id, organization_id: kept.id },
      { event_id: hostedByBoth!.id, organization_id: kept.id },
    ]);
    const after = await queryRows<{ key: string; deleted: boolean; sources: number }>(
      db,
      sql`select party_key as key, deleted_at is not null as deleted,
                 (select count(*)::int from partnership_sources s where s.partnership_id = p.id) as sources
          from partnerships p where id in (${project.id}, ${membershipTwin.id}, ${membership.id}) order by id`,
    );
    expect(after).toEqual([
      { key: `${helsinki.id}-o${kept.id}`, deleted: false, sources: 1 },
      { key: `${helsinki.id}-o${duplicate.id}`, deleted: true, sources: 0 },
      { key: `${helsinki.id}-o${kept.id}`, deleted: false, sources: 2 },
    ]);
    const organization = (await t.app.inject({ url: `/api/organizations/${kept.id}` })).json();
    expect(organization.aliases).toEqual(['Business Finland Tokyo', 'BF Tokyo']);
    const history = await queryRows<{ action: string; entity_id: number }>(
      db,
      sql`select action, entity_id from audit_events where entity_type = 'partnership' and action = 'delete'
          and entity_id = ${membershipTwin.id}`,
    );
    expect(history).toHaveLength(1);

    expect((await post(`/api/merges/${merged.json().id}/undo`)).statusCode).toBe(200);
    expect(await state()).toEqual(before);
  });

  it('moves a place’s origins, districts and events, and puts them back', async () => {
    const db = t.database.db;
    const kept = await makePlace(db, { name: 'Turku' });
    const duplicate = await makePlace(db, { name: 'Åbo', names: [{ name: 'Turku', lang: 'en' }] });
    const district = await makePlace(db, { name: 'Hirvensalo', kind: 'district', parentId: duplicate.id });
    const source = await makeSource(db, 'origin-source');
    await db
      .insert(placeOrigins)
      .values({ placeId: duplicate.id, externalKey: 'Åbo|FI', sourceId: source.id, raw: {} });
    const [held] = await db
      .insert(events)
      .values({ ...anEvent('Archipelago forum'), venuePlaceId: duplicate.id })
      .returning();
    await db
      .insert(eventInvitations)
      .values({ eventId: held!.id, placeId: duplicate.id, status: 'attended' });
    const [panel] = await db
      .insert(eventSessions)
      .values({ eventId: held!.id, position: 0, kind: 'panel', title: { en: 'Panel' } })
      .returning();
    await db.insert(eventSeats).values({ sessionId: panel!.id, position: 0, placeId: duplicate.id });
    const before = await state();

    const merged = await merge(`/api/places/${duplicate.id}/merge`, kept.id);
    expect(merged.statusCode, merged.body).toBe(201);
    expect(merged.json().moved).toEqual({
      parties: 0,
      duplicateTies: 0,
      names: 1,
      origins: 1,
      organizations: 0,
      children: 1,
      eventVenues: 1,
      invitations: 1,
      eventSeats: 1,
    });
    const [venue] = await queryRows<{ venue_place_id: number }>(
      db,
      sql`select venue_place_id from events where id = ${held!.id}`,
    );
    expect(venue!.venue_place_id).toBe(kept.id);
    const [moved] = await queryRows<{ parent_id: number }>(
      db,
      sql`select parent_id from places where id = ${district.id}`,
    );
    expect(moved!.parent_id).toBe(kept.id);

    expect((await post(`/api/merges/${merged.json().id}/undo`)).statusCode).toBe(200);
    expect(await state()).toEqual(before);
  });
});
