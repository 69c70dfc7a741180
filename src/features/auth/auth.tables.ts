import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { createdAtColumn, identityId, ownerRef, versionedColumns } from '../../db/columns.ts';

/** A person who signs in. Administrators may do everything; others act through their memberships. */
export const users = pgTable(
  'users',
  {
    id: identityId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    /** argon2id hash (PHC string); null until the user has chosen a password with a one-time link. */
    passwordHash: text('password_hash'),
    isAdmin: boolean('is_admin').notNull().default(false),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** The language the user reads the app and its e-mails in (fi, sv, en); null until they choose one. */
    language: text('language'),
    ...versionedColumns(),
  },
  (t) => [
    check('users_language_known', sql`${t.language} in ('fi', 'sv', 'en')`),
    uniqueIndex('users_email_unique').on(sql`lower(${t.email})`),
    check('users_email_format', sql`${t.email} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`),
    check('users_name_present', sql`length(btrim(${t.name})) between 1 and 200`),
  ],
);

/** A signed-in browser. The cookie holds a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: ownerRef('user_id', () => users.id),
    /** Sent back in the X-CSRF-Token header of every cookie-authenticated write. */
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAtColumn(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const ONE_TIME_PURPOSES = ['setup', 'password'] as const;
export const oneTimePurpose = pgEnum('one_time_purpose', ONE_TIME_PURPOSES);

/**
 * A one-time link: `setup` lets the first administrator choose a password on a new installation (no user yet);
 * `password` lets a given user choose a new one. Only the token's SHA-256 is stored.
 */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: oneTimePurpose('purpose').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAtColumn(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [
    check('one_time_tokens_user', sql`(${t.purpose} = 'setup') = (${t.userId} is null)`),
    index('one_time_tokens_user_idx').on(t.userId),
  ],
);

/** A personal API token for scripts, sent as `Authorization: Bearer …`; only its SHA-256 is stored. */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: identityId(),
    userId: ownerRef('user_id', () => users.id),
    name: text('name').notNull(),
    /** The token's first characters, shown so a user can tell tokens apart. */
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: createdAtColumn(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    check('api_tokens_name_present', sql`length(btrim(${t.name})) between 1 and 100`),
    index('api_tokens_user_idx').on(t.userId),
  ],
);

/**
 * Failed sign-in attempts in the current window, per client address and per account, shared by every instance
 * on the database. `scope` says which: `address` keys are client addresses, `account` keys lower-cased e-mails.
 */
export const signInAttempts = pgTable(
  'sign_in_attempts',
  {
    scope: text('scope').notNull(),
    key: text('key').notNull(),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    failures: integer('failures').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.scope, t.key] }),
    check('sign_in_attempts_scope', sql`${t.scope} in ('address', 'account')`),
    index('sign_in_attempts_window_idx').on(t.windowStartedAt),
  ],
);

/**
 * A browser that has signed in to an account before, remembered by a random token in a long-lived cookie (only
 * its SHA-256 is stored). Someone guessing the account's password from elsewhere can exhaust the account's
 * sign-in limit, but not for the browsers its owner already uses.
 */
export const knownDevices = pgTable(
  'known_devices',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: ownerRef('user_id', () => users.id),
    createdAt: createdAtColumn(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('known_devices_user_idx').on(t.userId),
    index('known_devices_last_used_idx').on(t.lastUsedAt),
  ],
);
