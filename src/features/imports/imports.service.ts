import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { importRuns } from '../../db/schema.ts';

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
 * database; runs that an earlier, killed import left "running" are marked failed first.
 */
export async function runImport<T>(database: Database, work: () => Promise<T>): Promise<T> {
  return database.withLock('import', async () => {
    await failRunningImports(database);
    return work();
  });
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
