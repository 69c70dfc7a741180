import * as z from 'zod';
import { countryCodeSchema, idSchema, textSchema } from '../../core/schemas.ts';
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
  id: z.number().int(),
  name: z.string(),
  lang: z.string().describe('BCP 47 language code, or `und` when unknown'),
  kind: z.enum(['official', 'alias']),
  source: z
    .object({ key: z.string(), name: z.string() })
    .nullable()
    .describe('The source that gave the name; null for a name added in the workspace'),
});
export type PlaceName = z.infer<typeof placeNameSchema>;

export const nativeNameSchema = z
  .object({
    name: z.string(),
    lang: z.string().describe("BCP 47 code of the country's main language"),
  })
  .nullable()
  .describe(
    "The name in the main language of the place's country (上海 for Shanghai, Москва for Moscow), null when none is known",
  );

export const placeDetailSchema = placeSummarySchema.extend({
  names: z.array(placeNameSchema).describe('Every known name and alias'),
  nativeName: nativeNameSchema,
  canEditNames: z
    .boolean()
    .describe(
      'Whether the requesting user may add and remove names: administrators, and editors of a government of the place',
    ),
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

export const placeNameParamsSchema = z.strictObject({
  id: idSchema.describe('Place id'),
  nameId: idSchema.describe('Name id'),
});

/** A BCP 47 language tag as the names table keeps it, or `und`; answered in its canonical form (zh-hant → zh-Hant). */
const nameLanguageSchema = z
  .string()
  .trim()
  .max(35, 'must be at most 35 characters')
  .transform((tag, context) => {
    let canonical: string | undefined;
    try {
      canonical = tag === 'und' ? tag : Intl.getCanonicalLocales(tag)[0];
    } catch {
      canonical = undefined;
    }
    if (!canonical || !/^([a-z]{2,3}(-[A-Za-z0-9]{2,8})*|und)$/.test(canonical)) {
      context.addIssue({ code: 'custom', message: 'must be a language code (fi, zh-Hant, und)' });
      return z.NEVER;
    }
    return canonical;
  });

export const addPlaceNameBodySchema = z.strictObject({
  name: textSchema(200)
    .refine((name) => !/\p{Cc}/u.test(name), 'must not contain control characters')
    .refine((name) => /\p{L}/u.test(name), 'must contain a letter')
    .describe('The name as it is written, in any script'),
  lang: nameLanguageSchema.describe(
    'BCP 47 code of the language the name is in (fi, sv, en, zh, zh-Hant …), or `und` when it is not known',
  ),
  kind: z
    .enum(['official', 'alias'])
    .default('official')
    .describe('official: the name in that language; alias: another name people use (Esbo for Espoo)'),
});
export type AddPlaceNameBody = z.infer<typeof addPlaceNameBodySchema>;
