import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { errorResponseSchema } from '../../core/errors.ts';
import { sendSerialized } from '../../core/replies.ts';
import type { ReadModels } from '../registry/read-models.ts';
import { MODEL_TAGS } from '../registry/registry.changes.ts';
import { statsQuerySchema, statsResponseSchema } from './stats.schema.ts';
import { getStats } from './stats.service.ts';

export const statsRoutes: FastifyPluginAsyncZod<RouteContext & { readModels: ReadModels }> = async (
  app,
  { db, readModels },
) => {
  app.get(
    '/api/stats',
    {
      schema: {
        tags: ['statistics'],
        summary: 'Registry statistics',
        description: 'Totals, and published ties per country, per country pair (e.g. FI–CN) and per kind.',
        querystring: statsQuerySchema,
        response: { 200: statsResponseSchema, 400: errorResponseSchema },
      },
    },
    async (request, reply) => {
      const { country } = request.query;
      const body = await readModels.get({
        key: `stats:${country ?? '*'}`,
        tags: [MODEL_TAGS.ties, MODEL_TAGS.places],
        staleWhileRebuilding: true,
        build: async () => JSON.stringify(await getStats(db, country)),
      });
      return sendSerialized(reply, body);
    },
  );
};
