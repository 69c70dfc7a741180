import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { startHousekeeping } from './features/housekeeping/housekeeping.service.ts';
import { createMailer } from './features/mail/mailer.ts';
import { REMINDERS_INTERVAL_MS } from './features/reminders/reminders.constants.ts';
import { startReminders } from './features/reminders/reminders.service.ts';

/**
 * How long after the server starts listening its scheduled work first runs: the first answers after a restart (a
 * proxy's health check, the pages browsers reload) are not queued behind its queries.
 */
const FIRST_RUN_AFTER_MS = 10_000;

/**
 * The serving process's scheduled work: housekeeping, and reminders with the mailer they send through, from
 * `afterMs` on. Returns the function that stops it: work that has not begun never begins, and the promise resolves
 * once the runs in progress have finished.
 */
export function startBackgroundWork(
  database: Database,
  logger: Logger,
  config: Pick<Config, 'documentsDir' | 'mail' | 'publicUrl'>,
  afterMs = FIRST_RUN_AFTER_MS,
): () => Promise<void> {
  let stopWork: (() => Promise<void>) | undefined;
  const firstRun = setTimeout(() => {
    const stopHousekeeping = startHousekeeping(database, logger, { documentsDir: config.documentsDir });
    const mailer = createMailer(config.mail);
    const stopReminders = startReminders(database, logger, {
      mailer,
      publicUrl: config.publicUrl,
      intervalMs: REMINDERS_INTERVAL_MS,
    });
    stopWork = async () => {
      await stopHousekeeping();
      await stopReminders();
      mailer?.close();
    };
  }, afterMs);
  firstRun.unref();
  return async () => {
    clearTimeout(firstRun);
    await stopWork?.();
  };
}
