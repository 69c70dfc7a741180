import { eq, type InferSelectModel, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from './client.ts';

type KeyedTable = PgTable & { id: PgColumn };

/** One row by its id, or undefined; with `lock`, locked for update until the transaction ends. */
export async function findById<T extends KeyedTable>(
  db: DbOrTx,
  table: T,
  id: number,
  lock = false,
): Promise<InferSelectModel<T> | undefined> {
  const query = db
    .select()
    .from(table as PgTable)
    .where(eq(table.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return row as InferSelectModel<T> | undefined;
}

/** What an update of a versioned record sets besides its fields: the next version and the time. */
export const nextVersion = (table: PgTable & { version: PgColumn }) => ({
  updatedAt: new Date(),
  version: sql`${table.version} + 1`,
});
