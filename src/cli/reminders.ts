import type { Command } from 'commander';
import { createMailer } from '../features/mail/mailer.ts';
import { runReminders } from '../features/reminders/reminders.service.ts';
import { withDatabase } from './database.ts';

/** `citybridge reminders`: gives the reminders due now and sends the weekly digests due, as the server does hourly. */
export function registerReminders(program: Command): void {
  program
    .command('reminders')
    .description(
      'Give the reminders due now and e-mail the weekly digests due (the server does this every hour)',
    )
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withDatabase(async (database, config) => {
        const mailer = createMailer(config.mail);
        try {
          const summary = await runReminders(database, { mailer, publicUrl: config.publicUrl });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(summary ?? null, null, 2)}\n`);
          } else if (!summary) {
            process.stdout.write('Another process is giving the reminders now; nothing done.\n');
          } else {
            const lines = Object.entries(summary.given).map(([kind, n]) => `  ${kind.padEnd(24)} ${n}`);
            process.stdout.write(
              `Reminders given\n${lines.join('\n')}\nDigests e-mailed  ${summary.digests}${mailer ? '' : ' (no SMTP configured)'}\n`,
            );
          }
        } finally {
          mailer?.close();
        }
      });
    });
}
