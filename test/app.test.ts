import { readFile } from 'node:fs/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { makePartnership, makePlace } from './helpers/factories.ts';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
  const a = await makePlace(t.database.db, { name: 'Espoo', names: [{ name: 'Esbo', lang: 'sv' }] });
  const b = await makePlace(t.database.db, { name: 'Shanghai', country: 'CN' });
  await makePartnership(t.database.db, [a.id, b.id]);
});
afterAll(() => t.close());

describe('the HTTP application', () => {
  it('answers health once the database is ready', async () => {
    const response = await t.app.inject({ url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown routes with a 404 in the error shape', async () => {
    const response = await t.app.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'ROUTE_NOT_FOUND', message: 'No route GET /api/nothing-here', details: [] },
    });
  });

  it('serves an OpenAPI 3.1 document describing every API route, identical to docs/openapi.json', async () => {
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/session',
        '/api/auth/sign-in',
        '/api/health',
        '/api/metrics',
        '/api/network',
        '/api/network/names',
        '/api/organizations',
        '/api/organizations/{id}',
        '/api/partnerships',
        '/api/partnerships/{id}',
        '/api/partnerships/{id}/history',
        '/api/place-names',
        '/api/places',
        '/api/places/{id}',
        '/api/places/{id}/partners',
        '/api/settings',
        '/api/stats',
        '/api/users',
      ]),
    );
    const search = document.paths['/api/places'].get;
    expect(search.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual([
      'country',
      'limit',
      'q',
    ]);
    const committed = JSON.parse(await readFile(new URL('../docs/openapi.json', import.meta.url), 'utf8'));
    // When this fails, run `npm run openapi` and commit docs/openapi.json.
    expect(document).toEqual(committed);
  });

  it('serves the API docs UI', async () => {
    const response = await t.app.inject({ url: '/api/docs/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
  });

  it('never answers 5xx to arbitrary query strings and ids', async () => {
    const urls = [
      '/api/places',
      '/api/places/1',
      '/api/places/1/partners',
      '/api/partnerships',
      '/api/stats',
    ];
    const value = fc.oneof(
      fc.string({ maxLength: 300 }),
      fc.integer().map(String),
      fc.constantFrom(
        '',
        '%',
        '_',
        "'",
        '"',
        '\\',
        '\u0000',
        '1e9',
        '-0',
        'NaN',
        'FI',
        'twin_town',
        '2000-13-45',
      ),
    );
    const key = fc.constantFrom(
      'q',
      'country',
      'limit',
      'kind',
      'status',
      'startedFrom',
      'startedTo',
      'cursor',
      'x',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...urls),
        fc.dictionary(key, value, { maxKeys: 4 }),
        fc.oneof(fc.constant(null), fc.string({ maxLength: 20 })),
        async (url, query, id) => {
          const path = id === null ? url : url.replace('/1', `/${encodeURIComponent(id)}`);
          const response = await t.app.inject({ url: path, query });
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) expect(response.json().error.code).toMatch(/^[A-Z_]+$/);
        },
      ),
      { numRuns: 300 },
    );
  });
});
