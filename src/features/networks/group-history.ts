import type { DbOrTx } from '../../db/client.ts';
import type { AuditedEntity } from '../audit/audit.constants.ts';
import { findRecordHistory } from '../records/records.service.ts';

/**
 * A group record's history as its members read it: a group spans organisations, so it names who made each change
 * by name, never by e-mail address.
 */
export async function groupHistory(db: DbOrTx, entity: AuditedEntity, id: number) {
  const history = await findRecordHistory(db, entity, id);
  return {
    ...history,
    items: history.items.map((item) => ({ ...item, actor: item.actor.replace(/ <[^<>]*>$/, '') })),
  };
}
