import type { Logger } from 'pino';
import type { Database } from '../../db/client.ts';
import { purgeEndedSessions } from '../auth/auth.repo.ts';
import { purgeAttempts } from '../auth/sign-in-limits.ts';

/** How often a serving process looks for ended sessions, used links and old sign-in counters. */
export const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;

export interface HousekeepingSummary {
  sessions: number;
  links: number;
  signInCounters: number;
}

/**
 * Removes sessions that have ended, one-time links that are used or expired, and sign-in counters whose window
 * has passed. Runs in one process at a time (the housekeeping lock); answers undefined when another holds it.
 */
export async function runHousekeeping(
  database: Database,
  now = new Date(),
): Promise<HousekeepingSummary | undefined> {
  let summary: HousekeepingSummary | undefined;
  await database.tryLock('housekeeping', async () => {
    const ended = await purgeEndedSessions(database.db, now);
    summary = { ...ended, signInCounters: await purgeAttempts(database.db, now) };
  });
  return summary;
}

/** Runs housekeeping now and then every interval; answers a function that stops it, after a run in progress. */
export function startHousekeeping(
  database: Database,
  logger: Logger,
  intervalMs = HOUSEKEEPING_INTERVAL_MS,
): () => Promise<void> {
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = runHousekeeping(database).then(
      (summary) => {
        if (summary) logger.debug({ purged: summary }, 'housekeeping');
      },
      (error: unknown) => logger.warn({ err: error }, 'housekeeping failed'),
    );
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await current;
  };
}
