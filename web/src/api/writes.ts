/**
 * Writes: every write sends the session's CSRF token; a refusal (or no answer) rejects with an ApiError, which
 * the workspace shows to the user. Only the workspace writes, so none of this is in the atlas's first view.
 */
import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { ErrorCode, ErrorResponse, SessionResponse } from '../../../src/contract.ts';
import { ApiError, getJson, request } from './client.ts';

let csrfToken: string | null = null;

/** The token of the session just read or started (null when signed out). */
export function rememberCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send<T>(method: Method, path: string, init: RequestInit): Promise<T> {
  // After a page load the token is not known yet: the session answers it (or null when signed out).
  if (csrfToken === null) {
    const session = await getJson<SessionResponse>('/api/auth/session').catch(() => undefined);
    if (session) csrfToken = session.csrfToken;
  }
  return request<T>(path, {
    ...init,
    method,
    headers: { ...init.headers, ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
  });
}

/** Sends a write with a JSON body (or none) and answers the JSON answer. */
export function sendJson<T = void>(method: Method, path: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    path,
    body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
}

/** Uploads a file as multipart/form-data in the field "file", after the form's text fields (if any). */
export function uploadFile<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('file', file);
  return send<T>('POST', path, { body });
}

/** Uploads files as multipart/form-data, each in the field of its name. */
export function uploadFiles<T>(path: string, files: Record<string, File>): Promise<T> {
  const body = new FormData();
  for (const [name, file] of Object.entries(files)) body.append(name, file);
  return send<T>('POST', path, { body });
}

/** How much of an upload has been sent: bytes so far, of all (null while the browser cannot tell). */
export interface UploadProgress {
  sent: number;
  total: number | null;
}

/**
 * Uploads a file as multipart/form-data in the field "file", telling `onProgress` as the bytes go out (fetch cannot
 * say how much of a body it has sent, so this one goes through XMLHttpRequest). Answers and fails as `request` does.
 */
export async function uploadFileWithProgress<T>(
  path: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
): Promise<T> {
  if (csrfToken === null) {
    const session = await getJson<SessionResponse>('/api/auth/session').catch(() => undefined);
    if (session) csrfToken = session.csrfToken;
  }
  const body = new FormData();
  body.append('file', file);
  const token = csrfToken;
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('accept', 'application/json');
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (event) =>
      onProgress({ sent: event.loaded, total: event.lengthComputable ? event.total : null });
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK_ERROR', 'The upload got no answer'));
    xhr.onload = () => {
      let answer: unknown;
      try {
        answer = xhr.responseText === '' ? undefined : JSON.parse(xhr.responseText);
      } catch {
        answer = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(answer as T);
        return;
      }
      const error = (answer as Partial<ErrorResponse> | undefined)?.error;
      reject(
        new ApiError(
          xhr.status,
          (error?.code as ErrorCode | undefined) ?? 'HTTP_ERROR',
          error?.message ?? xhr.statusText,
          error?.details ?? [],
        ),
      );
    };
    xhr.send(body);
  });
}

/**
 * A write as a mutation: `write` sends it, `after` brings the cached reads up to date once it succeeded (the
 * mutation settles when that is done, so the page shows the new state together with any message). `stale` is for
 * writes made from a button on the version the page shows: after a VERSION_CONFLICT it is given the record as it
 * is now, so the page can show what the write met.
 */
export function useWrite<Variables = void, Result = void>(
  write: (variables: Variables) => Promise<Result>,
  after?: (client: QueryClient, result: Result, variables: Variables) => unknown,
  stale?: (client: QueryClient, current: Result) => unknown,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (result, variables) => after?.(client, result, variables),
    onError: (failure) =>
      failure instanceof ApiError && failure.code === 'VERSION_CONFLICT' && failure.current !== undefined
        ? stale?.(client, failure.current as Result)
        : undefined,
  });
}
