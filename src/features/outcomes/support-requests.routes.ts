import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { writeErrorResponses } from '../../core/errors.ts';
import { readErrorResponses, registerRecordRoutes } from '../records/records.routes.ts';
import {
  createSupportRequestBodySchema,
  supportRequestListQuerySchema,
  supportRequestListResponseSchema,
  supportRequestParamsSchema,
  supportRequestSchema,
  updateSupportRequestBodySchema,
} from './support-requests.schema.ts';
import * as service from './support-requests.service.ts';

const tags = ['support requests'];

export const supportRequestsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/support-requests',
    {
      schema: {
        tags,
        summary: "Companies' requests for help toward a place or country",
        description:
          "The requests your organisations' business-support staff keep, newest first; never public. " +
          'Signed-in users only.',
        querystring: supportRequestListQuerySchema,
        response: { 200: supportRequestListResponseSchema, ...writeErrorResponses },
      },
    },
    async (request) => service.listSupportRequests(db, request.actor, request.query),
  );

  registerRecordRoutes(app, db, {
    path: '/api/support-requests',
    tags,
    type: service.supportRequestRecord,
    params: supportRequestParamsSchema,
    record: supportRequestSchema,
    read: { summary: 'A support request' },
    create: {
      summary: 'Record a support request',
      description:
        "For editors of the keeping organisation: a company's need (market entry, partner search, delegation, " +
        'trade fair) toward a target place or country.',
      body: createSupportRequestBodySchema,
      run: service.createSupportRequest,
    },
    update: {
      summary: 'Change a support request',
      description: 'Its status moves from new to closed; the answer says what the staff did.',
      body: updateSupportRequestBodySchema,
      run: service.updateSupportRequest,
    },
    delete: { summary: 'Delete a support request' },
    restore: { summary: 'Restore a deleted support request' },
    history: { summary: "A support request's history", errors: readErrorResponses },
  });
};
