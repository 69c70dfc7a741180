import * as z from 'zod';
import { countryCodeSchema } from '../../core/schemas.ts';
import { PARTNERSHIP_KINDS } from '../partnerships/partnerships.tables.ts';

export const statsQuerySchema = z.strictObject({
  country: countryCodeSchema
    .optional()
    .describe('Only count ties of this country: its total, its partner countries and its country pairs'),
});

export const statsResponseSchema = z.object({
  totals: z.object({
    places: z.number().int().describe('Places in the registry (a place merged into another counts once)'),
    partnerships: z.number().int().describe('Published ties'),
    sources: z.number().int().describe('Sources that report ties'),
    sourceRecords: z.number().int().describe('Source rows behind the ties'),
  }),
  byCountry: z
    .array(z.object({ country: z.string(), partnerships: z.number().int() }))
    .describe('Ties per country (a tie counts once for each country among its parties), most first'),
  byCountryPair: z
    .array(z.object({ countries: z.tuple([z.string(), z.string()]), partnerships: z.number().int() }))
    .describe(
      'Ties per pair of countries (codes in alphabetical order; a domestic tie pairs a country with itself)',
    ),
  byKind: z.array(z.object({ kind: z.enum(PARTNERSHIP_KINDS), partnerships: z.number().int() })),
  ties: z
    .object({
      oneSided: z
        .number()
        .int()
        .describe(
          'Published ties reported by one side only: one party’s own list in a source names the tie, and the ' +
            'other party’s own list in that source leaves it out',
        ),
      dateUnknown: z.number().int().describe('Published ties whose start and signing dates are unknown'),
    })
    .describe('How sure the registry is of its ties, over the whole registry'),
  duplicates: z
    .object({
      merged: z.number().int().describe('Places merged into another as duplicates (merges not undone)'),
      pending: z.number().int().describe('Pairs of possible duplicates waiting for an administrator'),
      notTheSame: z.number().int().describe('Pairs an administrator marked as two different places'),
      tiesChanged: z
        .number()
        .int()
        .describe('Tie parties moved and duplicate ties joined by the merges of duplicate places'),
    })
    .describe('The duplicate places found in the registry and what became of them'),
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;
