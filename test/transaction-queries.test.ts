import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDemo } from '../src/features/demo/demo.service.ts';
import { buildNetwork } from '../src/features/network/network.service.ts';
import { listPartnerships } from '../src/features/partnerships/partnerships.service.ts';
import { getPlace } from '../src/features/places/places.service.ts';
import { getStats } from '../src/features/stats/stats.service.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { signInHeaders } from './helpers/auth.ts';
import { makePartnership, makePlace } from './helpers/factories.ts';

/**
 * A transaction holds one connection, and node-postgres queues a query sent while another runs on it: pg 8 warns
 * ("Calling client.query() when the client is already executing a query", once per process, and only from the
 * third query at once), pg 9 throws. So besides the warning, the queries in flight on every connection the pool
 * hands out are counted, and a query sent while its connection is busy is recorded. The last test shows that
 * both are seen.
 */
const WARNING = 'already executing a query';
const emitted = vi.spyOn(process, 'emitWarning');
const warnings = () =>
  emitted.mock.calls
    .map(([warning]) => (warning instanceof Error ? warning.message : String(warning)))
    .filter((message) => message.includes(WARNING));

type Query = (this: pg.PoolClient, ...args: unknown[]) => unknown;
const watched = new WeakSet<pg.PoolClient>();
let overlapping: string[] = [];

/** Wraps one connection's `query` to count its queries in flight (callback or promise style). */
function watch(client: pg.PoolClient) {
  if (watched.has(client)) return;
  watched.add(client);
  const send = client.query as Query;
  let inFlight = 0;
  const done = () => {
    inFlight -= 1;
  };
  client.query = function countingQuery(this: pg.PoolClient, ...args: unknown[]) {
    if (inFlight > 0) overlapping.push(String((args[0] as { text?: string }).text ?? args[0]));
    inFlight += 1;
    const callback = args.at(-1);
    if (typeof callback === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        done();
        return callback(...results);
      };
      return send.apply(this, args);
    }
    const result = send.apply(this, args);
    if (result instanceof Promise) result.then(done, done);
    else done();
    return result;
  } as typeof client.query;
}

let t: TestApp;
let pool: pg.Pool;
let espooId: number;

// PGlite runs one query at a time by itself; only node-postgres has a client that can be asked twice at once.
describe.skipIf(!process.env.DATABASE_URL)('queries on one transaction (PostgreSQL)', () => {
  beforeAll(async () => {
    t = await createTestApp();
    pool = (t.database.db as unknown as { $client: pg.Pool }).$client;
    pool.on('acquire', watch);
    const espoo = await makePlace(t.database.db, { name: 'Espoo' });
    const shanghai = await makePlace(t.database.db, { name: 'Shanghai', country: 'CN' });
    await makePartnership(t.database.db, [espoo.id, shanghai.id]);
    espooId = espoo.id;
  });
  afterAll(async () => {
    pool.off('acquire', watch);
    emitted.mockRestore();
    await t.close();
  });

  it('run one after another through citybridge demo and the person and activity writes', async () => {
    const demo = await t.database.db.transaction((tx) => loadDemo(tx));
    expect(demo.users).toHaveLength(4);
    expect(overlapping).toEqual([]);
    expect(warnings()).toEqual([]);

    const coordinator = demo.users[1]!;
    const headers = await signInHeaders(t.app, coordinator.email, coordinator.password);
    const send = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const response = await t.app.inject({ method, url, headers, payload });
      expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
      return response.json();
    };
    const [espooOrganization] = (await send('GET', '/api/organizations?q=City%20of%20Espoo')).items;
    const person = await send('POST', '/api/people', {
      name: 'Protocol officer',
      keeperId: espooOrganization.id,
      posts: [{ organizationId: espooOrganization.id, role: 'other' }],
      contactPoints: [{ kind: 'email', value: 'protocol@example.org' }],
    });
    const updated = await send('PATCH', `/api/people/${person.id}`, {
      version: person.version,
      posts: [{ organizationId: espooOrganization.id, role: 'other', title: 'Chief of protocol' }],
      contactPoints: [],
    });
    const activity = await send('POST', '/api/activities', {
      kind: 'meeting',
      occurredOn: '2021-03-01',
      title: 'Protocol briefing',
      organizationId: espooOrganization.id,
      partnershipIds: [demo.partnershipId],
      organizationIds: [espooOrganization.id],
      personIds: [person.id],
    });
    await send('PATCH', `/api/activities/${activity.id}`, {
      version: activity.version,
      personIds: [],
      organizationIds: [],
    });
    await send('GET', `/api/people/${person.id}/export`);
    await send('GET', `/api/people?organizationId=${espooOrganization.id}`);
    await send('DELETE', `/api/people/${person.id}?version=${updated.version}`);
    expect(overlapping).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it('run one after another in the public reads when they are given a transaction', async () => {
    await t.database.db.transaction(async (tx) => {
      await getPlace(tx, espooId);
      await getStats(tx);
      await buildNetwork(tx);
      await listPartnerships(tx, { limit: 10 });
    });
    expect(overlapping).toEqual([]);
    expect(warnings()).toEqual([]);
  });

  it('would be seen: queries at once on a transaction are recorded, and from the third on pg warns', async () => {
    overlapping = [];
    await t.database.db.transaction(async (tx) => {
      await Promise.all([tx.execute(sql`select 1`), tx.execute(sql`select 2`), tx.execute(sql`select 3`)]);
    });
    expect(overlapping).toEqual(['select 2', 'select 3']);
    expect(warnings()).toHaveLength(1);
  });
});
