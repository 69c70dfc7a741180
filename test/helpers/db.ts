import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.ts';

export interface TestDatabase extends Database {
  /** The connection URL of a PostgreSQL test database; undefined on PGlite. */
  url?: string;
  /** Closes the connection and removes the database. */
  destroy(): Promise<void>;
}

/**
 * A fresh, migrated database of its own for one test file: PGlite in memory, or, with DATABASE_URL set, a new
 * database on that PostgreSQL server that is dropped afterwards. Test runs never see each other's data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openDatabase({ engine: 'pglite' });
    await database.migrate();
    return { ...database, destroy: () => database.close() };
  }
  const name = `citybridge_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  const testUrl = new URL(url);
  testUrl.pathname = `/${name}`;
  const database = await openDatabase({ engine: 'postgres', url: testUrl.toString(), poolSize: 5 });
  await database.migrate();
  return {
    ...database,
    url: testUrl.toString(),
    destroy: async () => {
      await database.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop database if exists "${name}" with (force)`);
      await cleanup.end();
    },
  };
}
