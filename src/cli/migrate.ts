import type { Command } from 'commander';
import { describeDatabase } from '../db/open.ts';
import { withDatabase } from './database.ts';

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply the database migrations that have not been applied yet')
    .action(async () => {
      await withDatabase(async (_database, config) => {
        process.stdout.write(`Migrated: ${describeDatabase(config)}\n`);
      });
    });
}
