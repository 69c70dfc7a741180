import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.ts';
import { makeUser, memberHeaders } from '../../test/helpers/auth.ts';
import { makeOrganization, makePlace } from '../../test/helpers/factories.ts';
import { MULTIPART, multipart } from '../../test/helpers/multipart.ts';
import { type AppOptions, buildApp } from '../app.ts';
import { runImport } from '../features/imports/imports.service.ts';
import { METRICS_PATH } from './metrics.ts';

let t: TestApp;
let espoo: { id: number };

beforeAll(async () => {
  t = await createTestApp();
  espoo = await makePlace(t.database.db, { name: 'Espoo' });
  await makePlace(t.database.db, { name: 'Tallinn', country: 'EE', lat: 59.44, lng: 24.75 });
});
afterAll(() => t.close());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a scrape in the Prometheus text format. */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name = '', labels = '', value = ''] = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      return {
        name,
        labels: Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, v]) => [key, v])),
        value: Number(value),
      };
    });
}

async function scrape(app: FastifyInstance = t.app): Promise<Sample[]> {
  const response = await app.inject({ url: METRICS_PATH });
  expect(response.statusCode).toBe(200);
  return parse(response.body);
}

/** The value of the sample with that name and exactly those labels; undefined without one. */
function sampleValue(
  samples: Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const same = (sample: Sample) =>
    sample.name === name &&
    Object.keys(sample.labels).length === Object.keys(labels).length &&
    Object.entries(labels).every(([key, value]) => sample.labels[key] === value);
  return samples.find(same)?.value;
}

/** Builds another app on the test's database, runs `use` with it and closes it. */
async function withApp(options: Omit<AppOptions, 'database'>, use: (app: FastifyInstance) => Promise<void>) {
  const app = await buildApp({ database: t.database, ...options });
  try {
    await use(app);
  } finally {
    await app.close();
  }
}

