import type { Command } from 'commander';
import { countryName } from '../features/imports/world/country-labels.ts';
import { placeSearchQuerySchema } from '../features/places/places.schema.ts';
import { searchPlaces } from '../features/places/places.service.ts';
import { withDatabase } from './database.ts';
import { parseInput } from './usage-error.ts';

export function registerSearch(program: Command): void {
  program
    .command('search')
    .description('Search places by any name, alias, prefix or near spelling')
    .argument('<text...>', 'what to search for')
    .option('-c, --country <code>', 'only places in this country (ISO 3166-1 alpha-2)')
    .option('-n, --limit <n>', 'how many results', '10')
    .option('--json', 'print JSON')
    .action(async (words: string[], options: { country?: string; limit: string; json?: boolean }) => {
      const query = parseInput(
        placeSearchQuerySchema,
        { q: words.join(' '), country: options.country, limit: options.limit },
        'search',
      );
      await withDatabase(async (database) => {
        const result = await searchPlaces(database.db, query);
        if (options.json) {
          process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
          return;
        }
        if (result.results.length === 0) process.stdout.write('No places found.\n');
        for (const place of result.results) {
          const matched =
            place.matchedName === place.name ? '' : `  (as "${place.matchedName}", ${place.matchedLang})`;
          process.stdout.write(
            `${String(place.id).padStart(6)}  ${place.name}, ${countryName(place.country)}  ` +
              `${place.partnerCount} ties${matched}\n`,
          );
        }
      });
    });
}
