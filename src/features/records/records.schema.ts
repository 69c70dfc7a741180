import * as z from 'zod';
import { versionSchema } from '../../core/schemas.ts';

/** The body of an update: any of the record's fields, and the version the client read. */
export function updateBodySchema<Fields extends z.ZodRawShape>(fields: Fields) {
  return z.strictObject(fields).partial().extend({ version: versionSchema });
}

/**
 * What every kept record answers last: its version, when it was made, changed and deleted, and whether the
 * reader may change it.
 */
export const keptRecordFields = {
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
  canEdit: z.boolean(),
};
