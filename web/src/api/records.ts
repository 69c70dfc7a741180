import { historyQuery } from './history.ts';
import { sendJson } from './writes.ts';

/** The version a write was made on: a stale one answers 409 VERSION_CONFLICT with the record as it is now. */
export interface Versioned {
  id: number;
  version: number;
}

/**
 * The routes every kept record has under `path` (such as /api/organizations), as the server's records module
 * registers them: an edit of the changed fields, deleting, restoring, and the history. Each write answers the
 * record as it is after it.
 */
export function recordRoutes<Record, Update extends { version: number }>(path: string) {
  return {
    update: ({ id, ...body }: Update & { id: number }) => sendJson<Record>('PATCH', `${path}/${id}`, body),
    remove: ({ id, version }: Versioned) => sendJson<Record>('DELETE', `${path}/${id}?version=${version}`),
    restore: ({ id, version }: Versioned) => sendJson<Record>('POST', `${path}/${id}/restore`, { version }),
    history: (queryKey: readonly unknown[], id: number) => historyQuery(queryKey, `${path}/${id}/history`),
  };
}
