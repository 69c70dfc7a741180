import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import {
  ADVISORY_LOCKS,
  type Database,
  type Db,
  type ListenOptions,
  LOCK_NAMESPACE,
  type LockName,
} from './database.ts';
import { markLostConnection } from './errors.ts';
import * as schema from './schema.ts';

/**
 * The database on a PostgreSQL server, through a node-postgres pool: loaded by `openDatabase` only for a server, so
 * that a process on PGlite does not load node-postgres.
 */

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

/** Opens a node-postgres pool on the server at `options.url`, with the migrations of `migrationsFolder`. */
export async function openPostgres(
  options: { url: string; poolSize?: number },
  migrationsFolder: string,
): Promise<Database> {
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
    migrate: () => migrateNodePg(drizzleNodePg(pool, { schema }), { migrationsFolder }),
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
