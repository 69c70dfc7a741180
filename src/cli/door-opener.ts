import type { Command } from 'commander';
import type { Db } from '../db/client.ts';
import { doorOpenerQuerySchema } from '../features/door-opener/door-opener.schema.ts';
import { findDoorOpeners } from '../features/door-opener/door-opener.service.ts';
import { DOOR_OPENER_LANGUAGES, type DoorOpenerLanguage } from '../features/door-opener/door-opener.texts.ts';
import { placeSearchQuerySchema } from '../features/places/places.schema.ts';
import { searchPlaces } from '../features/places/places.service.ts';
import { ReadModels } from '../features/registry/read-models.ts';
import { withDatabase } from './database.ts';
import { parseInput, UsageError } from './usage-error.ts';

const HEADINGS: Record<
  DoorOpenerLanguage,
  {
    title: (target: string, from: string) => string;
    none: string;
    score: string;
    kinds: Record<string, string>;
  }
> = {
  fi: {
    title: (target, from) => `Reitit kohteeseen ${target}, lähtöpaikkana ${from}:`,
    none: 'Reittejä ei löytynyt.',
    score: 'pisteet',
    kinds: {
      own_tie: 'oma suhde',
      member_tie: 'verkoston jäsenen suhde',
      partner_of_partner: 'kumppanin kumppani',
      partner_near: 'kumppani lähellä',
      met_at_event: 'tavattu tapahtumassa',
    },
  },
  sv: {
    title: (target, from) => `Vägar in till ${target} från ${from}:`,
    none: 'Inga vägar hittades.',
    score: 'poäng',
    kinds: {
      own_tie: 'egen förbindelse',
      member_tie: 'en nätverksmedlems förbindelse',
      partner_of_partner: 'partners partner',
      partner_near: 'partner i närheten',
      met_at_event: 'träffats vid ett evenemang',
    },
  },
  en: {
    title: (target, from) => `Ways in to ${target} from ${from}:`,
    none: 'No ways in found.',
    score: 'score',
    kinds: {
      own_tie: 'our own tie',
      member_tie: "a network member's tie",
      partner_of_partner: "a partner's partner",
      partner_near: 'a partner nearby',
      met_at_event: 'met at an event',
    },
  },
};

/** A place given as its id, or as a name: the registry search's best match. */
async function resolvePlace(db: Db, given: string, what: string): Promise<number> {
  if (/^[1-9][0-9]{0,9}$/.test(given)) return Number(given);
  const query = parseInput(placeSearchQuerySchema, { q: given, limit: 1 }, what);
  const [best] = (await searchPlaces(db, query)).results;
  if (!best) throw new UsageError(`No place found for "${given}"`);
  return best.id;
}

export function registerDoorOpener(program: Command): void {
  program
    .command('door-opener')
    .description(
      'Rank the ways in to a place, a country or a region: own ties, network members’ ties, partners’ partners, ' +
        'partners nearby, events together',
    )
    .argument(
      '<target>',
      'where to: a place (its id or a name), a country (its ISO code, CN) or a first-level region (CN.23)',
    )
    .requiredOption('--from <us>', 'searching as this place: its id or a name')
    .option('--lang <lang>', `language of the sentences (${DOOR_OPENER_LANGUAGES.join(', ')})`, 'en')
    .option('-n, --limit <n>', 'how many paths (1–50)', '10')
    .option('--json', 'print JSON')
    .action(
      async (target: string, options: { from: string; lang: string; limit: string; json?: boolean }) => {
        await withDatabase(async (database) => {
          const { db } = database;
          const query = parseInput(
            doorOpenerQuerySchema,
            {
              ...(/^[A-Z]{2}$/.test(target)
                ? { targetCountry: target }
                : /^[A-Z]{2}[.][A-Za-z0-9]+$/.test(target)
                  ? { targetRegion: target }
                  : { target: String(await resolvePlace(db, target, 'target')) }),
              fromPlace: String(await resolvePlace(db, options.from, 'from')),
              lang: options.lang,
              limit: options.limit,
            },
            'door-opener',
          );
          const language = query.lang ?? 'en';
          // Built for this one search: the CLI's process hears no changes.
          const answer = await findDoorOpeners(
            { db, readModels: new ReadModels({ revisionCheckMs: 0 }), actor: null, language },
            query,
          );
          if (options.json) {
            process.stdout.write(`${JSON.stringify(answer, null, 2)}\n`);
            return;
          }
          const words = HEADINGS[language];
          const targetName =
            answer.target.type === 'place'
              ? answer.target.place.name
              : answer.target.type === 'region'
                ? `${answer.target.name} (${answer.target.region})`
                : answer.target.country;
          process.stdout.write(`${words.title(targetName, answer.from.name)}\n`);
          if (answer.paths.length === 0) process.stdout.write(`${words.none}\n`);
          answer.paths.forEach((path, index) => {
            process.stdout.write(
              `\n${String(index + 1).padStart(3)}. ${words.kinds[path.kind]} (${words.score} ${path.score})\n`,
            );
            for (const step of path.steps) process.stdout.write(`     ${step.sentence}\n`);
          });
        });
      },
    );
}
