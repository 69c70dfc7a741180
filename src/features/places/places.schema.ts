import { z } from 'zod';
import { countryCodeSchema, idSchema } from '../../core/schemas.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from '../partnerships/partnerships.tables.ts';
import { PLACE_KINDS } from './places.tables.ts';

export type PlaceKind = (typeof PLACE_KINDS)[number];

export const placeIdParamsSchema = z.strictObject({ id: idSchema.describe('Place id') });

export const placeSearchQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(100, 'must be at most 100 characters')
    .refine((text) => !text.includes('\u0000'), 'must not contain NUL characters')
    .describe('Search text: a name in any language, a prefix, or a name with small typos'),
  country: countryCodeSchema.optional().describe('Only places in this country (ISO 3166-1 alpha-2)'),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('Maximum number of results (1–50)'),
});
export type PlaceSearchQuery = z.infer<typeof placeSearchQuerySchema>;

const coordinatesSchema = z
  .object({ lat: z.number(), lng: z.number() })
  .nullable()
  .describe('WGS 84 coordinates, or null when unknown');

export const placeSummarySchema = z.object({
  id: z.number().int(),
  name: z.string().describe('Display name (English where known)'),
  kind: z.enum(PLACE_KINDS),
  country: z.string().describe('ISO 3166-1 alpha-2 country code'),
  coordinates: coordinatesSchema,
  population: z.number().int().nullable(),
  partnerCount: z.number().int().describe('Number of ties the place is party to'),
});
export type PlaceSummary = z.infer<typeof placeSummarySchema>;

export const placeSearchResultSchema = placeSummarySchema.extend({
  matchedName: z.string().describe('The name or alias that matched the query'),
  matchedLang: z.string().describe('Language of the matched name'),
  score: z.number().describe('Relevance, higher is better'),
});

export const placeSearchResponseSchema = z.object({
  query: z.string(),
  results: z.array(placeSearchResultSchema),
});

export const placeNameSchema = z.object({
  name: z.string(),
  lang: z.string().describe('BCP 47 language code, or `und` when unknown'),
  kind: z.enum(['official', 'alias']),
});

export const placeDetailSchema = placeSummarySchema.extend({
  names: z.array(placeNameSchema).describe('Every known name and alias'),
  identifiers: z.object({
    wikidata: z.string().nullable().describe('Wikidata QID'),
    geonames: z.number().int().nullable().describe('GeoNames id'),
  }),
  region: z
    .string()
    .nullable()
    .describe(
      'The first-level region (province, state) as GeoNames codes it ("CN.23"), for targetRegion of GET /api/door-opener',
    ),
  parent: z
    .object({ id: z.number().int(), name: z.string() })
    .nullable()
    .describe('The city a district belongs to'),
  counts: z.object({
    partners: z.number().int(),
    partnerCountries: z.number().int(),
    sources: z.number().int().describe('Source records that report ties of this place'),
  }),
  sources: z
    .array(z.object({ key: z.string(), name: z.string() }))
    .describe('Sources that report this place'),
});
export type PlaceDetail = z.infer<typeof placeDetailSchema>;

export const sourceRefSchema = z.object({
  key: z.string(),
  name: z.string(),
  records: z.number().int().describe('How many rows of this source report the tie'),
});

export const partnerSchema = z.object({
  partnershipId: z.number().int(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  startedOn: z.string().nullable().describe('Start date (YYYY-MM-DD), null when unknown'),
  ageYears: z.number().int().nullable().describe('Whole years since the start, null when unknown'),
  place: placeSummarySchema,
  sources: z.array(sourceRefSchema),
});
export type Partner = z.infer<typeof partnerSchema>;

export const placePartnersResponseSchema = z.object({
  place: placeSummarySchema,
  partners: z.array(partnerSchema),
});
export type PlacePartnersResponse = z.infer<typeof placePartnersResponseSchema>;

export const placeNamesQuerySchema = z.strictObject({
  lang: z.enum(['fi', 'sv', 'en']).describe('Interface language'),
});

export const placeNamesResponseSchema = z.object({
  lang: z.string(),
  names: z
    .record(z.string(), z.string())
    .describe(
      'Place id → official name in the language, for places whose name there differs from the display name',
    ),
});
