import { eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { eventChannel } from '../../core/events.ts';
import type { Database, DbOrTx } from '../../db/client.ts';
import { importRuns } from '../../db/schema.ts';

/**
 * An import that ended, on the database it ran on: its kind (the run's dataset) and how it ended: `refused` when
 * it changed nothing because the request was at fault or out of date (an AppError, such as REFRESH_STALE).
 */
export interface ImportEnded {
  db: DbOrTx;
  kind: string;
  outcome: 'succeeded' | 'failed' | 'refused';
}

/** Every import that ends, for the metrics. */
export const importsEnded = eventChannel<ImportEnded>('citybridge.imports.ended');

/** Runs an import's work and announces how it ended on `importsEnded`. */
export async function observeImport<T>(db: DbOrTx, kind: string, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    importsEnded.publish({ db, kind, outcome: 'succeeded' });
    return result;
  } catch (error) {
    importsEnded.publish({ db, kind, outcome: error instanceof AppError ? 'refused' : 'failed' });
    throw error;
  }
}

/** What an import that was killed leaves behind is said on its run. */
export const INTERRUPTED = 'interrupted: the process stopped before the import finished';

/** Marks the runs still "running" as failed; only call it holding the import lock, when none can be running. */
async function failRunningImports(database: Database): Promise<number> {
  const rows = await database.db
    .update(importRuns)
    .set({ status: 'failed', finishedAt: new Date(), error: INTERRUPTED })
    .where(eq(importRuns.status, 'running'))
    .returning({ id: importRuns.id });
  return rows.length;
}

/**
 * Runs an import holding the import lock, so that one import runs at a time across every process on the
 * database; runs that an earlier, killed import left "running" are marked failed first. `kind` (the run's
 * dataset: `world`, `spreadsheet`, `wikidata-refresh`) names it in the metrics.
 */
export async function runImport<T>(database: Database, work: () => Promise<T>, kind = 'other'): Promise<T> {
  return observeImport(database.db, kind, () =>
    database.withLock('import', async () => {
      await failRunningImports(database);
      return work();
    }),
  );
}

/**
 * At start: marks the runs that a killed import left "running" as failed, unless an import is running right now
 * in another process (then its runs are its own). Answers how many were marked.
 */
export async function failInterruptedImports(database: Database): Promise<number> {
  let marked = 0;
  await database.tryLock('import', async () => {
    marked = await failRunningImports(database);
  });
  return marked;
}
