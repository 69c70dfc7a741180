import { bigint, index, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.tables.ts';

/** One change to a record: who, when, what, and the record before and after. Never updated or deleted. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null for changes made from the command line or by the system. */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** The actor as shown in the history: kept when the user is later removed. */
    actorLabel: text('actor_label').notNull(),
    /** create, update, delete, restore, confirm, merge, unmerge, erase, sign_in … */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: integer('entity_id').notNull(),
    before: jsonb('before').$type<Record<string, unknown>>(),
    after: jsonb('after').$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_events_entity_idx').on(t.entityType, t.entityId, t.id),
    index('audit_events_actor_idx').on(t.actorId),
  ],
);
