import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.ts';
import { createTestDatabase, type TestDatabase } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Where this app keeps uploaded documents; removed on close. */
  documentsDir: string;
  /** Sends a request to the app with these headers (a session's, or none) and JSON body. */
  request(
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    headers?: Record<string, string>,
    payload?: object,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The whole app on a fresh database of its own; with `webDir`, serving the web app built there. */
export async function createTestApp(options: { webDir?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-documents-'));
  const reportsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-reports-'));
  const app = await buildApp({
    database,
    documentsDir,
    reportsDir,
    publicUrl: 'http://localhost:3000',
    ...options,
  });
  await app.ready();
  return {
    app,
    database,
    documentsDir,
    request: (method, url, headers = {}, payload) => app.inject({ method, url, headers, payload }),
    close: async () => {
      await app.close();
      await database.destroy();
      await rm(documentsDir, { recursive: true, force: true });
      await rm(reportsDir, { recursive: true, force: true });
    },
  };
}
