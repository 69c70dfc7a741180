import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/**
 * Request ids. Every request has one: the `x-request-id` a proxy in front sent, when it is a plain token, else a new
 * UUID. It is in every log line of the request (`reqId`) and in the `x-request-id` header of its answer, so that an
 * answer someone reports can be found in the log, and a proxy's log matched with ours.
 */

/** The header that brings a proxy's id in and takes the request's id out on its answer. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a proxy's id may be: it goes into the log and back into a header as it came, so a short plain token only. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Fastify's genReqId: the proxy's `x-request-id` when it is sane (one header, a plain token), else a new UUID. */
export function requestId(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Puts the request's id on its answer. Register it before any other hook: a header set in the first onRequest hook
 * stays on every answer after it, errors thrown by later hooks, 404s and the error handler's answers included.
 */
export function registerRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
}
