import { mkdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { setImmediate } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { PROJECT_DIR } from '../project-dir.ts';
import { markLostConnection } from './errors.ts';
import { lockFolder } from './folder-lock.ts';
import { emptyDatabaseArchive, holdsNoDatabase, unpackEmptyDatabase } from './pglite-template.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The Drizzle database, the same type on PGlite and on a PostgreSQL server. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or a transaction: repositories accept either. */
export type DbOrTx = Db | Tx;

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

export interface ListenOptions {
  /** Called each time a lost listening connection listens again (PostgreSQL servers only). */
  onReconnect?: () => void;
}

/** An open database connection with the engine-specific hooks the rest of the app needs. */
export interface Database {
  engine: 'pglite' | 'postgres';
  db: Db;
  migrate(): Promise<void>;
  /**
   * Calls `onMessage` for each NOTIFY on `channel`, and with an empty payload when the listening connection is
   * lost (notifications may be missed until it listens again); resolves to an unsubscribe function.
   */
  listen(
    channel: string,
    onMessage: (payload: string) => void,
    options?: ListenOptions,
  ): Promise<() => Promise<void>>;
  /**
   * Runs `work` holding a lock that every process on the database respects (a PostgreSQL advisory lock), waiting
   * for it while another process holds it. On PGlite, which one process holds, it simply runs `work`.
   */
  withLock<T>(name: LockName, work: () => Promise<T>): Promise<T>;
  /** Runs `work` holding the lock if no other process holds it; answers false, without running it, if one does. */
  tryLock(name: LockName, work: () => Promise<void>): Promise<boolean>;
  /**
   * How the node-postgres pool's connections are used right now, for the metrics. Absent on PGlite: one
   * connection inside the process, whose queue of waiting queries PGlite does not expose.
   */
  poolUse?(): PoolUse;
  /**
   * The size of PGlite's WebAssembly memory in bytes, for the metrics: PostgreSQL's whole memory inside the
   * process, which grows with what queries need and never shrinks. Absent on a PostgreSQL server.
   */
  embeddedMemoryBytes?(): number;
  close(): Promise<void>;
}

/** A connection pool at one moment: its connections (LISTEN and advisory locks included) and who waits. */
export interface PoolUse {
  /** Connections open, busy or idle. */
  total: number;
  idle: number;
  /** Queries (or lock holders) waiting for a connection because every one is busy. */
  waiting: number;
  /** The most connections the pool opens. */
  max: number;
}

/**
 * The advisory locks of the application: `schema` around migrations, `first-start` around the check and import
 * a new installation makes, `import` around any import, `housekeeping` around periodic clean-up, `reminders`
 * around the search for reminders due and the weekly digests.
 */
export const ADVISORY_LOCKS = {
  schema: 1,
  'first-start': 2,
  import: 3,
  housekeeping: 4,
  reminders: 5,
} as const;
export type LockName = keyof typeof ADVISORY_LOCKS;
/** The first key of CityBridge's two-key advisory locks, so that they do not collide with other applications'. */
const LOCK_NAMESPACE = 0x43420000;

/**
 * A node-postgres client that knows when it lost its connection (a server restart, a failover,
 * pg_terminate_backend), and marks the errors of the queries that fail after the loss, such as a transaction's
 * ROLLBACK, which node-postgres reports without a code, so that the request answers 503 DATABASE_UNAVAILABLE.
 */
class WatchedClient extends pg.Client {
  connectionLost = false;

  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on('error', () => {
      this.connectionLost = true;
    });
  }
}
const baseConnect = pg.Client.prototype.connect as (callback?: (error: Error | undefined) => void) => unknown;
// A connection that cannot be opened (the server is down or refuses this database for now) is an outage too.
WatchedClient.prototype.connect = function watchedConnect(
  this: WatchedClient,
  callback?: (error: Error | undefined) => void,
) {
  if (callback) {
    return baseConnect.call(this, (error) => {
      if (error) markLostConnection(error);
      callback(error);
    });
  }
  return (baseConnect.call(this) as Promise<void>).catch((error: unknown) => {
    markLostConnection(error);
    throw error;
  });
} as typeof pg.Client.prototype.connect;
const baseQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
WatchedClient.prototype.query = function watchedQuery(this: WatchedClient, ...args: unknown[]) {
  const result = baseQuery.apply(this, args);
  if (!(result instanceof Promise)) return result;
  return result.catch((error: unknown) => {
    if (this.connectionLost) markLostConnection(error);
    throw error;
  });
} as typeof pg.Client.prototype.query;

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
  const maxConnections = options.poolSize ?? 10;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: maxConnections,
    Client: WatchedClient,
  });
  // An idle connection that the server closes is dropped from the pool; the next query opens a new one.
  pool.on('error', () => {});
  // A checked-out connection that the server closes emits 'error' too, and the pool does not listen then: without
  // a listener the process would crash. The connection goes back to the pool at once, to be dropped, because its
  // holder may never give it back (Drizzle keeps a transaction's client when BEGIN fails); the holder's own
  // release later does nothing.
  const checkedOut = new Set<pg.PoolClient>();
  pool.on('acquire', (client) => checkedOut.add(client));
  pool.on('release', (_error, client) => checkedOut.delete(client));
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      if (!checkedOut.delete(client)) return;
      client.release(error);
      client.release = () => {};
    });
  });
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  const listeners = new Set<pg.PoolClient>();
  let closed = false;

  /**
   * Holds a dedicated connection on LISTEN. If it is lost, reports a change (to be safe), tries again every second
   * and says when it listens again.
   */
  const subscribe = async (
    channel: string,
    onMessage: (payload: string) => void,
    options: ListenOptions = {},
  ) => {
    const quoted = `"${channel.replaceAll('"', '')}"`;
    const subscription: { client?: pg.PoolClient; active: boolean; retrying: boolean } = {
      active: true,
      retrying: false,
    };
    const live = () => !closed && subscription.active;
    const retry = () => {
      // Once: a connection that fails while it starts to listen both emits 'error' and fails its LISTEN.
      if (subscription.retrying || !live()) return;
      subscription.retrying = true;
      setTimeout(() => {
        subscription.retrying = false;
        if (!live()) return;
        connect().then(() => {
          if (subscription.client) options.onReconnect?.();
        }, retry);
      }, 1000).unref();
    };
    /** Lets go of a connection that failed; answers whether it was the one listening. */
    const drop = (client: pg.PoolClient) => {
      if (subscription.client !== client) return false;
      listeners.delete(client);
      subscription.client = undefined;
      client.release(true);
      return true;
    };
    const connect = async () => {
      const client = await pool.connect();
      subscription.client = client;
      listeners.add(client);
      client.on('notification', (message) => {
        if (message.channel === channel) onMessage(message.payload ?? '');
      });
      client.on('error', () => {
        if (!drop(client) || !live()) return;
        onMessage('');
        retry();
      });
      try {
        await client.query(`LISTEN ${quoted}`);
      } catch (error) {
        drop(client);
        throw error;
      }
      // Unsubscribed or closed while connecting: the connection is not needed any more.
      if (!live()) drop(client);
    };
    try {
      await connect();
    } catch (error) {
      subscription.active = false;
      throw error;
    }
    return async () => {
      subscription.active = false;
      const { client } = subscription;
      if (!client || !listeners.delete(client)) return;
      subscription.client = undefined;
      await client.query(`UNLISTEN ${quoted}`).catch(() => {});
      client.release();
    };
  };

  /**
   * Takes an advisory lock on a connection of its own (the work uses the pool, with transactions of its own). If
   * unlocking fails the connection is closed, which ends the lock too.
   */
  const holdLock = async (name: LockName, take: 'pg_advisory_lock' | 'pg_try_advisory_lock') => {
    const client = await pool.connect();
    const keys = [LOCK_NAMESPACE, ADVISORY_LOCKS[name]];
    let locked = false;
    try {
      const { rows } = await client.query<{ locked: boolean | null }>(
        `select ${take}($1, $2) as locked`,
        keys,
      );
      locked = rows[0]?.locked !== false;
    } catch (error) {
      client.release(error as Error);
      throw error;
    }
    return {
      locked,
      unlock: async () => {
        if (!locked) return client.release();
        const failure = await client.query('select pg_advisory_unlock($1, $2)', keys).then(
          () => undefined,
          (error: Error) => error,
        );
        client.release(failure);
      },
    };
  };

  return {
    engine: 'postgres',
    db,
    migrate: () => migrateNodePg(drizzleNodePg(pool, { schema }), { migrationsFolder: MIGRATIONS_DIR }),
    listen: (channel, onMessage, options) => subscribe(channel, onMessage, options),
    withLock: async (name, work) => {
      // A session lock on a connection of its own: `work` uses the pool, and may run transactions of its own.
      const { unlock } = await holdLock(name, 'pg_advisory_lock');
      try {
        return await work();
      } finally {
        await unlock();
      }
    },
    tryLock: async (name, work) => {
      const held = await holdLock(name, 'pg_try_advisory_lock');
      try {
        if (!held.locked) return false;
        await work();
        return true;
      } finally {
        await held.unlock();
      }
    },
    poolUse: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: maxConnections,
    }),
    close: async () => {
      closed = true;
      for (const client of listeners) client.release(true);
      listeners.clear();
      await pool.end();
    },
  };
}
