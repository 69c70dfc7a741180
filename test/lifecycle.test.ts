import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { startBackgroundWork } from '../src/background.ts';
import { openDatabase } from '../src/db/client.ts';
import { hasEveryMigration } from '../src/db/migrations-applied.ts';
import { queryRows } from '../src/db/query.ts';
import { importRuns } from '../src/db/schema.ts';
import { runHousekeeping } from '../src/features/housekeeping/housekeeping.service.ts';
import { INTERRUPTED } from '../src/features/imports/imports.service.ts';
import { type Gazetteer, loadGazetteer } from '../src/features/imports/world/gazetteer.ts';
import { prepareDatabase } from '../src/server.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';
import { makeUser, sessionHeaders } from './helpers/auth.ts';
import { createTestDatabase } from './helpers/db.ts';
import { makeOrganization, makePartnership, makePlace } from './helpers/factories.ts';
import { worldMiniFiles } from './helpers/fixtures.ts';

/** Health and readiness, draining on shutdown, starting several processes at once, and cleaning up after them. */

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
});

describe('health and readiness', () => {
  it('/api/health answers while the process lives; /api/ready only while the database answers', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ database });
    try {
      expect((await app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok' });
      const ready = await app.inject({ url: '/api/ready' });
      expect(ready.statusCode, ready.body).toBe(200);
      expect(ready.json()).toEqual({
        status: 'ready',
        checks: { database: 'ok', migrations: 'ok', readModels: 'ok' },
      });

      await database.close();
      expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
      const down = await app.inject({ url: '/api/ready' });
      expect(down.statusCode).toBe(503);
      expect(down.json().error).toMatchObject({
        code: 'NOT_READY',
        details: [{ field: 'database', message: 'is not answering' }],
      });
    } finally {
      // The database is already closed: the app's own goodbye to it (UNLISTEN) fails, as it should.
      await app.close().catch(() => {});
      await database.destroy().catch(() => {});
    }
  });

  it('/api/ready waits for the migrations this version ships', async () => {
    const database = await createTestDatabase();
    const app = await buildApp({ database });
    try {
      await database.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
      const response = await app.inject({ url: '/api/ready' });
      expect(response.statusCode).toBe(503);
      expect(response.json().error.details).toEqual([{ field: 'migrations', message: expect.any(String) }]);
    } finally {
      await app.close();
      await database.destroy();
    }
  });
});

