import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberHeaders } from '../../../test/helpers/auth.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.ts';
import { makeOrganization, makePartnership, makePlace } from '../../../test/helpers/factories.ts';
import { buildApp } from '../../app.ts';
import { type Database, openDatabase } from '../../db/client.ts';

/**
 * Several servers on one PostgreSQL database: each hears the others' writes through LISTEN, and one whose
 * listening connection dropped must not serve what it cached in between for good.
 */
describe.skipIf(!process.env.DATABASE_URL)('servers sharing one database', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  const servers: { app: FastifyInstance; database: Database }[] = [];
  let headers: Record<string, string>;
  const ids = { espoo: 0, shanghai: 0, tallinn: 0, tie: 0 };

  /** Pids of the connections listening on the test database. */
  const listeningPids = async () =>
    (
      await admin.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and query like 'LISTEN %'`,
      )
    ).rows.map((row) => row.pid);

  /** A server of its own on the test database; its LISTEN connection's pid is the one that was not there. */
  async function startServer(registryCheckMs: number) {
    const before = new Set(await listeningPids());
    const serverDatabase = await openDatabase({ engine: 'postgres', url: database.url!, poolSize: 3 });
    const app = await buildApp({ database: serverDatabase, registryCheckMs });
    await app.ready();
    servers.push({ app, database: serverDatabase });
    const pids = (await listeningPids()).filter((pid) => !before.has(pid));
    expect(pids).toHaveLength(1);
    return { app, listenerPid: pids[0]! };
  }

  const partnerIds = async (app: FastifyInstance, placeId: number) =>
    (
      (await app.inject({ url: `/api/places/${placeId}/partners` })).json().partners as {
        place: { id: number };
      }[]
    ).map((partner) => partner.place.id);

  beforeAll(async () => {
    database = await createTestDatabase();
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const { db } = database;
    ids.espoo = (await makePlace(db, { name: 'Espoo' })).id;
    ids.shanghai = (await makePlace(db, { name: 'Shanghai', country: 'CN' })).id;
    ids.tallinn = (await makePlace(db, { name: 'Tallinn', country: 'EE' })).id;
    ids.tie = (await makePartnership(db, [ids.espoo, ids.shanghai])).id;
    const city = await makeOrganization(db, { name: 'City of Espoo', placeId: ids.espoo });
    headers = await memberHeaders(db, city.id, 'editor');
  });
  afterAll(async () => {
    for (const server of servers) {
      await server.app.close();
      await server.database.close();
    }
    await admin?.end();
    await database?.destroy();
  });

  it('shows a write made while its LISTEN connection was down once it listens again', async () => {
    // No revision timer: only the reconnection can bring the change.
    const a = await startServer(0);
    const b = await startServer(0);
    expect(await partnerIds(a.app, ids.espoo)).toEqual([ids.shanghai]);

    await admin.query('select pg_terminate_backend($1)', [a.listenerPid]);
    await expect.poll(async () => (await listeningPids()).includes(a.listenerPid)).toBe(false);
    // A caches Espoo's partners again while it cannot hear of changes, then B adds a tie.
    expect(await partnerIds(a.app, ids.espoo)).toEqual([ids.shanghai]);
    const created = await b.app.inject({
      method: 'POST',
      url: '/api/partnerships',
      headers,
      payload: { kind: 'twin_town', parties: [{ placeId: ids.espoo }, { placeId: ids.tallinn }] },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await partnerIds(b.app, ids.espoo)).toContain(ids.tallinn);
    // The write happened while A was not listening: only B's connection listens.
    expect(await listeningPids()).toEqual([b.listenerPid]);

    await expect.poll(() => partnerIds(a.app, ids.espoo), { timeout: 5000 }).toContain(ids.tallinn);
    await expect.poll(async () => (await listeningPids()).length).toBe(2);
  });

  it('finds a change whose notification was missed with its revision timer', async () => {
    const c = await startServer(200);
    const statusOnC = async () =>
      (
        (await c.app.inject({ url: `/api/places/${ids.shanghai}/partners` })).json().partners as {
          partnershipId: number;
          status: string;
        }[]
      ).find((partner) => partner.partnershipId === ids.tie)?.status;
    expect(await statusOnC()).toBe('active');
    // A write by hand, without NOTIFY, that still moves the revision on.
    await admin.query('begin');
    await admin.query(`update partnerships set status = 'suspended' where id = $1`, [ids.tie]);
    await admin.query(`update data_revisions set revision = revision + 1 where name = 'registry'`);
    await admin.query('commit');
    await expect.poll(statusOnC, { timeout: 5000 }).toBe('suspended');
  });
});
