import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionQuerySchema, versionSchema } from '../../core/schemas.ts';
import {
  createPostBodySchema,
  discussionParamsSchema,
  discussionQuerySchema,
  discussionSchema,
  postParamsSchema,
  postSchema,
  updatePostBodySchema,
} from './posts.schema.ts';
import * as service from './posts.service.ts';

const tags = ['networks'];

/** The errors of a read of the discussion: bad input, not signed in, not part of the group, no such network. */
const readErrors = {
  400: errorResponseSchema,
  401: errorResponseSchema,
  403: errorResponseSchema,
  404: errorResponseSchema,
};

/** A working group's discussion: threads of posts and replies, for the group's members and coordinators. */
export const postsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/networks/:id/posts',
    {
      schema: {
        tags,
        summary: "A group's discussion",
        description:
          "The threads of a network's or working group's discussion, newest activity first, each with its replies " +
          '(oldest first); deleted posts stay in place without their words. For the members and coordinators of ' +
          'the group only. Links to records the reader may not read carry no label.',
        params: discussionParamsSchema,
        querystring: discussionQuerySchema,
        response: { 200: discussionSchema, ...readErrors },
      },
    },
    async (request) => service.getDiscussion(db, request.actor, request.params.id, request.query),
  );

  app.post(
    '/api/networks/:id/posts',
    {
      schema: {
        tags,
        summary: 'Post in a discussion, or reply',
        description:
          'For a member of an organisation that is a member or coordinator of the group, written for that ' +
          "organisation. Mentions notify the people of the group's organisations mentioned.",
        params: discussionParamsSchema,
        body: createPostBodySchema,
        response: { 201: postSchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createPost(db, request.actor, request.params.id, request.body)),
  );

  app.patch(
    '/api/networks/:id/posts/:postId',
    {
      schema: {
        tags,
        summary: 'Change a post',
        description:
          'Its author only, on the version they read (a stale one answers 409 with the post as it is). Newly ' +
          'mentioned organisations are notified.',
        params: postParamsSchema,
        body: updatePostBodySchema,
        response: { 200: postSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      service.updatePost(db, request.actor, request.params.id, request.params.postId, request.body),
  );

  app.delete(
    '/api/networks/:id/posts/:postId',
    {
      schema: {
        tags,
        summary: 'Delete a post',
        description:
          'Its author, or an editor of a coordinator of the group as moderation. The post stays in its thread, ' +
          'marked deleted, with its replies; its history keeps what it said.',
        params: postParamsSchema,
        querystring: versionQuerySchema,
        response: { 200: postSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      service.setPostDeleted(
        db,
        request.actor,
        request.params.id,
        request.params.postId,
        request.query.version,
        true,
      ),
  );

  app.post(
    '/api/networks/:id/posts/:postId/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted post',
        description: 'Whoever may delete it: its author, or an editor of a coordinator of the group.',
        params: postParamsSchema,
        body: z.strictObject({ version: versionSchema }),
        response: { 200: postSchema, ...writeErrorResponses },
      },
    },
    async (request) =>
      service.setPostDeleted(
        db,
        request.actor,
        request.params.id,
        request.params.postId,
        request.body.version,
        false,
      ),
  );

  app.get(
    '/api/networks/:id/posts/:postId/history',
    {
      schema: {
        tags,
        summary: "A post's history",
        description: "Every version of the post's text, and its deletions and restorations; for the group.",
        params: postParamsSchema,
        response: { 200: historyResponseSchema, ...readErrors },
      },
    },
    async (request) => service.postHistory(db, request.actor, request.params.id, request.params.postId),
  );
};
