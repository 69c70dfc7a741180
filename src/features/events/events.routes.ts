import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  createEventBodySchema,
  eventListQuerySchema,
  eventListResponseSchema,
  eventParamsSchema,
  eventSchema,
  updateEventBodySchema,
} from './events.schema.ts';
import * as service from './events.service.ts';

const tags = ['events'];

export const eventsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/events',
    {
      schema: {
        tags,
        summary: 'Events',
        description:
          'Forums, trade fairs, delegation visits, conferences, webinars, meetings and signing ceremonies: the ' +
          'published ones to anyone, internal ones to members of their hosts. Filter by time, host, venue or ' +
          'parent event.',
        querystring: eventListQuerySchema,
        response: { 200: eventListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => service.listEvents(db, request.actor, request.query),
  );

  registerRecordRoutes(app, db, {
    path: '/api/events',
    tags,
    type: service.eventRecord,
    params: eventParamsSchema,
    record: eventSchema,
    read: {
      summary: 'An event',
      description: 'Its online link only to members of its hosts; an internal event only to them.',
    },
    create: {
      summary: 'Create an event',
      description: 'For editors of one of its hosts, and administrators.',
      body: createEventBodySchema,
      run: service.createEvent,
    },
    update: {
      summary: 'Change an event',
      description:
        'For editors of one of its hosts; handing it to other hosts takes an editor of one of them.',
      body: updateEventBodySchema,
      run: service.updateEvent,
    },
    delete: { summary: 'Delete an event' },
    restore: { summary: 'Restore a deleted event' },
    history: { summary: "An event's history", errors: readErrorResponses },
  });
};
