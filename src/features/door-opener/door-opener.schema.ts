import * as z from 'zod';
import { countryCodeSchema, idQuerySchema } from '../../core/schemas.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.tables.ts';
import { PATH_KINDS } from './door-opener.search.ts';
import { DOOR_OPENER_LANGUAGES } from './door-opener.texts.ts';

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
/** A code Intl knows as a region of its own (not one it echoes back). */
const isKnownCountry = (code: string) => regionNames.of(code) !== code;

export const doorOpenerQuerySchema = z
  .strictObject({
    target: idQuerySchema.optional().describe('The place to reach (a city, a district or a region)'),
    targetCountry: countryCodeSchema
      .refine(isKnownCountry, 'is not a known country')
      .optional()
      .describe('Or any place in this country (ISO 3166-1 alpha-2)'),
    targetRegion: z
      .string()
      .regex(
        /^[A-Z]{2}[.][A-Za-z0-9]{1,20}$/,
        'must be a first-level region as GeoNames codes it, such as CN.23',
      )
      .optional()
      .describe(
        'Or any place in this first-level region (province, state), as GeoNames codes it: the country, a dot and ' +
          "the region's admin1 code (CN.23 is Shanghai); a place's region is `region` in GET /api/places/{id}",
      ),
    fromPlace: idQuerySchema.optional().describe('Searching as this place'),
    fromOrganization: idQuerySchema
      .optional()
      .describe(
        'Or as this organisation: the place it governs or stands for, and the networks it belongs to',
      ),
    fromNetwork: idQuerySchema
      .optional()
      .describe("Or as this network or working group: its current members' places"),
    lang: z
      .enum(DOOR_OPENER_LANGUAGES)
      .optional()
      .describe(
        'The language of the sentences; without it, the Accept-Language header decides (else English)',
      ),
    limit: z.coerce.number().int().min(1).max(50).default(10).describe('Maximum number of paths (1–50)'),
  })
  .superRefine((query, context) => {
    const targets = [query.target, query.targetCountry, query.targetRegion].filter(
      (value) => value !== undefined,
    ).length;
    if (targets !== 1)
      context.addIssue({
        code: 'custom',
        path: ['target'],
        message:
          targets === 0
            ? 'give target, targetCountry or targetRegion'
            : 'give only one of target, targetCountry and targetRegion',
      });
    const froms = [query.fromPlace, query.fromOrganization, query.fromNetwork].filter(
      (value) => value !== undefined,
    ).length;
    if (froms !== 1)
      context.addIssue({
        code: 'custom',
        path: ['fromPlace'],
        message:
          froms === 0
            ? 'give fromPlace, fromOrganization or fromNetwork'
            : 'give only one of fromPlace, fromOrganization and fromNetwork',
      });
  });
export type DoorOpenerQuery = z.infer<typeof doorOpenerQuerySchema>;

const placeRefSchema = z.object({
  id: z.number().int(),
  name: z.string().describe("The place's name in the answer's language where known"),
  country: z.string().describe('ISO 3166-1 alpha-2'),
  coordinates: z
    .object({ lat: z.number(), lng: z.number() })
    .nullable()
    .describe('Where it lies, for a map; null when not known'),
});

const stepSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('tie'),
      from: placeRefSchema,
      to: placeRefSchema,
      tie: z.object({
        id: z.number().int(),
        kind: z.enum(PARTNERSHIP_KINDS),
        status: z.enum(PARTNERSHIP_STATUSES),
        startYear: z.number().int().nullable(),
      }),
      memberOf: z.string().nullable().describe('The network that makes `from` one of us, when one does'),
      sentence: z.string(),
    })
    .describe('A published tie between two places'),
  z
    .object({
      type: z.literal('distance'),
      from: placeRefSchema,
      to: placeRefSchema,
      km: z.number().int().describe('Great-circle distance, rounded to the kilometre'),
      sameCountry: z.boolean(),
      sameRegion: z.boolean(),
      sentence: z.string(),
    })
    .describe('How far a place is from the target'),
  z
    .object({
      type: z.literal('event'),
      from: placeRefSchema,
      to: placeRefSchema,
      event: z.object({
        id: z.number().int(),
        title: z.string().describe("The event's title in the answer's language, or in one it has"),
        year: z.number().int(),
      }),
      sentence: z.string(),
    })
    .describe('A published event that both places were at, as hosts or recorded as having attended'),
]);

export const doorOpenerPathSchema = z.object({
  kind: z
    .enum(PATH_KINDS)
    .describe(
      'own_tie: our tie to the target; member_tie: a tie of a member of our network (or of a network we belong ' +
        'to); partner_of_partner: two ties; partner_near: our partner, or its partner, near the target; ' +
        'met_at_event: one of us and the target were at the same event',
    ),
  score: z.number().describe('Higher is better: the kind of path, the status of its ties and the distance'),
  steps: z.array(stepSchema),
  sentence: z.string().describe("The steps' sentences, one after another"),
  contacts: z
    .array(
      z.object({
        place: z.object({ id: z.number().int(), name: z.string() }),
        person: z.object({ id: z.number().int(), name: z.string() }),
        title: z.string().nullable().describe("The post's title as the organisation writes it"),
        role: z.string(),
        organization: z.object({ id: z.number().int(), name: z.string() }),
      }),
    )
    .nullable()
    .default(null)
    .describe(
      'Who to ask along the path: people holding a post in a government of its places beyond us, those the reader ' +
        'may read; for signed-in members of an organisation and administrators only, null for everyone else',
    ),
});

export const doorOpenerResponseSchema = z.object({
  language: z.enum(DOOR_OPENER_LANGUAGES),
  target: z.union([
    z.object({ type: z.literal('place'), place: placeRefSchema }),
    z.object({ type: z.literal('country'), country: z.string() }),
    z.object({
      type: z.literal('region'),
      region: z.string(),
      country: z.string(),
      name: z.string().describe("The region's most populous place in the registry, to name it by"),
    }),
  ]),
  from: z.object({
    type: z.enum(['place', 'organization', 'network']),
    id: z.number().int(),
    name: z.string(),
    places: z.array(placeRefSchema).describe('The places that count as us'),
  }),
  total: z.number().int().describe('How many paths were found before the limit'),
  paths: z.array(doorOpenerPathSchema).describe('Best first; equal scores in a fixed order'),
});
export type DoorOpenerResponse = z.infer<typeof doorOpenerResponseSchema>;
export type DoorOpenerPath = z.infer<typeof doorOpenerPathSchema>;
