import { type AnyPgColumn, integer, timestamp } from 'drizzle-orm/pg-core';

/** The surrogate key: an identity column the database numbers. */
export const identityId = () => integer('id').primaryKey().generatedAlwaysAsIdentity();

/** When the row was made. */
export const createdAtColumn = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** A row that belongs to another: it goes when its owner goes. */
export const ownerRef = (name: string, target: () => AnyPgColumn) =>
  integer(name).notNull().references(target, { onDelete: 'cascade' });

/** A reference that must be there and keeps what it points at from being deleted. */
export const requiredRef = (name: string, target: () => AnyPgColumn) =>
  integer(name).notNull().references(target, { onDelete: 'restrict' });

/** A record changed with a version check: the version the client read, and when it was made and changed. */
export const versionedColumns = () => ({
  version: integer('version').notNull().default(1),
  createdAt: createdAtColumn(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A kept record: versioned, and soft-deleted so that it can be restored. */
export const keptRecordColumns = () => ({
  ...versionedColumns(),
  deletedAt: timestamp('deleted_at', { withTimezone: true }),
});
