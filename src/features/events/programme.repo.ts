import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/client.ts';
import {
  eventSeats,
  eventSessions,
  eventSpeakers,
  organizations,
  people,
  places,
  posts,
} from '../../db/schema.ts';
import type { SessionKind, SpeakerRole } from './events.constants.ts';
import type { LocalizedText } from './events.tables.ts';

export type SessionRow = typeof eventSessions.$inferSelect;

/** A speaker with what deciding who may see their name takes: the person's record and the post they held. */
export interface SpeakerRow {
  sessionId: number;
  personId: number;
  role: SpeakerRole;
  name: string | null;
  visibility: 'published' | 'internal';
  keeperId: number;
  gone: boolean;
  postId: number | null;
  postRole: string | null;
  postTitle: string | null;
  postOrganizationId: number | null;
  postOrganizationName: string | null;
}

export interface SeatRow {
  sessionId: number;
  placeId: number | null;
  placeName: string | null;
  placeCountry: string | null;
  organizationId: number | null;
  organizationName: string | null;
}

export interface Programme {
  sessions: SessionRow[];
  speakers: SpeakerRow[];
  seats: SeatRow[];
}

/** The programmes of the given events: sessions in order, with their speakers and seats in order. */
export async function findProgrammes(db: DbOrTx, eventIds: readonly number[]): Promise<Programme> {
  if (eventIds.length === 0) return { sessions: [], speakers: [], seats: [] };
  const sessions = await db
    .select()
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, [...eventIds]))
    .orderBy(asc(eventSessions.eventId), asc(eventSessions.position));
  const sessionIds = sessions.map((session) => session.id);
  if (sessionIds.length === 0) return { sessions, speakers: [], seats: [] };
  const postOrganization = alias(organizations, 'post_organization');
  const speakers = await db
    .select({
      sessionId: eventSpeakers.sessionId,
      personId: eventSpeakers.personId,
      role: eventSpeakers.role,
      name: people.name,
      visibility: people.visibility,
      keeperId: people.keeperId,
      gone: sql<boolean>`(${people.deletedAt} is not null or ${people.erasedAt} is not null)`,
      postId: eventSpeakers.postId,
      postRole: posts.role,
      postTitle: posts.title,
      postOrganizationId: posts.organizationId,
      postOrganizationName: postOrganization.name,
    })
    .from(eventSpeakers)
    .innerJoin(people, eq(people.id, eventSpeakers.personId))
    .leftJoin(posts, eq(posts.id, eventSpeakers.postId))
    .leftJoin(postOrganization, eq(postOrganization.id, posts.organizationId))
    .where(inArray(eventSpeakers.sessionId, sessionIds))
    .orderBy(asc(eventSpeakers.sessionId), asc(eventSpeakers.position));
  const seats = await db
    .select({
      sessionId: eventSeats.sessionId,
      placeId: eventSeats.placeId,
      placeName: places.name,
      placeCountry: places.country,
      organizationId: eventSeats.organizationId,
      organizationName: organizations.name,
    })
    .from(eventSeats)
    .leftJoin(places, eq(places.id, eventSeats.placeId))
    .leftJoin(organizations, eq(organizations.id, eventSeats.organizationId))
    .where(inArray(eventSeats.sessionId, sessionIds))
    .orderBy(asc(eventSeats.sessionId), asc(eventSeats.position));
  return { sessions, speakers: speakers as SpeakerRow[], seats };
}

export interface NewSession {
  kind: SessionKind;
  startsAt: Date | null;
  endsAt: Date | null;
  title: LocalizedText;
  theme: LocalizedText;
  speakers: { personId: number; role: SpeakerRole; postId: number | null }[];
  seats: { placeId: number | null; organizationId: number | null }[];
}

/** Replaces an event's programme with these sessions, in this order. */
export async function replaceProgramme(db: DbOrTx, eventId: number, sessions: readonly NewSession[]) {
  await db.delete(eventSessions).where(eq(eventSessions.eventId, eventId));
  if (sessions.length === 0) return;
  const made = await db
    .insert(eventSessions)
    .values(
      sessions.map(({ kind, startsAt, endsAt, title, theme }, position) => ({
        eventId,
        position,
        kind,
        startsAt,
        endsAt,
        title,
        theme,
      })),
    )
    .returning({ id: eventSessions.id, position: eventSessions.position });
  const idAt = new Map(made.map((row) => [row.position, row.id]));
  const speakers = sessions.flatMap((session, at) =>
    session.speakers.map((speaker, position) => ({ ...speaker, sessionId: idAt.get(at)!, position })),
  );
  if (speakers.length > 0) await db.insert(eventSpeakers).values(speakers);
  const seats = sessions.flatMap((session, at) =>
    session.seats.map((seat, position) => ({ ...seat, sessionId: idAt.get(at)!, position })),
  );
  if (seats.length > 0) await db.insert(eventSeats).values(seats);
}

/** The posts among `ids`, with whose they are. */
export async function findPostOwners(db: DbOrTx, ids: readonly number[]) {
  if (ids.length === 0) return new Map<number, number>();
  const rows = await db
    .select({ id: posts.id, personId: posts.personId })
    .from(posts)
    .where(inArray(posts.id, [...ids]));
  return new Map(rows.map((row) => [row.id, row.personId]));
}
