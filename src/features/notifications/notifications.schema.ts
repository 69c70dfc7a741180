import * as z from 'zod';
import { idQuerySchema, idSchema } from '../../core/schemas.ts';

export const notificationParamsSchema = z.strictObject({ id: idSchema.describe('Notification id') });

export const notificationListQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: idQuerySchema.optional().describe('The page after this one: the nextBefore of the page before'),
  unread: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('Only the unread ones'),
});
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export const notificationSchema = z.object({
  id: z.number().int(),
  kind: z.string().describe('What happened: post_mention, campaign_reminder …'),
  data: z
    .record(z.string(), z.unknown())
    .describe(
      "What the message names (a post_mention: networkId, postId, networkName, authorName, organizationName, excerpt; a campaign_reminder: campaignId, title, closesOn, organizationName), worded by the app in the reader's language",
    ),
  link: z.string().nullable().describe('Where in the app it leads'),
  organizationId: z.number().int().nullable().describe('The organisation it concerns'),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationResponse = z.infer<typeof notificationSchema>;

export const notificationListResponseSchema = z.object({
  items: z.array(notificationSchema).describe('Newest first'),
  unread: z.number().int().describe("How many of the user's notifications are unread, on every page"),
  nextBefore: z.number().int().nullable().describe('The `before` of the next page; null on the last'),
});
export type NotificationListResponse = z.infer<typeof notificationListResponseSchema>;

export const readAllResponseSchema = z.object({
  read: z.number().int().describe('How many notifications were marked read'),
});
export type ReadAllResponse = z.infer<typeof readAllResponseSchema>;
