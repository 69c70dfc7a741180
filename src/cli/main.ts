import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.ts';
import { AppError } from '../core/errors.ts';
import { FolderLockedError } from '../db/folder-lock.ts';
import { suspendOptimizeForSize } from '../v8-flags.ts';
import { UsageError } from './usage-error.ts';

type Register = (program: Command) => void;

/**
 * Each command's module, by the names it registers. Only the module of the command that runs is loaded (all of them
 * for help), so that `serve` starts without loading what the other commands need.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  serve: async () => (await import('./serve.ts')).registerServe,
  migrate: async () => (await import('./migrate.ts')).registerMigrate,
  import: async () => (await import('./import.ts')).registerImport,
  search: async () => (await import('./search.ts')).registerSearch,
  'door-opener': async () => (await import('./door-opener.ts')).registerDoorOpener,
  stats: async () => (await import('./stats.ts')).registerStats,
  export: async () => (await import('./export.ts')).registerExport,
  backup: async () => (await import('./backup.ts')).registerBackup,
  restore: async () => (await import('./backup.ts')).registerBackup,
  user: async () => (await import('./user.ts')).registerUser,
  demo: async () => (await import('./demo.ts')).registerDemo,
  reminders: async () => (await import('./reminders.ts')).registerReminders,
};

const program = new Command()
  .name('citybridge')
  .description('CityBridge: the registry, workspace and atlas of city-to-city cooperation')
  .showHelpAfterError()
  .exitOverride();

const named = process.argv[2];
// The server's modules load without --optimize-for-size, which it turns on once it serves (see v8-flags.ts).
const favourMemory = named === 'serve' ? suspendOptimizeForSize() : () => {};
try {
  const loaders = named && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
  // backup and restore share a module: it registers both, once.
  for (const register of new Set(await Promise.all(loaders.map((load) => load())))) register(program);
  await program.parseAsync(process.argv);
  // A serving server has turned it on already (startServer suspends it too, for as long as it starts).
  favourMemory();
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
