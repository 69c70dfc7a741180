import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';

/** What the rest of the app sees of a database, on PGlite (client.ts) or on a PostgreSQL server (postgres.ts). */

export type Schema = typeof schema;
/** The Drizzle database, the same type on PGlite and on a PostgreSQL server. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A database or a transaction: repositories accept either. */
export type DbOrTx = Db | Tx;

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
export const LOCK_NAMESPACE = 0x43420000;

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
