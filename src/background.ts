import type { Logger } from 'pino';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { startHousekeeping } from './features/housekeeping/housekeeping.service.ts';
import { createMailer } from './features/mail/mailer.ts';
import { REMINDERS_INTERVAL_MS } from './features/reminders/reminders.constants.ts';
import { startReminders } from './features/reminders/reminders.service.ts';

/**
 * The serving process's scheduled work: housekeeping, and reminders with the mailer they send through. Resolves the
 * function that stops it, once the runs in progress have finished.
 */
export function startBackgroundWork(
  database: Database,
  logger: Logger,
  config: Pick<Config, 'documentsDir' | 'mail' | 'publicUrl'>,
): () => Promise<void> {
  const stopHousekeeping = startHousekeeping(database, logger, { documentsDir: config.documentsDir });
  const mailer = createMailer(config.mail);
  const stopReminders = startReminders(database, logger, {
    mailer,
    publicUrl: config.publicUrl,
    intervalMs: REMINDERS_INTERVAL_MS,
  });
  return async () => {
    await stopHousekeeping();
    await stopReminders();
    mailer?.close();
  };
}
