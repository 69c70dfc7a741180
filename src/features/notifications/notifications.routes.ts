import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import {
  notificationListQuerySchema,
  notificationListResponseSchema,
  notificationParamsSchema,
  notificationSchema,
  readAllResponseSchema,
} from './notifications.schema.ts';
import * as service from './notifications.service.ts';

const tags = ['notifications'];

/** What the app tells each signed-in user in the workspace; nobody sees or marks another's. */
export const notificationsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        summary: 'My notifications',
        description: "The signed-in user's own notifications, newest first, and how many are unread.",
        querystring: notificationListQuerySchema,
        response: { 200: notificationListResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => service.listNotifications(db, request.actor, request.query),
  );

  app.post(
    '/api/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark a notification read',
        description: "One of the signed-in user's own; another's answers 404.",
        params: notificationParamsSchema,
        response: {
          200: notificationSchema,
          400: errorResponseSchema,
          401: errorResponseSchema,
          404: errorResponseSchema,
        },
      },
    },
    async (request) => service.readNotification(db, request.actor, request.params.id),
  );

  app.post(
    '/api/notifications/read-all',
    {
      schema: {
        tags,
        summary: 'Mark all my notifications read',
        response: { 200: readAllResponseSchema, 401: errorResponseSchema },
      },
    },
    async (request) => service.readAllNotifications(db, request.actor),
  );
};
