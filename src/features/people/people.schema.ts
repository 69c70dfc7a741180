import * as z from 'zod';
import {
  dateSchema,
  idBodySchema,
  idQuerySchema,
  idSchema,
  textSchema,
  visibilitySchema,
} from '../../core/schemas.ts';
import { keptRecordFields, updateBodySchema } from '../records/records.schema.ts';
import { CONTACT_KINDS, POST_ROLES } from './people.constants.ts';

export const personParamsSchema = z.strictObject({ id: idSchema.describe('Person id') });

export const postInputSchema = z
  .strictObject({
    organizationId: idBodySchema,
    role: z.enum(POST_ROLES),
    title: textSchema(200).nullable().default(null).describe('The title as the organisation writes it'),
    startedOn: dateSchema.nullable().default(null),
    endedOn: dateSchema.nullable().default(null),
  })
  .refine((post) => !post.startedOn || !post.endedOn || post.endedOn >= post.startedOn, {
    message: 'must not be before startedOn',
    path: ['endedOn'],
  });

export const contactPointInputSchema = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  value: textSchema(200),
});

const personFields = {
  name: textSchema(200),
  notes: textSchema(10_000).nullable().describe('Internal notes: never shown to anonymous visitors'),
  keeperId: idBodySchema.describe('The organisation whose editors keep this record'),
  visibility: visibilitySchema,
  posts: z.array(postInputSchema).max(50).describe('Posts held, in any organisation'),
  contactPoints: z
    .array(contactPointInputSchema)
    .max(20)
    .describe('Personal data: seen only by the person’s organisations'),
};

export const createPersonBodySchema = z.strictObject({
  ...personFields,
  notes: personFields.notes.default(null),
  visibility: visibilitySchema.default('internal'),
  posts: personFields.posts.default([]),
  contactPoints: personFields.contactPoints.default([]),
});
export type CreatePersonBody = z.infer<typeof createPersonBodySchema>;

export const updatePersonBodySchema = updateBodySchema(personFields);
export type UpdatePersonBody = z.infer<typeof updatePersonBodySchema>;

export const personListQuerySchema = z.strictObject({
  organizationId: idQuerySchema.optional().describe('Only people with a post here'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});

export const postSchema = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  role: z.enum(POST_ROLES),
  title: z.string().nullable(),
  startedOn: z.string().nullable(),
  endedOn: z.string().nullable(),
});

export const personSchema = z.object({
  id: z.number().int(),
  name: z.string().nullable().describe('Null once the person’s data has been erased'),
  keeperId: z.number().int(),
  visibility: visibilitySchema,
  posts: z.array(postSchema),
  contactPoints: z
    .array(z.object({ kind: z.enum(CONTACT_KINDS), value: z.string() }))
    .optional()
    .describe('Present only for members of the person’s organisations'),
  notes: z.string().nullable().optional().describe('Present only for members of the person’s organisations'),
  erased: z.boolean(),
  ...keptRecordFields,
});
export type PersonResponse = z.infer<typeof personSchema>;

export const personListResponseSchema = z.object({ items: z.array(personSchema) });
