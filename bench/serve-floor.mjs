// The floor of a restart: the least a serving process on the same data folder does before it answers. Node.js
// starts, PGlite opens the folder with the app's settings, and Fastify answers /api/health. Plain JavaScript, as
// the compiled server is, so that both are timed the same way by bench/service.ts.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import Fastify from 'fastify';

const client = await PGlite.create({
  dataDir: path.join(process.env.DATA_DIR ?? 'data', 'db'),
  extensions: { pg_trgm, unaccent },
  startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'],
});
const app = Fastify();
app.get('/api/health', async () => ({ status: 'ok' }));
const url = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.once('SIGTERM', async () => {
  await app.close();
  await client.close();
  process.exit(0);
});
