import * as z from 'zod';
import {
  countryCodeSchema,
  dateSchema,
  idBodySchema,
  idQuerySchema,
  idSchema,
  localizedTextSchema,
  textSchema,
  urlSchema,
  versionSchema,
  visibilitySchema,
} from '../../core/schemas.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.constants.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { NETWORK_KINDS } from './networks.constants.ts';

export const networkParamsSchema = z.strictObject({ id: idSchema.describe('Network or working group id') });

export const memberParamsSchema = z.strictObject({
  id: idSchema.describe('Network or working group id'),
  memberId: idSchema.describe('The membership’s id (members[].id)'),
});

const networkFields = {
  name: localizedTextSchema(200)
    .refine((texts) => Object.keys(texts).length > 0, 'must have a name in at least one language')
    .describe('The name per language: { "fi": "…", "sv": "…", "en": "…" }'),
  shortName: textSchema(40).nullable().describe('A short name used in every language ("C21", "UBC")'),
  description: localizedTextSchema(20_000).describe('What the network or group is for, per language'),
  theme: localizedTextSchema(200).describe('A working group’s theme per language ("China")'),
  countryCode: countryCodeSchema
    .nullable()
    .describe(
      'The country a working group is about (ISO 3166-1 alpha-2): its ties view and campaigns use it',
    ),
  secretariatId: idBodySchema
    .nullable()
    .describe('The organisation that runs a network: set and changed by administrators only'),
  website: urlSchema.nullable(),
  foundedOn: dateSchema.nullable().describe('When it was founded (YYYY-MM-DD)'),
  visibility: visibilitySchema.describe(
    'published: anyone may read it; internal: only its members, its coordinators and administrators',
  ),
};

export const createNetworkBodySchema = z
  .strictObject({
    kind: z
      .enum(NETWORK_KINDS)
      .describe('network: created by administrators; working_group: created by the network’s coordinators'),
    parentId: idBodySchema
      .nullable()
      .default(null)
      .describe('The network a working group belongs to; none for a network'),
    ...networkFields,
    shortName: networkFields.shortName.default(null),
    description: networkFields.description.default({}),
    theme: networkFields.theme.default({}),
    countryCode: networkFields.countryCode.default(null),
    secretariatId: networkFields.secretariatId.default(null),
    website: networkFields.website.default(null),
    foundedOn: networkFields.foundedOn.default(null),
    visibility: networkFields.visibility.default('published'),
  })
  .refine((body) => (body.kind === 'working_group') === (body.parentId !== null), {
    message: 'a working group needs the network it belongs to, and a network has none',
    path: ['parentId'],
  });
export type CreateNetworkBody = z.infer<typeof createNetworkBodySchema>;

export const updateNetworkBodySchema = updateBodySchema(networkFields);
export type UpdateNetworkBody = z.infer<typeof updateNetworkBodySchema>;

/** The dates of a membership: both optional, and the end not before the start. */
const membershipDates = {
  joinedOn: dateSchema.nullable().describe('When it joined (YYYY-MM-DD)'),
  leftOn: dateSchema
    .nullable()
    .describe('When it left (YYYY-MM-DD); a member is current until that day, inclusive'),
};

const datesInOrder = (body: { joinedOn?: string | null; leftOn?: string | null }) =>
  !body.joinedOn || !body.leftOn || body.joinedOn <= body.leftOn;

export const addMemberBodySchema = z
  .strictObject({
    placeId: idBodySchema.optional().describe('A city or region: its governments speak for it'),
    organizationId: idBodySchema.optional().describe('An organisation'),
    joinedOn: membershipDates.joinedOn.default(null),
    leftOn: membershipDates.leftOn.default(null),
  })
  .refine((body) => (body.placeId === undefined) !== (body.organizationId === undefined), {
    message: 'must name a place or an organisation, not both',
    path: ['placeId'],
  })
  .refine(datesInOrder, { message: 'must not be before joinedOn', path: ['leftOn'] });
export type AddMemberBody = z.infer<typeof addMemberBodySchema>;

export const updateMemberBodySchema = z
  .strictObject(membershipDates)
  .partial()
  .refine(datesInOrder, { message: 'must not be before joinedOn', path: ['leftOn'] });
export type UpdateMemberBody = z.infer<typeof updateMemberBodySchema>;

export const setCoordinatorsBodySchema = z.strictObject({
  organizationIds: z
    .array(idBodySchema)
    .max(50)
    .refine((list) => new Set(list).size === list.length, 'lists an organisation twice')
    .describe('Every organisation that coordinates it, replacing those that do'),
  version: versionSchema.optional(),
});
export type SetCoordinatorsBody = z.infer<typeof setCoordinatorsBodySchema>;

export const networkListQuerySchema = z.strictObject({
  kind: z.enum(NETWORK_KINDS).optional().describe('Only networks, or only working groups'),
  parentId: idQuerySchema.optional().describe('Only the working groups of this network'),
  organizationId: idQuerySchema
    .optional()
    .describe(
      'Only those this organisation belongs to (itself, or as the government of a member place) or coordinates ' +
        '(appointed, or as the secretariat); each item then says which',
    ),
  placeId: idQuerySchema
    .optional()
    .describe('Only those this place belongs to today: itself, or through one of its governments'),
  q: z.string().trim().max(100).optional().describe('Words in the name or short name, in any language'),
  limit: z.coerce.number().int().min(1).max(500).default(200).describe('How many (1–500)'),
});
export type NetworkListQuery = z.infer<typeof networkListQuerySchema>;

