import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode, pgErrorCode } from '../core/errors.ts';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { BARE_ERROR_HEADERS } from './security.ts';
import { isPageRequest } from './web.ts';

/** The PostgreSQL SQLSTATE codes that mean the client sent something the database refused. */
const PG_CLIENT_ERRORS: Record<string, ErrorCode> = {
  '23505': 'CONFLICT', // unique_violation
  '23503': 'CONFLICT', // foreign_key_violation
  '23001': 'CONFLICT', // restrict_violation
  '23514': 'CONSTRAINT_VIOLATED', // check_violation
  '23502': 'CONSTRAINT_VIOLATED', // not_null_violation
  '22P02': 'VALIDATION_FAILED', // invalid_text_representation
  '22021': 'VALIDATION_FAILED', // character_not_in_repertoire (a NUL character in text)
  '22P05': 'VALIDATION_FAILED', // untranslatable_character
  '22003': 'VALIDATION_FAILED', // numeric_value_out_of_range
  '22007': 'VALIDATION_FAILED', // invalid_datetime_format
  '22008': 'VALIDATION_FAILED', // datetime_field_overflow
  '40001': 'CONFLICT', // serialization_failure
};

function fieldOf(scope: string | undefined, path: readonly PropertyKey[]): string {
  return [scope, ...path.map(String)].filter(Boolean).join('.');
}

/** The catalogue's code for a client error that Fastify, Node's HTTP parser or a plugin raised with only a status. */
const STATUS_ERRORS: Partial<Record<number, ErrorCode>> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URL_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  416: 'RANGE_NOT_SATISFIABLE',
  429: 'RATE_LIMITED',
  431: 'HEADERS_TOO_LARGE',
};

function send(reply: import('fastify').FastifyReply, error: AppError) {
  const body: Record<string, unknown> = { code: error.code, message: error.message, details: error.details };
  if (error.current !== undefined) body.current = error.current;
  return reply.code(error.statusCode).headers(error.headers).send({ error: body });
}

/**
 * Installs the one error handler and the 404 handler: every failure answers in the catalogue's shape. With
 * `serveIndex`, page loads that match no route get the web app's index.html instead.
 */
export function registerErrorHandling(app: FastifyInstance, serveIndex = false): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return send(reply, error);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.flatMap((issue) => {
        const path = issue.instancePath.split('/').filter(Boolean);
        const keys =
          issue.keyword === 'unrecognized_keys' ? (issue.params as { keys?: unknown }).keys : undefined;
        if (Array.isArray(keys)) {
          return keys.map((key) => ({
            field: fieldOf(error.validationContext, [...path, String(key)]),
            message: 'is not a known parameter',
          }));
        }
        return [{ field: fieldOf(error.validationContext, path), message: issue.message ?? 'is invalid' }];
      });
      const fields = [...new Set(details.map((detail) => detail.field))].join(', ');
      return send(reply, new AppError('VALIDATION_FAILED', `Invalid request: ${fields}`, details));
    }

    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response does not match its schema');
      return send(reply, new AppError('INTERNAL', 'Internal error'));
    }

    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'the database is unavailable');
      return send(
        reply,
        new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable; try again shortly'),
      );
    }

    const pgCode = pgErrorCode(error);
    if (pgCode && PG_CLIENT_ERRORS[pgCode]) {
      const code = PG_CLIENT_ERRORS[pgCode];
      const constraint = (error as { constraint?: string }).constraint;
      return send(
        reply,
        new AppError(
          code,
          'The request conflicts with the data',
          constraint ? [{ field: constraint, message: 'violated' }] : [],
        ),
      );
    }

    if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return send(reply, new AppError('INVALID_JSON', error.message));
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(reply, new AppError('PAYLOAD_TOO_LARGE', error.message));
    }
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(reply, new AppError('UNSUPPORTED_MEDIA_TYPE', error.message));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return send(reply, new AppError(STATUS_ERRORS[error.statusCode] ?? 'BAD_REQUEST', error.message));
    }

    request.log.error({ err: error }, 'unhandled error');
    return send(reply, new AppError('INTERNAL', 'Internal error'));
  });

  // A route with a body schema takes JSON only: a text/plain or multipart body would otherwise reach validation
  // as a string or nothing and be reported as invalid fields rather than as the wrong media type.
  app.addHook('preValidation', async (request) => {
    const contentType = request.headers['content-type'];
    if (contentType === undefined || !request.routeOptions.schema?.body) return;
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', `Send the body as application/json, not ${mediaType}`);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    if (serveIndex && isPageRequest(request.method, request.url)) {
      return reply
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .sendFile('index.html');
    }
    return send(
      reply,
      new AppError('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`),
    );
  });
}

/**
 * Fastify's `frameworkErrors`: answers what the router refuses before any hook runs (a URL that is not valid
 * percent-encoding, such as `/api/places/%00%ff`) in the catalogue's shape.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode ?? 500;
  const appError =
    error.code === 'FST_ERR_BAD_URL'
      ? new AppError('INVALID_URL', error.message, [
          { field: 'url', message: 'is not valid percent-encoding' },
        ])
      : status < 500
        ? new AppError(STATUS_ERRORS[status] ?? 'BAD_REQUEST', error.message)
        : new AppError('INTERNAL', 'Internal error');
  void send(reply.headers(BARE_ERROR_HEADERS), appError);
}

/**
 * Fastify's `clientErrorHandler`: answers a request Node's HTTP parser refuses (a malformed Content-Length or
 * header, headers too large, a request too slow) in the catalogue's shape, then closes the connection.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const appError =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? new AppError('REQUEST_TIMEOUT', 'The request took too long to arrive')
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? new AppError('HEADERS_TOO_LARGE', 'The request headers are too large')
        : new AppError('BAD_REQUEST', 'The request is not valid HTTP');
  if (socket.writable) {
    const body = JSON.stringify({
      error: { code: appError.code, message: appError.message, details: appError.details },
    });
    const headers = {
      ...BARE_ERROR_HEADERS,
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    };
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `HTTP/1.1 ${appError.statusCode} ${STATUS_CODES[appError.statusCode]}\r\n${head.join('')}\r\n${body}`,
    );
  }
  socket.destroy(error);
}
