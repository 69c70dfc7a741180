import type { Command } from 'commander';
import { DemoError, loadDemo } from '../features/demo/demo.service.ts';
import { prepareDatabase } from '../server.ts';
import { withDatabase } from './database.ts';
import { importProgressReporter } from './progress.ts';
import { UsageError } from './usage-error.ts';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description(
      'Load a demo workspace from the Espoo–Shanghai story: organisations, the tie, people by role, activities, ' +
        'the news item as a published article, and demo users with random passwords (printed once)',
    )
    .action(async () => {
      await withDatabase(async (database, config) => {
        const progress = importProgressReporter();
        await prepareDatabase(database, {
          importOnStart: true,
          world: { reportsDir: config.reportsDir, onProgress: progress.onProgress },
        }).finally(progress.stop);
        const result = await database.db
          .transaction((tx) => loadDemo(tx, { documentsDir: config.documentsDir }))
          .catch((error: unknown) => {
            if (error instanceof DemoError) throw new UsageError(error.message);
            throw error;
          });
        const lines = [
          'Demo workspace loaded. Sign in at',
          `  ${config.publicUrl}/sign-in`,
          '',
          'Demo users (the passwords are shown only now):',
          ...result.users.map((user) => `  ${user.email.padEnd(28)} ${user.password}   ${user.role}`),
          '',
          `The Espoo–Shanghai tie: ${config.publicUrl}/partnerships/${result.partnershipId}`,
          `The news item, in "International Espoo": ${config.publicUrl}/series/international-espoo`,
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      });
    });
}
