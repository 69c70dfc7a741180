import * as z from 'zod';

/** Every error the API can answer with: a stable code and its HTTP status. */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: 400,
  INVALID_URL: 400,
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  CONSTRAINT_VIOLATED: 400,
  LINK_INVALID: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_FAILED: 403,
  METRICS_FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  PLACE_NOT_FOUND: 404,
  PLACE_NAME_NOT_FOUND: 404,
  PARTNERSHIP_NOT_FOUND: 404,
  ORGANIZATION_NOT_FOUND: 404,
  PERSON_NOT_FOUND: 404,
  ACTIVITY_NOT_FOUND: 404,
  EVENT_NOT_FOUND: 404,
  INVITATION_NOT_FOUND: 404,
  DOCUMENT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TOKEN_NOT_FOUND: 404,
  MERGE_NOT_FOUND: 404,
  NETWORK_NOT_FOUND: 404,
  NETWORK_MEMBER_NOT_FOUND: 404,
  CAMPAIGN_NOT_FOUND: 404,
  RESPONSE_NOT_FOUND: 404,
  POST_NOT_FOUND: 404,
  NOTIFICATION_NOT_FOUND: 404,
  OUTCOME_NOT_FOUND: 404,
  SUPPORT_REQUEST_NOT_FOUND: 404,
  SERIES_NOT_FOUND: 404,
  ARTICLE_NOT_FOUND: 404,
  IMPORT_NOT_FOUND: 404,
  REFRESH_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  EMAIL_TAKEN: 409,
  PARTNERSHIP_EXISTS: 409,
  PLACE_NAME_EXISTS: 409,
  NETWORK_HAS_WORKING_GROUPS: 409,
  NETWORK_HAS_OPEN_CAMPAIGNS: 409,
  NETWORK_PARENT_DELETED: 409,
  ALREADY_SET_UP: 409,
  SLUG_TAKEN: 409,
  TRANSLATION_EXISTS: 409,
  REFRESH_STALE: 409,
  PRECONDITION_FAILED: 412,
  PAYLOAD_TOO_LARGE: 413,
  STORAGE_QUOTA_EXCEEDED: 413,
  URL_TOO_LONG: 414,
  UNSUPPORTED_MEDIA_TYPE: 415,
  IMPORT_NOT_SPREADSHEET: 415,
  RANGE_NOT_SATISFIABLE: 416,
  IMPORT_EMPTY: 422,
  IMPORT_ENCODING: 422,
  IMPORT_TOO_MANY_ROWS: 422,
  IMPORT_TOO_LARGE: 422,
  RATE_LIMITED: 429,
  HEADERS_TOO_LARGE: 431,
  INTERNAL: 500,
  NOT_READY: 503,
  SHUTTING_DOWN: 503,
  DATABASE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export interface ErrorDetail {
  /** Where the problem is: `query.limit`, `params.id`, `body.parties.0`. */
  field: string;
  message: string;
}

/** An error the API reports to the client as `{ error: { code, message, details } }`. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly statusCode: number;
  readonly details: ErrorDetail[];
  /** With VERSION_CONFLICT: the record as it is now, so the client can show what changed. */
  readonly current: unknown;
  /** Headers the answer carries, such as Retry-After with RATE_LIMITED. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    code: ErrorCode,
    message: string,
    details: ErrorDetail[] = [],
    current?: unknown,
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.statusCode = ERROR_CATALOGUE[code];
    this.details = details;
    this.current = current;
    this.headers = headers;
  }
}

export const errorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().describe('Stable machine-readable code, e.g. VALIDATION_FAILED'),
      message: z.string().describe('Human-readable explanation'),
      details: z
        .array(z.object({ field: z.string(), message: z.string() }))
        .describe('The offending fields, when the request was at fault'),
      current: z
        .unknown()
        .optional()
        .describe('With VERSION_CONFLICT: the record as it is now, with its current version'),
    }),
  })
  .describe('Error');

/** The error answers of a workspace write, for its route schema: bad input, not signed in, not allowed, not found, conflict. */
export const writeErrorResponses = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

/** Finds a PostgreSQL error code on an error or its causes (Drizzle wraps driver errors). */
export function pgErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Finds the name of the constraint a PostgreSQL error names, on the error or its causes. */
export function pgConstraint(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth += 1) {
    const name = (current as { constraint?: unknown }).constraint;
    if (typeof name === 'string') return name;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
