import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import { idSchema } from '../../core/schemas.ts';

import { clearSessionCookie, setDeviceCookie, setSessionCookie } from './auth.cookies.ts';
import { completePasswordLink, completeSetup, inspectLink } from './auth.links.service.ts';
import * as repo from './auth.repo.ts';
import {
  apiTokenSchema,
  changePasswordBodySchema,
  createApiTokenBodySchema,
  createdApiTokenSchema,
  inspectLinkBodySchema,
  inspectLinkResponseSchema,
  passwordLinkBodySchema,
  sessionResponseSchema,
  setupBodySchema,
  signInBodySchema,
} from './auth.schema.ts';
import {
  changePassword,
  DEVICE_COOKIE,
  SESSION_COOKIE,
  sessionView,
  signIn,
  signOut,
  signOutEverywhere,
} from './auth.sessions.service.ts';
import { createApiToken, revokeToken } from './auth.tokens.service.ts';
import { loadActor } from './auth.users.service.ts';
import { authorize, policy } from './policy.ts';
import { SIGN_IN_LIMITS, SIGN_IN_WINDOW_MS } from './sign-in-limits.ts';

const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

/** One-time links hold 256 random bits; the limit only keeps a client from hammering the endpoints. */
const linkLimit = { max: 20, timeWindow: '15 minutes' };

export function presentApiToken(row: Awaited<ReturnType<typeof repo.listApiTokens>>[number]) {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export const authRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in',
        description: 'The signed-in user, their organisations and roles, and the CSRF token for writes.',
        response: { 200: sessionResponseSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return sessionView(db, request.actor, request.session?.csrfToken ?? null);
    },
  );

  app.post(
    '/api/auth/sign-in',
    {
      config: { anonymous: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in',
        description: `Checks the email and password and sets the session cookie. Failed attempts are limited to ${SIGN_IN_LIMITS.address} per client address and ${SIGN_IN_LIMITS.account} per account in ${SIGN_IN_WINDOW_MS / 60_000} minutes (429 with Retry-After).`,
        body: signInBodySchema,
        response: { 200: sessionResponseSchema, ...errors, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { session, user, device } = await signIn(db, request.body, {
        address: request.ip,
        userAgent: request.headers['user-agent'],
        device: request.cookies[DEVICE_COOKIE],
      });
      setSessionCookie(request, reply, session);
      setDeviceCookie(request, reply, device);
      reply.header('cache-control', 'no-store');
      return sessionView(db, await loadActor(db, user, 'session'), session.csrfToken);
    },
  );

  app.post(
    '/api/auth/sign-out',
    {
      config: { anonymous: true },
      schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errors } },
    },
    async (request, reply) => {
      if (request.session) await signOut(db, request.session.tokenHash);
      // Only a request that carries the cookie clears it: a cross-site POST (which SameSite=Lax sends without the
      // cookie) must not sign the user out of this browser.
      if (request.cookies[SESSION_COOKIE]) clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/sign-out-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out on every device',
        description: 'Ends every session of the signed-in user, this one included.',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.self(request.actor));
      await signOutEverywhere(db, request.actor);
      clearSessionCookie(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change your password',
        description:
          'Needs the current password; wrong guesses count against the sign-in limits. Every other session of the user ends, and their API tokens are revoked unless `keepApiTokens` is true.',
        body: changePasswordBodySchema,
        response: { 204: z.null(), ...errors, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.self(request.actor));
      await changePassword(db, request.actor, request.body, {
        address: request.ip,
        keepSession: request.session?.tokenHash,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/links/inspect',
    {
      config: { anonymous: true, rateLimit: linkLimit },
      schema: {
        tags: ['auth'],
        summary: 'What a one-time link is for',
        body: inspectLinkBodySchema,
        response: { 200: inspectLinkResponseSchema, ...errors, 429: errorResponseSchema },
      },
    },
    async (request) => inspectLink(db, request.body.token),
  );

  app.post(
    '/api/auth/setup',
    {
      config: { anonymous: true, rateLimit: linkLimit },
      schema: {
        tags: ['auth'],
        summary: 'Create the first administrator',
        description:
          'Redeems the one-time setup link printed at the first start, and signs the new administrator in.',
        body: setupBodySchema,
        response: {
          200: sessionResponseSchema,
          ...errors,
          409: errorResponseSchema,
          429: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      const { session, user } = await completeSetup(db, request.body, request.headers['user-agent']);
      setSessionCookie(request, reply, session);
      return sessionView(db, await loadActor(db, user, 'session'), session.csrfToken);
    },
  );

  app.post(
    '/api/auth/password-link',
    {
      config: { anonymous: true, rateLimit: linkLimit },
      schema: {
        tags: ['auth'],
        summary: 'Choose a password with a one-time link',
        description:
          'Redeems a link from `citybridge user add` or `user reset-password`, and signs the user in.',
        body: passwordLinkBodySchema,
        response: { 200: sessionResponseSchema, ...errors, 429: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { session, user } = await completePasswordLink(db, request.body, request.headers['user-agent']);
      setSessionCookie(request, reply, session);
      return sessionView(db, await loadActor(db, user, 'session'), session.csrfToken);
    },
  );

  app.get(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Your API tokens',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...errors },
      },
    },
    async (request) => {
      authorize(request.actor, policy.self(request.actor));
      const rows = await repo.listApiTokens(db, request.actor.id);
      return { items: rows.map(presentApiToken) };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create an API token',
        description:
          'The token acts as you. It is shown once; only its hash is kept. Made in a signed-in session, not with a token.',
        body: createApiTokenBodySchema,
        response: { 201: createdApiTokenSchema, ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.createToken(request.actor));
      const { token, row } = await createApiToken(db, request.actor, request.body.name);
      return reply.code(201).send({ ...presentApiToken(row), token });
    },
  );

  app.delete(
    '/api/auth/tokens/:id',
    {
      schema: {
        tags: ['auth'],
        summary: 'Revoke an API token',
        params: z.strictObject({ id: idSchema }),
        response: { 204: z.null(), ...errors, 404: errorResponseSchema },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.self(request.actor));
      await revokeToken(db, request.actor, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
