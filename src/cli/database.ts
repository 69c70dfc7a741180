import { type Config, loadConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { openConfiguredDatabase } from '../db/open.ts';

/** Runs a command's work against the configured, migrated database and closes it afterwards. */
export async function withDatabase<T>(work: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openConfiguredDatabase(config);
  try {
    await database.withLock('schema', () => database.migrate());
    return await work(database, config);
  } finally {
    await database.close();
  }
}
