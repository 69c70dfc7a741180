import type { Config } from '../config.ts';
import { type Database, openDatabase } from './client.ts';

/**
 * Opens the configured database: PostgreSQL when DATABASE_URL is set, else PGlite in DATA_DIR/db. With
 * `lockWaitMs`, waits that long for the folder's lock when its holder may have died on another machine.
 */
export function openConfiguredDatabase(
  config: Pick<Config, 'databaseUrl' | 'pgliteDir'>,
  options: { lockWaitMs?: number } = {},
): Promise<Database> {
  return config.databaseUrl
    ? openDatabase({ engine: 'postgres', url: config.databaseUrl })
    : openDatabase({ engine: 'pglite', dataDir: config.pgliteDir, lockWaitMs: options.lockWaitMs });
}

/** A log-safe description of where the data lives (no password). */
export function describeDatabase(config: Pick<Config, 'databaseUrl' | 'pgliteDir'>): string {
  if (!config.databaseUrl) return `PGlite in ${config.pgliteDir}`;
  const url = new URL(config.databaseUrl);
  if (url.password) url.password = '***';
  return `PostgreSQL at ${url.toString()}`;
}
