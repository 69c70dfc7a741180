/**
 * What a merge asks of events: a duplicate place's events are held at the place that stays, a duplicate
 * organisation's events are hosted by the organisation that stays, and the duplicate's invitations go to the one
 * that stays; the undo puts them back.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { idList, moveRows, queryRows, repointRows } from '../../db/query.ts';

/** What moving the events changed, kept so that the undo changes exactly that back. */
export interface MovedEventRefs {
  /** Events held at the duplicate place. */
  eventVenues: number[];
  /** Events the duplicate organisation hosted, now hosted by the one that stays. */
  eventHosts: number[];
  /** Events both hosted: the duplicate's host row went. */
  eventHostsDropped: number[];
  invitations: number[];
  invitationSupporters: number[];
  /** Programme seats of the duplicate. */
  eventSeats: number[];
}

/** Moves the events held at place `fromId` to place `intoId`. */
export async function moveEventVenuesOnMerge(db: DbOrTx, fromId: number, intoId: number) {
  return { eventVenues: await repointRows(db, 'events', 'venue_place_id', fromId, intoId) };
}

/** Undoes `moveEventVenuesOnMerge`. */
export async function restoreEventVenuesAfterMerge(
  db: DbOrTx,
  fromId: number,
  moved: Partial<MovedEventRefs>,
) {
  await moveRows(db, 'events', 'venue_place_id', moved.eventVenues ?? [], fromId);
}

const eventIds = async (db: DbOrTx, query: ReturnType<typeof sql>) =>
  (await queryRows<{ event_id: number }>(db, query)).map((row) => Number(row.event_id));

/** Hands the events organisation `fromId` hosts to `intoId`; where both host one, the duplicate's row goes. */
export async function moveEventHostsOnMerge(db: DbOrTx, fromId: number, intoId: number) {
  const eventHostsDropped = await eventIds(
    db,
    sql`delete from event_hosts h where organization_id = ${fromId}
        and exists (select 1 from event_hosts o where o.event_id = h.event_id and o.organization_id = ${intoId})
        returning event_id`,
  );
  const eventHosts = await eventIds(
    db,
    sql`update event_hosts set organization_id = ${intoId} where organization_id = ${fromId} returning event_id`,
  );
  return { eventHosts, eventHostsDropped };
}

/** Undoes `moveEventHostsOnMerge`: organisation `fromId` hosts its events again. */
export async function restoreEventHostsAfterMerge(
  db: DbOrTx,
  fromId: number,
  intoId: number,
  moved: Partial<MovedEventRefs>,
) {
  const handed = moved.eventHosts ?? [];
  if (handed.length > 0)
    await db.execute(
      sql`update event_hosts set organization_id = ${fromId}
          where organization_id = ${intoId} and event_id in (${idList(handed)})`,
    );
  const dropped = moved.eventHostsDropped ?? [];
  if (dropped.length > 0)
    await db.execute(
      sql`insert into event_hosts (event_id, organization_id)
          select id, ${fromId}::int from events where id in (${idList(dropped)}) on conflict do nothing`,
    );
}

/**
 * Hands the invitations of invitee `fromId` (a place or an organisation) to `intoId`, except to an event that
 * invited `intoId` too: there the duplicate's invitation stays as it was answered. Its seats in programmes go too.
 */
export async function moveInvitationsOnMerge(
  db: DbOrTx,
  invitee: 'place' | 'organization',
  fromId: number,
  intoId: number,
): Promise<Pick<MovedEventRefs, 'invitations' | 'invitationSupporters' | 'eventSeats'>> {
  const column = invitee === 'place' ? 'place_id' : 'organization_id';
  const invitations = await repointRows(
    db,
    'event_invitations',
    column,
    fromId,
    intoId,
    sql`not exists (select 1 from event_invitations other
                    where other.event_id = event_invitations.event_id and other.${sql.raw(column)} = ${intoId})`,
  );
  const invitationSupporters =
    invitee === 'organization'
      ? await repointRows(db, 'event_invitations', 'supported_by_id', fromId, intoId)
      : [];
  const eventSeats = await repointRows(db, 'event_seats', column, fromId, intoId);
  return { invitations, invitationSupporters, eventSeats };
}

/** Undoes `moveInvitationsOnMerge`. */
export async function restoreInvitationsAfterMerge(
  db: DbOrTx,
  invitee: 'place' | 'organization',
  fromId: number,
  moved: Partial<MovedEventRefs>,
) {
  await moveRows(
    db,
    'event_invitations',
    invitee === 'place' ? 'place_id' : 'organization_id',
    moved.invitations ?? [],
    fromId,
  );
  await moveRows(db, 'event_invitations', 'supported_by_id', moved.invitationSupporters ?? [], fromId);
  await moveRows(
    db,
    'event_seats',
    invitee === 'place' ? 'place_id' : 'organization_id',
    moved.eventSeats ?? [],
    fromId,
  );
}
