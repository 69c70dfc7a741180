import type { DbOrTx } from '../../db/client.ts';
import type { AuditEntry, AuditedEntity } from './audit.constants.ts';
import { findHistory, insertAuditEvent, insertAuditEvents, scrubHistory } from './audit.repo.ts';

/** Who made a change, as the history names them: a signed-in user, or the command line when there is none. */
export interface AuditActor {
  id: number;
  name: string;
  email: string;
}

/** How an actor appears in the history; the command line acts as the machine's operator. */
export function actorLabel(actor: AuditActor | null): string {
  return actor ? `${actor.name} <${actor.email}>` : 'command line';
}

/** Records one change; called inside the transaction that makes it, so both land or neither does. */
export async function recordAudit(db: DbOrTx, actor: AuditActor | null, entry: AuditEntry): Promise<void> {
  await insertAuditEvent(db, { id: actor?.id ?? null, label: actorLabel(actor) }, entry);
}

/** Records the changes of a bulk write (an import) in its transaction. */
export async function recordAudits(
  db: DbOrTx,
  actor: AuditActor | null,
  entries: readonly AuditEntry[],
): Promise<void> {
  await insertAuditEvents(db, { id: actor?.id ?? null, label: actorLabel(actor) }, entries);
}

/** The history of one record, oldest first. */
export function readHistory(db: DbOrTx, entityType: AuditedEntity, entityId: number) {
  return findHistory(db, entityType, entityId);
}

/** Replaces the values of the given keys in a record's history with null: what GDPR erasure leaves. */
export function eraseFromHistory(
  db: DbOrTx,
  entityType: AuditedEntity,
  entityId: number,
  keys: readonly string[],
): Promise<void> {
  return scrubHistory(db, entityType, entityId, keys);
}
