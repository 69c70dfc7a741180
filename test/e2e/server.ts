import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { importWorld } from '../../src/features/imports/world/world.import.ts';
import { ensureWebBuild, WEB_DIST_DIR } from '../../src/http/web-build.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';
import { worldMiniFiles } from '../helpers/fixtures.ts';

export interface RunningServer {
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The app (the web build brought up to date) listening on a free local port, over the fixture world. */
export async function startTestServer(): Promise<RunningServer> {
  const database: TestDatabase = await createTestDatabase();
  await importWorld(database, { files: worldMiniFiles() });
  await ensureWebBuild({ info: () => {}, warn: () => {} });
  const documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-e2e-documents-'));
  const reportsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-e2e-reports-'));
  const app: FastifyInstance = await buildApp({ database, webDir: WEB_DIST_DIR, documentsDir, reportsDir });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    database,
    close: async () => {
      await app.close();
      await database.destroy();
      await rm(documentsDir, { recursive: true, force: true });
      await rm(reportsDir, { recursive: true, force: true });
    },
  };
}
