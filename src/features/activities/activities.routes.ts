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

  registerRecordRoutes(app, db, {
    path: '/api/activities',
    tags,
    type: service.activityRecord,
    params: activityParamsSchema,
    record: activitySchema,
    read: { summary: 'An activity' },
    create: { summary: 'Log an activity', body: createActivityBodySchema, run: service.createActivity },
    update: { summary: 'Change an activity', body: updateActivityBodySchema, run: service.updateActivity },
    delete: { summary: 'Delete an activity' },
    restore: { summary: 'Restore a deleted activity' },
    history: { summary: "An activity's history", errors: readErrorResponses },
  });
};
