import { type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

interface RawResult {
  rows?: unknown[];
  /** PGlite */
  affectedRows?: number;
  /** node-postgres */
  rowCount?: number | null;
}

/** Runs raw SQL and answers its rows; the same on PGlite and node-postgres. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as RawResult;
  return (result.rows ?? []) as T[];
}

/** Runs a raw SQL write and answers how many rows it changed. */
export async function executeWrite(db: DbOrTx, query: SQL): Promise<number> {
  const result = (await db.execute(query)) as unknown as RawResult;
  return result.affectedRows ?? result.rowCount ?? 0;
}

/** Runs raw SQL that answers an `id` column and answers the ids. */
export async function queryIds(db: DbOrTx, query: SQL): Promise<number[]> {
  return (await queryRows<{ id: number }>(db, query)).map((row) => row.id);
}

/** Row ids as a SQL list for `in (…)`; never empty (an empty list matches nothing). */
export function idList(ids: readonly number[]): SQL {
  return ids.length === 0
    ? sql`null`
    : sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      );
}

/** A text array as SQL, built from parameters (the drivers differ in how they send JS arrays). */
export function textArray(values: readonly string[]): SQL {
  return values.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        values.map((value) => sql`${value}`),
        sql`, `,
      )}]::text[]`;
}

/**
 * Points `column` of the rows of `table` that hold `from` at `to`, where `also` holds too; answers the ids of
 * the rows changed. Table and column are names from the code, never from a request.
 */
export function repointRows(
  db: DbOrTx,
  table: string,
  column: string,
  from: number,
  to: number,
  also: SQL = sql`true`,
): Promise<number[]> {
  return queryIds(
    db,
    sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${to} where ${sql.raw(column)} = ${from} and ${also}
        returning id`,
  );
}

/** Sets `column` to `to` on the rows of `table` with the given ids. Table and column are names from the code. */
export async function moveRows(
  db: DbOrTx,
  table: string,
  column: string,
  ids: readonly number[],
  to: number,
): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`update ${sql.raw(table)} set ${sql.raw(column)} = ${to} where id in (${idList(ids)})`);
}
