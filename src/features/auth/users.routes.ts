import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { AppError, writeErrorResponses } from '../../core/errors.ts';
import { idSchema } from '../../core/schemas.ts';
import { issuePasswordLink } from './auth.links.service.ts';
import * as repo from './auth.repo.ts';
import {
  createUserBodySchema,
  linkResponseSchema,
  membershipBodySchema,
  updateUserBodySchema,
  userSchema,
} from './auth.schema.ts';
import { presentUser } from './auth.users.presenter.ts';
import { addUser, grantMembership, revokeMembership, updateUserAccount } from './auth.users.service.ts';
import { authorize, policy } from './policy.ts';

const errors = writeErrorResponses;
const userParams = z.strictObject({ id: idSchema.describe('User id') });

/** Where one-time links point: the configured public URL, or the address the request came to. */
export function baseUrlOf(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

/** User administration: administrators only. */
export const usersRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, publicUrl }) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'List users',
        response: { 200: z.object({ items: z.array(userSchema) }), ...errors },
      },
    },
    async (request) => {
      authorize(request.actor, policy.administer(request.actor));
      return { items: (await repo.listUsers(db)).map(presentUser) };
    },
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Add a user',
        description:
          'The user gets no password: the answer holds a one-time link with which they choose one.',
        body: createUserBodySchema,
        response: { 201: z.object({ user: userSchema, link: linkResponseSchema }), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.administer(request.actor));
      const { user, link } = await addUser(db, request.actor, request.body, baseUrlOf(request, publicUrl));
      return reply.code(201).send({
        user: presentUser(user),
        link: { url: link.url, expiresAt: link.expiresAt.toISOString() },
      });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: 'Change, disable or enable a user',
        params: userParams,
        body: updateUserBodySchema,
        response: { 200: userSchema, ...errors },
      },
    },
    async (request) => {
      authorize(request.actor, policy.administer(request.actor));
      return presentUser(await updateUserAccount(db, request.actor, request.params.id, request.body));
    },
  );

  app.post(
    '/api/users/:id/password-link',
    {
      schema: {
        tags: ['users'],
        summary: 'Issue a password link',
        description:
          'A one-time link with which the user chooses a new password; earlier links stop working.',
        params: userParams,
        body: z.strictObject({}).nullish().describe('Nothing: the request has no body'),
        response: { 201: linkResponseSchema, ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.administer(request.actor));
      const link = await issuePasswordLink(
        db,
        request.actor,
        request.params.id,
        baseUrlOf(request, publicUrl),
      );
      return reply.code(201).send({ url: link.url, expiresAt: link.expiresAt.toISOString() });
    },
  );

  app.put(
    '/api/users/:id/memberships/:organizationId',
    {
      schema: {
        tags: ['users'],
        summary: 'Give a user a role in an organisation',
        params: z.strictObject({ id: idSchema, organizationId: idSchema }),
        body: membershipBodySchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.administer(request.actor));
      const { id, organizationId } = request.params;
      if (!(await repo.findUserById(db, id))) throw new AppError('USER_NOT_FOUND', `No user ${id}`);
      await grantMembership(db, request.actor, { userId: id, organizationId, role: request.body.role });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/users/:id/memberships/:organizationId',
    {
      schema: {
        tags: ['users'],
        summary: "Remove a user's role in an organisation",
        params: z.strictObject({ id: idSchema, organizationId: idSchema }),
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.administer(request.actor));
      const removed = await revokeMembership(db, request.actor, {
        userId: request.params.id,
        organizationId: request.params.organizationId,
      });
      if (!removed) throw new AppError('NOT_FOUND', 'The user has no role in that organisation');
      return reply.code(204).send(null);
    },
  );
};
