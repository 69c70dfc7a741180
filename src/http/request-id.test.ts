import type { IncomingMessage } from 'node:http';
import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/db.ts';
import { buildApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { requestId } from './request-id.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function withHeader(value: string | string[] | undefined): IncomingMessage {
  return { headers: { 'x-request-id': value } } as unknown as IncomingMessage;
}

describe('request ids', () => {
  it("keep a proxy's id when it is a plain token, and make a new one otherwise", () => {
    expect(requestId(withHeader('edge-7f3a.42:1_b'))).toBe('edge-7f3a.42:1_b');
    expect(requestId(withHeader('x'.repeat(128)))).toBe('x'.repeat(128));
    for (const insane of [
      '',
      'x'.repeat(129),
      'two words',
      'a\nforged: line',
      '<script>',
      ['a', 'b'],
      undefined,
    ]) {
      expect(requestId(withHeader(insane))).toMatch(UUID);
    }
    expect(requestId(withHeader(undefined))).not.toBe(requestId(withHeader(undefined)));
  });
});

describe('the x-request-id header', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  const lines: { reqId?: string; msg?: string }[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const { http } = createLogger({ logLevel: 'info', logFormat: 'json', destination });
    app = await buildApp({ database, ...http });
    app.get('/api/test/failure', async () => {
      throw new Error('the test route fails');
    });
  });
  afterAll(async () => {
    await app.close();
    await database.destroy();
  });

  it.each<[string, InjectOptions, number]>([
    ['a success', { url: '/api/health' }, 200],
    ['an unknown route', { url: '/api/nothing-here' }, 404],
    [
      'a validation error',
      { method: 'POST', url: '/api/auth/sign-in', payload: { email: 'not an address' } },
      400,
    ],
    ['a failure', { url: '/api/test/failure' }, 500],
  ])('is on %s, and is the id of its request in the log', async (_name, request, status) => {
    const response = await app.inject(request);
    expect(response.statusCode).toBe(status);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(UUID);
    await expect
      .poll(() => lines.filter((line) => line.msg === 'request completed' && line.reqId === id))
      .toHaveLength(1);
    expect(lines.filter((line) => line.reqId === id).map((line) => line.msg)).toContain('incoming request');
  });

  it('is on an answer to a URL the router refuses, and is the id of its one log line', async () => {
    // Fastify answers these before its hooks, and logs only their "incoming request".
    const response = await app.inject({ url: '/api/places/%00%ff' });
    expect(response.statusCode).toBe(400);
    const id = response.headers['x-request-id'];
    expect(id).toMatch(UUID);
    expect(lines.filter((line) => line.reqId === id).map((line) => line.msg)).toEqual(['incoming request']);
  });

  it("answers with a proxy's sane id, and replaces an insane one", async () => {
    const kept = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'proxy-1234' } });
    expect(kept.headers['x-request-id']).toBe('proxy-1234');
    await expect.poll(() => lines.filter((line) => line.reqId === 'proxy-1234')).toHaveLength(2);

    const replaced = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'a b\r\nc' } });
    expect(replaced.headers['x-request-id']).toMatch(UUID);
  });
});