describe('GET /api/metrics', () => {
  it('counts requests by method, route pattern and status code, never by raw URL', async () => {
    const before = await scrape();
    const requests: InjectOptions[] = [
      { url: `/api/places/${espoo.id}` },
      { url: `/api/places/${espoo.id}` },
      { url: '/api/places/not-a-number' },
      { url: '/api/nowhere/at/all' },
      { url: '/api/nowhere/else' },
    ];
    for (const request of requests) await t.app.inject(request);
    const samples = await scrape();
    const counted = (route: string, status: string) =>
      (sampleValue(samples, 'citybridge_http_requests_total', {
        method: 'GET',
        route,
        status_code: status,
      }) ?? 0) -
      (sampleValue(before, 'citybridge_http_requests_total', { method: 'GET', route, status_code: status }) ??
        0);
    expect(counted('/api/places/:id', '200')).toBe(2);
    expect(counted('/api/places/:id', '400')).toBe(1);
    expect(counted('unmatched', '404')).toBe(2);
    expect(
      sampleValue(samples, 'citybridge_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/places/:id',
        status_code: '200',
      }),
    ).toBeGreaterThanOrEqual(2);
    const routes = new Set(samples.map((sample) => sample.labels.route).filter(Boolean));
    expect([...routes].filter((route) => /nowhere|not-a-number|\/\d+/.test(route!))).toEqual([]);
  });

  it('answers the Prometheus text format, not to be cached, with the process metrics', async () => {
    const response = await t.app.inject({ url: METRICS_PATH });
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.headers['cache-control']).toBe('no-store');
    const samples = parse(response.body);
    for (const name of [
      'citybridge_process_resident_memory_bytes',
      'citybridge_nodejs_heap_size_used_bytes',
      'citybridge_nodejs_eventloop_lag_seconds',
    ]) {
      expect(sampleValue(samples, name)).toBeGreaterThanOrEqual(0);
    }
    expect(response.body).toContain('# TYPE citybridge_nodejs_gc_duration_seconds histogram');
  });

  it('shows the database engine, and the pool of a PostgreSQL server', async () => {
    const samples = await scrape();
    expect(sampleValue(samples, 'citybridge_db_info', { engine: t.database.engine })).toBe(1);
    const pool = [
      'citybridge_db_pool_connections',
      'citybridge_db_pool_idle_connections',
      'citybridge_db_pool_waiting_requests',
      'citybridge_db_pool_max_connections',
    ].map((name) => sampleValue(samples, name));
    if (t.database.engine === 'postgres') {
      const [total, idle, waiting, max] = pool as number[];
      // The test database's pool (test/helpers/db.ts): at least the read models' LISTEN connection is open.
      expect(max).toBe(5);
      expect(total).toBeGreaterThanOrEqual(1);
      expect(total).toBeLessThanOrEqual(max!);
      expect(idle).toBeLessThanOrEqual(total!);
      expect(waiting).toBe(0);
    } else {
      // PGlite is one connection inside the process: no pool to show.
      expect(pool).toEqual([undefined, undefined, undefined, undefined]);
    }
  });

  it('counts refused sign-ins by reason', async () => {
    const user = await makeUser(t.database.db, { password: 'correct horse battery' });
    const signIn = (email: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email, password } });
    const before = await scrape();
    expect((await signIn('nobody@example.org', 'correct horse battery')).statusCode).toBe(401);
    expect((await signIn(user.email, 'wrong horse battery')).statusCode).toBe(401);
    expect((await signIn(user.email, 'wrong horse battery')).statusCode).toBe(401);
    expect((await signIn(user.email, 'correct horse battery')).statusCode).toBe(200);
    const after = await scrape();
    const refused = (reason: string) =>
      sampleValue(after, 'citybridge_sign_in_refusals_total', { reason })! -
      sampleValue(before, 'citybridge_sign_in_refusals_total', { reason })!;
    expect(refused('unknown_user')).toBe(1);
    expect(refused('wrong_password')).toBe(2);
    expect(refused('disabled_user')).toBe(0);
    expect(refused('rate_limited')).toBe(0);
  });

  it('counts read-model reads served from memory and reads that waited for a build', async () => {
    const count = (samples: Sample[], result: string) =>
      sampleValue(samples, 'citybridge_read_model_reads_total', { kind: 'stats', result }) ?? 0;
    const before = await scrape();
    // A country no other test reads: its model is built on the first read, served from memory on the second.
    expect((await t.app.inject({ url: '/api/stats?country=EE' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/stats?country=EE' })).statusCode).toBe(200);
    const after = await scrape();
    expect(count(after, 'miss') - count(before, 'miss')).toBe(1);
    expect(count(after, 'hit') - count(before, 'hit')).toBe(1);
    expect(
      (sampleValue(after, 'citybridge_read_model_builds_total', { kind: 'stats' }) ?? 0) -
        (sampleValue(before, 'citybridge_read_model_builds_total', { kind: 'stats' }) ?? 0),
    ).toBe(1);
    expect(sampleValue(after, 'citybridge_read_models')).toBeGreaterThanOrEqual(1);
  });

  it('counts import runs by kind and outcome', async () => {
    const imports = (samples: Sample[], kind: string, outcome: string) =>
      sampleValue(samples, 'citybridge_import_runs_total', { kind, outcome }) ?? 0;
    const before = await scrape();
    const organization = await makeOrganization(t.database.db, { name: 'City of Espoo', placeId: espoo.id });
    const editor = await memberHeaders(t.database.db, organization.id, 'editor');
    const uploaded = await t.request(
      'POST',
      `/api/imports?organizationId=${organization.id}`,
      { ...editor, 'content-type': MULTIPART },
      multipart([
        {
          name: 'file',
          filename: 'ties.csv',
          type: 'text/csv',
          content: 'Partner city;Country\r\nTallinn;EE',
        },
      ]),
    );
    expect(uploaded.statusCode).toBe(201);
    const committed = await t.request('POST', `/api/imports/${uploaded.json().id}/commit`, editor, {
      mapping: uploaded.json().mapping,
    });
    expect(committed.statusCode).toBe(200);
    await expect(
      runImport(t.database, () => Promise.reject(new Error('the files are unreadable')), 'world'),
    ).rejects.toThrow('unreadable');
    const after = await scrape();
    expect(imports(after, 'spreadsheet', 'succeeded') - imports(before, 'spreadsheet', 'succeeded')).toBe(1);
    expect(imports(after, 'world', 'failed') - imports(before, 'world', 'failed')).toBe(1);
    expect(imports(after, 'world', 'succeeded')).toBe(0);
  });
});

describe('who may read the metrics', () => {
  const forbidden = { error: { code: 'METRICS_FORBIDDEN', message: expect.any(String), details: [] } };

  it('answers this machine, IPv4 on a dual-stack socket included, by default', async () => {
    expect((await t.app.inject({ url: METRICS_PATH, remoteAddress: '127.0.0.1' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: METRICS_PATH, remoteAddress: '127.8.9.10' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: METRICS_PATH, remoteAddress: '::1' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: METRICS_PATH, remoteAddress: '::ffff:127.0.0.1' })).statusCode).toBe(
      200,
    );
  });

  it('refuses other addresses with 403 in the error shape, before authentication', async () => {
    for (const remoteAddress of ['203.0.113.9', '::ffff:203.0.113.9', '2001:db8::1']) {
      const response = await t.app.inject({
        url: METRICS_PATH,
        remoteAddress,
        // An invalid token would be 401 if authentication came first.
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual(forbidden);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses requests forwarded by a proxy it does not trust, which all come from this machine', async () => {
    for (const headers of [
      { 'x-forwarded-for': '127.0.0.1' },
      { 'x-forwarded-for': '203.0.113.9' },
      { forwarded: 'for=203.0.113.9' },
      { 'x-real-ip': '203.0.113.9' },
    ]) {
      const response = await t.app.inject({ url: METRICS_PATH, remoteAddress: '127.0.0.1', headers });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toEqual(forbidden);
    }
    // Trusting another proxy does not make this one trusted.
    await withApp({ trustProxy: ['10.0.0.1'] }, async (app) => {
      const response = await app.inject({
        url: METRICS_PATH,
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '127.0.0.1' },
      });
      expect(response.statusCode).toBe(403);
    });
  });

  it('behind a trusted proxy, decides on the client address the proxy saw', async () => {
    await withApp({ trustProxy: ['127.0.0.1'], metricsAllow: ['192.0.2.0/24'] }, async (app) => {
      const via = (client: string) =>
        app.inject({ url: METRICS_PATH, remoteAddress: '127.0.0.1', headers: { 'x-forwarded-for': client } });
      expect((await via('192.0.2.7')).statusCode).toBe(200);
      expect((await via('198.51.100.7')).statusCode).toBe(403);
      // The proxy's own address is not in the list.
      expect((await app.inject({ url: METRICS_PATH, remoteAddress: '127.0.0.1' })).statusCode).toBe(403);
    });
  });

  it('answers only the addresses and ranges it is given', async () => {
    await withApp({ metricsAllow: ['10.0.0.0/8', '2001:db8::/32', '198.51.100.7'] }, async (app) => {
      const from = (remoteAddress: string) => app.inject({ url: METRICS_PATH, remoteAddress });
      expect((await from('10.1.2.3')).statusCode).toBe(200);
      expect((await from('::ffff:10.1.2.3')).statusCode).toBe(200);
      expect((await from('2001:db8::1')).statusCode).toBe(200);
      expect((await from('198.51.100.7')).statusCode).toBe(200);
      expect((await from('198.51.100.8')).statusCode).toBe(403);
      expect((await from('127.0.0.1')).statusCode).toBe(403);
    });
  });

  it('is off, as if it did not exist, without addresses to allow', async () => {
    await withApp({ metricsAllow: [] }, async (app) => {
      const response = await app.inject({ url: METRICS_PATH });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('ROUTE_NOT_FOUND');
    });
  });
});
