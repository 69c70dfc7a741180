import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as z from 'zod';
import type { Lifecycle, RouteContext } from '../../core/context.ts';
import { AppError, type ErrorDetail, errorResponseSchema } from '../../core/errors.ts';
import { newestAppliedMigration, newestShippedMigration } from '../../db/migrations-applied.ts';
import type { ReadModels } from '../registry/read-models.ts';

/** How long the readiness check waits for the database before it calls it unreachable. */
const DATABASE_TIMEOUT_MS = 2000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export const healthRoutes: FastifyPluginAsyncZod<
  RouteContext & { readModels: ReadModels; lifecycle: Lifecycle }
> = async (app, { db, readModels, lifecycle }) => {
  const expectedMigration = newestShippedMigration();

  app.get(
    '/api/health',
    {
      schema: {
        tags: ['system'],
        summary: 'Liveness',
        description:
          'Answers `{ "status": "ok" }` while the process runs and serves HTTP, whatever the state of the database; ' +
          'restart the process only when this fails. Whether it should get traffic is /api/ready.',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return { status: 'ok' as const };
    },
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['system'],
        summary: 'Readiness',
        description:
          'Answers 200 when this instance should get traffic: the database answers, its schema has every migration ' +
          'this version ships, the hot read models (the world network) are built, and no shutdown has begun. ' +
          'Otherwise 503 NOT_READY, with the checks that failed in `details`.',
        response: {
          200: z.object({
            status: z.literal('ready'),
            checks: z.object({
              database: z.literal('ok'),
              migrations: z.literal('ok'),
              readModels: z.literal('ok'),
            }),
          }),
          503: errorResponseSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const failed: ErrorDetail[] = [];
      if (lifecycle.draining) failed.push({ field: 'lifecycle', message: 'shutting down' });
      try {
        const applied = await withTimeout(newestAppliedMigration(db), DATABASE_TIMEOUT_MS);
        if (applied < (await expectedMigration)) {
          failed.push({ field: 'migrations', message: 'the database lacks migrations this version needs' });
        }
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: the database is not answering');
        failed.push({ field: 'database', message: 'is not answering' });
      }
      if (!readModels.isWarm()) failed.push({ field: 'readModels', message: 'are still being built' });
      if (failed.length > 0) {
        throw new AppError(
          'NOT_READY',
          `Not ready: ${failed.map((check) => check.field).join(', ')}`,
          failed,
        );
      }
      return {
        status: 'ready' as const,
        checks: { database: 'ok', migrations: 'ok', readModels: 'ok' } as const,
      };
    },
  );
};
