import { index, integer, jsonb, pgEnum, pgTable, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.ts';

export const MERGE_ENTITIES = ['place', 'organization'] as const;
export const mergeEntity = pgEnum('merge_entity', MERGE_ENTITIES);

/**
 * A merge of a duplicate place or organisation into another: which references moved, so that the merge can
 * be undone exactly.
 */
export const merges = pgTable(
  'merges',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    entityType: mergeEntity('entity_type').notNull(),
    fromId: integer('from_id').notNull(),
    intoId: integer('into_id').notNull(),
    /** Row ids moved per table, and names added as aliases, for the undo. */
    moved: jsonb('moved').$type<Record<string, number[]>>().notNull(),
    mergedBy: integer('merged_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('merges_from_idx').on(t.entityType, t.fromId)],
);