export const networkTiesQuerySchema = z.strictObject({
  country: countryCodeSchema
    .optional()
    .describe('The country of the partners (ISO 3166-1 alpha-2); the working group’s country without it'),
});

const localizedResponse = z.record(z.string(), z.string());
const organizationRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const networkListItemSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NETWORK_KINDS),
  parentId: z.number().int().nullable(),
  name: localizedResponse,
  shortName: z.string().nullable(),
  theme: localizedResponse,
  countryCode: z.string().nullable(),
  visibility: visibilitySchema,
  memberCount: z.number().int().describe('Current members'),
  workingGroupCount: z.number().int().describe('Its live working groups the reader may read'),
  relation: z
    .object({ coordinates: z.boolean(), member: z.boolean() })
    .optional()
    .describe('With organizationId: whether that organisation coordinates it and whether it is a member'),
});
export type NetworkListItem = z.infer<typeof networkListItemSchema>;

export const networkListResponseSchema = z.object({ items: z.array(networkListItemSchema) });

export const networkMemberSchema = z.object({
  id: z.number().int().describe('The membership’s id'),
  type: z.enum(['place', 'organization']),
  placeId: z.number().int().nullable(),
  organizationId: z.number().int().nullable(),
  name: z.string(),
  kind: z.string().describe('The place’s kind (municipality, region …) or the organisation’s'),
  country: z.string().nullable(),
  location: z
    .object({ lat: z.number(), lng: z.number() })
    .nullable()
    .describe('Where it is on a map: a place’s coordinates, or those of an organisation’s place'),
  joinedOn: z.string().nullable(),
  leftOn: z.string().nullable(),
  current: z.boolean().describe('Whether it is a member today'),
});
export type NetworkMember = z.infer<typeof networkMemberSchema>;

export const networkSchema = z.object({
  id: z.number().int(),
  kind: z.enum(NETWORK_KINDS),
  parentId: z.number().int().nullable(),
  parent: z
    .object({ id: z.number().int(), name: localizedResponse, shortName: z.string().nullable() })
    .nullable()
    .describe('The network a working group belongs to, when the reader may read it'),
  name: localizedResponse,
  shortName: z.string().nullable(),
  description: localizedResponse,
  theme: localizedResponse,
  countryCode: z.string().nullable(),
  secretariat: organizationRefSchema
    .nullable()
    .describe('The organisation that runs it (a working group’s is its network’s)'),
  website: z.string().nullable(),
  foundedOn: z.string().nullable(),
  coordinators: z.array(organizationRefSchema).describe('The organisations appointed to coordinate it'),
  members: z
    .array(networkMemberSchema)
    .describe('Current and former members, by name; organisations the reader may not read are left out'),
  workingGroups: z
    .array(
      z.object({
        id: z.number().int(),
        name: localizedResponse,
        theme: localizedResponse,
        countryCode: z.string().nullable(),
        visibility: visibilitySchema,
        memberCount: z.number().int(),
      }),
    )
    .describe('Its live working groups the reader may read'),
  viewer: z
    .object({
      coordinates: z
        .boolean()
        .describe('Whether the reader may run it: its members list, texts and campaigns'),
      canAppointCoordinators: z.boolean(),
      canCreateWorkingGroup: z.boolean(),
      canSetSecretariat: z.boolean(),
      canDelete: z
        .boolean()
        .describe(
          'The reader may delete and restore it: administrators a network, its network’s coordinators a group',
        ),
      memberOrganizationIds: z
        .array(z.number().int())
        .describe(
          'The reader’s organisations that are members (itself, or the government of a member place)',
        ),
    })
    .nullable()
    .describe('For signed-in readers: what they may do and which of their organisations are members'),
  visibility: visibilitySchema,
  ...keptRecordFields,
});
export type NetworkRecord = z.infer<typeof networkSchema>;

const partySideSchema = z.object({
  type: z.enum(['place', 'organization']),
  id: z.number().int(),
  name: z.string(),
  country: z.string().nullable(),
});

export const networkTiesResponseSchema = z.object({
  country: z.string(),
  items: z.array(
    z.object({
      id: z.number().int().describe('The tie’s id'),
      kind: z.enum(PARTNERSHIP_KINDS),
      status: z.enum(PARTNERSHIP_STATUSES),
      signedOn: z.string().nullable(),
      startedOn: z.string().nullable(),
      endedOn: z.string().nullable(),
      visibility: visibilitySchema,
      member: partySideSchema.describe('The member of the network that is a party'),
      partner: partySideSchema.describe('The party in the country asked for'),
    }),
  ),
});
export type NetworkTiesResponse = z.infer<typeof networkTiesResponseSchema>;

export const networkEventsResponseSchema = z.object({
  items: z.array(
    z.object({
      id: z.number().int(),
      kind: z.string(),
      status: z.string(),
      title: localizedResponse,
      startsAt: z.string(),
      endsAt: z.string(),
      timeZone: z.string(),
      venue: z.object({ id: z.number().int(), name: z.string(), country: z.string() }).nullable(),
      hosts: z.array(organizationRefSchema),
    }),
  ),
});
export type NetworkEventsResponse = z.infer<typeof networkEventsResponseSchema>;
