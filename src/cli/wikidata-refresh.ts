import { access } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { refreshIdSchema } from '../features/imports/wikidata-refresh/wikidata-refresh.schema.ts';
import {
  applyRefreshDiff,
  createRefreshDiff,
} from '../features/imports/wikidata-refresh/wikidata-refresh.service.ts';
import { refreshPaths } from '../features/imports/wikidata-refresh/wikidata-refresh.store.ts';
import {
  formatApplyResult,
  formatRefreshDiff,
} from '../features/imports/wikidata-refresh/wikidata-refresh.summary.ts';
import { withDatabase } from './database.ts';
import { importProgressReporter } from './progress.ts';
import { parseInput, UsageError } from './usage-error.ts';

interface RefreshCommandOptions {
  nodes?: string;
  links?: string;
  apply?: string;
}

/** `citybridge import wikidata-refresh`: a diff of a newer Wikidata extract, and the application of a reviewed one. */
export function registerWikidataRefresh(importCommand: Command): void {
  importCommand
    .command('wikidata-refresh')
    .description(
      'Compare a newer Wikidata P190 extract (nodes and links TSV files, as the shipped ones) with the registry ' +
        'and keep the diff for review; apply a reviewed diff with --apply. A diff is applied only while the ' +
        'registry is as it was when the diff was made; applying it twice changes nothing.',
    )
    .option('--nodes <file>', 'the cities: id, name, lng, lat, country, countrycd, continent')
    .option('--links <file>', 'the links: source, target')
    .option('--apply <diffId>', 'apply the diff of this id')
    .action(async (options: RefreshCommandOptions) => {
      if (options.apply !== undefined) {
        if (options.nodes !== undefined || options.links !== undefined) {
          throw new UsageError(
            'Give either --nodes and --links to make a diff, or --apply <diffId>, not both',
          );
        }
        const id = parseInput(refreshIdSchema, options.apply, 'diff id');
        await withDatabase(async (database, config) => {
          const progress = importProgressReporter();
          const result = await applyRefreshDiff(database, null, id, {
            reportsDir: config.reportsDir,
            onProgress: progress.onProgress,
          }).finally(progress.stop);
          process.stdout.write(`${formatApplyResult(result)}\n`);
        });
        return;
      }
      if (options.nodes === undefined || options.links === undefined) {
        throw new UsageError(
          'Give both --nodes <file> and --links <file> to make a diff, or --apply <diffId> to apply one',
        );
      }
      for (const file of [options.nodes, options.links]) {
        await access(file).catch(() => {
          throw new UsageError(`Cannot read ${file}`);
        });
      }
      const files = {
        nodes: { path: path.resolve(options.nodes), fileName: options.nodes },
        links: { path: path.resolve(options.links), fileName: options.links },
      };
      await withDatabase(async (database, config) => {
        const progress = importProgressReporter();
        const diff = await createRefreshDiff(database, files, {
          reportsDir: config.reportsDir,
          onProgress: progress.onProgress,
        }).finally(progress.stop);
        const file = refreshPaths(config.reportsDir, diff.id).diff;
        process.stdout.write(`${formatRefreshDiff(diff, file)}\n`);
      });
    });
}
