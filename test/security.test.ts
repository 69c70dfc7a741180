import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { INLINE_SCRIPT_HASH } from '../src/http/security.ts';
import { createTestDatabase, type TestDatabase } from './helpers/db.ts';

let dist: string;
let database: TestDatabase;
let app: FastifyInstance;
let proxied: FastifyInstance;

beforeAll(async () => {
  dist = await mkdtemp(path.join(tmpdir(), 'citybridge-security-'));
  await mkdir(path.join(dist, 'assets'));
  await writeFile(
    path.join(dist, 'index.html'),
    '<!doctype html><title>CityBridge</title><div id="root"></div>',
  );
  await writeFile(path.join(dist, 'assets', 'app-1234.js'), 'console.log(1);');
  await writeFile(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  database = await createTestDatabase();
  app = await buildApp({
    database,
    webDir: dist,
    mapStyleUrl: 'https://tiles.example.org/styles/basic.json?key=k',
  });
  proxied = await buildApp({ database, trustProxy: 1 });
});
afterAll(async () => {
  await app.close();
  await proxied.close();
  await database.destroy();
  await rm(dist, { recursive: true, force: true });
});

/** The Content-Security-Policy as directive → sources. */
function policyOf(response: LightMyRequestResponse): Map<string, string[]> {
  const header = String(response.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

function expectSecurityHeaders(response: LightMyRequestResponse): void {
  const policy = policyOf(response);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'", INLINE_SCRIPT_HASH]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  expect(response.headers['content-security-policy']).not.toMatch(/unsafe-inline|unsafe-eval/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expect(response.headers['x-frame-options']).toBe('DENY');
  expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(response.headers['strict-transport-security']).toBeUndefined();
}

describe('security headers', () => {
  it.each<[string, InjectOptions, number]>([
    ['an API answer', { url: '/api/health' }, 200],
    ['a validation error', { url: '/api/places?limit=many' }, 400],
    [
      'an error thrown by the authentication hook',
      { url: '/api/auth/session', headers: { authorization: 'Bearer nope' } },
      401,
    ],
    [
      'a refused media type',
      { method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'text/plain' }, payload: 'x' },
      415,
    ],
    ['an unknown API route', { url: '/api/nothing-here' }, 404],
    ['a missing asset', { url: '/assets/missing-0000.js' }, 404],
    ['HEAD of an API answer', { method: 'HEAD', url: '/api/health' }, 200],
    ['index.html', { url: '/' }, 200],
    ['a page of the app', { url: '/places/12' }, 200],
    ['a static asset', { url: '/assets/app-1234.js' }, 200],
    ['the favicon', { url: '/favicon.svg' }, 200],
    ['the OpenAPI document', { url: '/api/openapi.json' }, 200],
  ])('are on %s', async (_label, request, status) => {
    const response = await app.inject(request);
    expect(response.statusCode).toBe(status);
    expectSecurityHeaders(response);
  });

  it('allow the inline script of the web app’s index.html by its hash, and no other', () => {
    const index = readFileSync(new URL('../web/index.html', import.meta.url), 'utf8');
    const inline = [...index.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)]
      .filter(([, attributes]) => !/\bsrc=/.test(attributes ?? ''))
      .map(([, , body]) => `'sha256-${createHash('sha256').update(body!).digest('base64')}'`);
    expect(inline).toEqual([INLINE_SCRIPT_HASH]);
  });

  it('let the map fetch from the configured style’s origin, and only there', async () => {
    const policy = policyOf(await app.inject({ url: '/' }));
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://tiles.example.org']);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    expect(policyOf(await proxied.inject({ url: '/api/health' })).get('connect-src')).toEqual(["'self'"]);
  });

  it('give the API docs their own policy: one inline style, by its hash', async () => {
    for (const url of ['/api/docs/', '/api/docs/static/swagger-ui.css']) {
      const response = await app.inject({ url });
      expect(response.statusCode).toBe(200);
      expectSecurityHeaders(response);
      expect(policyOf(response).get('style-src')).toEqual([
        "'self'",
        expect.stringMatching(/^'sha256-[\w+/]+=*'$/),
      ]);
    }
  });

  it('send HSTS only when the request came over TLS through a trusted proxy', async () => {
    const https = { 'x-forwarded-proto': 'https' };
    const overTls = await proxied.inject({ url: '/api/health', headers: https });
    expect(overTls.headers['strict-transport-security']).toBe('max-age=31536000');
    const error = await proxied.inject({ url: '/api/nothing-here', headers: https });
    expect(error.headers['strict-transport-security']).toBe('max-age=31536000');
    const plain = await proxied.inject({ url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    // Without TRUST_PROXY a client's own X-Forwarded-Proto proves nothing.
    const untrusted = await app.inject({ url: '/api/health', headers: https });
    expect(untrusted.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('conditional and partial requests for static files', () => {
  it('answer 412 and 416 in the error shape, with the headers', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ 'if-match': '"nope"' }, 412, 'PRECONDITION_FAILED'],
      [{ range: 'bytes=999999-' }, 416, 'RANGE_NOT_SATISFIABLE'],
    ];
    for (const [headers, status, code] of cases) {
      const response = await app.inject({ url: '/assets/app-1234.js', headers });
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json().error.code).toBe(code);
      expectSecurityHeaders(response);
    }
  });
});
