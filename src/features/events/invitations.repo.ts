import { and, asc, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import { idList, queryRows } from '../../db/query.ts';
import { findById, nextVersion } from '../../db/rows.ts';
import {
  eventDelegates,
  eventInvitations,
  organizations,
  partnershipParties,
  partnerships,
  places,
} from '../../db/schema.ts';
import { governmentsOf } from '../organizations/governments.ts';
import type { InvitationStatus, ParticipantRole } from './events.constants.ts';

export type InvitationRow = typeof eventInvitations.$inferSelect;

/**
 * An invitation with its invitee's and supporter's names, where the invitee stands (an invited place's coordinates,
 * or those of the place an invited organisation is based in, with what decides who may read that organisation), the
 * organisations that speak for the invitee (the invited organisation, or the invited place's live governments) and
 * its delegates.
 */
export interface InvitationListRow extends InvitationRow {
  placeName: string | null;
  placeCountry: string | null;
  organizationName: string | null;
  organizationVisibility: 'published' | 'internal' | null;
  organizationKeeperId: number | null;
  organizationDeletedAt: Date | null;
  lat: number | null;
  lng: number | null;
  supportedByName: string | null;
  speakerIds: number[];
  delegates: { id: number; name: string | null }[];
}

export const findInvitation = (db: DbOrTx, id: number, lock = false) =>
  findById(db, eventInvitations, id, lock);

/** An event's invitations (or one of them), places and organisations by name and where they stand, in one query. */
export async function findInvitations(
  db: DbOrTx,
  eventId: number,
  invitationId?: number,
): Promise<InvitationListRow[]> {
  const supporter = alias(organizations, 'supporter');
  // A place's coordinates, else those of the place an organisation is based in: two columns and no further join.
  const located = (column: 'lat' | 'lng') =>
    sql<number | null>`coalesce(${places[column]},
      (select b.${sql.raw(column)} from places b where b.id = ${organizations.placeId}))`;
  const rows = await db
    .select({
      id: eventInvitations.id,
      eventId: eventInvitations.eventId,
      placeId: eventInvitations.placeId,
      organizationId: eventInvitations.organizationId,
      role: eventInvitations.role,
      supportedById: eventInvitations.supportedById,
      status: eventInvitations.status,
      answeredAt: eventInvitations.answeredAt,
      version: eventInvitations.version,
      createdAt: eventInvitations.createdAt,
      updatedAt: eventInvitations.updatedAt,
      placeName: places.name,
      placeCountry: places.country,
      organizationName: organizations.name,
      organizationVisibility: organizations.visibility,
      organizationKeeperId: organizations.keeperId,
      organizationDeletedAt: organizations.deletedAt,
      lat: located('lat'),
      lng: located('lng'),
      supportedByName: supporter.name,
      speakerIds: sql<number[]>`case when ${eventInvitations.placeId} is null
        then array[${eventInvitations.organizationId}]
        else array(${governmentsOf(sql`${eventInvitations.placeId}`)}) end`,
      delegates: sql<{ id: number; name: string | null }[]>`coalesce((
        select json_agg(json_build_object('id', p.id, 'name', p.name) order by p.name, p.id)
        from event_delegates d join people p on p.id = d.person_id
        where d.invitation_id = ${eventInvitations.id}), '[]'::json)`,
    })
    .from(eventInvitations)
    .leftJoin(places, eq(places.id, eventInvitations.placeId))
    .leftJoin(organizations, eq(organizations.id, eventInvitations.organizationId))
    .leftJoin(supporter, eq(supporter.id, eventInvitations.supportedById))
    .where(
      and(
        eq(eventInvitations.eventId, eventId),
        invitationId === undefined ? undefined : eq(eventInvitations.id, invitationId),
      ),
    )
    .orderBy(sql`coalesce(${places.name}, ${organizations.name})`, asc(eventInvitations.id));
  const number = (value: number | null) => (value === null ? null : Number(value));
  return rows.map((row) => ({
    ...row,
    speakerIds: row.speakerIds.map(Number),
    lat: number(row.lat),
    lng: number(row.lng),
  }));
}

/** The places at the other end of a place's ties in the registry, except ended ones. */
export async function findPartnerPlaceIds(db: DbOrTx, placeId: number): Promise<number[]> {
  const mine = alias(partnershipParties, 'mine');
  const other = alias(partnershipParties, 'other');
  const rows = await db
    .selectDistinct({ id: other.placeId })
    .from(mine)
    .innerJoin(partnerships, eq(partnerships.id, mine.partnershipId))
    .innerJoin(other, and(eq(other.partnershipId, mine.partnershipId), ne(other.placeId, mine.placeId)))
    .innerJoin(places, eq(places.id, other.placeId))
    .where(
      and(
        eq(mine.placeId, placeId),
        eq(partnerships.isPublic, true),
        ne(partnerships.status, 'ended'),
        isNull(places.mergedIntoId),
      ),
    );
  return rows.flatMap((row) => (row.id === null ? [] : [row.id]));
}

/** The places among `ids` that exist and are not merged into another. */
export async function findLivePlaceIds(db: DbOrTx, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: places.id })
    .from(places)
    .where(and(inArray(places.id, [...ids]), isNull(places.mergedIntoId)));
  return new Set(rows.map((row) => row.id));
}

export interface NewInvitations {
  eventId: number;
  placeIds: readonly number[];
  organizationIds: readonly number[];
  role: ParticipantRole;
  supportedById: number | null;
}

/**
 * Invites every place and organisation not invited yet, in one statement each; answers how many invitations were
 * made. An invitee invited before keeps its invitation as it stands.
 */
export async function insertInvitations(db: DbOrTx, invitations: NewInvitations): Promise<number> {
  const { eventId, role, supportedById } = invitations;
  let made = 0;
  for (const [column, ids] of [
    ['place_id', invitations.placeIds],
    ['organization_id', invitations.organizationIds],
  ] as const) {
    if (ids.length === 0) continue;
    const rows = await queryRows<{ id: number }>(
      db,
      sql`insert into event_invitations (event_id, ${sql.raw(column)}, role, supported_by_id)
          select ${eventId}::int, invitee, ${role}::participant_role, ${supportedById}::int
          from unnest(array[${idList(ids)}]::int[]) as invitee
          on conflict do nothing
          returning id`,
    );
    made += rows.length;
  }
  return made;
}

export interface InvitationChanges {
  status?: InvitationStatus;
  answeredAt?: Date;
}

export async function updateInvitation(db: DbOrTx, id: number, changes: InvitationChanges) {
  const [row] = await db
    .update(eventInvitations)
    .set({ ...changes, ...nextVersion(eventInvitations) })
    .where(eq(eventInvitations.id, id))
    .returning();
  return row!;
}

/** Replaces an invitation's delegates. */
export async function setDelegates(db: DbOrTx, invitationId: number, personIds: readonly number[]) {
  await db.delete(eventDelegates).where(eq(eventDelegates.invitationId, invitationId));
  if (personIds.length > 0)
    await db.insert(eventDelegates).values(personIds.map((personId) => ({ invitationId, personId })));
}
