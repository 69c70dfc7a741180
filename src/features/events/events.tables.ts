import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import {
  createdAtColumn,
  identityId,
  keptRecordColumns,
  ownerRef,
  requiredRef,
  versionedColumns,
} from '../../db/columns.ts';
import { visibility } from '../../db/shared.tables.ts';
import { users } from '../auth/auth.tables.ts';
import { organizations } from '../organizations/organizations.tables.ts';
import { people, posts } from '../people/people.tables.ts';
import { places } from '../places/places.tables.ts';
import {
  ATTENDANCE_MODES,
  EVENT_KINDS,
  EVENT_STATUSES,
  INVITATION_STATUSES,
  PARTICIPANT_ROLES,
  SESSION_KINDS,
  SPEAKER_ROLES,
} from './events.constants.ts';

export const eventKind = pgEnum('event_kind', EVENT_KINDS);
export const attendanceMode = pgEnum('attendance_mode', ATTENDANCE_MODES);
export const eventStatus = pgEnum('event_status', EVENT_STATUSES);
export const invitationStatus = pgEnum('invitation_status', INVITATION_STATUSES);
export const participantRole = pgEnum('participant_role', PARTICIPANT_ROLES);
export const sessionKind = pgEnum('session_kind', SESSION_KINDS);
export const speakerRole = pgEnum('speaker_role', SPEAKER_ROLES);

/** A piece of media coverage of an event: where, what it is called and who published it. */
export interface MediaLink {
  url: string;
  title: string;
  outlet: string | null;
}

/** Text in several languages: BCP 47 code → text (`{ "en": "Twin-town forum", "fi": "Ystävyyskaupunkifoorumi" }`). */
export type LocalizedText = Record<string, string>;

/**
 * A forum, trade fair, delegation visit, conference, webinar, meeting or signing ceremony. Its start and end are
 * instants, shown in the host's time zone and in the reader's.
 */
export const events = pgTable(
  'events',
  {
    id: identityId(),
    kind: eventKind('kind').notNull(),
    attendanceMode: attendanceMode('attendance_mode').notNull(),
    status: eventStatus('status').notNull().default('planned'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** The host's IANA time zone (Asia/Shanghai): the event's own clock. */
    timeZone: text('time_zone').notNull(),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    description: jsonb('description').$type<LocalizedText>().notNull().default({}),
    venuePlaceId: integer('venue_place_id').references(() => places.id, { onDelete: 'restrict' }),
    address: text('address'),
    /** Where to join online: for the hosts and those invited, never for anonymous readers. */
    onlineUrl: text('online_url'),
    /** The event this one is part of (the twin-town forum within CIIE 2020). */
    parentId: integer('parent_id').references((): AnyPgColumn => events.id, { onDelete: 'set null' }),
    /** The recurring event it is an edition of ("CIIE"). */
    series: text('series'),
    themes: text('themes').array().notNull().default(sql`'{}'::text[]`),
    /** Media coverage: articles, broadcasts and recordings about the event. */
    mediaLinks: jsonb('media_links').$type<MediaLink[]>().notNull().default([]),
    /** What came of it, per language, until outcomes are records of their own. */
    outcomes: jsonb('outcomes').$type<LocalizedText>().notNull().default({}),
    visibility: visibility('visibility').notNull().default('published'),
    ...keptRecordColumns(),
  },
  (t) => [
    check('events_ends_after_start', sql`${t.endsAt} >= ${t.startsAt}`),
    check('events_not_own_parent', sql`${t.parentId} <> ${t.id}`),
    index('events_starts_at_idx').on(t.startsAt),
    index('events_parent_idx').on(t.parentId),
    index('events_venue_idx').on(t.venuePlaceId),
  ],
);

/** The organisations that host an event: their editors run it, their members read what is internal to it. */
export const eventHosts = pgTable(
  'event_hosts',
  {
    eventId: ownerRef('event_id', () => events.id),
    organizationId: requiredRef('organization_id', () => organizations.id),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.organizationId] }),
    index('event_hosts_organization_idx').on(t.organizationId),
  ],
);

