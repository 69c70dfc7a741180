import * as z from 'zod';
import { idBodySchema, idSchema, versionSchema } from '../../core/schemas.ts';
import { INVITATION_STATUSES, INVITEE_ANSWERS, MAX_INVITEES, PARTICIPANT_ROLES } from './events.constants.ts';

export const invitationParamsSchema = z.strictObject({
  id: idSchema.describe('Event id'),
  invitationId: idSchema.describe('Invitation id'),
});

const idListSchema = (what: string) =>
  z
    .array(idBodySchema)
    .max(MAX_INVITEES)
    .refine((list) => new Set(list).size === list.length, 'lists an id twice')
    .describe(what);

export const inviteBodySchema = z
  .strictObject({
    partnersOf: idBodySchema
      .optional()
      .describe(
        "Invite every partner of this place in the registry (a host city's twin towns), ended ties aside",
      ),
    placeIds: idListSchema('Places to invite').default([]),
    organizationIds: idListSchema('Organisations to invite').default([]),
    role: z.enum(PARTICIPANT_ROLES).default('guest').describe('Why they take part'),
    supportedById: idBodySchema
      .nullable()
      .default(null)
      .describe('The organisation that supports them (the city behind an exhibiting company)'),
  })
  .refine(
    (body) => body.partnersOf !== undefined || body.placeIds.length > 0 || body.organizationIds.length > 0,
    { message: 'names nobody to invite: give partnersOf, placeIds or organizationIds', path: ['placeIds'] },
  );
export type InviteBody = z.infer<typeof inviteBodySchema>;

export const inviteResponseSchema = z.object({
  invited: z.number().int().describe('Invitations made now'),
  alreadyInvited: z.number().int().describe('Invitees that had an invitation already: it stays as it stands'),
});

export const updateInvitationBodySchema = z.strictObject({
  version: versionSchema,
  status: z
    .enum(INVITATION_STATUSES)
    .optional()
    .describe(
      `The invitee answers (${INVITEE_ANSWERS.join(', ')}); the hosts record attendance (attended, no_show) and may ` +
        'answer for an invitee',
    ),
  delegateIds: z
    .array(idBodySchema)
    .max(50)
    .refine((list) => new Set(list).size === list.length, 'lists an id twice')
    .optional()
    .describe('The people the invitee sends (people records the caller may read)'),
});
export type UpdateInvitationBody = z.infer<typeof updateInvitationBodySchema>;

export const invitationSchema = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  invitee: z.object({
    type: z.enum(['place', 'organization']),
    id: z.number().int(),
    name: z.string(),
    country: z.string().nullable(),
    location: z
      .object({ lat: z.number(), lng: z.number() })
      .nullable()
      .describe(
        "Where the invitee stands on a map (WGS 84): a place's coordinates, or those of the place an organisation " +
          'is based in when the reader may read that organisation; null when unknown',
      ),
  }),
  role: z.enum(PARTICIPANT_ROLES),
  supportedBy: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  status: z.enum(INVITATION_STATUSES),
  answeredAt: z.string().nullable(),
  delegates: z
    .array(z.object({ id: z.number().int(), name: z.string().nullable() }))
    .nullable()
    .describe("Only for the hosts' and the invitee's members; null for everyone else"),
  version: z.number().int(),
  canAnswer: z.boolean().describe('The caller may answer it for the invitee'),
  canRecord: z.boolean().describe('The caller may record attendance (a host editor)'),
});
export type InvitationResponse = z.infer<typeof invitationSchema>;

export const invitationListResponseSchema = z.object({
  items: z.array(invitationSchema),
  summary: z.object({
    invited: z.number().int().describe('Everyone invited'),
    byStatus: z.record(z.enum(INVITATION_STATUSES), z.number().int()),
    places: z
      .object({
        invited: z.number().int(),
        attended: z.number().int(),
      })
      .describe('Places invited and attended: "12 of 82 twin towns attended"'),
  }),
});
export type InvitationListResponse = z.infer<typeof invitationListResponseSchema>;
