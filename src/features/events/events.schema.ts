import * as z from 'zod';
import {
  idBodySchema,
  idQuerySchema,
  idSchema,
  localizedTextSchema,
  textSchema,
  urlSchema,
  versionSchema,
  visibilitySchema,
} from '../../core/schemas.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import {
  ATTENDANCE_MODES,
  EVENT_KINDS,
  EVENT_STATUSES,
  INVITATION_STATUSES,
  SESSION_KINDS,
  SPEAKER_ROLES,
} from './events.constants.ts';
import { mediaSchema } from './media.schema.ts';

export const eventParamsSchema = z.strictObject({ id: idSchema.describe('Event id') });

/** Whether the runtime knows this IANA time zone. */
function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.includes('/') || value === 'UTC';
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'must be an IANA time zone (Asia/Shanghai, Europe/Helsinki)')
  .describe("The host's IANA time zone: the event's own clock");

/** An instant: ISO 8601 with its offset or Z (2020-11-10T14:00:00+08:00). */
const instantSchema = z.iso
  .datetime({ offset: true, error: 'must be a date and time with its offset (…T14:00:00+08:00)' })
  .refine((value) => {
    const year = Number(value.slice(0, 4));
    return year >= 1900 && year <= 2200;
  }, 'must be between the years 1900 and 2200');

const eventFields = {
  kind: z.enum(EVENT_KINDS),
  attendanceMode: z.enum(ATTENDANCE_MODES).describe('in_person, online or hybrid'),
  status: z.enum(EVENT_STATUSES),
  startsAt: instantSchema.describe('When it starts, with its offset'),
  endsAt: instantSchema.describe('When it ends, with its offset; not before the start'),
  timeZone: timeZoneSchema,
  title: localizedTextSchema(200)
    .refine((texts) => Object.keys(texts).length > 0, 'must have a title in at least one language')
    .describe('The title per language: { "en": "…", "fi": "…" }'),
  description: localizedTextSchema(20_000).describe('The description per language'),
  venuePlaceId: idBodySchema.nullable().describe('The place where it is held'),
  address: textSchema(500).nullable().describe('The venue’s address'),
  onlineUrl: urlSchema
    .nullable()
    .describe('Where to join online: answered only to the hosts’ members, never to anonymous readers'),
  parentId: idBodySchema.nullable().describe('The event this one is part of'),
  series: textSchema(200).nullable().describe('The recurring event it is an edition of (CIIE)'),
  themes: z.array(textSchema(100)).max(20).describe('Themes, such as sustainable development'),
  mediaLinks: z
    .array(
      z.strictObject({
        url: urlSchema,
        title: textSchema(300),
        outlet: textSchema(200).nullable().default(null).describe('Who published it (Shanghai Media Group)'),
      }),
    )
    .max(50)
    .describe('Media coverage: articles, broadcasts and recordings'),
  outcomes: localizedTextSchema(20_000).describe('What came of it, per language'),
  hostIds: z
    .array(idBodySchema)
    .min(1, 'must name at least one host')
    .max(20)
    .refine((list) => new Set(list).size === list.length, 'lists an id twice')
    .describe('The organisations that host it: their editors run it'),
  visibility: visibilitySchema,
};

export const createEventBodySchema = z.strictObject({
  ...eventFields,
  status: eventFields.status.default('planned'),
  description: eventFields.description.default({}),
  venuePlaceId: eventFields.venuePlaceId.default(null),
  address: eventFields.address.default(null),
  onlineUrl: eventFields.onlineUrl.default(null),
  parentId: eventFields.parentId.default(null),
  series: eventFields.series.default(null),
  themes: eventFields.themes.default([]),
  mediaLinks: eventFields.mediaLinks.default([]),
  outcomes: eventFields.outcomes.default({}),
  visibility: eventFields.visibility.default('published'),
});
export type CreateEventBody = z.infer<typeof createEventBodySchema>;

export const updateEventBodySchema = updateBodySchema(eventFields);
export type UpdateEventBody = z.infer<typeof updateEventBodySchema>;

const sessionInputSchema = z.strictObject({
  kind: z.enum(SESSION_KINDS),
  startsAt: instantSchema
    .nullable()
    .default(null)
    .describe('When it starts, with its offset; within the event'),
  endsAt: instantSchema.nullable().default(null).describe('When it ends, with its offset; within the event'),
  title: localizedTextSchema(200).refine(
    (texts) => Object.keys(texts).length > 0,
    'must have a title in at least one language',
  ),
  theme: localizedTextSchema(500)
    .default({})
    .describe('The theme per language (a panel on sustainable development)'),
  speakers: z
    .array(
      z.strictObject({
        personId: idBodySchema,
        role: z.enum(SPEAKER_ROLES),
        postId: idBodySchema
          .nullable()
          .default(null)
          .describe('The post the person held then: one of theirs'),
      }),
    )
    .max(30)
    .default([]),
  seats: z
    .array(
      z
        .strictObject({ placeId: idBodySchema.optional(), organizationId: idBodySchema.optional() })
        .refine(
          (seat) => (seat.placeId === undefined) !== (seat.organizationId === undefined),
          'must name a place or an organisation',
        ),
    )
    .max(60)
    .default([])
    .describe('The places and organisations seated in it (the cities of a panel)'),
});

