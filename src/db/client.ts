import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { PROJECT_DIR } from '../project-dir.ts';
import type { Database, Db } from './database.ts';
import { lockFolder } from './folder-lock.ts';
import { emptyDatabaseArchive, holdsNoDatabase, unpackEmptyDatabase } from './pglite-template.ts';
import * as schema from './schema.ts';

export type { Database, Db, DbOrTx, ListenOptions, PoolUse, Schema, Tx } from './database.ts';

/** The migrations, read from the sources at run time (the server's build holds code only). */
export const MIGRATIONS_DIR = path.join(PROJECT_DIR, 'src', 'db', 'migrations');

export type DatabaseOptions =
  | {
      engine: 'pglite';
      dataDir?: string;
      /** How long to wait for the folder's lock when a holder elsewhere may have died (see lockFolder). */
      lockWaitMs?: number;
    }
  | { engine: 'postgres'; url: string; poolSize?: number };

/**
 * PGlite's server settings. Its memory is WebAssembly memory, which grows and never shrinks, and PostgreSQL's 128 MB
 * default of shared buffers is all touched at start: 16 MB keeps the process small, and costs no speed, because
 * pages the buffers do not hold are still in the operating system's file cache.
 */
const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];

/**
 * PGlite runs each query on the event loop, to its end: a chain of queries (a read model's build, a page's reads)
 * would hold every other request until its last query. Each query first lets the event loop turn, so that the
 * requests that arrived meanwhile start in between. Queries keep their order; a transaction's own queries, which run
 * under its lock, do not wait.
 */
function yieldBeforeQueries(client: PGlite): void {
  const query = client.query.bind(client);
  client.query = async (...args: Parameters<typeof query>) => {
    await setImmediate();
    return query(...args);
  };
}

/** Opens PGlite (in `dataDir`, or in memory without one) or a node-postgres pool. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.engine === 'pglite') {
    let unlock = async () => {};
    let dataDir: string | undefined;
    if (options.dataDir) {
      await mkdir(options.dataDir, { recursive: true });
      // A folder that links elsewhere (the database on a disk of its own) is opened, and locked, where it is.
      dataDir = await realpath(options.dataDir);
      unlock = await lockFolder(dataDir, { waitMs: options.lockWaitMs });
    }
    const client = await (async () => {
      // A new database starts as a copy of an empty one (see pglite-template.ts).
      if (dataDir && holdsNoDatabase(dataDir)) await unpackEmptyDatabase(dataDir);
      return PGlite.create({
        dataDir,
        extensions: { pg_trgm, unaccent },
        startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
        loadDataDir: dataDir ? undefined : await emptyDatabaseArchive(),
      });
    })().catch(async (error: unknown) => {
      await unlock();
      throw error;
    });
    yieldBeforeQueries(client);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      engine: 'pglite',
      db,
      migrate: () => migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
      listen: async (channel, onMessage) => {
        const unsubscribe = await client.listen(channel, onMessage);
        return () => unsubscribe();
      },
      embeddedMemoryBytes: () => client.Module.wasmMemory.buffer.byteLength,
      withLock: (_name, work) => work(),
      tryLock: async (_name, work) => {
        await work();
        return true;
      },
      close: async () => {
        await client.close();
        await unlock();
      },
    };
  }
  // node-postgres (and the fetch implementation it touches) loads only for a PostgreSQL server.
  const { openPostgres } = await import('./postgres.ts');
  return openPostgres(options, MIGRATIONS_DIR);
}
