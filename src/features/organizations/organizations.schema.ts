import * as z from 'zod';
import { idQuerySchema, idSchema, textSchema, urlSchema, visibilitySchema } from '../../core/schemas.ts';
import { updateBodySchema } from '../records/records.schema.ts';
import { ORGANIZATION_KINDS } from './organizations.constants.ts';
import { SECTOR_CODES } from './sectors.ts';

export const organizationParamsSchema = z.strictObject({ id: idSchema.describe('Organisation id') });

const organizationFields = {
  kind: z.enum(ORGANIZATION_KINDS).describe('What sort of organisation it is'),
  name: textSchema(200).describe('The name it goes by'),
  aliases: z.array(textSchema(200)).max(50).describe('Other names it is known by'),
  placeId: z.number().int().positive().nullable().describe('The place it is based in'),
  website: urlSchema.nullable(),
  description: textSchema(5000).nullable(),
  sector: z
    .string()
    .refine(
      (code) => SECTOR_CODES.has(code),
      'must be a section letter (A–U) of NACE Rev. 2, see /api/sectors',
    )
    .nullable()
    .describe("A company's sector: a section letter of NACE Rev. 2 / TOL 2008 (A–U); companies only"),
  keeperId: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe('The organisation whose editors keep this record; needed unless you are an administrator'),
  visibility: visibilitySchema,
};

export const createOrganizationBodySchema = z.strictObject({
  ...organizationFields,
  aliases: organizationFields.aliases.default([]),
  placeId: organizationFields.placeId.default(null),
  website: organizationFields.website.default(null),
  description: organizationFields.description.default(null),
  sector: organizationFields.sector.default(null),
  keeperId: organizationFields.keeperId.default(null),
  visibility: visibilitySchema.default('published'),
});
export type CreateOrganizationBody = z.infer<typeof createOrganizationBodySchema>;

export const updateOrganizationBodySchema = updateBodySchema(organizationFields);
export type UpdateOrganizationBody = z.infer<typeof updateOrganizationBodySchema>;

export const organizationListQuerySchema = z.strictObject({
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((text) => !text.includes('\u0000'), 'must not contain NUL characters')
    .optional()
    .describe('Part of the name or an alias'),
  kind: z.enum(ORGANIZATION_KINDS).optional(),
  placeId: idQuerySchema.optional().describe('Only organisations based here'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .optional()
    .describe('The last id of the previous page'),
});

export const organizationSummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(ORGANIZATION_KINDS),
  name: z.string(),
  place: z.object({ id: z.number().int(), name: z.string(), country: z.string() }).nullable(),
});

export const organizationSchema = organizationSummarySchema.extend({
  aliases: z.array(z.string()),
  website: z.string().nullable(),
  description: z.string().nullable(),
  sector: z.string().nullable().describe("A company's sector: a section letter of NACE Rev. 2 (A–U)"),
  keeperId: z.number().int().nullable(),
  visibility: visibilitySchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  mergedIntoId: z.number().int().nullable(),
  canEdit: z.boolean().describe('Whether the requesting user may change this record'),
});
export type OrganizationResponse = z.infer<typeof organizationSchema>;

export const organizationListResponseSchema = z.object({
  items: z.array(organizationSummarySchema.extend({ visibility: visibilitySchema })),
  nextAfter: z.number().int().nullable(),
});

export const sectorListResponseSchema = z.object({
  items: z.array(
    z.object({
      code: z.string().describe('The section letter'),
      name: z.object({ en: z.string(), fi: z.string(), sv: z.string() }),
    }),
  ),
  source: z.string().describe('Where the classification comes from, and its licence'),
});
