import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from '../features/auth/actor.ts';
import { safeEqual } from '../features/auth/auth.crypto.ts';
import { resolveSession, SESSION_COOKIE } from '../features/auth/auth.sessions.service.ts';
import { resolveApiToken } from '../features/auth/auth.tokens.service.ts';
import { loadActor } from '../features/auth/auth.users.service.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A write that works without signing in (sign-in itself, one-time links); every other write needs a user. */
    anonymous?: boolean;
  }
  interface FastifyRequest {
    /** The signed-in user making the request; null for anonymous requests. */
    actor: Actor | null;
    /** The session behind a cookie-authenticated request. */
    session: { tokenHash: string; csrfToken: string } | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Works out who makes each API request: a session cookie (browsers) or a bearer API token (scripts). Writes
 * made with a cookie must carry the session's CSRF token in the X-CSRF-Token header; SameSite=Lax cookies and
 * the header together keep other sites from writing on a user's behalf.
 */
export async function registerAuth(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `Too many attempts; try again in ${context.after}`),
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request, reply) => {
    // The matched route, not the raw URL: `/%61pi/…` and absolute-form targets reach the same API routes.
    const route = request.routeOptions;
    if (!route.url?.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const user = match ? await resolveApiToken(db, match[1]!) : undefined;
      if (!user) throw new AppError('UNAUTHENTICATED', 'The API token is not valid');
      request.actor = await loadActor(db, user, 'token');
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    const session = token ? await resolveSession(db, token) : undefined;
    if (!session) {
      // Refused before the body is read, parsed or validated: an anonymous client cannot make the server read a
      // large body, or learn from validation answers what a write would need.
      if (!SAFE_METHODS.has(request.method) && !route.config?.anonymous) {
        // The body is never read: closing the connection afterwards spares receiving the rest of it.
        if (hasBody(request)) reply.header('connection', 'close');
        throw new AppError('UNAUTHENTICATED', 'Sign in to do this');
      }
      return;
    }
    request.actor = await loadActor(db, session.user, 'session');
    request.session = { tokenHash: session.tokenHash, csrfToken: session.csrfToken };
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, session.csrfToken)) {
        throw new AppError('CSRF_FAILED', 'The request lacks the X-CSRF-Token header of this session');
      }
    }
  });
}
