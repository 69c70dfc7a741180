import type { Command } from 'commander';
import { runImport } from '../features/imports/imports.service.ts';
import { importWorld } from '../features/imports/world/world.import.ts';
import { shippedWorldFiles } from '../features/imports/world/world.reader.ts';
import { formatImportSummary } from '../features/imports/world/world.summary.ts';
import { withDatabase } from './database.ts';
import { registerImportFile } from './import-file.ts';
import { importProgressReporter } from './progress.ts';
import { registerWikidataRefresh } from './wikidata-refresh.ts';

export function registerImport(program: Command): void {
  const command = program.command('import').description('Import open data into the registry');
  registerImportFile(command);
  command
    .command('world')
    .description(
      "Import the world's twin-town ties (Wikidata P190, Wikipedia lists, GeoNames, Finnish municipalities). " +
        'Idempotent: a second run changes nothing.',
    )
    .option('--data-dir <dir>', 'folder with twin-towns/ and finland/ (default: the shipped data/)')
    .option('--no-report', 'do not write the reconciliation report')
    .action(async (options: { dataDir?: string; report: boolean }) => {
      await withDatabase(async (database, config) => {
        const progress = importProgressReporter();
        const summary = await runImport(database, () =>
          importWorld(database, {
            files: options.dataDir ? shippedWorldFiles(options.dataDir) : undefined,
            reportsDir: options.report ? config.reportsDir : undefined,
            onProgress: progress.onProgress,
          }),
        ).finally(progress.stop);
        process.stdout.write(`${formatImportSummary(summary)}\n`);
      });
    });
  registerWikidataRefresh(command);
}
