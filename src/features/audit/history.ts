import { AppError } from '../../core/errors.ts';
import type { readHistory } from './audit.service.ts';

/** A record's history as the API presents it, oldest first. */
export function presentHistory(rows: Awaited<ReturnType<typeof readHistory>>) {
  return {
    items: rows.map((row) => ({
      id: row.id,
      occurredAt: row.occurredAt.toISOString(),
      actor: row.actorLabel,
      action: row.action,
      before: row.before,
      after: row.after,
    })),
  };
}

/**
 * Checks the version a client read against the record's; a stale one is a 409 that carries the current record,
 * so that the client can show what changed and let the user re-apply.
 */
export async function assertVersion(
  current: { version: number },
  expected: number,
  present: () => unknown,
): Promise<void> {
  if (current.version !== expected) {
    throw new AppError(
      'VERSION_CONFLICT',
      `The record was changed by someone else (version ${current.version}, you had ${expected})`,
      [{ field: 'body.version', message: 'is stale' }],
      await present(),
    );
  }
}
