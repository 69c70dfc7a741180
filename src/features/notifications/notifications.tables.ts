import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId, ownerRef } from '../../db/columns.ts';
import { users } from '../auth/auth.tables.ts';

/**
 * Something the app tells one user in the workspace (a campaign waiting for their organisation's answer), kept
 * until they read it. `data` holds what the message names, so the web app words it in the reader's language.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: identityId(),
    userId: ownerRef('user_id', () => users.id),
    /** What happened: `campaign_reminder`, `post_mention` … */
    kind: text('kind').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    /** Where in the app it leads: `/workspace/campaigns/12`. */
    link: text('link'),
    /** The organisation the notice concerns, when there is one. */
    organizationId: integer('organization_id'),
    /**
     * For a reminder, what it reminds of (`tie:12:anniversary:25`): a user gets each reminder once, however many
     * processes look for reminders due.
     */
    reminderKey: text('reminder_key'),
    createdAt: createdAtColumn(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_reminder_uq')
      .on(t.userId, t.reminderKey)
      .where(sql`${t.reminderKey} is not null`),
  ],
);
