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

/** Sends a write with the session's CSRF token; a refusal becomes a WriteError. */
export async function sendJson<T>(
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  // After a page load the token is not known yet: the session answers it (or null when signed out).
  if (csrfToken === null) await sessionQuery.queryFn().catch(() => undefined);
  const response = await fetch(path, {
    method,
    headers: {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const json = (await response.json().catch(() => ({}))) as {
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
  if (method !== 'DELETE' && path.startsWith('/api/auth/')) {
    csrfToken = (json as { csrfToken?: string | null }).csrfToken ?? csrfToken;
  }
  return json as T;
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

/** Uploads a file as multipart/form-data in the field "file", with the session's CSRF token. */
export async function uploadFile<T>(path: string, file: File): Promise<T> {
  if (csrfToken === null) await sessionQuery.queryFn().catch(() => undefined);
  const body = new FormData();
  body.append('file', file);
  const response = await fetch(path, {
    method: 'POST',
    headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body,
  });
  const json = (await response.json().catch(() => ({}))) as {
    error?: { code?: string; message?: string; details?: { field: string; message: string }[] };
  };
  if (!response.ok) {
    throw new WriteError(
      response.status,
      json.error?.code ?? 'HTTP_ERROR',
      json.error?.message ?? response.statusText,
      json.error?.details ?? [],
      undefined,
    );
  }
  return json as T;
}
