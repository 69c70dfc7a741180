import type { ErrorCode, ErrorResponse } from '../../../src/contract.ts';

type ErrorDetail = ErrorResponse['error']['details'][number];

/**
 * A request that failed: an answer that was not 2xx, with the API's own error code, or no answer at all (status 0,
 * NETWORK_ERROR: offline, the server unreachable).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK_ERROR' | 'HTTP_ERROR',
    message: string,
    /** The refused fields, named as the API names them (`body.parties.0`). */
    readonly details: ErrorDetail[] = [],
    /** With VERSION_CONFLICT: the record as it is now. */
    readonly current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | undefined>;

/** The path with the given parameters as its query; empty and missing ones are left out. */
function withQuery(path: string, params: QueryParams = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') query.set(key, String(value));
  return query.size > 0 ? `${path}?${query}` : path;
}

/** Sends a request and answers its JSON body (nothing for 204); a refusal, or no answer, becomes an ApiError. */
export async function request<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers: { accept: 'application/json', ...init.headers } });
  } catch (failure) {
    // A cancelled query stays an AbortError; anything else means there was no answer.
    if (init.signal?.aborted) throw failure;
    throw new ApiError(0, 'NETWORK_ERROR', failure instanceof Error ? failure.message : String(failure));
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (body as Partial<ErrorResponse> | undefined)?.error;
    throw new ApiError(
      response.status,
      (error?.code as ErrorCode | undefined) ?? 'HTTP_ERROR',
      error?.message ?? response.statusText,
      error?.details ?? [],
      error?.current,
    );
  }
  return body as T;
}

/** A GET with query parameters. */
export const getJson = <T>(path: string, params?: QueryParams, signal?: AbortSignal): Promise<T> =>
  request<T>(withQuery(path, params), { signal });