export const programmeBodySchema = z.strictObject({
  version: versionSchema.describe("The event's version, as read"),
  sessions: z.array(sessionInputSchema).max(50).describe('The whole programme, in order'),
});
export type ProgrammeBody = z.infer<typeof programmeBodySchema>;

export const eventListQuerySchema = z
  .strictObject({
    when: z
      .enum(['upcoming', 'past', 'all'])
      .default('all')
      .describe('upcoming: not ended yet, soonest first; past: ended, latest first; all: latest first'),
    hostId: idQuerySchema.optional().describe('Hosted by this organisation'),
    placeId: idQuerySchema.optional().describe('Held in this place'),
    parentId: idQuerySchema.optional().describe('Part of this event'),
    partnershipId: idQuerySchema
      .optional()
      .describe(
        "Involving both parties of this tie (held at, hosted by, inviting or seating each): the tie's history",
      ),
    involvesPlaceId: idQuerySchema
      .optional()
      .describe('Involving this place: held there, hosted by its governments, inviting or seating it'),
    invitedId: idQuerySchema
      .optional()
      .describe(
        'Invitations to this organisation: events that invited it, or a place it is the government of, whatever ' +
          'the answer; each event then lists those invitations',
      ),
    from: instantSchema
      .optional()
      .describe(
        'Only events that end after this instant (one without duration: that starts at it or later); with `to`, ' +
          'those overlapping [from, to)',
      ),
    to: instantSchema.optional().describe('Only events that start before this instant'),
    limit: z.coerce.number().int().min(1).max(200).default(100).describe('How many (1–200)'),
  })
  .refine((query) => !query.from || !query.to || new Date(query.from) <= new Date(query.to), {
    message: 'from must not be after to',
    path: ['from'],
  });
export type EventListQuery = z.infer<typeof eventListQuerySchema>;

const localizedResponse = z.record(z.string(), z.string());

const sessionSchema = z.object({
  kind: z.enum(SESSION_KINDS),
  startsAt: z.string().nullable().describe('In UTC (ISO 8601)'),
  endsAt: z.string().nullable(),
  local: z
    .object({ startsAt: z.string().nullable(), endsAt: z.string().nullable() })
    .describe("On the host's clock"),
  title: localizedResponse,
  theme: localizedResponse,
  speakers: z.array(
    z.object({
      person: z
        .object({ id: z.number().int(), name: z.string() })
        .nullable()
        .describe('Null where the reader may not see the person: the post still shows'),
      role: z.enum(SPEAKER_ROLES),
      post: z
        .object({
          role: z.string(),
          title: z.string().nullable(),
          organization: z.object({ id: z.number().int(), name: z.string() }),
        })
        .nullable(),
    }),
  ),
  seats: z.array(
    z.object({
      type: z.enum(['place', 'organization']),
      id: z.number().int(),
      name: z.string(),
      country: z.string().nullable(),
    }),
  ),
});
export type SessionResponse = z.infer<typeof sessionSchema>;

export const eventSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EVENT_KINDS),
  attendanceMode: z.enum(ATTENDANCE_MODES),
  status: z.enum(EVENT_STATUSES),
  startsAt: z.string().describe('The start in UTC (ISO 8601)'),
  endsAt: z.string().describe('The end in UTC (ISO 8601)'),
  timeZone: z.string(),
  local: z
    .object({ startsAt: z.string(), endsAt: z.string() })
    .describe("Start and end on the host's clock, without offset (2020-11-10T14:00)"),
  title: localizedResponse,
  description: localizedResponse,
  venue: z.object({ id: z.number().int(), name: z.string(), country: z.string() }).nullable(),
  address: z.string().nullable(),
  onlineUrl: z
    .string()
    .nullable()
    .describe('Only for the hosts’ members; null for everyone else, whether or not there is one'),
  parentId: z.number().int().nullable(),
  series: z.string().nullable(),
  themes: z.array(z.string()),
  mediaLinks: z.array(z.object({ url: z.string(), title: z.string(), outlet: z.string().nullable() })),
  outcomes: localizedResponse,
  hosts: z.array(z.object({ id: z.number().int(), name: z.string() })),
  programme: z.array(sessionSchema).describe('Sessions in order, with speakers and seats'),
  media: z
    .array(mediaSchema)
    .describe(
      'Photos (with alt text per language) and documents, in the order they were added, with their files',
    ),
  visibility: visibilitySchema,
  ...keptRecordFields,
});
export type EventResponse = z.infer<typeof eventSchema>;

/** An organisation's invitation to an event, as a list filtered by `invitedId` names it. */
export const listedInvitationSchema = z.object({
  id: z.number().int(),
  invitee: z.object({
    type: z.enum(['place', 'organization']),
    id: z.number().int(),
    name: z.string(),
  }),
  status: z.enum(INVITATION_STATUSES),
  version: z.number().int(),
});
export type ListedInvitation = z.infer<typeof listedInvitationSchema>;

export const eventListResponseSchema = z.object({
  items: z.array(
    eventSchema.extend({
      invitations: z
        .array(listedInvitationSchema)
        .optional()
        .describe(
          "With invitedId: that organisation's invitations to the event (its own, and its place's); answer them " +
            'at /api/events/{id}/invitations/{invitationId}',
        ),
    }),
  ),
});
