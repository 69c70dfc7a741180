import * as z from 'zod';
import { dateSchema, idBodySchema, idQuerySchema, idSchema, textSchema } from '../../core/schemas.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { ACTIVITY_KINDS } from './activities.constants.ts';

export const activityParamsSchema = z.strictObject({ id: idSchema.describe('Activity id') });

const ids = (what: string) =>
  z
    .array(idBodySchema)
    .max(100)
    .refine((list) => new Set(list).size === list.length, 'lists an id twice')
    .describe(what);

const activityFields = {
  kind: z.enum(ACTIVITY_KINDS),
  occurredOn: dateSchema,
  title: textSchema(200),
  summary: textSchema(10_000).nullable().describe('A summary, not a mail body'),
  followUp: textSchema(2000).nullable().describe('What to do next'),
  followUpOn: dateSchema.nullable().describe('When the follow-up is due'),
  organizationId: idBodySchema.describe(
    'Whose log this is: its members read the activity, its editors change it',
  ),
  partnershipIds: ids('The ties it concerns'),
  organizationIds: ids('Other organisations it concerns'),
  personIds: ids('The people who took part'),
};

export const createActivityBodySchema = z.strictObject({
  ...activityFields,
  summary: activityFields.summary.default(null),
  followUp: activityFields.followUp.default(null),
  followUpOn: activityFields.followUpOn.default(null),
  partnershipIds: activityFields.partnershipIds.default([]),
  organizationIds: activityFields.organizationIds.default([]),
  personIds: activityFields.personIds.default([]),
});
export type CreateActivityBody = z.infer<typeof createActivityBodySchema>;

export const updateActivityBodySchema = updateBodySchema(activityFields);
export type UpdateActivityBody = z.infer<typeof updateActivityBodySchema>;

export const activityListQuerySchema = z.strictObject({
  organizationId: idQuerySchema.optional().describe('Whose log, or concerning whom'),
  partnershipId: idQuerySchema.optional().describe('Concerning this tie'),
  personId: idQuerySchema.optional().describe('With this person'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const activitySchema = z.object({
  id: z.number().int(),
  kind: z.enum(ACTIVITY_KINDS),
  occurredOn: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  followUp: z.string().nullable(),
  followUpOn: z.string().nullable(),
  organizationId: z.number().int(),
  organizationName: z.string().describe('The organisation whose activity log it is in: who logged it'),
  partnershipIds: z.array(z.number().int()),
  organizationIds: z.array(z.number().int()),
  personIds: z.array(z.number().int()),
  ...keptRecordFields,
});
export type ActivityResponse = z.infer<typeof activitySchema>;

export const activityListResponseSchema = z.object({
  items: z.array(activitySchema).describe('Newest first: the timeline'),
});
