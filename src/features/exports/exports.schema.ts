import * as z from 'zod';
import { partnershipFilterFields, partnershipFilterRules } from '../partnerships/partnerships.schema.ts';
import { CSV_DATASETS } from './exports.service.ts';

/** What an export takes: the ties list's filters, and for CSV which records. */
export const exportQuerySchema = partnershipFilterRules(
  z.strictObject({
    ...partnershipFilterFields,
    dataset: z
      .enum(CSV_DATASETS)
      .default('ties')
      .describe('For CSV: the ties (one row each, with their first two parties) or their places'),
  }),
);
