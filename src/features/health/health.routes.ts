import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RouteContext } from '../../http/context.ts';
import { AppError, errorResponseSchema } from '../../http/errors.ts';

export const healthRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Health',
        description: 'Answers `{ "status": "ok" }` once the database answers.',
        response: { 200: z.object({ status: z.literal('ok') }), 503: errorResponseSchema },
      },
    },
    async (request) => {
      try {
        await db.execute(sql`select 1`);
      } catch (error) {
        request.log.error({ err: error }, 'database is not answering');
        throw new AppError('NOT_READY', 'The database is not answering');
      }
      return { status: 'ok' as const };
    },
  );
};
