import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RouteContext } from '../../core/context.ts';
import { authorize, policy } from '../auth/policy.ts';
import { writeBackup } from './backup.service.ts';

/**
 * A backup taken by the running server, for administrators: the way to back up a PGlite data folder, which one
 * process holds, without stopping the server. `citybridge restore` reads the file.
 */
export const backupRoutes: FastifyPluginAsyncZod<RouteContext> = async (app, { db, documentsDir }) => {
  app.get(
    '/api/admin/backup',
    {
      schema: {
        tags: ['admin'],
        summary: 'Download a backup',
        description:
          'For administrators: the whole database, read in one consistent snapshot, and every stored document, ' +
          'as one gzip-compressed file that `citybridge restore FILE` restores into an empty database of either ' +
          'engine. On PGlite the server answers other requests after the snapshot has been read.',
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.administer(request.actor));
      const lines = new PassThrough();
      const gzip = createGzip();
      pipeline(lines, gzip).catch(() => {});
      writeBackup(db, documentsDir, lines).then(
        () => lines.end(),
        (error: unknown) => gzip.destroy(error as Error),
      );
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="citybridge-backup-${day}.gz"`)
        .header('cache-control', 'no-store')
        .send(gzip);
    },
  );
};
