import type { SQL } from 'drizzle-orm';
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
