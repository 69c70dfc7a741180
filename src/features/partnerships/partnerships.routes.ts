import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../http/context.ts';
import { errorResponseSchema } from '../../http/errors.ts';
import { partnershipListQuerySchema, partnershipListResponseSchema } from './partnerships.schema.ts';
import { listPartnerships } from './partnerships.service.ts';

export const partnershipsRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/partnerships',
    {
      schema: {
        tags: ['partnerships'],
        summary: 'List partnerships',
        description:
          'Published ties, filtered by country, kind, status and start date, in pages: follow `nextCursor` until it ' +
          'is null. Ties with an unknown start date are left out when a start filter is given.',
        querystring: partnershipListQuerySchema,
        response: { 200: partnershipListResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request) => listPartnerships(db, request.query),
  );
};
