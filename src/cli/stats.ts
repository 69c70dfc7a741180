import type { Command } from 'commander';
import { countryCodeSchema } from '../core/schemas.ts';
import { countryName } from '../features/imports/world/country-labels.ts';
import { getStats } from '../features/stats/stats.service.ts';
import { withDatabase } from './database.ts';
import { parseInput } from './usage-error.ts';

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('Print totals and ties per country, country pair and kind')
    .option('-c, --country <code>', "only this country's ties")
    .option('-n, --top <n>', 'rows per table', '10')
    .option('--json', 'print JSON')
    .action(async (options: { country?: string; top: string; json?: boolean }) => {
      const country = options.country ? parseInput(countryCodeSchema, options.country, 'country') : undefined;
      const top = Math.max(1, Number.parseInt(options.top, 10) || 10);
      await withDatabase(async (database) => {
        const stats = await getStats(database.db, country);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
          return;
        }
        const out: string[] = [
          `Places        ${stats.totals.places}`,
          `Partnerships  ${stats.totals.partnerships}`,
          `Sources       ${stats.totals.sources} (${stats.totals.sourceRecords} records)`,
          '',
          'Ties per country',
          ...stats.byCountry
            .slice(0, top)
            .map((row) => `  ${countryName(row.country).padEnd(32)} ${row.partnerships}`),
          '',
          'Ties per country pair',
          ...stats.byCountryPair
            .slice(0, top)
            .map(
              (row) =>
                `  ${`${countryName(row.countries[0])} – ${countryName(row.countries[1])}`.padEnd(48)} ${row.partnerships}`,
            ),
          '',
          'Ties per kind',
          ...stats.byKind.map((row) => `  ${row.kind.padEnd(24)} ${row.partnerships}`),
        ];
        process.stdout.write(`${out.join('\n')}\n`);
      });
    });
}
