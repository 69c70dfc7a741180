import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Where this app keeps uploaded documents; removed on close. */
  documentsDir: string;
  close(): Promise<void>;
}

/** The whole app on a fresh database of its own. */
export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-documents-'));
  const app = await buildApp({ database, documentsDir, publicUrl: 'http://localhost:3000' });
  await app.ready();
  return {
    app,
    database,
    documentsDir,
    close: async () => {
      await app.close();
      await database.destroy();
      await rm(documentsDir, { recursive: true, force: true });
    },
  };
}
