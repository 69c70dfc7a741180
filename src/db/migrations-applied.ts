import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { type DbOrTx, MIGRATIONS_DIR } from './client.ts';
import { queryRows } from './query.ts';

/**
 * The time stamp of the newest migration this code ships, as drizzle records applied migrations (`created_at`, the
 * journal's `when`). Drizzle applies every migration newer than the newest it has recorded.
 */
export async function newestShippedMigration(): Promise<number> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')) as {
    entries: { when: number }[];
  };
  return Math.max(...journal.entries.map((entry) => entry.when));
}

/** The time stamp of the newest migration the database has recorded, 0 for none. Fails where it has no record. */
export async function newestAppliedMigration(db: DbOrTx): Promise<number> {
  const [row] = await queryRows<{ newest: string | number | null }>(
    db,
    sql`select max(created_at) as newest from drizzle.__drizzle_migrations`,
  );
  return Number(row?.newest ?? 0);
}

/**
 * Whether the database has every migration this code ships, in one query: what a restart asks before it
 * migrates, for drizzle's migrator runs five statements (two of them DDL, and a transaction) even when it has nothing
 * to do. A database without drizzle's record has none.
 */
export async function hasEveryMigration(db: DbOrTx): Promise<boolean> {
  const [shipped, applied] = await Promise.all([
    newestShippedMigration(),
    newestAppliedMigration(db).catch(() => Number.NaN),
  ]);
  return applied >= shipped;
}
