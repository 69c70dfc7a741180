import * as z from 'zod';
import { idBodySchema, idSchema, textSchema, versionSchema } from '../../core/schemas.ts';
import { keptRecordFields } from '../records/records.schema.ts';
import { POST_LINK_TYPES, POST_MAX_LENGTH, POST_MAX_LINKS, POST_MAX_MENTIONS } from './posts.constants.ts';

export const discussionParamsSchema = z.strictObject({
  id: idSchema.describe('The network or working group whose discussion it is'),
});

export const postParamsSchema = z.strictObject({
  id: idSchema.describe('The network or working group whose discussion it is'),
  postId: idSchema.describe('Post id'),
});

const languageSchema = z.enum(['fi', 'sv', 'en']);

export const discussionQuerySchema = z.strictObject({
  lang: languageSchema
    .default('en')
    .describe("The language of the group's name and of the labels of linked records"),
  limit: z.coerce.number().int().min(1).max(100).default(30).describe('How many threads'),
  offset: z.coerce.number().int().min(0).max(100_000).default(0).describe('How many threads to skip'),
});
export type DiscussionQuery = z.infer<typeof discussionQuerySchema>;

const bodySchema = textSchema(POST_MAX_LENGTH).describe(
  'Plain text: shown as written, never read as HTML or Markdown',
);

const mentionsSchema = z
  .array(idBodySchema)
  .max(POST_MAX_MENTIONS)
  .refine((list) => new Set(list).size === list.length, 'lists an organisation twice')
  .describe(
    'Organisations of the group (its members and coordinators) the post mentions; their people are notified',
  );

export const postLinkSchema = z.strictObject({
  type: z.enum(POST_LINK_TYPES),
  id: idBodySchema,
});

const linksSchema = z
  .array(postLinkSchema)
  .max(POST_MAX_LINKS)
  .refine(
    (list) => new Set(list.map((link) => `${link.type}:${link.id}`)).size === list.length,
    'links a record twice',
  )
  .describe(
    'Records of the registry the post links to: places, ties, events and organisations the author may read',
  );

export const createPostBodySchema = z.strictObject({
  body: bodySchema,
  organizationId: idBodySchema.describe(
    'The organisation the author writes for: one they are a member of, and a member or coordinator of the group',
  ),
  parentId: idBodySchema
    .optional()
    .describe('The post this one answers: a top-level post of the same discussion'),
  mentions: mentionsSchema.default([]),
  links: linksSchema.default([]),
});
export type CreatePostBody = z.infer<typeof createPostBodySchema>;

export const updatePostBodySchema = z
  .strictObject({ body: bodySchema, mentions: mentionsSchema, links: linksSchema })
  .partial()
  .extend({ version: versionSchema });
export type UpdatePostBody = z.infer<typeof updatePostBodySchema>;

const namedSchema = z.object({ id: z.number().int(), name: z.string() });

export const postSchema = z.object({
  id: z.number().int(),
  networkId: z.number().int(),
  parentId: z.number().int().nullable().describe('The post this one answers; null for a thread'),
  author: z
    .object({ id: z.number().int().nullable(), name: z.string().nullable() })
    .describe('Who wrote it; null when the user is gone'),
  organization: namedSchema.describe('The organisation the author wrote for'),
  body: z.string().nullable().describe('The text; null once the post is deleted'),
  mentions: z.array(namedSchema).describe('The organisations mentioned (none once deleted)'),
  links: z
    .array(
      z.object({
        type: z.enum(POST_LINK_TYPES),
        id: z.number().int(),
        label: z
          .string()
          .nullable()
          .describe('What the record is called; null when the reader may not read it, or it is gone'),
      }),
    )
    .describe('The linked records (none once deleted)'),
  editedAt: z.string().nullable().describe('When the text was last changed after it was posted'),
  canDelete: z
    .boolean()
    .describe('Whether the reader may delete (or restore) it: its author, or a moderator'),
  ...keptRecordFields,
});
export type PostResponse = z.infer<typeof postSchema>;

export const threadSchema = postSchema.extend({
  replies: z.array(postSchema).describe('Oldest first'),
  lastActivityAt: z.string().describe('When the thread last had a post'),
});

export const discussionSchema = z.object({
  network: z.object({
    id: z.number().int(),
    kind: z.enum(['network', 'working_group']),
    name: z.string().describe('In the language asked for, else another'),
  }),
  participants: z
    .array(namedSchema.extend({ member: z.boolean(), coordinator: z.boolean() }))
    .describe('The organisations of the group: those a post may mention'),
  postAs: z.array(namedSchema).describe('The organisations the reader may write for in this discussion'),
  canModerate: z
    .boolean()
    .describe("Whether the reader may delete others' posts (an editor of a coordinator)"),
  threads: z.array(threadSchema).describe('Newest activity first'),
  total: z.number().int().describe('How many threads there are'),
});
export type DiscussionResponse = z.infer<typeof discussionSchema>;

/** What the web app sends: the bodies before their defaults. */
export type CreatePostInput = z.input<typeof createPostBodySchema>;
export type UpdatePostInput = z.input<typeof updatePostBodySchema>;
export type DiscussionThread = DiscussionResponse['threads'][number];
