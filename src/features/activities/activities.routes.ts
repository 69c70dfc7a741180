import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema, writeErrorResponses } from '../../core/errors.ts';
import { historyResponseSchema, versionQuerySchema, versionSchema } from '../../core/schemas.ts';
import {
  activityListQuerySchema,
  activityListResponseSchema,
  activityParamsSchema,
  activitySchema,
  createActivityBodySchema,
  updateActivityBodySchema,
} from './activities.schema.ts';
import * as service from './activities.service.ts';

const errors = writeErrorResponses;
const tags = ['activities'];

export const activitiesRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'The contact log',
        description:
          'Meetings, calls, visits and emails of your organisations, newest first; filter by organisation, tie or ' +
          'person for their timeline. Signed-in users only.',
        querystring: activityListQuerySchema,
        response: { 200: activityListResponseSchema, ...errors },
      },
    },
    async (request) => service.listActivities(db, request.actor, request.query),
  );

  app.get(
    '/api/activities/:id',
    {
      schema: {
        tags,
        summary: 'An activity',
        params: activityParamsSchema,
        response: { 200: activitySchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => service.getActivity(db, request.actor, request.params.id),
  );

  app.post(
    '/api/activities',
    {
      schema: {
        tags,
        summary: 'Log an activity',
        body: createActivityBodySchema,
        response: { 201: activitySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createActivity(db, request.actor, request.body)),
  );

  app.patch(
    '/api/activities/:id',
    {
      schema: {
        tags,
        summary: 'Change an activity',
        params: activityParamsSchema,
        body: updateActivityBodySchema,
        response: { 200: activitySchema, ...errors },
      },
    },
    async (request) => service.updateActivity(db, request.actor, request.params.id, request.body),
  );

  app.delete(
    '/api/activities/:id',
    {
      schema: {
        tags,
        summary: 'Delete an activity',
        params: activityParamsSchema,
        querystring: versionQuerySchema,
        response: { 200: activitySchema, ...errors },
      },
    },
    async (request) =>
      service.setActivityDeleted(db, request.actor, request.params.id, request.query.version, true),
  );

  app.post(
    '/api/activities/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore a deleted activity',
        params: activityParamsSchema,
        body: z.strictObject({ version: versionSchema }),
        response: { 200: activitySchema, ...errors },
      },
    },
    async (request) =>
      service.setActivityDeleted(db, request.actor, request.params.id, request.body.version, false),
  );

  app.get(
    '/api/activities/:id/history',
    {
      schema: {
        tags,
        summary: "An activity's history",
        params: activityParamsSchema,
        response: { 200: historyResponseSchema, 400: errorResponseSchema, 404: errorResponseSchema },
      },
    },
    async (request) => service.activityHistory(db, request.actor, request.params.id),
  );
};
