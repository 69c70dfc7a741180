import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryIds, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import { eventHosts, events, organizations, places } from '../../db/schema.ts';
import type { ReadScope } from '../auth/policy.ts';
import { governmentsOf } from '../organizations/governments.ts';
import type { InvitationStatus } from './events.constants.ts';

export type EventRow = typeof events.$inferSelect;
export interface HostRow {
  eventId: number;
  id: number;
  name: string;
}
export interface VenueRow {
  id: number;
  name: string;
  country: string;
}

export const findEvent = (db: DbOrTx, id: number, lock = false) => findById(db, events, id, lock);

/** The hosts of the given events, by name. */
export async function findHosts(db: DbOrTx, eventIds: readonly number[]): Promise<HostRow[]> {
  if (eventIds.length === 0) return [];
  return db
    .select({ eventId: eventHosts.eventId, id: organizations.id, name: organizations.name })
    .from(eventHosts)
    .innerJoin(organizations, eq(organizations.id, eventHosts.organizationId))
    .where(inArray(eventHosts.eventId, [...eventIds]))
    .orderBy(asc(organizations.name), asc(organizations.id));
}

/** The venues of the given events. */
export async function findVenues(db: DbOrTx, placeIds: readonly number[]): Promise<VenueRow[]> {
  if (placeIds.length === 0) return [];
  return db
    .select({ id: places.id, name: places.name, country: places.country })
    .from(places)
    .where(inArray(places.id, [...new Set(placeIds)]));
}

/** The place with this id, if it exists and is not merged into another. */
export async function findLivePlace(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ id: places.id })
    .from(places)
    .where(and(eq(places.id, id), isNull(places.mergedIntoId)));
  return row;
}

/** The chain of parents above an event, nearest first, at most `depth` long. */
export async function findAncestors(db: DbOrTx, id: number, depth = 20): Promise<number[]> {
  return queryIds(
    db,
    sql`
    with recursive chain(id, parent_id, depth) as (
      select id, parent_id, 1 from events where id = ${id}
      union all
      select e.id, e.parent_id, c.depth + 1 from events e join chain c on e.id = c.parent_id where c.depth < ${depth}
    )
    select id from chain order by depth`,
  );
}

export interface EventFilter {
  scope: ReadScope;
  when: 'upcoming' | 'past' | 'all';
  now: Date;
  hostId?: number;
  placeId?: number;
  parentId?: number;
  /** Events that involve every one of these parties (a tie's). */
  involving?: readonly Party[];
  /** Events that invited this organisation or a place it is the government of, whatever the answer. */
  invitedId?: number;
  /** Events that overlap [from, to): ending after `from` (or, without duration, starting at it), starting before `to`. */
  from?: Date;
  to?: Date;
  limit: number;
}

/** A party to a tie, or a participant in an event: a place or an organisation. */
export type Party = { placeId: number; organizationId?: null } | { placeId?: null; organizationId: number };

/**
 * An event involves a place when it is held there, hosted by one of the place's governments, seats the place in
 * its programme, or invited the place (or one of its governments) and was not declined; it involves an
 * organisation when the organisation hosts it, is seated in it, or was invited and did not decline.
 */
export function involves(party: Party): SQL {
  if (party.placeId) {
    const id = party.placeId;
    const governments = governmentsOf(sql`${id}`);
    return sql`(${events.venuePlaceId} = ${id}
      or exists (select 1 from event_hosts h where h.event_id = ${events.id} and h.organization_id in (${governments}))
      or exists (select 1 from event_invitations i where i.event_id = ${events.id} and i.status <> 'declined'
                 and (i.place_id = ${id} or i.organization_id in (${governments})))
      or exists (select 1 from event_sessions s join event_seats seat on seat.session_id = s.id
                 where s.event_id = ${events.id} and seat.place_id = ${id}))`;
  }
  const id = party.organizationId!;
  return sql`(exists (select 1 from event_hosts h where h.event_id = ${events.id} and h.organization_id = ${id})
    or exists (select 1 from event_invitations i where i.event_id = ${events.id} and i.status <> 'declined'
               and i.organization_id = ${id})
    or exists (select 1 from event_sessions s join event_seats seat on seat.session_id = s.id
               where s.event_id = ${events.id} and seat.organization_id = ${id}))`;
}

/**
 * Whether invitation `i` is an organisation's: its own, or one to the place it is a live government of (the
 * organisations that speak for an invited place, as `governmentsOf` names them).
 */
const invitationOf = (organizationId: number): SQL =>
  sql`(i.organization_id = ${organizationId}
       or (i.place_id is not null and ${organizationId} in (${governmentsOf(sql`i.place_id`)})))`;

/** An event has invited the organisation (or its place), whatever the answer. */
const invited = (organizationId: number): SQL =>
  sql`exists (select 1 from event_invitations i where i.event_id = ${events.id}
              and ${invitationOf(organizationId)})`;

const hostedBy = (organizationIds: readonly number[]): SQL =>
  organizationIds.length === 0
    ? sql`false`
    : sql`exists (select 1 from event_hosts h where h.event_id = ${events.id}
                  and h.organization_id in (${idList(organizationIds)}))`;