describe('a graceful shutdown', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('finishes the requests in flight, and answers new ones 503 SHUTTING_DOWN', async () => {
    const db = t.database.db;
    const espoo = await makePlace(db, { name: 'Espoo' });
    const tallinn = await makePlace(db, { name: 'Tallinn', country: 'EE' });
    const city = await makeOrganization(db, { name: 'City of Espoo', placeId: espoo.id });
    const user = await makeUser(db, { memberships: [{ organizationId: city.id, role: 'editor' }] });
    const headers = await sessionHeaders(db, user.id);
    const tie = await makePartnership(db, [espoo.id, tallinn.id]);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;

    // Uploads in flight on raw connections: each body arrives in two halves, the second after the shutdown began,
    // followed on the same connection by a request that reaches the server while it drains.
    const boundary = '----drain';
    const inFlightUpload = (seed: string) => {
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n% ${seed}\n`,
      );
      const tail = Buffer.from(`${' '.repeat(1000)}\n%%EOF\n\r\n--${boundary}--\r\n`);
      const socket = net.connect({ port, host: '127.0.0.1' });
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        received += chunk.toString('latin1');
      });
      const ended = new Promise((resolve) => socket.on('close', resolve));
      const requestHead = [
        `POST /api/partnerships/${tie.id}/documents HTTP/1.1`,
        'Host: 127.0.0.1',
        `Cookie: ${headers.cookie}`,
        `X-CSRF-Token: ${headers['x-csrf-token']}`,
        `Content-Type: multipart/form-data; boundary=${boundary}`,
        `Content-Length: ${head.length + tail.length}`,
      ].join('\r\n');
      socket.write(`${requestHead}\r\n\r\n`);
      socket.write(head);
      return async (next: string) => {
        socket.write(tail);
        socket.write(`GET ${next} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
        await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 5000))]);
        socket.destroy();
        return received.split(/(?=HTTP\/1\.1 )/).map((answer) => ({
          status: Number(answer.slice(9, 12)),
          headers: answer.slice(0, answer.indexOf('\r\n\r\n')).toLowerCase(),
          body: answer.slice(answer.indexOf('\r\n\r\n') + 4),
        }));
      };
    };
    // Both uploads are in flight once the server has their heads: the drain check runs as each arrives.
    let arrived = 0;
    const bothArrived = new Promise((resolve) =>
      t.app.server.on('request', () => {
        arrived += 1;
        if (arrived === 2) setTimeout(resolve, 50);
      }),
    );
    const first = inFlightUpload('one');
    const second = inFlightUpload('two');
    await bothArrived;

    let closed = false;
    const closing = t.app.close().then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    // New connections are no longer accepted.
    await expect(
      new Promise((resolve, reject) =>
        http.get({ port, host: '127.0.0.1', path: '/api/health' }, resolve).on('error', reject),
      ),
    ).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(closed).toBe(false);

    // The uploads complete. Load balancers see the instance go unready; other work that still reaches it is
    // refused in the error shape, and the connection closes after it.
    const [ready, late] = await Promise.all([first('/api/ready'), second('/api/places?q=Espoo')]);
    await closing;
    expect(ready.map((answer) => answer.status)).toEqual([201, 503]);
    expect(JSON.parse(ready[1]!.body).error).toMatchObject({
      code: 'NOT_READY',
      details: expect.arrayContaining([{ field: 'lifecycle', message: 'shutting down' }]),
    });
    expect(late.map((answer) => answer.status)).toEqual([201, 503]);
    expect(JSON.parse(late[1]!.body).error.code).toBe('SHUTTING_DOWN');
    expect(late[1]!.headers).toContain('connection: close');
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from partnership_documents where partnership_id = ${tie.id}`,
    );
    expect(row!.n).toBe(2);
  });
});

describe('starting', () => {
  it('marks imports that a killed process left running as failed', async () => {
    const database = await createTestDatabase();
    try {
      const [run] = await database.db
        .insert(importRuns)
        .values({ dataset: 'world', files: [] })
        .returning({ id: importRuns.id });
      await prepareDatabase(database, { importOnStart: false });
      const [after] = await queryRows<{ status: string; error: string }>(
        database.db,
        sql`select status, error from import_runs where id = ${run!.id}`,
      );
      expect(after).toEqual({ status: 'failed', error: INTERRUPTED });
    } finally {
      await database.destroy();
    }
  });

  it('tells when the first-start import begins, and only when there is one', async () => {
    const database = await createTestDatabase();
    try {
      let told = 0;
      const beforeImport = () => {
        told += 1;
      };
      const world = { files: worldMiniFiles(), gazetteer };
      expect(await prepareDatabase(database, { importOnStart: true, world, beforeImport })).toBe(true);
      expect(told).toBe(1);
      // A restart finds the registry filled: no import, nothing told.
      expect(await prepareDatabase(database, { importOnStart: true, world, beforeImport })).toBe(false);
      expect(told).toBe(1);
    } finally {
      await database.destroy();
    }
  });

  it('migrates a database that lacks a migration, and only asks a current one', async () => {
    // An empty database, not migrated.
    const database = await openDatabase({ engine: 'pglite' });
    try {
      let migrated = 0;
      const counting = {
        ...database,
        migrate: async () => {
          migrated += 1;
          await database.migrate();
        },
      };
      expect(await hasEveryMigration(database.db)).toBe(false);
      await prepareDatabase(counting, { importOnStart: false });
      expect(migrated).toBe(1);
      expect(await hasEveryMigration(database.db)).toBe(true);
      // A restart: the schema is current, and the migrator is not run.
      await prepareDatabase(counting, { importOnStart: false });
      expect(migrated).toBe(1);
      // A version that ships a newer migration than the database records finds it lacking.
      await database.db.execute(
        sql`delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)`,
      );
      expect(await hasEveryMigration(database.db)).toBe(false);
    } finally {
      await database.close();
    }
  });

  it('builds the app without a query, so before the migrations; it reads once it is ready', async () => {
    // An empty database, not migrated: a server builds its app while PGlite finishes starting, then migrates.
    const database = await openDatabase({ engine: 'pglite' });
    try {
      const app = await buildApp({ database, registryCheckMs: 0 });
      try {
        await database.migrate();
        const ready = await app.inject({ url: '/api/ready' });
        expect(ready.statusCode).toBe(200);
        expect((await app.inject({ url: '/api/stats' })).statusCode).toBe(200);
      } finally {
        await app.close();
      }
      // Not migrated, the same app fails when it gets ready: the read models start then, with their first query.
      const unmigrated = await openDatabase({ engine: 'pglite' });
      const early = await buildApp({ database: unmigrated, registryCheckMs: 0 });
      await expect(early.ready()).rejects.toThrow(/revision/);
      await early.close().catch(() => {});
      await unmigrated.close();
    } finally {
      await database.close();
    }
  });

  it.skipIf(!process.env.DATABASE_URL)(
    'two processes at once on an empty PostgreSQL database: one migrates and imports, the other waits',
    async () => {
      // An empty database, not migrated: what two servers started together by a deployment find.
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      const name = `citybridge_start_${process.pid}_${Date.now()}`;
      await admin.query(`create database "${name}"`);
      const url = new URL(process.env.DATABASE_URL!);
      url.pathname = `/${name}`;
      const [a, b] = [
        await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 4 }),
        await openDatabase({ engine: 'postgres', url: url.toString(), poolSize: 4 }),
      ];
      try {
        const world = { files: worldMiniFiles(), gazetteer };
        const imported = await Promise.all([
          prepareDatabase(a, { importOnStart: true, world }),
          prepareDatabase(b, { importOnStart: true, world }),
        ]);
        expect(imported.sort()).toEqual([false, true]);
        const [counts] = await queryRows<{ runs: number; failed: number; duplicates: number }>(
          a.db,
          sql`select
            (select count(*)::int from import_runs) as runs,
            (select count(*)::int from import_runs where status <> 'succeeded') as failed,
            (select count(*)::int from (select wikidata_qid from places where wikidata_qid is not null
              group by wikidata_qid having count(*) > 1) d) as duplicates`,
        );
        expect(counts).toEqual({ runs: 1, failed: 0, duplicates: 0 });
      } finally {
        await a.close();
        await b.close();
        await admin.query(`drop database if exists "${name}" with (force)`);
        await admin.end();
      }
    },
  );
});

describe('housekeeping', () => {
  it('first runs a while after the server starts, and never when stopped before', async () => {
    const database = await createTestDatabase();
    const documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-background-'));
    try {
      const user = await makeUser(database.db);
      await sessionHeaders(database.db, user.id);
      await database.db.execute(sql`update sessions set expires_at = now() - interval '1 minute'`);
      const sessions = async () => {
        const [row] = await queryRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from sessions`,
        );
        return row!.n;
      };
      const config = { documentsDir, mail: undefined, publicUrl: 'http://localhost:3000' };
      const logger = pino({ enabled: false });
      const stoppedEarly = startBackgroundWork(database, logger, config, 200);
      await stoppedEarly();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await sessions()).toBe(1);

      const stop = startBackgroundWork(database, logger, config, 300);
      try {
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(await sessions()).toBe(1);
        await expect.poll(sessions, { timeout: 10_000 }).toBe(0);
      } finally {
        await stop();
      }
    } finally {
      await database.destroy();
      await rm(documentsDir, { recursive: true, force: true });
    }
  });

  it('runs in one process at a time, purges ended sessions and used links, and abandoned uploads', async () => {
    const database = await createTestDatabase();
    const documentsDir = await mkdtemp(path.join(tmpdir(), 'citybridge-housekeeping-'));
    try {
      const old = path.join(documentsDir, 'upload-0123abcd.part');
      const fresh = path.join(documentsDir, 'upload-4567abcd.part');
      await writeFile(old, 'half');
      await writeFile(fresh, 'half');
      await utimes(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
      const user = await makeUser(database.db);
      await sessionHeaders(database.db, user.id);
      await database.db.execute(sql`update sessions set expires_at = now() - interval '1 minute'`);
      await database.db.execute(
        sql`insert into one_time_tokens (token_hash, purpose, user_id, expires_at, used_at)
            values ('used', 'password', ${user.id}, now() + interval '1 day', now())`,
      );
      // Spreadsheets uploaded for an import: one never committed and older than a week goes.
      const organization = await makeOrganization(database.db);
      for (const [age, committed] of [
        ['8 days', false],
        ['8 days', true],
        ['1 day', false],
      ] as const) {
        await database.db.execute(
          sql`insert into spreadsheet_imports (organization_id, filename, sha256, size_bytes, sheets, created_at, committed_at)
              values (${organization.id}, ${age}, '', 0, '[]', now() - ${age}::interval, ${committed ? sql`now()` : null})`,
        );
      }
      const summary = await runHousekeeping(database, { documentsDir });
      expect(summary).toMatchObject({ sessions: 1, links: 1, abandonedUploads: 1, staleSpreadsheets: 1 });
      const kept = await queryRows<{ filename: string; committed: boolean }>(
        database.db,
        sql`select filename, committed_at is not null as committed from spreadsheet_imports order by id`,
      );
      expect(kept).toEqual([
        { filename: '8 days', committed: true },
        { filename: '1 day', committed: false },
      ]);
      // A file still being written by another process sharing the folder stays.
      expect(await readdir(documentsDir)).toEqual(['upload-4567abcd.part']);
      if (database.engine === 'postgres') {
        // While another process holds the housekeeping lock, this one skips its turn.
        const other = await openDatabase({ engine: 'postgres', url: database.url!, poolSize: 2 });
        try {
          let inner: unknown = 'not run';
          await other.tryLock('housekeeping', async () => {
            inner = await runHousekeeping(database);
          });
          expect(inner).toBeUndefined();
        } finally {
          await other.close();
        }
      }
    } finally {
      await database.destroy();
      await rm(documentsDir, { recursive: true, force: true });
    }
  });
});
