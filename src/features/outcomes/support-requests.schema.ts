import * as z from 'zod';
import {
  countryCodeSchema,
  dateSchema,
  idBodySchema,
  idQuerySchema,
  idSchema,
  textSchema,
} from '../../core/schemas.ts';
import { doorOpenerPathSchema } from '../door-opener/door-opener.schema.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { SUPPORT_NEEDS, SUPPORT_STATUSES } from './outcomes.constants.ts';

/** A way in as JSON: the longest the search writes is a few kilobytes. */
const MAX_PATH_CHARS = 8000;

/**
 * A kept way in as the API answers it: its kind, score, sentence and steps, read leniently, so that ways kept before
 * the search's answer changed shape still read.
 */
const keptPathSchema = z
  .looseObject({
    kind: z.string(),
    score: z.number(),
    sentence: z.string(),
    steps: z.array(z.looseObject({ type: z.string(), sentence: z.string() })),
  })
  .describe('A path of GET /api/door-opener as it was kept, without contacts');

export const supportRequestParamsSchema = z.strictObject({ id: idSchema.describe('Support request id') });

const requestFields = {
  organizationId: idBodySchema.describe(
    'The organisation whose business-support staff keep the request: its members read it, its editors change it',
  ),
  companyId: idBodySchema.describe('The company asking: an organisation of kind company'),
  need: z.enum(SUPPORT_NEEDS),
  status: z.enum(SUPPORT_STATUSES),
  targetPlaceId: idBodySchema.nullable().describe('The place the company wants a way into'),
  targetCountry: countryCodeSchema.nullable().describe('Or the country (ISO 3166-1 alpha-2)'),
  targetRegion: z
    .string()
    .regex(
      /^[A-Z]{2}[.][A-Za-z0-9]{1,20}$/,
      'must be a first-level region as GeoNames codes it, such as CN.32',
    )
    .nullable()
    .describe("Or the first-level region (province, state): a place's `region` in GET /api/places/{id}"),
  description: textSchema(10_000).nullable(),
  answer: textSchema(10_000)
    .nullable()
    .describe('What the staff answered: the door opened, the contact given'),
  answerPath: doorOpenerPathSchema
    .refine(
      (path) => path.steps.length >= 1 && path.steps.length <= 4,
      'must have 1 to 4 steps, as the search finds',
    )
    .refine(
      (path) => JSON.stringify(path).length <= MAX_PATH_CHARS,
      'is longer than any way the search finds',
    )
    // Who to ask is looked up for each reader; a kept way names nobody.
    .transform((path) => ({ ...path, contacts: null }))
    .nullable()
    .describe(
      'The way in that the door-opener search answered (GET /api/door-opener), as the staff chose it',
    ),
  receivedOn: dateSchema,
};

const needsTarget = (body: {
  targetPlaceId?: number | null;
  targetCountry?: string | null;
  targetRegion?: string | null;
}) => body.targetPlaceId != null || body.targetCountry != null || body.targetRegion != null;

export const createSupportRequestBodySchema = z
  .strictObject({
    ...requestFields,
    status: requestFields.status.default('new'),
    targetPlaceId: requestFields.targetPlaceId.default(null),
    targetCountry: requestFields.targetCountry.default(null),
    targetRegion: requestFields.targetRegion.default(null),
    description: requestFields.description.default(null),
    answer: requestFields.answer.default(null),
    answerPath: requestFields.answerPath.default(null),
  })
  .refine(needsTarget, { message: 'needs a target place, region or country', path: ['targetPlaceId'] });
export type CreateSupportRequestBody = z.infer<typeof createSupportRequestBodySchema>;

export const updateSupportRequestBodySchema = updateBodySchema(requestFields);
export type UpdateSupportRequestBody = z.infer<typeof updateSupportRequestBodySchema>;

export const supportRequestListQuerySchema = z.strictObject({
  organizationId: idQuerySchema.optional().describe('Kept by this organisation'),
  companyId: idQuerySchema.optional().describe('Asked by this company'),
  status: z.enum(SUPPORT_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type SupportRequestListQuery = z.infer<typeof supportRequestListQuerySchema>;

export const supportRequestSchema = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  company: z.object({ id: z.number().int(), name: z.string() }),
  need: z.enum(SUPPORT_NEEDS),
  status: z.enum(SUPPORT_STATUSES),
  targetPlace: z.object({ id: z.number().int(), name: z.string(), country: z.string() }).nullable(),
  targetCountry: z.string().nullable(),
  targetRegion: z
    .object({
      code: z.string(),
      country: z.string(),
      place: z
        .object({ id: z.number().int(), name: z.string() })
        .nullable()
        .describe(
          'Its most populous place in the registry, to name it by; null when no place lies in it now',
        ),
    })
    .nullable(),
  description: z.string().nullable(),
  answer: z.string().nullable(),
  answerPath: keptPathSchema.nullable(),
  receivedOn: z.string(),
  ...keptRecordFields,
});
export type SupportRequestResponse = z.infer<typeof supportRequestSchema>;

export const supportRequestListResponseSchema = z.object({
  items: z.array(supportRequestSchema).describe('Newest first'),
});
