import * as z from 'zod';
import {
  countryCodeSchema,
  dateSchema,
  idBodySchema,
  idSchema,
  textSchema,
  versionSchema,
  visibilitySchema,
} from '../../core/schemas.ts';
import { placeSummarySchema, sourceRefSchema } from '../places/places.schema.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES, PARTNERSHIP_THEMES } from './partnerships.tables.ts';

/** A calendar date (YYYY-MM-DD) or a year (YYYY, meaning its first or last day depending on the bound). */
const dateBound = (bound: 'from' | 'to') =>
  z
    .string()
    .regex(/^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/, 'must be a date YYYY-MM-DD or a year YYYY')
    .transform((value, context) => {
      const date = value.length === 4 ? `${value}-${bound === 'from' ? '01-01' : '12-31'}` : value;
      const parsed = new Date(`${date}T00:00:00Z`);
      // Year 0 is a date to JavaScript, not to PostgreSQL.
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date || date < '0001') {
        context.addIssue({ code: 'custom', message: 'is not a real date' });
        return z.NEVER;
      }
      return date;
    });

/** The filters of the ties list, shared by the exports of the same ties. */
export const partnershipFilterFields = {
  country: countryCodeSchema
    .optional()
    .describe('Only ties with a party in this country (ISO 3166-1 alpha-2)'),
  partnerCountry: countryCodeSchema
    .optional()
    .describe('With `country`: only ties between a party in `country` and another party in this country'),
  kind: z.enum(PARTNERSHIP_KINDS).optional().describe('Only ties of this kind'),
  status: z.enum(PARTNERSHIP_STATUSES).optional().describe('Only ties with this status'),
  startedFrom: dateBound('from')
    .optional()
    .describe('Only ties started on or after this date (YYYY-MM-DD or YYYY)'),
  startedTo: dateBound('to')
    .optional()
    .describe('Only ties started on or before this date (YYYY-MM-DD or YYYY)'),
};

/** The filters' rules across fields: a range in order, and a partner country only with a country. */
export function partnershipFilterRules<
  T extends z.ZodType<{
    startedFrom?: string;
    startedTo?: string;
    country?: string;
    partnerCountry?: string;
  }>,
>(schema: T) {
  return schema
    .refine((query) => !query.startedFrom || !query.startedTo || query.startedFrom <= query.startedTo, {
      message: 'startedFrom must not be after startedTo',
      path: ['startedFrom'],
    })
    .refine((query) => !query.partnerCountry || query.country, {
      message: 'partnerCountry needs country',
      path: ['partnerCountry'],
    });
}

export const partnershipListQuerySchema = partnershipFilterRules(
  z.strictObject({
    ...partnershipFilterFields,
    cursor: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned as nextCursor')
      .optional()
      .describe('The nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1–200)'),
  }),
);
export type PartnershipListQuery = z.infer<typeof partnershipListQuerySchema>;

export const partnershipSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  startedOn: z.string().nullable().describe('Start date (YYYY-MM-DD), null when unknown'),
  endedOn: z.string().nullable().describe('End date (YYYY-MM-DD), null when not ended or unknown'),
  parties: z.array(placeSummarySchema).describe('The places that are parties (organisations are left out)'),
  sources: z.array(sourceRefSchema),
});
export type PartnershipResponse = z.infer<typeof partnershipSchema>;

