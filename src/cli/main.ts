import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { FolderLockedError } from '../db/folder-lock.ts';
import { registerBackup } from './backup.ts';
import { registerDemo } from './demo.ts';
import { registerDoorOpener } from './door-opener.ts';
import { registerExport } from './export.ts';
import { registerImport } from './import.ts';
import { registerMigrate } from './migrate.ts';
import { registerReminders } from './reminders.ts';
import { registerSearch } from './search.ts';
import { registerServe } from './serve.ts';
import { registerStats } from './stats.ts';
import { UsageError } from './usage-error.ts';
import { registerUser } from './user.ts';

const program = new Command()
  .name('citybridge')
  .description('CityBridge: the registry, workspace and atlas of city-to-city cooperation')
  .showHelpAfterError()
  .exitOverride();

registerServe(program);
registerMigrate(program);
registerImport(program);
registerSearch(program);
registerDoorOpener(program);
registerStats(program);
registerExport(program);
registerBackup(program);
registerUser(program);
registerDemo(program);
registerReminders(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const known =
    error instanceof ConfigError ||
    error instanceof UsageError ||
    error instanceof FolderLockedError ||
    error instanceof AppError;
  process.stderr.write(`${known ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
}
