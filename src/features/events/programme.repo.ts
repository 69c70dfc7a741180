import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { eventSeats, eventSessions, eventSpeakers, posts } from '../../db/schema.ts';
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
  // One query: each session with its speakers and seats as JSON, in order.
  const rows = await db
    .select({
      ...getTableColumns(eventSessions),
      speakers: sql<Omit<SpeakerRow, 'sessionId'>[]>`coalesce((
        select json_agg(json_build_object(
          'personId', sp.person_id, 'role', sp.role, 'name', p.name, 'visibility', p.visibility,
          'keeperId', p.keeper_id, 'gone', (p.deleted_at is not null or p.erased_at is not null),
          'postId', sp.post_id, 'postRole', po.role, 'postTitle', po.title,
          'postOrganizationId', po.organization_id, 'postOrganizationName', o.name) order by sp.position)
        from event_speakers sp
        join people p on p.id = sp.person_id
        left join posts po on po.id = sp.post_id
        left join organizations o on o.id = po.organization_id
        where sp.session_id = event_sessions.id), '[]'::json)`,
      seats: sql<Omit<SeatRow, 'sessionId'>[]>`coalesce((
        select json_agg(json_build_object(
          'placeId', seat.place_id, 'placeName', pl.name, 'placeCountry', pl.country,
          'organizationId', seat.organization_id, 'organizationName', o.name) order by seat.position)
        from event_seats seat
        left join places pl on pl.id = seat.place_id
        left join organizations o on o.id = seat.organization_id
        where seat.session_id = event_sessions.id), '[]'::json)`,
    })
    .from(eventSessions)
    .where(inArray(eventSessions.eventId, [...eventIds]))
    .orderBy(asc(eventSessions.eventId), asc(eventSessions.position));
  return {
    sessions: rows.map(({ speakers: _speakers, seats: _seats, ...session }) => session),
    speakers: rows.flatMap((row) => row.speakers.map((speaker) => ({ ...speaker, sessionId: row.id }))),
    seats: rows.flatMap((row) => row.seats.map((seat) => ({ ...seat, sessionId: row.id }))),
  };
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
