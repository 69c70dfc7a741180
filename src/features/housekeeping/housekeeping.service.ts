import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { purgeEndedCredentials } from '../auth/auth.sessions.service.ts';
import { purgeAttempts } from '../auth/sign-in-limits.ts';
import { removeAbandonedUploads } from '../files/files.store.ts';
import { removeStaleSpreadsheets } from '../imports/spreadsheet/spreadsheet.service.ts';

/** How often a serving process looks for ended sessions, used links and old sign-in counters. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export interface HousekeepingOptions {
  /** The documents folder, whose abandoned upload files are removed. */
  documentsDir?: string;
  now?: Date;
}

export interface HousekeepingSummary {
  sessions: number;
  links: number;
  signInCounters: number;
  knownDevices: number;
  abandonedUploads: number;
  staleSpreadsheets: number;
}

/**
 * Removes sessions that have ended, one-time links that are used or expired, sign-in counters whose window has
 * passed, browsers unused for over a year, upload files that a stopped process left half-written, and spreadsheets
 * uploaded for an import that was never committed, after a week. Runs in one process at a time (the housekeeping
 * lock); answers undefined when another holds it.
 */
export async function runHousekeeping(
  database: Database,
  options: HousekeepingOptions = {},
): Promise<HousekeepingSummary | undefined> {
  const now = options.now ?? new Date();
  let summary: HousekeepingSummary | undefined;
  await database.tryLock('housekeeping', async () => {
    const ended = await purgeEndedCredentials(database.db, now);
    const signInCounters = await purgeAttempts(database.db, now);
    const abandonedUploads = options.documentsDir
      ? await removeAbandonedUploads(options.documentsDir, now.getTime())
      : 0;
    const staleSpreadsheets = await removeStaleSpreadsheets(database.db, now);
    summary = { ...ended, signInCounters, abandonedUploads, staleSpreadsheets };
  });
  return summary;
}

/** Runs housekeeping now and then every interval; answers a function that stops it, after a run in progress. */
export function startHousekeeping(
  database: Database,
  logger: Logger,
  options: { documentsDir?: string; intervalMs?: number } = {},
): () => Promise<void> {
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = runHousekeeping(database, { documentsDir: options.documentsDir }).then(
      (summary) => {
        if (summary) logger.debug({ purged: summary }, 'housekeeping');
      },
      (error: unknown) => logger.warn({ err: error }, 'housekeeping failed'),
    );
  };
  run();
  const timer = setInterval(run, options.intervalMs ?? HOUSEKEEPING_INTERVAL_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