/**
 * A place or an organisation invited to an event, with its answer and, once the event is over, whether it came. A
 * place's invitation is answered by the place's governments (who speak for it in the registry); an organisation's
 * by its own editors. Each invitee is invited once.
 */
export const eventInvitations = pgTable(
  'event_invitations',
  {
    id: identityId(),
    eventId: ownerRef('event_id', () => events.id),
    placeId: integer('place_id').references(() => places.id, { onDelete: 'restrict' }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    role: participantRole('role').notNull().default('guest'),
    /** The organisation that supported the participant (the city behind a company exhibiting at a trade fair). */
    supportedById: integer('supported_by_id').references(() => organizations.id, { onDelete: 'restrict' }),
    status: invitationStatus('status').notNull().default('invited'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    ...versionedColumns(),
  },
  (t) => [
    check('event_invitations_one_invitee', sql`(${t.placeId} is null) <> (${t.organizationId} is null)`),
    uniqueIndex('event_invitations_place_uq').on(t.eventId, t.placeId),
    uniqueIndex('event_invitations_organization_uq').on(t.eventId, t.organizationId),
    index('event_invitations_place_idx').on(t.placeId),
    index('event_invitations_organization_idx').on(t.organizationId),
  ],
);

/** The people an invitee sends. */
export const eventDelegates = pgTable(
  'event_delegates',
  {
    invitationId: ownerRef('invitation_id', () => eventInvitations.id),
    personId: requiredRef('person_id', () => people.id),
  },
  (t) => [
    primaryKey({ columns: [t.invitationId, t.personId] }),
    index('event_delegates_person_idx').on(t.personId),
  ],
);

/** A part of an event's programme, in order: the opening, a panel, a keynote, a workshop, the closing. */
export const eventSessions = pgTable(
  'event_sessions',
  {
    id: identityId(),
    eventId: ownerRef('event_id', () => events.id),
    position: integer('position').notNull(),
    kind: sessionKind('kind').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    title: jsonb('title').$type<LocalizedText>().notNull(),
    theme: jsonb('theme').$type<LocalizedText>().notNull().default({}),
  },
  (t) => [
    uniqueIndex('event_sessions_position_uq').on(t.eventId, t.position),
    check('event_sessions_ends_after_start', sql`${t.endsAt} >= ${t.startsAt}`),
  ],
);

/** Who speaks in a session, in what role, and the post they held then (the mayor of Shanghai). */
export const eventSpeakers = pgTable(
  'event_speakers',
  {
    id: identityId(),
    sessionId: ownerRef('session_id', () => eventSessions.id),
    position: integer('position').notNull(),
    personId: requiredRef('person_id', () => people.id),
    role: speakerRole('role').notNull(),
    postId: integer('post_id').references(() => posts.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('event_speakers_position_uq').on(t.sessionId, t.position),
    index('event_speakers_person_idx').on(t.personId),
    index('event_speakers_post_idx').on(t.postId),
  ],
);

/** The places and organisations seated in a session (the cities of a panel). */
export const eventSeats = pgTable(
  'event_seats',
  {
    id: identityId(),
    sessionId: ownerRef('session_id', () => eventSessions.id),
    position: integer('position').notNull(),
    placeId: integer('place_id').references(() => places.id, { onDelete: 'restrict' }),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
  },
  (t) => [
    uniqueIndex('event_seats_position_uq').on(t.sessionId, t.position),
    check('event_seats_one_party', sql`(${t.placeId} is null) <> (${t.organizationId} is null)`),
    index('event_seats_place_idx').on(t.placeId),
    index('event_seats_organization_idx').on(t.organizationId),
  ],
);

/**
 * An organisation's private calendar feed: its events, internal ones too, at an address with a secret in it, for
 * the calendar applications of its own people. Only the secret's hash is kept; a new secret replaces the old one,
 * and revoking it ends the feed.
 */
export const calendarFeeds = pgTable('calendar_feeds', {
  organizationId: ownerRef('organization_id', () => organizations.id).primaryKey(),
  secretHash: text('secret_hash').notNull().unique(),
  createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: createdAtColumn(),
});
