import * as z from 'zod';
import {
  dateSchema,
  idBodySchema,
  idQuerySchema,
  idSchema,
  localizedTextSchema,
  textSchema,
  urlSchema,
  visibilitySchema,
} from '../../core/schemas.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { OUTCOME_KINDS } from './outcomes.constants.ts';

export const outcomeParamsSchema = z.strictObject({ id: idSchema.describe('Outcome id') });

/** The currencies the runtime knows (ISO 4217), for checking a value's currency. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

const ids = (what: string) =>
  z
    .array(idBodySchema)
    .max(100)
    .refine((list) => new Set(list).size === list.length, 'lists an id twice')
    .describe(what);

const named = (max: number, what: string) =>
  localizedTextSchema(max)
    .refine((texts) => Object.keys(texts).length > 0, 'must have a text in at least one language')
    .describe(what);

/** A value in its own currency: an amount with at most two decimals, and the ISO 4217 code. */
export const moneySchema = z
  .strictObject({
    amount: z
      .string()
      .regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be an amount such as 125000 or 125000.50 (at most two decimals)')
      .describe('As a decimal string, so that no amount is rounded'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR')
      .refine((code) => CURRENCIES.has(code), 'is not an ISO 4217 currency'),
  })
  .describe('A value in its own currency; sums are per currency, never converted');

export const testimonialBodySchema = z.strictObject({
  personId: idBodySchema.describe('The named person quoted'),
  quote: named(2000, 'The quote per language'),
  consentOn: dateSchema.describe('When the person consented to the quote being used'),
  consentNote: textSchema(500).nullable().default(null).describe('How the consent was given'),
});

const outcomeFields = {
  kind: z.enum(OUTCOME_KINDS),
  achievedOn: dateSchema,
  title: named(200, 'The title per language'),
  description: localizedTextSchema(10_000).describe('What came of it, per language'),
  value: moneySchema.nullable(),
  evidenceUrl: urlSchema
    .nullable()
    .describe('Where the outcome is shown: a page, a press release, a document'),
  organizationId: idBodySchema.describe(
    'The organisation that records it: its editors change it, its members read it while internal',
  ),
  visibility: visibilitySchema,
  partnershipIds: ids('The ties it came of'),
  eventIds: ids('The events it came of'),
  supportRequestIds: ids('The support requests it answered'),
  organizationIds: ids('The companies and organisations involved'),
  testimonials: z.array(testimonialBodySchema).max(20).describe('Quotes about it, each with its consent'),
};

export const createOutcomeBodySchema = z.strictObject({
  ...outcomeFields,
  description: outcomeFields.description.default({}),
  value: outcomeFields.value.default(null),
  evidenceUrl: outcomeFields.evidenceUrl.default(null),
  visibility: outcomeFields.visibility.default('internal'),
  partnershipIds: outcomeFields.partnershipIds.default([]),
  eventIds: outcomeFields.eventIds.default([]),
  supportRequestIds: outcomeFields.supportRequestIds.default([]),
  organizationIds: outcomeFields.organizationIds.default([]),
  testimonials: outcomeFields.testimonials.default([]),
});
export type CreateOutcomeBody = z.infer<typeof createOutcomeBodySchema>;

export const updateOutcomeBodySchema = updateBodySchema(outcomeFields);
export type UpdateOutcomeBody = z.infer<typeof updateOutcomeBodySchema>;

export const outcomeListQuerySchema = z.strictObject({
  organizationId: idQuerySchema.optional().describe('Recorded by, or involving, this organisation'),
  partnershipId: idQuerySchema.optional().describe('Of this tie'),
  eventId: idQuerySchema.optional().describe('Of this event'),
  supportRequestId: idQuerySchema.optional().describe('Answering this support request'),
  kind: z.enum(OUTCOME_KINDS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type OutcomeListQuery = z.infer<typeof outcomeListQuerySchema>;

const testimonialSchema = z.object({
  person: z.object({ id: z.number().int(), name: z.string().nullable() }),
  quote: z.record(z.string(), z.string()),
  consentOn: z.string(),
  consentNote: z
    .string()
    .nullable()
    .describe("How the consent was given: for the recording organisation's people"),
});

export const outcomeSchema = z.object({
  id: z.number().int(),
  kind: z.enum(OUTCOME_KINDS),
  achievedOn: z.string(),
  title: z.record(z.string(), z.string()),
  description: z.record(z.string(), z.string()),
  value: z.object({ amount: z.string(), currency: z.string() }).nullable(),
  evidenceUrl: z.string().nullable(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  visibility: z.enum(['published', 'internal']),
  partnershipIds: z.array(z.number().int()).describe('The ties it came of that the reader may read'),
  eventIds: z.array(z.number().int()).describe('The events it came of that the reader may read'),
  supportRequestIds: z.array(z.number().int()).describe('Support requests it answered, for their keepers'),
  organizations: z
    .array(z.object({ id: z.number().int(), name: z.string() }))
    .describe('The companies and organisations involved that the reader may read'),
  testimonials: z.array(testimonialSchema),
  ...keptRecordFields,
});
export type OutcomeResponse = z.infer<typeof outcomeSchema>;

export const outcomeListResponseSchema = z.object({
  items: z.array(outcomeSchema).describe('Newest first'),
  totals: z
    .array(z.object({ currency: z.string(), amount: z.string(), count: z.number().int() }))
    .describe('The values of the outcomes listed, summed per currency (never converted), by currency code'),
});