export const partnershipListResponseSchema = z.object({
  items: z.array(partnershipSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});

/** One party of a tie: a place (a city, a region) or an organisation. */
export const partyInputSchema = z.union([
  z.strictObject({ placeId: idBodySchema }),
  z.strictObject({ organizationId: idBodySchema }),
]);
export type PartyInput = z.infer<typeof partyInputSchema>;

const descriptionsSchema = z
  .strictObject({
    fi: textSchema(5000).optional(),
    sv: textSchema(5000).optional(),
    en: textSchema(5000).optional(),
  })
  .describe('Description per language');

const tieFields = {
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  parties: z
    .array(partyInputSchema)
    .min(2, 'a tie needs at least two parties')
    .max(50)
    .refine((parties) => new Set(parties.map(partyKeyOf)).size === parties.length, 'lists a party twice')
    .describe('Two or more places or organisations'),
  signedOn: dateSchema.nullable().describe('When the agreement was signed'),
  startedOn: dateSchema.nullable(),
  endedOn: dateSchema.nullable().describe('Only with status ended'),
  endReason: textSchema(1000).nullable(),
  renewalOn: dateSchema.nullable().describe('When the agreement is due for renewal or expires'),
  themes: z
    .array(z.enum(PARTNERSHIP_THEMES))
    .max(PARTNERSHIP_THEMES.length)
    .refine((themes) => new Set(themes).size === themes.length, 'lists a theme twice'),
  descriptions: descriptionsSchema,
  notes: textSchema(10_000).nullable().describe('Internal notes: never shown to anonymous visitors'),
  visibility: visibilitySchema,
  networkId: idBodySchema
    .nullable()
    .describe('For a tie of kind network_membership: the network (or working group) it is a membership of'),
};

/** The rules between fields that one field's schema cannot check. */
function checkTieDates(
  tie: Partial<{
    status: string;
    startedOn: string | null;
    endedOn: string | null;
    renewalOn: string | null;
    kind: string;
    networkId: number | null;
  }>,
  context: z.RefinementCtx,
) {
  if (tie.endedOn && tie.status !== undefined && tie.status !== 'ended') {
    context.addIssue({ code: 'custom', path: ['endedOn'], message: 'needs status ended' });
  }
  if (tie.endedOn && tie.startedOn && tie.endedOn < tie.startedOn) {
    context.addIssue({ code: 'custom', path: ['endedOn'], message: 'must not be before startedOn' });
  }
  if (tie.renewalOn && tie.startedOn && tie.renewalOn < tie.startedOn) {
    context.addIssue({ code: 'custom', path: ['renewalOn'], message: 'must not be before startedOn' });
  }
  if (tie.networkId && tie.kind !== undefined && tie.kind !== 'network_membership') {
    context.addIssue({ code: 'custom', path: ['networkId'], message: 'needs kind network_membership' });
  }
}

export const createPartnershipBodySchema = z
  .strictObject({
    ...tieFields,
    status: tieFields.status.default('active'),
    signedOn: tieFields.signedOn.default(null),
    startedOn: tieFields.startedOn.default(null),
    endedOn: tieFields.endedOn.default(null),
    endReason: tieFields.endReason.default(null),
    renewalOn: tieFields.renewalOn.default(null),
    themes: tieFields.themes.default([]),
    descriptions: descriptionsSchema.default({}),
    notes: tieFields.notes.default(null),
    visibility: visibilitySchema.default('published'),
    networkId: tieFields.networkId.default(null),
  })
  .superRefine(checkTieDates);
export type CreatePartnershipBody = z.infer<typeof createPartnershipBodySchema>;

export const updatePartnershipBodySchema = updateBodySchema(tieFields).superRefine(checkTieDates);
export type UpdatePartnershipBody = z.infer<typeof updatePartnershipBodySchema>;

export const endPartnershipBodySchema = z.strictObject({
  version: versionSchema,
  endedOn: dateSchema,
  endReason: textSchema(1000).nullable().default(null),
});

export const confirmPartnershipBodySchema = z.strictObject({
  version: versionSchema,
  party: partyInputSchema
    .optional()
    .describe('The party to confirm for; without it, every party you speak for is confirmed'),
});

export const partnershipParamsSchema = z.strictObject({ id: idSchema.describe('Partnership id') });

export const partySchema = z.object({
  placeId: z.number().int().nullable(),
  organizationId: z.number().int().nullable(),
  name: z.string(),
  country: z.string().nullable(),
  confirmedAt: z.string().nullable().describe('When an editor of this party confirmed the tie'),
  canConfirm: z.boolean().describe('Whether the requesting user may confirm for this party'),
});

export const documentSchema = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mediaType: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  url: z.string(),
});

export const tieSidesSchema = z
  .object({
    oneSided: z
      .boolean()
      .describe(
        'Reported by one side only: a party’s own list names the tie, and another party, whose lists name it in no ' +
          'source, has a list of its own that leaves it out in a source that reports it',
      ),
    sources: z
      .array(
        z.object({
          key: z.string(),
          name: z.string(),
          listedBy: z
            .array(z.number().int())
            .describe('The parties (place ids) whose own list in this source names the tie'),
          notListedBy: z
            .array(z.number().int())
            .describe('The parties with a list of their own in this source that leaves the tie out'),
        }),
      )
      .describe(
        'Each source that reports the tie and says from whose list: a Wikidata link is stated on one item, a row of ' +
          'the Wikipedia lists is in the list of one place',
      ),
  })
  .describe('Which side reports the tie, source by source');
export type TieSides = z.infer<typeof tieSidesSchema>;

export const partnershipRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  signedOn: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
  endReason: z.string().nullable(),
  renewalOn: z.string().nullable(),
  themes: z.array(z.enum(PARTNERSHIP_THEMES)),
  descriptions: z.record(z.string(), z.string()),
  notes: z.string().nullable().optional().describe('Internal notes; present only for members of the parties'),
  visibility: visibilitySchema,
  networkId: z
    .number()
    .int()
    .nullable()
    .describe('For a network membership: the network it is a membership of (/api/networks/{id})'),
  parties: z.array(partySchema),
  sources: z.array(sourceRefSchema).describe('Open data sets that report the tie'),
  sides: tieSidesSchema,
  documents: z.array(documentSchema),
  computed: z.object({
    years: z.number().int().nullable().describe('Full years since the start (or signing)'),
    nextAnniversary: z.string().nullable().describe('The next anniversary of the start (or signing)'),
    nextAnniversaryYears: z.number().int().nullable(),
    daysToRenewal: z
      .number()
      .int()
      .nullable()
      .describe('Days until the renewal or expiry date; negative when past'),
  }),
  ...keptRecordFields,
});
export type PartnershipRecord = z.infer<typeof partnershipRecordSchema>;

/** The party's token in a tie's party key: its place id, or `o` and its organisation id. */
export function partyKeyOf(party: PartyInput): string {
  return 'placeId' in party ? String(party.placeId) : `o${party.organizationId}`;
}

/** The party key of a set of parties: places by id, then organisations by id. */
export function partyKeyFor(parties: readonly PartyInput[]): string {
  const placeIds = parties
    .flatMap((party) => ('placeId' in party ? [party.placeId] : []))
    .sort((a, b) => a - b);
  const orgIds = parties
    .flatMap((party) => ('organizationId' in party ? [party.organizationId] : []))
    .sort((a, b) => a - b);
  return [...placeIds.map(String), ...orgIds.map((id) => `o${id}`)].join('-');
}
