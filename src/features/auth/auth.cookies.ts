import type { FastifyReply, FastifyRequest } from 'fastify';
import { DEVICE_COOKIE, DEVICE_MAX_MS, type NewSession, SESSION_COOKIE } from './auth.sessions.service.ts';

/** Sets the session cookie: HttpOnly, SameSite=Lax, and Secure when the request came over TLS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, session: NewSession): void {
  reply.setCookie(SESSION_COOKIE, session.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    // The database ends idle sessions; the cookie outlives them so that a session in use never loses it.
    maxAge: 400 * 24 * 60 * 60,
  });
}

/**
 * Sets the cookie that marks the browser as one that has signed in to the account before: HttpOnly, sent only to
 * the sign-in endpoint, kept for as long as the server remembers the browser.
 */
export function setDeviceCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(DEVICE_COOKIE, token, {
    path: '/api/auth/sign-in',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
    maxAge: DEVICE_MAX_MS / 1000,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.protocol === 'https',
  });
}
