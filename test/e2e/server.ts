import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { importWorld } from '../../src/features/imports/world/world.import.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { worldMiniFiles } from '../helpers/fixtures.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** The app listening on a free local port, over a fresh database holding the fixture world. */
export async function startTestServer(): Promise<RunningServer> {
  const database: TestDatabase = await createTestDatabase();
  await importWorld(database, { files: worldMiniFiles() });
  const app: FastifyInstance = await buildApp({ database });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    close: async () => {
      await app.close();
      await database.destroy();
    },
  };
}
