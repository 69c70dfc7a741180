import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.ts';
import { auditEvents } from '../../db/schema.ts';
import type { AuditEntry, AuditedEntity } from './audit.constants.ts';

export async function insertAuditEvent(
  db: DbOrTx,
  actor: { id: number | null; label: string },
  entry: AuditEntry,
): Promise<void> {
  await insertAuditEvents(db, actor, [entry]);
}

/** Records many changes by one actor at once, in batches. */
export async function insertAuditEvents(
  db: DbOrTx,
  actor: { id: number | null; label: string },
  entries: readonly AuditEntry[],
): Promise<void> {
  for (let start = 0; start < entries.length; start += 1000) {
    await db.insert(auditEvents).values(
      entries.slice(start, start + 1000).map((entry) => ({
        actorId: actor.id,
        actorLabel: actor.label,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        before: entry.before ?? null,
        after: entry.after ?? null,
      })),
    );
  }
}

/** The history of one record, oldest first. */
export async function findHistory(db: DbOrTx, entityType: AuditedEntity, entityId: number) {
  return db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)))
    .orderBy(asc(auditEvents.id));
}

/** Replaces the values of the given keys in a record's history with null: what GDPR erasure leaves. */
export async function scrubHistory(
  db: DbOrTx,
  entityType: AuditedEntity,
  entityId: number,
  keys: readonly string[],
): Promise<void> {
  const patch = Object.fromEntries(keys.map((key) => [key, null]));
  await db
    .update(auditEvents)
    .set({
      before: sql`case when ${auditEvents.before} is null then null else ${auditEvents.before} || ${JSON.stringify(patch)}::jsonb end`,
      after: sql`case when ${auditEvents.after} is null then null else ${auditEvents.after} || ${JSON.stringify(patch)}::jsonb end`,
    })
    .where(and(eq(auditEvents.entityType, entityType), eq(auditEvents.entityId, entityId)));
}
