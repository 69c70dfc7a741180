import { z } from 'zod';
import { countryCodeSchema, placeSummarySchema, sourceRefSchema } from '../places/places.schema.ts';
import { PARTNERSHIP_KINDS, PARTNERSHIP_STATUSES } from './partnerships.tables.ts';

/** A calendar date (YYYY-MM-DD) or a year (YYYY, meaning its first or last day depending on the bound). */
const dateBound = (bound: 'from' | 'to') =>
  z
    .string()
    .regex(/^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$/, 'must be a date YYYY-MM-DD or a year YYYY')
    .transform((value, context) => {
      const date = value.length === 4 ? `${value}-${bound === 'from' ? '01-01' : '12-31'}` : value;
      const parsed = new Date(`${date}T00:00:00Z`);
      if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== date) {
        context.addIssue({ code: 'custom', message: 'is not a real date' });
        return z.NEVER;
      }
      return date;
    });

export const partnershipListQuerySchema = z
  .strictObject({
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
    cursor: z
      .string()
      .max(100)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be a cursor returned as nextCursor')
      .optional()
      .describe('The nextCursor of the previous page'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1–200)'),
  })
  .refine((query) => !query.startedFrom || !query.startedTo || query.startedFrom <= query.startedTo, {
    message: 'startedFrom must not be after startedTo',
    path: ['startedFrom'],
  })
  .refine((query) => !query.partnerCountry || query.country, {
    message: 'partnerCountry needs country',
    path: ['partnerCountry'],
  });
export type PartnershipListQuery = z.infer<typeof partnershipListQuerySchema>;

export const partnershipSchema = z.object({
  id: z.number().int(),
  kind: z.enum(PARTNERSHIP_KINDS),
  status: z.enum(PARTNERSHIP_STATUSES),
  startedOn: z.string().nullable().describe('Start date (YYYY-MM-DD), null when unknown'),
  endedOn: z.string().nullable().describe('End date (YYYY-MM-DD), null when not ended or unknown'),
  parties: z.array(placeSummarySchema).min(2),
  sources: z.array(sourceRefSchema),
});
export type PartnershipResponse = z.infer<typeof partnershipSchema>;

export const partnershipListResponseSchema = z.object({
  items: z.array(partnershipSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});
