import type { FastifyRequest } from 'fastify';

/** Secrets that travel in a path: a private calendar feed's. */
const SECRET_IN_PATH = /(\/api\/calendars\/private\/)[^/?#]+/;

/** A request's address as the log keeps it: without the secrets some addresses carry. */
export function loggedUrl(url: string): string {
  return url.replace(SECRET_IN_PATH, '$1…');
}

/** How a request is written in the log: Fastify's fields, the address without its secrets. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: loggedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}
