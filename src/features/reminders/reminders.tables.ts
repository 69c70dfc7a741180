import { sql } from 'drizzle-orm';
import { check, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { createdAtColumn, ownerRef } from '../../db/columns.ts';
import { users } from '../auth/auth.tables.ts';
import { DEFAULT_QUIET_MONTHS, QUIET_PERIODS, REMINDER_KINDS } from './reminders.constants.ts';

/** What a user wants to be reminded of; a user without a row gets every kind and the weekly digest. */
export const reminderSettings = pgTable(
  'reminder_settings',
  {
    userId: ownerRef('user_id', () => users.id).primaryKey(),
    /** The kinds the user turned off. */
    disabledKinds: text('disabled_kinds').array().notNull().default(sql`'{}'::text[]`),
    /** After how many months without logged activity a tie is quiet. */
    quietMonths: integer('quiet_months').notNull().default(DEFAULT_QUIET_MONTHS),
    /** Whether the weekly e-mail digest goes to the user (when the server sends e-mail). */
    digest: text('digest').notNull().default('weekly'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check(
      'reminder_settings_kinds_known',
      sql`${t.disabledKinds} <@ array[${sql.raw(REMINDER_KINDS.map((kind) => `'${kind}'`).join(', '))}]::text[]`,
    ),
    check('reminder_settings_quiet_months', sql`${t.quietMonths} in (${sql.raw(QUIET_PERIODS.join(', '))})`),
    check('reminder_settings_digest', sql`${t.digest} in ('weekly', 'off')`),
  ],
);

/**
 * The weekly digests sent: one per user and ISO week (`2026-W49`), claimed before the e-mail goes, so that it goes
 * once however many processes run the job.
 */
export const reminderDigests = pgTable(
  'reminder_digests',
  {
    userId: ownerRef('user_id', () => users.id),
    week: text('week').notNull(),
    /** How many reminders it listed. */
    reminders: integer('reminders').notNull(),
    sentAt: createdAtColumn(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.week] }),
    check('reminder_digests_week', sql`${t.week} ~ '^[0-9]{4}-W[0-9]{2}$'`),
  ],
);
