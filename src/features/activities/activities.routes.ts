import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { writeErrorResponses } from '../../core/errors.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  activityListQuerySchema,
  activityListResponseSchema,
  activityParamsSchema,
  activitySchema,
  createActivityBodySchema,
  updateActivityBodySchema,
} from './activities.schema.ts';
import * as service from './activities.service.ts';

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
        response: { 200: activityListResponseSchema, ...writeErrorResponses },
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
        response: { 200: activitySchema, ...readErrorResponses },
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
        response: { 201: activitySchema, ...writeErrorResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createActivity(db, request.actor, request.body)),
  );

  registerRecordRoutes(app, {
    path: '/api/activities/:id',
    tags,
    params: activityParamsSchema,
    record: activitySchema,
    updateBody: updateActivityBodySchema,
    docs: {
      update: { summary: 'Change an activity' },
      delete: { summary: 'Delete an activity' },
      restore: { summary: 'Restore a deleted activity' },
      history: { summary: "An activity's history" },
    },
    historyErrors: readErrorResponses,
    update: (actor, id, body) => service.updateActivity(db, actor, id, body),
    setDeleted: (actor, id, version, deleted) => service.setActivityDeleted(db, actor, id, version, deleted),
    history: (actor, id) => service.activityHistory(db, actor, id),
  });
};
