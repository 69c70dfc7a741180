import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { HistoryEvent } from '../../../src/features/audit/history.types.ts';
import type { PartnershipRecord } from '../../../src/features/partnerships/partnerships.schema.ts';
import { ApiError, getJson } from '../api/client.ts';

export type { HistoryEvent, PartnershipRecord };

export interface Session {
  user: { id: number; email: string; name: string; isAdmin: boolean } | null;
  memberships: { organizationId: number; name: string; role: 'editor' | 'viewer' }[];
  csrfToken: string | null;
}

/** An API refusal with the offending fields and, on a version conflict, the record as it is now. */
export class WriteError extends ApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    readonly details: { field: string; message: string }[],
    readonly current: unknown,
  ) {
    super(status, code, message);
  }
}

let csrfToken: string | null = null;

export const sessionQuery = {
  queryKey: ['session'],
  queryFn: async () => {
    const session = await getJson<Session>('/api/auth/session');
    csrfToken = session.csrfToken;
    return session;
  },
};

export const useSession = () => useQuery(sessionQuery);

/**
 * Sends a write with the session's CSRF token and answers the JSON body; a refusal becomes a WriteError. After a
 * page load the token is not known yet: the session answers it (or null when signed out).
 */
async function write(method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, init: RequestInit) {
  if (csrfToken === null) await sessionQuery.queryFn().catch(() => undefined);
  const response = await fetch(path, {
    ...init,
    method,
    headers: {
      accept: 'application/json',
      ...init.headers,
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
  });
  if (response.status === 204) return undefined;
  const json = (await response.json().catch(() => ({}))) as {
    csrfToken?: string | null;
    error?: {
      code?: string;
      message?: string;
      details?: { field: string; message: string }[];
      current?: unknown;
    };
  };
  if (!response.ok) {
    const error = json.error ?? {};
    throw new WriteError(
      response.status,
      error.code ?? 'HTTP_ERROR',
      error.message ?? response.statusText,
      error.details ?? [],
      error.current,
    );
  }
  // Signing in (or setting up) starts a new session with a new token.
  if (path.startsWith('/api/auth/') && json.csrfToken) csrfToken = json.csrfToken;
  return json;
}

/** Sends a JSON write. */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const init: RequestInit =
    body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  return (await write(method, path, init)) as T;
}

/** Signs out and forgets the cached session. */
export function useSignOut() {
  const client = useQueryClient();
  return async () => {
    await sendJson('POST', '/api/auth/sign-out');
    csrfToken = null;
    await client.invalidateQueries();
  };
}

export interface Dashboard {
  organization: { id: number; name: string };
  byStatus: Record<string, number>;
  ties: { id: number; kind: string; status: string; partners: string; startedOn: string | null }[];
  anniversaries: { id: number; partners: string; date: string; years: number }[];
  renewals: { id: number; partners: string; date: string; daysLeft: number }[];
  quiet: { id: number; partners: string; lastActivity: string | null }[];
  recentActivity: { id: number; kind: string; occurredOn: string; title: string }[];
}

/** Uploads a file as multipart/form-data in the field "file". */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  return (await write('POST', path, { body })) as T;
}