/** Live events the scope may read, filtered; upcoming soonest first, the rest latest first. */
export async function listEvents(db: DbOrTx, filter: EventFilter): Promise<EventRow[]> {
  const { scope } = filter;
  return db
    .select()
    .from(events)
    .where(
      and(
        isNull(events.deletedAt),
        scope.all ? undefined : or(eq(events.visibility, 'published'), hostedBy(scope.organizationIds)),
        filter.when === 'upcoming' ? gte(events.endsAt, filter.now) : undefined,
        filter.when === 'past' ? lt(events.endsAt, filter.now) : undefined,
        filter.hostId ? hostedBy([filter.hostId]) : undefined,
        filter.placeId ? eq(events.venuePlaceId, filter.placeId) : undefined,
        filter.parentId ? eq(events.parentId, filter.parentId) : undefined,
        ...(filter.involving ?? []).map(involves),
        filter.invitedId ? invited(filter.invitedId) : undefined,
        filter.from ? or(gt(events.endsAt, filter.from), gte(events.startsAt, filter.from)) : undefined,
        filter.to ? lt(events.startsAt, filter.to) : undefined,
      ),
    )
    .orderBy(
      filter.when === 'upcoming' ? asc(events.startsAt) : desc(events.startsAt),
      filter.when === 'upcoming' ? asc(events.id) : desc(events.id),
    )
    .limit(filter.limit);
}

/** An organisation's invitation to one of the events, with its invitee's name. */
export interface InvitationOfRow {
  eventId: number;
  id: number;
  placeId: number | null;
  organizationId: number | null;
  name: string;
  status: InvitationStatus;
  version: number;
}

/** The invitations of an organisation (its own, and its place's) to the given events, by invitee name. */
export async function findInvitationsOf(
  db: DbOrTx,
  eventIds: readonly number[],
  organizationId: number,
): Promise<InvitationOfRow[]> {
  if (eventIds.length === 0) return [];
  return queryRows<InvitationOfRow>(
    db,
    sql`select i.event_id as "eventId", i.id, i.place_id as "placeId", i.organization_id as "organizationId",
               coalesce(p.name, o.name, '') as name, i.status, i.version
        from event_invitations i
        left join places p on p.id = i.place_id
        left join organizations o on o.id = i.organization_id
        where i.event_id in (${idList(eventIds)}) and ${invitationOf(organizationId)}
        order by i.event_id, coalesce(p.name, o.name), i.id`,
  );
}

/** A new event and its hosts. */
export type EventInsert = typeof events.$inferInsert & { hostIds: number[] };

/** Changes to an event: fields of the record, and the hosts that replace its own. */
export type EventChanges = Partial<typeof events.$inferInsert> & { hostIds?: number[] };

export async function insertEvent(db: DbOrTx, { hostIds, ...values }: EventInsert): Promise<number> {
  const [row] = await db.insert(events).values(values).returning({ id: events.id });
  await replaceHosts(db, row!.id, hostIds);
  return row!.id;
}

export async function updateEvent(
  db: DbOrTx,
  id: number,
  { hostIds, ...values }: EventChanges,
): Promise<void> {
  await db
    .update(events)
    .set({ ...values, ...nextVersion(events) })
    .where(eq(events.id, id));
  if (hostIds) await replaceHosts(db, id, hostIds);
}

async function replaceHosts(db: DbOrTx, eventId: number, hostIds: readonly number[]): Promise<void> {
  await db.delete(eventHosts).where(eq(eventHosts.eventId, eventId));
  if (hostIds.length > 0)
    await db.insert(eventHosts).values(hostIds.map((organizationId) => ({ eventId, organizationId })));
}

/** Whose calendar: an organisation's (hosted or invited to) or a place's (held there, hosted by its governments, or invited to). */
export type CalendarOwner = { organizationId: number } | { placeId: number };

/** The most events a calendar feed carries. */
export const CALENDAR_LIMIT = 5000;

/**
 * The published, live events in a calendar feed, soonest first: for an organisation those it hosts and those it is
 * invited to and has not declined; for a place those held there, hosted by its governments, or that invited it
 * and were not declined.
 */
export async function findCalendarEvents(
  db: DbOrTx,
  owner: CalendarOwner,
  { internal = false }: { internal?: boolean } = {},
): Promise<EventRow[]> {
  // The events' ids from the small tables first, through their indexes, computed once (an array, not a subquery
  // the planner might run for each event when its statistics are stale); then the events by their keys.
  const involved =
    'organizationId' in owner
      ? sql`select event_id from event_hosts where organization_id = ${owner.organizationId}
            union select event_id from event_invitations
                  where organization_id = ${owner.organizationId} and status <> 'declined'`
      : sql`select id from events where venue_place_id = ${owner.placeId}
            union select event_id from event_hosts
                  where organization_id in (${governmentsOf(sql`${owner.placeId}`)})
            union select event_id from event_invitations where place_id = ${owner.placeId} and status <> 'declined'`;
  return db
    .select()
    .from(events)
    .where(
      and(
        isNull(events.deletedAt),
        // A private feed carries the organisation's own internal events too: those it hosts.
        internal && 'organizationId' in owner
          ? or(eq(events.visibility, 'published'), hostedBy([owner.organizationId]))
          : eq(events.visibility, 'published'),
        sql`${events.id} = any(array(${involved}))`,
      ),
    )
    .orderBy(asc(events.startsAt), asc(events.id))
    .limit(CALENDAR_LIMIT);
}

export async function findOrganizationName(db: DbOrTx, id: number): Promise<string | undefined> {
  const [row] = await db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, id));
  return row?.name;
}

export async function findPlaceName(db: DbOrTx, id: number): Promise<string | undefined> {
  const [row] = await db.select({ name: places.name }).from(places).where(eq(places.id, id));
  return row?.name;
}
