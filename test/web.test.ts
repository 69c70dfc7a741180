import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let dist: string;
let database: TestDatabase;
let app: FastifyInstance;
const INDEX = '<!doctype html><title>CityBridge</title><div id="root"></div>';
const SCRIPT = `console.log(${JSON.stringify('x'.repeat(2000))});`;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'citybridge-web-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'index.html'), INDEX);
  await writeFile(path.join(dist, 'assets', 'app-1234.js'), SCRIPT);
  await writeFile(path.join(dist, 'assets', 'app-1234.js.gz'), gzipSync(SCRIPT));
  database = await createTestDatabase();
  app = await buildApp({ database, webDir: dist, mapStyleUrl: 'https://tiles.example.org/style.json' });
});
afterAll(async () => {
  await app.close();
  await database.destroy();
  await rm(dist, { recursive: true, force: true });
});

describe('serving the web app', () => {
  it.each(['/', '/places/12', '/countries/FI?pair=CN', '/accessibility'])(
    'answers %s with the app',
    async (url) => {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    },
  );

  it('serves hashed assets pre-compressed and cached for a year', async () => {
    const response = await app.inject({ url: '/assets/app-1234.js', headers: { 'accept-encoding': 'gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.rawPayload.length).toBeLessThan(SCRIPT.length / 5);
  });

  it('answers a missing asset and an unknown API route with 404, not the app', async () => {
    expect((await app.inject({ url: '/assets/missing-0000.js' })).statusCode).toBe(404);
    const api = await app.inject({ url: '/api/missing' });
    expect(api.statusCode).toBe(404);
    expect(api.json().error.code).toBe('ROUTE_NOT_FOUND');
    expect((await app.inject({ method: 'POST', url: '/places/12' })).statusCode).toBe(404);
  });

  it('tells the app which base map to draw', async () => {
    const response = await app.inject({ url: '/api/settings' });
    expect(response.json()).toEqual({ mapStyleUrl: 'https://tiles.example.org/style.json' });
  });
});
