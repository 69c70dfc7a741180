import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
          'engine. The file is written in full before it is sent, so a slow download holds no transaction open.',
      },
    },
    async (request, reply) => {
      authorize(request.actor, policy.administer(request.actor));
      const folder = await mkdtemp(path.join(tmpdir(), 'citybridge-backup-'));
      const file = path.join(folder, 'backup.gz');
      const removeFolder = () => rm(folder, { recursive: true, force: true });
      try {
        const lines = new PassThrough();
        const written = pipeline(lines, createGzip(), createWriteStream(file));
        await writeBackup(db, documentsDir, lines).finally(() => lines.end());
        await written;
      } catch (error) {
        await removeFolder();
        throw error;
      }
      const stream = createReadStream(file);
      stream.on('close', () => void removeFolder());
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .type('application/gzip')
        .header('content-disposition', `attachment; filename="citybridge-backup-${day}.gz"`)
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
};
