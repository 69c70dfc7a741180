import { integer, pgTable, text } from 'drizzle-orm/pg-core';

/** Bumped in the same transaction as any change to the registry, so read models know when to rebuild. */
export const dataRevisions = pgTable('data_revisions', {
  name: text('name').primaryKey(),
  revision: integer('revision').notNull().default(0),
});
