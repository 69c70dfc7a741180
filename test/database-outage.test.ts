import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { makeUser, sessionHeaders } from './helpers/auth.ts';
import { makeOrganization, makePartnership, makePlace } from './helpers/factories.ts';

/**
 * A PostgreSQL server that ends the app's connections (a restart, a failover, an administrator's
 * pg_terminate_backend) must not take the process down: the requests caught in it answer 503, the next ones
 * reconnect. Only a PostgreSQL server has connections to lose.
 */
describe.skipIf(!process.env.DATABASE_URL)('a database that drops its connections', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  const places: number[] = [];
  let tieId = 0;
  let organizationId = 0;

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.database.db;
    for (const name of ['Espoo', 'Shanghai', 'Tallinn', 'Tartu', 'Riga']) {
      places.push((await makePlace(db, { name })).id);
    }
    const city = await makeOrganization(db, { name: 'City of Espoo', placeId: places[0] });
    organizationId = city.id;
    const user = await makeUser(db, { memberships: [{ organizationId: city.id, role: 'editor' }] });
    headers = await sessionHeaders(db, user.id);
    tieId = (await makePartnership(db, [places[0]!, places[1]!])).id;
  });
  afterAll(() => t?.close());

  /** Ends every connection the app holds to its database, from a connection of the test's own. */
  async function terminateBackends(): Promise<number> {
    const admin = new pg.Client({ connectionString: t.database.url });
    await admin.connect();
    try {
      const result = await admin.query(
        `select pg_terminate_backend(pid) as ended from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid()`,
      );
      return result.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  const write = (title: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/activities',
      headers,
      payload: { kind: 'call', occurredOn: '2020-11-10', title, organizationId },
    });
  const read = () => t.app.inject({ url: `/api/partnerships/${tieId}` });

  it('answers 503 to the requests caught in it, survives, and serves the next requests', async () => {
    const requests: ReturnType<typeof read>[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (let index = 0; index < 8; index += 1) {
        requests.push(write(`Call ${round}.${index}`), read());
      }
      // Terminate while the burst is in flight: some connections are checked out in transactions.
      await new Promise((resolve) => setTimeout(resolve, 5));
      expect(await terminateBackends()).toBeGreaterThanOrEqual(0);
    }
    const answers = await Promise.all(requests);
    for (const answer of answers) {
      if (answer.statusCode < 300) continue;
      expect(answer.statusCode).toBe(503);
      expect(answer.json().error?.code).toBe('DATABASE_UNAVAILABLE');
    }
    // Some requests were caught: the test did what it says.
    expect(answers.some((answer) => answer.statusCode === 503)).toBe(true);

    // The next requests reconnect and succeed, reads and writes alike.
    await expect.poll(async () => (await read()).statusCode).toBe(200);
    const after = await write('After the outage');
    expect(after.statusCode, after.body).toBe(201);
  });

  it('answers 503 while the database refuses new connections, and serves again once it takes them', async () => {
    const name = new URL(t.database.url!).pathname.slice(1);
    // From the server's maintenance database: the test database takes no connections meanwhile.
    const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await owner.connect();
    try {
      await owner.query(`alter database "${name}" allow_connections false`);
      await owner.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      for (const answer of [
        await read(),
        await write('While refused'),
        await t.app.inject({ url: '/api/organizations' }),
      ]) {
        expect(answer.statusCode, answer.body).toBe(503);
        expect(answer.json().error.code).toBe('DATABASE_UNAVAILABLE');
      }
    } finally {
      await owner.query(`alter database "${name}" allow_connections true`);
      await owner.end();
    }
    await expect.poll(async () => (await read()).statusCode).toBe(200);
  });
});
