import net from 'node:net';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CATALOGUE } from '../src/core/errors.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

let t: TestApp;
let address: string | undefined;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Asserts the catalogue's shape: a known code whose status is the answer's, a message and details. */
function expectErrorShape(status: number, body: unknown, code: string): void {
  expect(body).toEqual({ error: { code, message: expect.any(String), details: expect.any(Array) } });
  expect(ERROR_CATALOGUE[code as keyof typeof ERROR_CATALOGUE]).toBe(status);
}

function expectError(response: LightMyRequestResponse, status: number, code: string): void {
  expect(response.statusCode).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.headers['x-content-type-options']).toBe('nosniff');
  expectErrorShape(status, response.json(), code);
}

/** Sends `request` as it is over a real connection and answers the status line, headers and body. */
async function sendRaw(
  request: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  address ??= await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = Number(new URL(address).port);
  const answer = await new Promise<string>((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(request));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('close', () => resolve(data));
    // The server closes the connection as it answers; what it wrote before is the answer.
    socket.on('error', () => resolve(data));
  });
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(
    lines.map((line) => [
      line.slice(0, line.indexOf(':')).toLowerCase(),
      line.slice(line.indexOf(':') + 1).trim(),
    ]),
  );
  return { status: Number(statusLine.split(' ')[1]), headers, body };
}

describe('error answers', () => {
  it.each(['/api/places/%00%ff', '/api/places/%ff', '/api/%E0%A4%A'])(
    'answers the malformed URL %s with 400 INVALID_URL in the shape',
    async (url) => {
      const response = await t.app.inject({ url });
      expectError(response, 400, 'INVALID_URL');
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    },
  );

  it.each([
    ['text/plain', '{"email":"a@example.org","password":"0123456789"}'],
    ['text/plain; charset=utf-8', 'hello'],
    [
      'multipart/form-data; boundary=x',
      '--x\r\nContent-Disposition: form-data; name="email"\r\n\r\na\r\n--x--\r\n',
    ],
    ['application/x-www-form-urlencoded', 'email=a%40example.org&password=0123456789'],
    ['application/xml', '<signIn/>'],
    ['application/merge-patch+json', '{}'],
  ])('answers a %s body to a JSON endpoint with 415 in the shape', async (contentType, payload) => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      headers: { 'content-type': contentType },
      payload,
    });
    expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('still takes JSON with a charset or in capitals', async () => {
    for (const contentType of ['application/json; charset=utf-8', 'Application/JSON']) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        headers: { 'content-type': contentType },
        payload: { email: 'nobody@example.org', password: 'not the password' },
      });
      expectError(response, 401, 'INVALID_CREDENTIALS');
    }
  });

  it('answers the framework’s own refusals with catalogue codes, never FST_ codes', async () => {
    const cases: [InjectOptions, number, string][] = [
      [
        {
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { 'content-type': 'application/json', 'content-length': '10' },
          payload: '{}',
        },
        400,
        'BAD_REQUEST',
      ],
      [
        {
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { 'content-type': 'application/json' },
          payload: '{',
        },
        400,
        'INVALID_JSON',
      ],
      [
        {
          method: 'POST',
          url: '/api/auth/sign-in',
          headers: { 'content-type': 'application/json' },
          payload: `"${'x'.repeat(1_100_000)}"`,
        },
        413,
        'PAYLOAD_TOO_LARGE',
      ],
      [{ method: 'PUT', url: '/api/auth/sign-in', payload: {} }, 404, 'ROUTE_NOT_FOUND'],
    ];
    for (const [request, status, code] of cases) expectError(await t.app.inject(request), status, code);
  });

  it('ignores a body sent with a GET, and answers HEAD with the headers of the error and no body', async () => {
    const get = await t.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'content-type': 'application/json' },
      payload: '{',
    });
    expect(get.statusCode).toBe(200);

    const head = await t.app.inject({ method: 'HEAD', url: '/api/places/0' });
    expect(head.statusCode).toBe(400);
    expect(head.headers['content-type']).toMatch(/^application\/json/);
    expect(head.headers['x-content-type-options']).toBe('nosniff');
    expect(head.body).toBe('');
  });

  it.each([
    [
      'a Content-Length that is not a number',
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ten\r\n\r\n{}',
      400,
      'BAD_REQUEST',
    ],
    [
      'two Content-Lengths',
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}',
      400,
      'BAD_REQUEST',
    ],
    [
      'an invalid header name',
      'GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n',
      400,
      'BAD_REQUEST',
    ],
    [
      'headers too large',
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'HEADERS_TOO_LARGE',
    ],
    [
      'a malformed URL',
      'GET /api/places/%00%ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      400,
      'INVALID_URL',
    ],
  ])('answers %s on the wire in the shape', async (_label, request, status, code) => {
    const answer = await sendRaw(request);
    expect(answer.status).toBe(status);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expectErrorShape(status, JSON.parse(answer.body), code);
  });
});
